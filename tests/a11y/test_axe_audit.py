"""axe-core audits every page and htmx state each demo role can reach, at 1280 and 375 px.

Pages come from the URL configuration filled with the role's demo objects (pages.py,
scene.py); downloads (PDF, XLSX, CSV, ICS), POST-only URLs and pages the role may not open
are left out. Page titles are checked on the way: short, unique and informative.
"""

import re
import time

import pytest
from django.urls import reverse

from .axe import Audit
from .pages import routes, urls_for
from .scene import Scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TITLE_LENGTH = 70
DOWNLOAD = re.compile(r"(\.(pdf|xlsx|csv|ics)|/pdf/)$")


def query_states(scene):
    """Filtered and paginated states of some pages (their titles must say so)."""
    states = [
        reverse("conventions:list") + "?programme=PVD",
        reverse("actions:territory_dashboard") + "?status=signee",
    ]
    for convention in scene.conventions:
        states.append(reverse("actions:plan", args=[convention.pk]) + "?maturity=en_cours")
        if convention.kind == convention.Kind.CHAPEAU:
            states.append(reverse("actions:territory_dashboard") + f"?convention={convention.pk}")
    return states


def html_pages(page, scene):
    """(url, skipped reason) for every URL of the role; reason is None for an HTML page."""
    for route in routes():
        if DOWNLOAD.search(route.route):
            continue  # PDF, spreadsheets, calendars: not pages (their links are audited)
        for url in urls_for(route, scene):
            response = page.request.get(url, max_redirects=0)
            content_type = response.headers.get("content-type", "")
            if response.status != 200:
                yield url, f"HTTP {response.status}"
            elif not content_type.startswith("text/html"):
                yield url, content_type.split(";")[0]
            else:
                yield url, None
    for url in query_states(scene):
        yield url, None


def audit_pages(page, scene, audit, titles):
    for url, skipped in html_pages(page, scene):
        if skipped:
            continue
        started = time.monotonic()
        page.goto(url)
        titles[url] = page.title()
        audit.run(page, url)
        print(f"{time.monotonic() - started:.1f}s {url}")


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
    audit.assert_clean()


def anonymous_states(page, audit):
    page.goto(reverse("login"))
    audit.run(page, "connexion")
    page.get_by_label("Identifiant").fill("cdp-libercourt")
    page.get_by_label("Mot de passe").fill("erreur")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("alert").wait_for()
    audit.run(page, "connexion refusée")
