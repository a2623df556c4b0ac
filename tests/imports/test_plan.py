"""Reading plan d'action files and their cells (imports.plan)."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from imports import plan
from imports.plan import PENDING, PlanFileError, PlanValueError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 500,50", Decimal("1500.50")),
        ("1500.50", Decimal("1500.50")),
        ("1 500 €", Decimal("1500.00")),
        ("1\u202f500\u00a0€", Decimal("1500.00")),
        ("1.500.000", Decimal("1500000.00")),
        ("1.500,5", Decimal("1500.50")),
        ("", None),
    ],
)
def test_french_numbers(text, expected):
    assert plan.parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["abc", "12,5,3", "-40", "1 2x"])
def test_bad_numbers_say_why_in_french(text):
    with pytest.raises(PlanValueError):
        plan.parse_decimal(text)


def test_pending_amounts():
    assert plan.parse_amount("") == PENDING
    assert plan.parse_amount("À préciser") == PENDING
    assert plan.parse_amount("20 000") == Decimal("20000.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2026", datetime.date(2026, 12, 31)),
        ("2026-12-31", datetime.date(2026, 12, 31)),
        ("46022", datetime.date(2025, 12, 31)),  # an Excel serial day number
        ("", None),
    ],
)
def test_dates(text, expected):
    assert plan.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "demain", "12/2026"])
def test_bad_dates(text):
    with pytest.raises(PlanValueError, match="n’est pas une date"):
        plan.parse_date(text)


def test_choices_read_labels_and_values_blind_to_case_and_accents():
    assert plan.parse_maturity("EN REFLEXION") == "en_reflexion"
    assert plan.parse_maturity("En cours et à poursuivre") == "en_cours"
    assert plan.parse_status("Acquis / notifié") == "acquis"
    assert plan.parse_status("acquis") == "acquis"
    assert plan.parse_nature("Prêt") == "pret"
    with pytest.raises(PlanValueError, match="Maturité « mûre » inconnue"):
        plan.parse_maturity("mûre")


def test_csv_header_after_a_preamble_with_semicolons_in_windows_1252():
    text = "Plan d’action;Libercourt\r\n\r\nAxe;Numéro;Action;Total\r\n1;1.1;Réfection église;9\r\n"
    parsed = plan.read_rows(text.encode("cp1252"), "plan.csv")
    assert parsed["columns"] == ["axis", "code", "title"]
    assert parsed["rows"] == [{"line": 4, "axis": "1", "code": "1.1", "title": "Réfection église"}]


def test_csv_with_commas_and_bom():
    text = 'Axe,Numéro,Action,Montant (€)\n2,2.1,Halle,"1 500,50"\n'
    parsed = plan.read_rows(text.encode("utf-8-sig"), "plan.csv")
    assert parsed["rows"][0]["amount"] == "1 500,50"


def test_export_protected_formulas_come_back_as_their_text():
    text = 'Axe;Numéro;Action\n1;1.1;\'=HYPERLINK("x")\n'
    parsed = plan.read_rows(text.encode(), "plan.csv")
    assert parsed["rows"][0]["title"] == '=HYPERLINK("x")'


def test_xlsx_formulas_are_read_as_text_never_evaluated():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Axe", "Numéro", "Action", "Début"])
    sheet.append([1, "1.1", "=1+1", datetime.datetime(2025, 3, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = plan.read_rows(buffer.getvalue(), "plan.xlsx")["rows"][0]
    assert row == {"line": 2, "axis": "1", "code": "1.1", "title": "=1+1", "start": "2025-03-01"}


def test_limits_and_unreadable_files():
    with pytest.raises(PlanFileError, match="2 Mo"):
        plan.read_rows(b"x" * (plan.MAX_BYTES + 1), "plan.csv")
    many = "Axe;Numéro;Action\n" + "".join(f"1;{n};Action {n}\n" for n in range(2001))
    with pytest.raises(PlanFileError, match="2000 lignes"):
        plan.read_rows(many.encode(), "plan.csv")
    with pytest.raises(PlanFileError, match="en-têtes"):
        plan.read_rows(b"a;b;c\n1;2;3\n", "plan.csv")
    with pytest.raises(PlanFileError, match="XLSX"):
        plan.read_rows(b"PK\x03\x04garbage", "plan.xlsx")
