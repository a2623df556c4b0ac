"""A comité member reads the Libercourt tableau de bord and downloads the maquette."""

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_copil_member_opens_the_dashboard_and_downloads_the_xlsx(demo, login, tmp_path):
    page = login("copil-libercourt", "portail-ort-demo")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Tableau de bord"
    ).click()
    page.get_by_role("link", name="LIBERCOURT-ORT").click()
    assert page.get_by_role("heading", name="Tableau de bord", exact=True).is_visible()
    main = page.locator("main").inner_text()
    # The demo plan: 44 actions, none réalisée yet, no amount in the seeds.
    assert "0,0 % des actions réalisées" in main
    assert "Actions projetées sans fiche-action" in main
    assert "Comité de pilotage intercommunal Libercourt – CAHC" in main
    # Each chart has its data table beside it.
    assert page.get_by_role("table", name="Nombre d’actions par axe et par maturité").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Maquette financière en XLSX").click()
    download = download_info.value
    assert download.suggested_filename.startswith("libercourt-ort-maquette-financiere-")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    summary = load_workbook(path)["Synthèse"]
    assert "LIBERCOURT-ORT" in summary["A2"].value
    # No funding line in the demo data: the totals row comes first.
    assert summary["A5"].value == "Total des financements des tiers"
