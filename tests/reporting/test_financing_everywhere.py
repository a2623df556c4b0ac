"""Issue 12, done when: an ACV action of 7.8 M€ with 6.5 M€ of grants, a 1.3 M€ loan of
the Banque des Territoires and the commune's own share shows the same financing, loan and
reste à charge on the plan, the fiche, the dashboard, the maquette (page, XLSX, PDF), the
CSV, the PDFs and the signed version; a request without amount is shown as pending
everywhere and counted nowhere. Built on a new convention (factories), not the demo."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from actions.financing import figures_of
from actions.models import Action, Funding
from signatures.services.freezing import freeze_version
from signatures.snapshot.present import financing_totals
from tests import factories as f
from tests.pdf_flow import prepared_pdf

pytestmark = pytest.mark.django_db

S = Funding.Status
FINANCING, LOAN, CHARGE = "6 500 000", "1 300 000", "1 300 000"


@pytest.fixture
def halle(convention):
    """The action, its grants (5.5 M€ acquired, 1 M€ sollicité), the loan, the commune's
    own share, and a FEDER request « sollicité » whose amount is still to be specified."""
    commune = f.OrganisationFactory(name="Commune d’Arras", category="commune")
    bdt = f.OrganisationFactory(name="Banque des Territoires")
    axis = f.AxisFactory(convention=convention, number=1, title="Commerce")
    action = f.ActionFactory(
        axis=axis,
        code="1.1",
        title="Halle du marché",
        has_fiche=True,
        project_owner=commune,
        estimated_cost=Decimal("7800000"),
    )

    def line(funder, amount, **values):
        name = funder if isinstance(funder, str) else None
        funder = f.OrganisationFactory(name=name) if name else funder
        return f.FundingFactory(action=action, funder=funder, amount=amount, **values)

    line("État (DSIL)", Decimal("3500000"), status=S.ACQUIS, year=2025)
    line("Région Hauts-de-France", Decimal("2000000"), status=S.VERSE, year=2026)
    line("Département du Pas-de-Calais", Decimal("1000000"), status=S.SOLLICITE, year=None)
    line(bdt, Decimal("1300000"), loan=True, year=2026)
    line(commune, Decimal("1300000"), own_share=True, year=None, period_start=2025, period_end=2027)
    line("Union européenne (FEDER)", None, status=S.SOLLICITE, year=2026)
    return action


def squash(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text).replace("\u202f", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text)


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return squash("\n".join(page.extract_text() for page in reader.pages))


def get(client, user, name, *args, **query):
    client.force_login(user)
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200
    return response


def prepared(client, user, name, *args):
    client.force_login(user)
    return prepared_pdf(client, reverse(name, args=args)).content


def test_the_rule_itself(halle):
    figures = figures_of(halle.estimated_cost, halle.fundings.all())
    assert figures.financing == Decimal("6500000")
    assert (figures.acquired, figures.pending) == (Decimal("5500000"), Decimal("1000000"))
    assert figures.loans == Decimal("1300000")
    assert figures.owner_share == Decimal("1300000")
    assert figures.remaining_charge == Decimal("1300000")
    assert figures.unknown == 1


def test_plan_page(halle, convention, owner, client):
    text = squash(get(client, owner, "actions:plan", convention.pk).text)
    assert f"financements {FINANCING} €" in text
    assert f"prêts et avances, à part : {LOAN} €" in text
    assert f"reste à charge des maîtres d’ouvrage : {CHARGE} €" in text
    assert "1 demande au montant à préciser, non comptée" in text


def test_fiche(halle, owner, client):
    text = squash(get(client, owner, "actions:detail", halle.pk).text)
    assert f"Financements des tiers (hors demandes refusées) {FINANCING},00 €" in text
    assert f"Prêts et avances remboursables (à part) {LOAN},00 €" in text
    assert f"(coût − financements des tiers) {CHARGE},00 €" in text
    assert "1 demande en attente, sans montant : comptée dans aucun total" in text
    assert (
        "Union européenne (FEDER) 2026 Subvention Investissement Sollicité montant à préciser"
        in text
    )
    assert "Commune d’Arras 2025–2027 Fonds propres" in text


def test_dashboard_page_and_pdf(halle, convention, reader, client):
    page = squash(get(client, reader, "reporting:dashboard", convention.pk).text)
    pdf = pdf_text(prepared(client, reader, "reporting:dashboard_pdf", convention.pk))
    for text in (page, pdf):
        assert f"Financements des tiers {FINANCING},00 €" in text
        assert f"Prêts et avances remboursables (à part) {LOAN},00 €" in text
        assert f"Reste à charge des maîtres d’ouvrage {CHARGE},00 €" in text
        assert "Demandes au montant à préciser (inconnu) 1 demande" in text
        assert "Pluriannuel ou sans année" in text  # the Département's and the commune's


def test_maquette_page_and_pdf(halle, convention, reader, client):
    page = squash(get(client, reader, "reporting:financial_model", convention.pk).text)
    pdf = pdf_text(prepared(client, reader, "reporting:financial_model_pdf", convention.pk))
    for text in (page, pdf):
        assert f"Financements des tiers {FINANCING},00 €" in text
        assert f"Prêts et avances remboursables (à part) {LOAN},00 €" in text
        assert f"Reste à charge des maîtres d’ouvrage {CHARGE},00 €" in text
        assert "1 demande en attente, comptée dans aucun total" in text
        assert "montant à préciser" in text


def test_maquette_xlsx(halle, convention, reader, client):
    content = get(client, reader, "reporting:financial_model_xlsx", convention.pk).content
    summary = load_workbook(io.BytesIO(content))["Synthèse"]
    labels = {row[1].value: row[5].value for row in summary.iter_rows(min_row=5) if row[1].value}
    assert labels["Financements des tiers"] == 6500000
    assert labels["Prêts et avances remboursables (à part)"] == 1300000
    assert labels["Reste à charge des maîtres d’ouvrage"] == 1300000
    assert labels["Demandes au montant à préciser (nombre)"] == 1
    total_row = next(
        r
        for r in summary.iter_rows(min_row=5)
        if isinstance(r[0].value, str) and "tiers" in r[0].value
    )
    assert total_row[-1].value == 6500000
    cells = [cell.value for row in summary.iter_rows(min_row=5) for cell in row]
    assert "à préciser" in cells


def test_plan_csv_and_xlsx(halle, convention, reader, client):
    content = get(client, reader, "reporting:plan_csv", convention.pk).content
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    row = dict(zip(rows[2], rows[3], strict=True))
    assert row["Financements hors refusés (€)"] == "6500000,00"
    assert row["Prêts et avances, à part (€)"] == "1300000,00"
    assert row["Reste à charge (€)"] == "1300000,00"
    assert row["Montants à préciser"] == "1"
    content = get(client, reader, "reporting:plan_xlsx", convention.pk).content
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[6]][11:16] == [6500000, 5500000, 1300000, 1300000, 1]


def test_signed_version_json_pdf_and_comparison(halle, convention, reader, client):
    version = freeze_version(convention=convention, signed_on=timezone.localdate())
    totals = financing_totals(version.content)
    assert (totals["funded"], totals["loans"], totals["remaining_charge"], totals["unknown"]) == (
        Decimal("6500000"),
        Decimal("1300000"),
        Decimal("1300000"),
        1,
    )
    lines = version.content["axes"][0]["actions"][0]["fundings"]
    feder = next(line for line in lines if line["funder"].startswith("Union"))
    assert (feder["amount"], feder["status_code"], feder["category"]) == (
        None,
        "sollicite",
        "third_party",
    )
    text = pdf_text(bytes(version.archive.pdf))
    assert f"financements prévisionnels des tiers : {FINANCING} €" in text
    assert f"prêts et avances remboursables, à part : {LOAN} €" in text
    assert f"reste à charge des maîtres d’ouvrage : {CHARGE} €" in text
    assert "1 demande au montant à préciser, non comptée" in text
    # A second version after the FEDER amount is known: the comparison says what moved.
    feder_line = halle.fundings.get(amount=None)
    feder_line.amount = Decimal("500000")
    feder_line.save()
    freeze_version(convention=convention, signed_on=timezone.localdate())
    response = get(client, reader, "signatures:compare", convention.pk, de=1, a=2)
    text = squash(response.text)
    assert f"Financements prévisionnels des tiers {FINANCING},00 € 7 000 000,00 €" in text
    assert f"Prêts et avances remboursables (à part) {LOAN},00 € {LOAN},00 €" in text
    assert "Demandes au montant à préciser 1 0" in text


def test_the_pending_request_is_counted_nowhere(halle, convention):
    """Removing the request without amount changes no figure anywhere."""
    before = Action.objects.filter(pk=halle.pk).financing_totals()
    halle.fundings.filter(amount=None).delete()
    after = Action.objects.filter(pk=halle.pk).financing_totals()
    assert before.unknown == 1 and after.unknown == 0
    assert (before.financing, before.loans, before.remaining_charge) == (
        after.financing,
        after.loans,
        after.remaining_charge,
    )
