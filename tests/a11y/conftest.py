import pytest

from .scene import PASSWORD, complete_demo


@pytest.fixture
def scene_data(demo):
    complete_demo()
    return demo


@pytest.fixture
def role_page(browser, live_server):
    """A logged-in page per role: one context each, the login done once through the form.
    CSP is bypassed so that axe-core can be injected as an inline script."""
    contexts = []

    def open_as(username, **options):
        context = browser.new_context(
            base_url=live_server.url, locale="fr-FR", bypass_csp=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            page.goto("/connexion/")
            page.get_by_label("Identifiant").fill(username)
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.wait_for_url("**/")
        return page

    yield open_as
    for context in contexts:
        context.close()
