import os

import pytest
from django.contrib.auth import get_user_model

from conventions.demo import DemoLoader
from conventions.models import Profile

from .factories import ConventionFactory, ProfileFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


@pytest.fixture
def demo(db):
    """The demo data of fixtures/: the real Libercourt and Lens-Liévin conventions."""
    return DemoLoader().load()


@pytest.fixture
def demo_user(demo):
    def get(username):
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def convention(db):
    return ConventionFactory(signed=True)


@pytest.fixture
def owner(convention):
    """The chef de projet of `convention`."""
    return ProfileFactory(conventions=[convention]).user


@pytest.fixture
def reader(convention):
    """A comité member reading `convention`."""
    return ProfileFactory(role=Profile.Role.MEMBRE_COMITE, conventions=[convention]).user


@pytest.fixture
def outsider(db):
    """A chef de projet of another territory."""
    return ProfileFactory(conventions=[ConventionFactory()]).user


@pytest.fixture
def admin_user(db):
    user = UserFactory(username="administratrice", is_staff=True, is_superuser=True)
    ProfileFactory(user=user, role=Profile.Role.ADMIN)
    return user


# Browser tests: Playwright drives Debian's Chromium against the live server.


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the Django test code
    # beside it stays synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Logs a user in through the login form, as a person would."""

    def do_login(username, password):
        page.goto("/connexion/")
        page.get_by_label("Identifiant").fill(username)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url("**/")
        return page

    return do_login
