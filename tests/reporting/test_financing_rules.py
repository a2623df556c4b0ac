"""Every page states the same financing figures for the same plan (one rule, art. 6.1 / 6.8):
refused requests and abandoned actions are out of the totals; the reste à financer is the
cost minus the financing, the reste à charge the cost minus the third parties' financing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from actions.financing import financing_summary
from actions.models import Action, Funding
from reporting import dashboards
from signatures.snapshot.build import snapshot_of
from signatures.snapshot.present import financing_totals
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(convention):
    commune = f.OrganisationFactory(name="Commune", category="commune")
    etat = f.OrganisationFactory(name="État", category="etat")
    region = f.OrganisationFactory(name="Région", category="region")
    axis = f.AxisFactory(convention=convention)
    a1 = f.ActionFactory(axis=axis, estimated_cost=Decimal("100000"), project_owner=commune)
    f.FundingFactory(action=a1, funder=etat, amount=Decimal("40000"), status=Funding.Status.ACQUIS)
    f.FundingFactory(action=a1, funder=commune, amount=Decimal("20000"))
    f.FundingFactory(
        action=a1, funder=region, amount=Decimal("10000"), status=Funding.Status.REFUSE
    )
    a2 = f.ActionFactory(
        axis=axis, estimated_cost=Decimal("50000"), maturity=Action.Maturity.ABANDONNEE
    )
    f.FundingFactory(action=a2, funder=etat, amount=Decimal("30000"), status=Funding.Status.ACQUIS)
    a3 = f.ActionFactory(axis=axis, estimated_cost=None)
    f.FundingFactory(
        action=a3, funder=etat, amount=Decimal("5000"), status=Funding.Status.SOLLICITE
    )
    return a1


def test_dashboard(convention, plan):
    figures = dashboards.financing(dashboards.actions_of([convention]))
    assert figures.cost == Decimal("100000")
    assert figures.total == Decimal("65000")  # 40 000 + 20 000 + 5 000
    assert figures.remaining == Decimal("40000")  # costed actions only: 100 000 − 60 000
    assert figures.owners_share == Decimal("60000")  # 100 000 − (60 000 − 20 000)


def test_fiche_agrees_with_the_dashboard(plan):
    summary = financing_summary(Action.objects.for_fiche().get(pk=plan.pk))
    assert summary.total == Decimal("60000")
    assert summary.refused == Decimal("10000")
    assert summary.remaining == Decimal("40000")
    assert summary.owners_share == Decimal("60000")


def test_plan_page_agrees_with_the_dashboard(client, owner, convention, plan):
    client.force_login(owner)
    totals = client.get(reverse("actions:plan", args=[convention.pk])).context["totals"]
    assert totals.count == 3
    assert (totals.cost, totals.financing) == (Decimal("100000"), Decimal("65000"))


def test_signed_version_totals_agree_with_the_dashboard(convention, plan):
    totals = financing_totals(snapshot_of(convention))
    assert (totals["cost"], totals["funded"]) == (Decimal("100000"), Decimal("65000"))


def test_versions_frozen_without_the_status_code_still_leave_refusals_out(convention, plan):
    snapshot = snapshot_of(convention)
    for axis in snapshot["axes"]:
        for action in axis["actions"]:
            for funding in action["fundings"]:
                del funding["status_code"]
    totals = financing_totals(snapshot)
    assert (totals["cost"], totals["funded"]) == (Decimal("100000"), Decimal("65000"))
