import http.server
import os
import threading

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Profile
from demo.loader import DemoLoader

from .factories import ConventionFactory, ProfileFactory, UserFactory
from .pickers_data import Territories

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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last: once Playwright's session-wide event loop runs in the main
    thread, Django's test client can no longer call an async view (the health endpoint)."""
    items.sort(key=lambda item: "browser" in item.fixturenames)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Tasks run in the test's process, as on SQLite, even when CI's PostgreSQL would queue
    them for a worker; a test of the queue itself sets the database backend."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }


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


@pytest.fixture
def territories(db):
    """Two territories and a national body, for the search pickers (tests/pickers_data.py)."""
    return Territories()


@pytest.fixture
def local_http_server():
    """A server on the loopback that records every request it receives (to prove that a
    PDF fetched nothing a user typed)."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


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
