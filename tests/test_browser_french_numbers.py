"""Issue 12: an amount typed the French way is stored as written, whatever the browser's
number locale (a type=number input in an English browser turned « 1500,50 » into 150050)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import Funding

from .factories import PASSWORD, ActionFactory, AxisFactory, OrganisationFactory
from .pickers import pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def action(convention):
    axis = AxisFactory(convention=convention, number=1, title="Commerce")
    OrganisationFactory(name="Région Hauts-de-France")
    return ActionFactory(axis=axis, code="1.1", title="Halle du marché")


def open_page(browser, live_server, locale, username):
    context = browser.new_context(base_url=live_server.url, locale=locale)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")
    return context, page


@pytest.mark.parametrize("locale", ["fr-FR", "en-US"])
def test_1_500_50_is_stored_as_1500_50(locale, browser, live_server, action, owner):
    context, page = open_page(browser, live_server, locale, owner.username)
    try:
        # The action's estimated cost.
        page.goto(reverse("actions:edit", args=[action.pk]))
        cost = page.get_by_label("Coût estimatif HT (€)")
        assert cost.get_attribute("type") == "text"
        assert cost.get_attribute("inputmode") == "decimal"
        cost.fill("")
        cost.press_sequentially("1 500,50")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        page.wait_for_url(f"**{reverse('actions:detail', args=[action.pk])}")
        action.refresh_from_db()
        assert action.estimated_cost == Decimal("1500.50")

        # A financing line's amount, then a wrong one: refused in French, the text kept.
        page.goto(reverse("actions:fundings", args=[action.pk]))
        line = page.get_by_role("group", name="Nouvelle ligne 1")
        pick(line, "Rechercher un financeur", "region", "Région Hauts-de-France")
        line.get_by_label("Année").fill("2026")
        line.get_by_label("Montant (€)").press_sequentially("1 500,50")
        page.get_by_role("button", name="Enregistrer le plan de financement").click()
        page.locator("#financing-total").wait_for()
        assert Funding.objects.get(action=action).amount == Decimal("1500.50")

        page.goto(reverse("actions:edit", args=[action.pk]))
        cost = page.get_by_label("Coût estimatif HT (€)")
        cost.fill("")
        cost.press_sequentially("mille cinq cents")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        error = page.locator("#id_estimated_cost ~ .fr-error-text, .fr-error-text").first
        error.wait_for()
        assert "n’est pas un montant" in page.locator("main").inner_text()
        assert page.get_by_label("Coût estimatif HT (€)").input_value() == "mille cinq cents"
        action.refresh_from_db()
        assert action.estimated_cost == Decimal("1500.50")
    finally:
        context.close()
