"""A financeur chosen with the keyboard through the picker's search (ort_portal.pickers):
the focus stays in the search field, the live region says how many were found, Tab reaches
the select, the arrow keys choose, and the saved line shows the financeur."""

import pytest
from django.urls import reverse

from actions.models import Funding
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def action(territories):
    axis = f.AxisFactory(convention=territories.convention_a, number=1, title="Commerce")
    for number in range(40):
        f.OrganisationFactory(name=f"Organisme national {number:02}")
    f.OrganisationFactory(name="Région Hauts-de-France")
    f.OrganisationFactory(name="Conseil départemental du Pas-de-Calais")
    return f.ActionFactory(axis=axis, code="1.1", title="Halle du marché")


def test_a_financeur_is_searched_and_chosen_with_the_keyboard(page, login, territories, action):
    territories.chef_a.set_password(f.PASSWORD)
    territories.chef_a.save()
    login(territories.chef_a.username, f.PASSWORD)
    page.goto(reverse("actions:fundings", args=[action.pk]))
    line = page.get_by_role("group", name="Nouvelle ligne 1")
    search = line.get_by_role("searchbox", name="Rechercher un financeur")
    select = line.get_by_role("combobox", name="Financeur", exact=True)
    assert select.locator("option").count() == 1

    search.focus()
    page.keyboard.type("regi")
    status = line.get_by_role("status")
    status.filter(has_text="1 résultat.").wait_for()
    assert search.evaluate("element => element === document.activeElement")
    assert select.locator("option").all_inner_texts()[1:] == ["Région Hauts-de-France"]

    page.keyboard.press("Tab")
    assert select.evaluate("element => element === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert select.input_value() != ""

    line.get_by_label("Année").fill("2026")
    line.get_by_label("Montant (€)").fill("12000")
    page.get_by_role("button", name="Enregistrer le plan de financement").click()
    page.locator("#financing-total").wait_for()
    funding = Funding.objects.get(action=action)
    assert funding.funder.name == "Région Hauts-de-France"
    assert funding.history.get().history_user == territories.chef_a
    assert "Région Hauts-de-France" in page.locator("#financement").inner_text()


def test_the_search_of_many_says_the_first_thirty_are_shown(page, login, territories, action):
    territories.chef_a.set_password(f.PASSWORD)
    territories.chef_a.save()
    login(territories.chef_a.username, f.PASSWORD)
    page.goto(reverse("actions:fundings", args=[action.pk]))
    line = page.get_by_role("group", name="Nouvelle ligne 1")
    search = line.get_by_role("searchbox", name="Rechercher un financeur")
    search.fill("organisme")
    line.get_by_role("status").filter(has_text="Plus de 30 résultats").wait_for()
    assert (
        line.get_by_role("combobox", name="Financeur", exact=True).locator("option").count() == 31
    )
    # On a 375 px phone the search field and the select fit the screen.
    page.set_viewport_size({"width": 375, "height": 800})
    for element in (search, line.get_by_role("combobox", name="Financeur", exact=True)):
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    # Enter searches again: it does not send the form.
    search.press("Enter")
    assert not Funding.objects.exists()
    assert page.url.endswith(reverse("actions:fundings", args=[action.pk]))
