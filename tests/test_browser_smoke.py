"""A person logs in with the demo accounts and sees their conventions."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chef_de_projet_logs_in_and_sees_only_their_conventions(demo, login):
    page = login("cdp-libercourt", "portail-ort-demo")
    assert page.get_by_role("heading", name="Mes conventions").is_visible()
    body = page.locator("main").inner_text()
    assert "Libercourt" in body
    assert "Lens" not in body
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/connexion/")


def test_wrong_password_shows_a_french_message(demo, page):
    page.goto("/connexion/")
    page.get_by_label("Identifiant").fill("cdp-libercourt")
    page.get_by_label("Mot de passe").fill("erreur")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("alert").inner_text().startswith("Identifiant ou mot de passe")
    assert page.get_by_label("Identifiant").input_value() == "cdp-libercourt"
