"""Financing lines as conventions write them (issue 12): a request without amount, a
multi-year total, another maître d'ouvrage; all saved through the fiche's forms."""

from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import ActionOwner, Funding
from tests import factories as f
from tests.reporting.test_financing_everywhere import squash

from .test_views_editing import edit_data, funding_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(convention):
    axis = f.AxisFactory(convention=convention, number=1, title="Habitat")
    return f.ActionFactory(axis=axis, code="1.1", title="Halle", costed=True)


@pytest.fixture
def region(db):
    return f.OrganisationFactory(name="Région Hauts-de-France")


def test_a_request_without_amount_over_a_period_is_saved_and_shown_pending(
    client, owner, action, region
):
    client.force_login(owner)
    url = reverse("actions:fundings", args=[action.pk])
    line = {"funder": region.pk, "status": "sollicite", "period_start": 2025, "period_end": 2027}
    response = client.post(url, funding_data(action.version, [line]))
    assert response.status_code == 302
    funding = Funding.objects.get()
    assert (funding.amount, funding.year, funding.when) == (None, None, "2025–2027")
    page = squash(client.get(reverse("actions:detail", args=[action.pk])).text)
    assert "Région Hauts-de-France 2025–2027 Subvention" in page
    assert "montant à préciser" in page
    assert "1 demande en attente, sans montant : comptée dans aucun total" in page


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ({"year": 2025, "period_start": 2025, "period_end": 2027}, "year", "pas les deux"),
        ({"period_start": 2025}, "period_end", "année de début et une année de fin"),
        ({"period_start": 2027, "period_end": 2025}, "period_end", "avant de commencer"),
        ({"amount": "1 500,5O"}, "amount", "n’est pas un montant"),
    ],
)
def test_wrong_lines_are_refused_in_french_next_to_the_field(
    client, owner, action, region, line, field, message
):
    client.force_login(owner)
    url = reverse("actions:fundings", args=[action.pk])
    response = client.post(url, funding_data(action.version, [{"funder": region.pk, **line}]))
    assert response.status_code == 200
    assert message in " ".join(response.context["formset"].forms[0].errors[field])
    assert not Funding.objects.exists()


def test_another_maitre_d_ouvrage_is_saved_with_the_action(client, owner, action):
    epf = f.OrganisationFactory(name="EPF Hauts-de-France")
    client.force_login(owner)
    data = edit_data(action, estimated_cost="1 500 000,00 €") | {
        "owners-TOTAL_FORMS": 1,
        "owners-INITIAL_FORMS": 0,
        "owners-0-organisation": epf.pk,
        "owners-0-phase": "acquisition",
        "owners-0-share": "40",
        "owners-0-period_start": 2025,
        "owners-0-period_end": 2026,
    }
    response = client.post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.estimated_cost == Decimal("1500000.00")
    owner_row = ActionOwner.objects.get()
    assert str(owner_row) == "EPF Hauts-de-France (acquisition, 40 %, 2025–2026)"
    assert owner_row.history.get().history_user == owner
    page = squash(client.get(reverse("actions:detail", args=[action.pk])).text)
    assert "Autres maîtres d’ouvrage EPF Hauts-de-France (acquisition, 40 %, 2025–2026)" in page


def test_the_plan_filters_by_any_maitre_d_ouvrage(client, owner, action, convention):
    epf = f.OrganisationFactory(name="EPF Hauts-de-France")
    f.ActionOwnerFactory(action=action, organisation=epf, phase="acquisition")
    other = f.ActionFactory(axis=action.axis, code="1.2", title="Parc")
    client.force_login(owner)
    response = client.get(reverse("actions:plan", args=[convention.pk]), {"project_owner": epf.pk})
    shown = [a.pk for group in response.context["axes"] for a in group.actions]
    assert shown == [action.pk] and other.pk not in shown
    assert "EPF Hauts-de-France (acquisition)" in squash(response.text)
