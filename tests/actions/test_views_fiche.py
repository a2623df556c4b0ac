"""The fiche-action page: fields, financing plan, indicators, decisions, history, access."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Funding
from governance.models import Decision
from tests import factories as f

from .plan_data import build_plan
from .test_views_plan import squash

pytestmark = pytest.mark.django_db


def fiche_url(action):
    return reverse("actions:detail", args=[action.pk])


@pytest.fixture
def action(convention):
    axis = f.AxisFactory(convention=convention, number=1, title="Habitat")
    action = f.ActionFactory(
        axis=axis,
        code="1.3",
        title="Requalification de l’îlot Jaurès",
        costed=True,
        project_owner=f.OrganisationFactory(name="Commune de Libercourt"),
        description="Démolition et reconstruction",
    )
    action.partners.set([f.OrganisationFactory(name="EPF Hauts-de-France")])
    anah = f.OrganisationFactory(name="Anah")
    region = f.OrganisationFactory(name="Région Hauts-de-France")
    f.FundingFactory(action=action, funder=anah, year=2024, amount=Decimal("20000"))
    f.FundingFactory(
        action=action, funder=anah, year=2025, amount=Decimal("15000"), status=Funding.Status.ACQUIS
    )
    f.FundingFactory(
        action=action,
        funder=region,
        year=2025,
        amount=Decimal("50000"),
        status=Funding.Status.REFUSE,
    )
    indicator = f.IndicatorFactory(action=action, label="Logements réhabilités", target=Decimal(20))
    f.MeasurementFactory(indicator=indicator, date=datetime.date(2024, 12, 31), value=Decimal(4))
    f.MeasurementFactory(indicator=indicator, date=datetime.date(2025, 12, 31), value=Decimal(9))
    return action


def test_fiche_shows_fields_financing_and_remaining_cost(client, action, owner):
    client.force_login(owner)
    page = squash(client.get(fiche_url(action)))
    assert "Action 1.3 : Requalification de l’îlot Jaurès" in page
    assert "Commune de Libercourt" in page and "EPF Hauts-de-France" in page
    assert "Démolition et reconstruction" in page
    # 20 000 + 15 000 counted; the refused 50 000 € request is not.
    assert "35 000,00 €, dont 15 000,00 € acquis ou versés (43 %)" in page.replace("\xa0", " ")
    assert "Demandes refusées</dt><dd>50 000,00 €" in page.replace("\xa0", " ")
    assert 'id="remaining-cost">65 000,00 €' in page.replace("\xa0", " ")
    assert "Refusé" in page and "Acquis / notifié" in page
    assert "Modifier le plan de financement" in page


def test_fiche_shows_indicator_target_and_last_value(client, action, owner):
    client.force_login(owner)
    page = squash(client.get(fiche_url(action)))
    assert "Logements réhabilités" in page
    assert "cible : 20 logements" in page
    assert "dernière valeur : <strong>9 logements</strong> au 31/12/2025" in page


def test_fiche_shows_comite_decisions_and_history_with_author(client, action, owner):
    meeting = f.MeetingFactory(committee=f.CommitteeFactory(conventions=[action.axis.convention]))
    decision = f.DecisionFactory(meeting=meeting, kind=Decision.Kind.VALIDATION_ACTION)
    decision.actions.add(action)
    client.force_login(owner)
    client.post(
        reverse("actions:maturity", args=[action.pk]),
        {"maturity": "en_cours", "version": action.version},
    )
    page = squash(client.get(fiche_url(action)))
    assert "Validée en comité de projet du 12/03/2026" in page
    history = page[page.index('id="historique"') :]
    assert "Maturité : Projetée → En cours et à poursuivre" in history
    assert owner.get_full_name() in history
    assert "Ligne de financement : Anah, 2024" in history


def test_reader_sees_the_fiche_without_edit_controls(client, action, reader):
    client.force_login(reader)
    page = squash(client.get(fiche_url(action)))
    assert "Requalification de l’îlot Jaurès" in page
    assert "Modifier" not in page and "Marquer réalisée" not in page
    assert "Ajouter un indicateur" not in page


def test_outsider_gets_404(client, action, outsider):
    client.force_login(outsider)
    assert client.get(fiche_url(action)).status_code == 404


def test_fiche_query_count_does_not_grow_with_the_plan(
    client, owner, convention, django_assert_num_queries
):
    _, small = build_plan(convention, actions=5)
    large_convention = f.ConventionFactory(signed=True)
    owner.portal_profile.conventions.add(large_convention)
    _, large = build_plan(large_convention, actions=50, fundings_per_action=12)
    client.force_login(owner)
    with CaptureQueriesContext(connection) as context:
        client.get(fiche_url(small[0]))
    with django_assert_num_queries(len(context)):
        page = squash(client.get(fiche_url(large[-1])))
    assert "Action de test 50" in page and "2035" in page
    print(f"fiche-action: {len(context)} requêtes (2 ou 12 financements, plan de 5 ou 50)")


def test_fiche_says_when_the_action_is_late(client, owner, convention):
    late = f.ActionFactory(
        axis=f.AxisFactory(convention=convention),
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2024, 6, 30),
        maturity="en_cours",
    )
    done = f.ActionFactory(axis=late.axis, end_date=datetime.date(2024, 6, 30), maturity="realisee")
    client.force_login(owner)
    page = client.get(reverse("actions:detail", args=[late.pk])).content.decode()
    assert "En retard : fin prévue le 30/06/2024" in page
    page = client.get(reverse("actions:detail", args=[done.pk])).content.decode()
    assert "En retard" not in page
