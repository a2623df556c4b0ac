"""A chef de projet works on the Libercourt plan d'action in the browser; others cannot."""

import re

import pytest
from django.urls import reverse

from actions.models import Action
from conventions.models import Convention

from .pickers import pick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "portail-ort-demo"


def libercourt():
    return Convention.objects.get(is_ort=True, communes__name="Libercourt")


def test_chef_de_projet_filters_edits_in_place_and_sees_the_history(demo, login):
    convention = libercourt()
    axis = convention.axes.get(number=1)
    action = axis.actions.filter(maturity=Action.Maturity.EN_COURS).order_by("position").first()
    other_axis_action = convention.axes.get(number=2).actions.first()

    page = login("cdp-libercourt", PASSWORD)
    page.get_by_role("link", name=convention.title).click()
    page.get_by_role("link", name="Plan d’action").click()
    page.wait_for_url(f"**{reverse('actions:plan', args=[convention.pk])}")

    # The filters are folded under their accordion button until opened.
    page.get_by_role("button", name="Filtrer les actions").click()
    page.get_by_label("Axe", exact=True).select_option(str(axis.pk))
    page.get_by_label("Maturité", exact=True).select_option("en_cours")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    page.wait_for_url(re.compile(r"axis=\d+&maturity=en_cours"))
    main = page.locator("main")
    assert action.title in main.inner_text()
    assert other_axis_action.title not in main.inner_text()

    # Maturity in place: htmx replaces the row, the page does not reload.
    filtered_url = page.url
    row = page.locator(f"#action-{action.pk}")
    row.get_by_label(f"Maturité de l’action {action.code}").select_option("projetee")
    with page.expect_response(reverse("actions:maturity", args=[action.pk]).join(["**", ""])):
        row.get_by_role("button", name=re.compile("Enregistrer")).click()
    assert page.url == filtered_url
    page.locator(f"#action-{action.pk} option[value=projetee][selected]").wait_for(state="attached")
    action.refresh_from_db()
    assert action.maturity == Action.Maturity.PROJETEE

    # Financing in place on the fiche.
    page.get_by_role("link", name=action.title).click()
    fiche_url = page.url
    page.get_by_role("link", name="Modifier le plan de financement").click()
    line = page.get_by_role("group", name="Nouvelle ligne 1")
    pick(
        line,
        "Rechercher un financeur",
        "caisse des depots",
        "Caisse des Dépôts et Consignations (Banque des Territoires)",
    )
    line.get_by_label("Année").fill("2024")
    line.get_by_label("Montant (€)").fill("45000")
    line.get_by_label("État de la demande").select_option("acquis")
    page.get_by_role("button", name="Enregistrer le plan de financement").click()
    total = page.locator("#financing-total")
    total.wait_for()
    assert re.search(r"45\s000,00 €, dont 45\s000,00 € acquis", total.inner_text())
    assert page.url == fiche_url
    assert action.fundings.get().amount == 45000

    page.get_by_role("link", name="Historique").first.click()
    history = page.locator("main").inner_text()
    assert "Maturité : En cours et à poursuivre → Projetée" in history
    assert (
        "Ligne de financement : Caisse des Dépôts et Consignations (Banque des Territoires), 2024"
        in history
    )
    assert "Camille Durand" in history


def test_lens_lievin_chef_de_projet_cannot_reach_libercourt(demo, login):
    convention = libercourt()
    page = login("cdp-lens-lievin", PASSWORD)
    assert "Libercourt" not in page.locator("main").inner_text()
    response = page.goto(reverse("actions:plan", args=[convention.pk]))
    assert response.status == 404
    page.goto(reverse("reporting:list"))
    assert "Libercourt" not in page.locator("main").inner_text()


def test_copil_member_reads_without_edit_controls_and_gets_403_on_post(demo, login):
    convention = libercourt()
    action = convention.axes.get(number=1).actions.first()
    page = login("copil-libercourt", PASSWORD)
    page.goto(reverse("actions:plan", args=[convention.pk]))
    main = page.locator("main")
    assert action.title in main.inner_text()
    assert main.get_by_role("button", name=re.compile("Enregistrer|Monter|Descendre")).count() == 0
    assert main.get_by_role("link", name=re.compile("Ajouter")).count() == 0
    page.goto(reverse("actions:detail", args=[action.pk]))
    assert page.get_by_role("link", name=re.compile("Modifier")).count() == 0
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        reverse("actions:maturity", args=[action.pk]),
        form={"maturity": "abandonnee", "version": str(action.version)},
        headers={"X-CSRFToken": token},
    )
    assert response.status == 403
    action.refresh_from_db()
    assert action.maturity != Action.Maturity.ABANDONNEE
