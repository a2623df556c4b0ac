"""At 375 px (a phone), the pages reflow (RGAA 10.11, WCAG 1.4.10): no page-level horizontal
scroll (a wide table scrolls inside its own focusable region, see portal.js), and their
headings never skip a level (RGAA 9.1: h1 → h3 without h2). One browser, one login per
role: the demo conventions of each kind, the chapeau included, and a page of each kind."""

import pytest
from django.urls import reverse

from conventions.models import Amendment, Convention
from directory.models import Organisation
from ort_portal.accessibility import AUDIT

from .scene import Scene
from .states import goto

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The width the accessibility statement names (ort_portal.accessibility).
WIDTH = AUDIT["reflow_width"]
PAGE_WIDTH = "() => document.documentElement.scrollWidth"
# What sticks out on the right: to name the culprit in a failure.
WIDER = """width => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > width + 1
    && !e.closest('.fr-table__container, [role=region]'))
  .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`)"""
HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length)
  .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""


def admin_urls():
    """Every demo convention's page (the chapeau's included), the chapeau's consolidated
    dashboard and plan, a signed avenant, the home page, the territory dashboard, and the
    directory's tables whose row buttons carry visually hidden texts (they once stuck out
    of their scrolling table: the page scrolled sideways)."""
    urls = [reverse("reporting:home"), reverse("reporting:territory_dashboard")]
    for convention in Convention.objects.order_by("pk"):
        urls.append(reverse("conventions:detail", args=[convention.pk]))
    chapeau = Convention.objects.get(reference="LENS-LIEVIN-CHAPEAU")
    acv = Convention.objects.get(reference="LENS-LIEVIN-ACV")
    signed = Amendment.objects.filter(convention=acv).order_by("number").first()
    urls += [
        reverse("reporting:dashboard", args=[chapeau.pk]),
        reverse("actions:plan", args=[chapeau.pk]),
        reverse("reporting:financial_model", args=[acv.pk]),
        reverse("signatures:amendment", args=[acv.pk, signed.number]),
        reverse("reporting:territory_dashboard") + f"?convention={chapeau.pk}",
        reverse("accounts:users"),
        reverse("directory:organisation", args=[first_represented_organisation()]),
    ]
    return urls


def first_represented_organisation():
    return Organisation.objects.filter(representatives__isnull=False).order_by("pk").first().pk


def chef_de_projet_urls(scene):
    """Libercourt's richest pages: its plan, fiche, dashboard, maquette, comité, séance,
    versions and draft avenant (tests/a11y/scene.py completes the demo)."""
    libercourt = scene.libercourt
    draft = Amendment.objects.get(convention=libercourt, status=Amendment.Status.PROJET)
    return [
        reverse("reporting:home"),
        reverse("conventions:detail", args=[libercourt.pk]),
        reverse("actions:plan", args=[libercourt.pk]),
        reverse("actions:detail", args=[scene.action.pk]),
        reverse("reporting:dashboard", args=[libercourt.pk]),
        reverse("reporting:financial_model", args=[libercourt.pk]),
        reverse("governance:committee_detail", args=[scene.meeting.committee_id]),
        reverse("governance:meeting_detail", args=[scene.meeting.pk]),
        reverse("signatures:versions", args=[libercourt.pk]),
        reverse("signatures:amendment", args=[libercourt.pk, draft.number]),
    ]


def skipped_levels(headings):
    skips = []
    previous = None
    for level, text in headings:
        if previous is None and level != 1:
            skips.append(f"starts with h{level} « {text} »")
        elif previous is not None and level > previous + 1:
            skips.append(f"h{previous} → h{level} « {text} »")
        previous = level
    return skips


def test_pages_reflow_at_375_px_with_no_skipped_heading_level(scene_data, role_page):
    problems = []
    for username, urls in [
        ("admin", admin_urls()),
        ("cdp-libercourt", chef_de_projet_urls(Scene("cdp-libercourt"))),
    ]:
        page = role_page(username, viewport={"width": WIDTH, "height": 800})
        for url in urls:
            response = goto(page, url)
            assert response.status == 200, url
            width = page.evaluate(PAGE_WIDTH)
            if width > WIDTH + 1:
                wider = page.evaluate(WIDER, WIDTH)
                problems.append(f"{username} {url}: {width} px wide ({', '.join(wider)})")
            problems += [
                f"{username} {url}: {skip}" for skip in skipped_levels(page.evaluate(HEADINGS))
            ]
    assert not problems, "\n".join(problems)
