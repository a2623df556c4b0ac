"""Exports: maquette XLSX and PDF, plan CSV and XLSX, dashboard PDF (see known_plan)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.pdf_flow import prepared_pdf
from tests.reporting.test_dashboard import build_known_plan, page_text


@pytest.fixture
def known_plan(convention):
    return build_known_plan(convention)


EXPORTS = [
    "reporting:financial_model_xlsx",
    "reporting:financial_model_pdf",
    "reporting:plan_csv",
    "reporting:plan_xlsx",
    "reporting:dashboard_pdf",
]


def evaluate(sheet, formula):
    """The value of the SUM / SUMIF formulas the exports write (ranges and cells added up)."""
    if not isinstance(formula, str):
        return Decimal(str(formula))
    sumif = re.fullmatch(
        r'=SUMIF\(([A-Z]+\d+):([A-Z]+\d+),"<>([^"]*)",([A-Z]+\d+):([A-Z]+\d+)\)', formula
    )
    if sumif:
        criteria = [row[0].value for row in sheet[sumif[1] : sumif[2]]]
        amounts = [row[0].value for row in sheet[sumif[4] : sumif[5]]]
        return sum(
            (
                Decimal(str(a))
                for c, a in zip(criteria, amounts, strict=True)
                if c != sumif[3] and a
            ),
            Decimal(0),
        )
    total = Decimal(0)
    for term in formula.lstrip("=").split("+"):
        match = re.fullmatch(r"SUM\(([A-Z]+\d+):([A-Z]+\d+)\)", term)
        cells = sheet[match[1] : match[2]] if match else [[sheet[term]]]
        for row in cells:
            for cell in row:
                total += evaluate(sheet, cell.value) if cell.value not in (None, "") else 0
    return total


def download(client, user, name, convention):
    client.force_login(user)
    return client.get(reverse(name, args=[convention.pk]))


@pytest.mark.parametrize("name", EXPORTS)
def test_outsider_gets_no_export(name, convention, known_plan, outsider, client):
    assert download(client, outsider, name, convention).status_code == 404
    assert client.post(reverse(name, args=[convention.pk])).status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_anonymous_gets_no_export(name, convention, client):
    response = client.get(reverse(name, args=[convention.pk]))
    assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_maquette_xlsx_totals_match_the_page(convention, known_plan, reader, client):
    response = download(client, reader, "reporting:financial_model_xlsx", convention)
    assert response["Content-Disposition"].endswith(f'-{timezone.localdate():%Y-%m-%d}.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Synthèse", "2024", "2025", "2026", "2027"]
    summary = workbook["Synthèse"]
    assert convention.reference in summary["A2"].value
    assert f"exporté le {timezone.localdate():%d/%m/%Y}" in summary["A2"].value
    assert summary.freeze_panes == "A5"
    assert [c.value for c in summary[4]] == [
        "Axe",
        "Action",
        "Maître d’ouvrage",
        "Financeur",
        "Nature",
        "2024",
        "2025",
        "2026",
        "2027",
        "Total",
    ]
    assert summary["F5"].number_format == "#,##0.00 €"
    # Six action × financeur × nature rows (5 to 10), the totals row 11: the third
    # parties' financing of the rule, the loan and the commune's own share left out.
    assert summary["A11"].value == "Total des financements des tiers"
    totals = [evaluate(summary, summary.cell(row=11, column=c).value) for c in range(6, 11)]
    assert totals == [Decimal(v) for v in ("60000", "100000", "90000", "0", "250000")]
    figures = {summary.cell(r, 2).value: summary.cell(r, 6).value for r in range(13, 22)}
    assert figures["Prêts et avances remboursables (à part)"] == 30000
    assert figures["Reste à charge des maîtres d’ouvrage"] == 550000
    # The per-row total formula of 1.1 × État adds its years.
    etat_row = next(
        r
        for r in range(5, 11)
        if summary.cell(r, 2).value == "1.1 Action 1.1" and summary.cell(r, 4).value == "État"
    )
    assert evaluate(summary, summary.cell(etat_row, 10).value) == Decimal("150000")


def test_maquette_xlsx_year_sheets(convention, known_plan, reader, client):
    response = download(client, reader, "reporting:financial_model_xlsx", convention)
    year = load_workbook(io.BytesIO(response.content))["2026"]
    assert year.freeze_panes == "A5"
    assert [c.value for c in year[4]][4:] == [
        "Prévu",
        "Sollicité",
        "Acquis / notifié",
        "Refusé",
        "Versé",
        "Financements des tiers",
        "Prêts et avances (à part)",
        "Part des maîtres d’ouvrage",
        "Montants à préciser",
    ]
    # 2026: 1.1 État sollicité 50 000, 1.1 Région refusé 80 000, 2.1 Région sollicité 40 000.
    assert year["A8"].value == "Total 2026"
    assert evaluate(year, year["F8"].value) == Decimal("90000")
    assert evaluate(year, year["H8"].value) == Decimal("80000")
    assert evaluate(year, year["J8"].value) == Decimal("90000")
    assert year["J5"].number_format == "#,##0.00 €"

    # The same totals are on the page.
    client.force_login(reader)
    text = page_text(client.get(reverse("reporting:financial_model", args=[convention.pk])))
    assert (
        "Total des financements des tiers 60 000,00 € 100 000,00 € 90 000,00 € 0,00 € "
        "250 000,00 €" in text
    )


def test_plan_csv_opens_in_a_french_spreadsheet_and_matches_the_page(
    convention, known_plan, reader, client
):
    response = download(client, reader, "reporting:plan_csv", convention)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert convention.reference in lines[0][0]
    assert lines[0][2] == f"exporté le {timezone.localtime():%d/%m/%Y à %H:%M}"
    header, rows = lines[2], lines[3:]
    assert header[3] == "Action" and header[9] == "Coût estimatif HT (€)"
    by_code = {row[2]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_code) == {"1.1", "1.2", "2.1", "2.2", "2.3"}
    a1 = by_code["1.1"]
    assert a1["Coût estimatif HT (€)"] == "500000,00"
    # 100 + 50 thousand: the commune's own 70 000 and the 30 000 loan are not financing.
    assert a1["Financements hors refusés (€)"] == "150000,00"
    assert a1["Prêts et avances, à part (€)"] == "30000,00"
    assert a1["Reste à charge (€)"] == "350000,00"
    assert a1["dont acquis ou versés (€)"] == "100000,00"
    assert a1["Maître d’ouvrage"] == "Commune de Testville"
    assert a1["Fin"] == "31/12/2035"
    assert by_code["2.3"]["Coût estimatif HT (€)"] == ""
    # The financing of the actions still in the plan is the maquette page's total.
    in_plan = sum(
        Decimal(row["Financements hors refusés (€)"].replace(",", "."))
        for row in by_code.values()
        if row["Maturité"] != "Abandonnée"
    )
    client.force_login(reader)
    text = page_text(client.get(reverse("reporting:financial_model", args=[convention.pk])))
    assert in_plan == Decimal("250000")
    assert "Total des financements des tiers" in text and "250 000,00 €" in text


def test_plan_xlsx_for_the_anct(convention, known_plan, reader, client):
    response = download(client, reader, "reporting:plan_xlsx", convention)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert convention.reference in sheet["A2"].value
    assert sheet.freeze_panes == "A5"
    assert sheet["D4"].value == "Action"
    assert sheet["A10"].value == "Total hors actions abandonnées"  # actions on rows 5 to 9
    abandoned = [
        row for row in sheet.iter_rows(min_row=5, max_row=9) if row[4].value == "Abandonnée"
    ]
    assert [row[9].value for row in abandoned] == [Decimal("50000")]
    # The abandoned action 2.2 is listed but left out of the total, as on the dashboard.
    assert evaluate(sheet, sheet["J10"].value) == Decimal("800000")
    assert sheet["J5"].number_format == "#,##0.00 €"
    assert sheet["I5"].number_format == "DD/MM/YYYY"


def pdf_text(content: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " ")), len(reader.pages)


def test_dashboard_pdf_states_reference_date_and_figures(convention, known_plan, reader, client):
    client.force_login(reader)
    response = prepared_pdf(client, reverse("reporting:dashboard_pdf", args=[convention.pk]))
    assert response["Content-Disposition"].endswith(f'-{timezone.localdate():%Y-%m-%d}.pdf"')
    text, pages = pdf_text(response.content)
    assert convention.reference in text
    assert f"établi le {timezone.localdate():%d/%m/%Y}" in text
    assert "25,0 %" in text and "37,5 %" in text
    assert "550 000,00 €" in text and "Reste à charge des maîtres d’ouvrage" in text
    assert pages >= 2


def test_maquette_pdf_states_reference_date_and_totals(convention, known_plan, reader, client):
    client.force_login(reader)
    url = reverse("reporting:financial_model_pdf", args=[convention.pk])
    text, _ = pdf_text(prepared_pdf(client, f"{url}?annee=2026").content)
    assert convention.reference in text
    assert f"établi le {timezone.localdate():%d/%m/%Y}" in text
    assert "90 000,00 €" in text and "250 000,00 €" in text
    assert "Consolidation annuelle au 31 décembre 2026" in text
