"""A chef de projet records a séance of Libercourt's comité de projet in the browser."""

import pytest

from actions.models import Action
from directory.models import Representative
from governance.models import Committee, CommitteeMember, Decision

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chef_de_projet_records_a_séance_with_attendance_and_a_decision(demo, login):
    committee = Committee.objects.get(
        kind=Committee.Kind.COMITE_PROJET, conventions__reference="LIBERCOURT-ORT"
    )
    for last_name, role in [("MACIEJASZ", "president"), ("RAFFY", "membre")]:
        representative = Representative.objects.get(last_name=last_name)
        CommitteeMember.objects.create(
            committee=committee,
            representative=representative,
            organisation=representative.organisation,
            role=role,
        )

    page = login("cdp-libercourt", "portail-ort-demo")
    page.get_by_role("link", name="Comités", exact=True).click()
    page.get_by_role("link", name=committee.name).click()
    page.get_by_label("Date et heure").fill("2026-03-12T14:00")
    page.get_by_label("Lieu").fill("Salle du conseil")
    page.get_by_label("Ordre du jour").fill("Avancement du plan d’action")
    page.get_by_role("button", name="Planifier la séance").click()
    page.get_by_role("heading", name="Séance du 12/03/2026 à 14h00").wait_for()

    page.get_by_role("link", name="Enregistrer les présences").click()
    page.get_by_label("Présence de M. Daniel MACIEJASZ").select_option("present")
    page.get_by_label("Présence de M. Jean-François RAFFY").select_option("represente")
    page.get_by_label("M. Jean-François RAFFY représenté par").fill("Mme la secrétaire générale")
    page.get_by_label("Nom de l’invité").fill("M. Dupont, Banque des Territoires")
    page.get_by_role("button", name="Enregistrer les présences").click()
    presences = page.get_by_role("table", name="Présences à la séance")
    presences.wait_for()
    assert "Mme la secrétaire générale" in presences.inner_text()
    assert "M. Dupont, Banque des Territoires (invité)" in presences.inner_text()

    page.get_by_label("Type").select_option("validation_action")
    page.get_by_role("textbox", name="Décision").fill("Le comité valide la fiche PIG.")
    page.locator("label", has_text="1.2 – Déploiement du PIG").click()
    page.get_by_role("button", name="Ajouter au relevé").click()
    relevé = page.get_by_role("region", name="Relevé de décisions")
    relevé.get_by_text("Le comité valide la fiche PIG.").wait_for()
    assert "Actions : 1.2 – Déploiement du PIG" in relevé.inner_text()

    action = Action.objects.get(axis__convention__reference="LIBERCOURT-ORT", code="1.2")
    assert [d.text for d in Decision.objects.for_action(action)] == [
        "Le comité valide la fiche PIG."
    ]
