"""axe-core audits every page and htmx state each demo role can reach, at 1280 and 375 px.

Pages come from the URL configuration filled with the role's demo objects (pages.py,
scene.py); downloads (PDF, XLSX, CSV, ICS), POST-only URLs and pages the role may not open
are left out. Page titles are checked on the way: short, unique and informative.
"""

import re

import pytest
from django.urls import reverse

from ort_portal.accessibility import AUDIT

from .axe import Audit, axe_version
from .pages import routes, urls_for
from .scene import Scene
from .states import financing_states, goto, plan_states, refused_form_states

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TITLE_LENGTH = 70
DOWNLOAD = re.compile(r"(\.(pdf|xlsx|csv|ics)|/pdf/)$")


def query_states(scene):
    """Filtered states of some pages (their titles must say so) and the plan's ordering."""
    states = [
        reverse("reporting:list") + "?programme=pvd",
        reverse("reporting:territory_dashboard") + "?status=signee",
        reverse("accessibility"),
    ]
    for convention in scene.conventions:
        states.append(reverse("actions:plan", args=[convention.pk]) + "?maturity=en_cours")
        if scene.user.has_perm("conventions.edit_convention", convention):
            states.append(reverse("actions:plan", args=[convention.pk]) + "?ordre=1")
        if convention.kind == convention.Kind.CHAPEAU:
            states.append(reverse("reporting:territory_dashboard") + f"?convention={convention.pk}")
    return states


def role_urls(scene):
    for route in routes():
        if DOWNLOAD.search(route.route):
            continue  # PDF, spreadsheets, calendars: not pages (their links are audited)
        yield from urls_for(route, scene)
    yield from query_states(scene)


def audit_pages(page, scene, audit, titles):
    """Every HTML page the role may open; POST-only URLs (405), downloads and pages it may
    not open (403, 404) are passed over, told apart by a request that does not navigate.
    Any other failure to open a page fails the audit (none is skipped silently)."""
    for url in role_urls(scene):
        answer = page.request.get(url)
        if answer.status >= 500:
            audit.failures.append(f"■ {url}: erreur {answer.status} du serveur")
        if answer.status != 200 or "text/html" not in answer.headers.get("content-type", ""):
            continue
        goto(page, url)
        titles[url] = page.title()
        audit.run(page, url)


def check_titles(titles, audit):
    problems = [
        f"{url}: « {title} » ({len(title)} caractères)"
        for url, title in titles.items()
        if len(title) > MAX_TITLE_LENGTH
    ]
    seen = {}
    for url, title in titles.items():
        if title in seen:
            problems.append(f"{url} and {seen[title]} share the title « {title} »")
        seen.setdefault(title, url)
    if problems:
        audit.failures.append("■ Titres de page\n  " + "\n  ".join(problems))


ROLES = ["admin", "cdp-libercourt", "copil-libercourt"]


def test_every_page_state_of_every_demo_role_passes_axe(scene_data, role_page):
    """One test for the three roles and the anonymous pages: the demo is loaded once."""
    audit = Audit()
    anonymous_states(role_page(None), audit)
    for username in ROLES:
        scene = Scene(username)
        page = role_page(username)
        titles = {}
        audit_pages(page, scene, audit, titles)
        check_titles(titles, audit)
        if scene.edits_libercourt:
            plan_states(page, audit, scene.libercourt, scene.action)
            financing_states(page, audit, scene.action)
            refused_form_states(page, audit, scene.action, scene.meeting)
    audit.assert_clean()
    # The accessibility statement never claims more than this audit does.
    assert AUDIT["engine_version"] == axe_version()
    assert len(audit.states) >= AUDIT["page_states"]


def anonymous_states(page, audit):
    page.goto(reverse("accounts:login"))
    audit.run(page, "connexion")
    page.get_by_label("Identifiant").fill("cdp-libercourt")
    page.get_by_label("Mot de passe").fill("erreur")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("alert").wait_for()
    audit.run(page, "connexion refusée")
