"""A chef de projet imports a plan d'action file in the browser: preview, then confirm."""

import pytest
from django.urls import reverse

from actions.models import Action
from conventions.models import Convention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "portail-ort-demo"


def test_chef_de_projet_uploads_reads_the_preview_and_confirms(demo, login, tmp_path):
    convention = Convention.objects.get(reference="LIBERCOURT-ORT")
    existing = convention.axes.get(number=1).actions.order_by("position").first()
    csv_file = tmp_path / "plan.csv"
    csv_file.write_bytes(
        (
            "Axe;Numéro;Action;Maturité;Coût estimatif HT (€)\r\n"
            "1;1.99;Maison du projet en centre-ville;Projetée;120 000\r\n"
            f"1;{existing.code};{existing.title};Abandonnée;\r\n"
        ).encode("cp1252")
    )

    page = login("cdp-libercourt", PASSWORD)
    page.goto(reverse("actions:plan", args=[convention.pk]))
    page.get_by_role("link", name="Importer un plan (XLSX, CSV)").click()
    page.get_by_label("Fichier du plan d’action").set_input_files(csv_file)
    page.get_by_role("button", name="Voir l’aperçu").click()

    summary = page.locator("#import-summary").inner_text()
    assert "1 action à créer" in summary and "1 à mettre à jour" in summary
    rows = page.locator("#import-actions tbody").inner_text()
    assert "Maison du projet en centre-ville" in rows
    assert "Maturité :" in rows and "→ Abandonnée" in rows
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)

    page.get_by_role("button", name="Confirmer l’import").click()
    page.wait_for_url(f"**{reverse('actions:plan', args=[convention.pk])}")
    assert "Plan importé : 1 action(s) créée(s), 1 mise(s) à jour" in page.inner_text("main")
    assert "Maison du projet en centre-ville" in page.inner_text("main")
    existing.refresh_from_db()
    assert existing.maturity == Action.Maturity.ABANDONNEE
    created = Action.objects.get(axis__convention=convention, code="1.99")
    assert created.history.get().history_user.username == "cdp-libercourt"
