"""The financing rule has one home (actions.financing); every page, export and signed
version states what that rule says. These tests check the rule itself, then each output
against it (never the copies against each other)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from actions.financing import (
    LOAN,
    NATURE_CATEGORY,
    OWNER_SHARE,
    THIRD_PARTY,
    Figures,
    figures_of,
    total_of,
)
from actions.financing_table import financing_summary
from actions.models import Action, Funding
from signatures.snapshot.build import snapshot_of
from signatures.snapshot.present import financing_totals
from tests import factories as f

pytestmark = pytest.mark.django_db

N, S = Funding.Nature, Funding.Status


def line(nature, status, amount):
    return {"nature": nature, "status": status, "amount": amount}


def test_every_nature_has_a_category():
    assert set(NATURE_CATEGORY) == set(N)
    assert NATURE_CATEGORY[N.SUBVENTION] == THIRD_PARTY
    assert NATURE_CATEGORY[N.PRET] == NATURE_CATEGORY[N.AVANCE] == LOAN
    assert NATURE_CATEGORY[N.FONDS_PROPRES] == OWNER_SHARE


def test_a_loan_is_not_financing_and_lowers_no_reste_a_charge():
    figures = figures_of(
        Decimal("7800000"),
        [
            line(N.SUBVENTION, S.ACQUIS, Decimal("6500000")),
            line(N.PRET, S.ACQUIS, Decimal("1300000")),
            line(N.FONDS_PROPRES, S.PREVU, Decimal("300000")),
        ],
    )
    assert figures.financing == figures.acquired == Decimal("6500000")
    assert figures.loans == Decimal("1300000")
    assert figures.owner_share == Decimal("300000")
    assert figures.remaining_charge == Decimal("1300000")
    assert figures.remaining == Decimal("1000000")


def test_a_request_without_amount_is_pending_and_counted_nowhere():
    figures = figures_of(
        Decimal("100"),
        [line(N.SUBVENTION, S.SOLLICITE, None), line(N.SUBVENTION, S.SOLLICITE, Decimal("40"))],
    )
    assert figures.unknown == 1
    assert (figures.pending, figures.financing, figures.remaining_charge) == (40, 40, 60)


def test_refused_lines_are_shown_and_never_counted():
    figures = figures_of(None, [line(N.SUBVENTION, S.REFUSE, Decimal("10"))])
    assert figures.refused == Decimal("10")
    assert (figures.financing, figures.unknown, figures.remaining_charge) == (0, 0, None)


def test_the_financing_of_an_uncosted_action_lowers_no_cost():
    costed = figures_of(Decimal("100"), [line(N.SUBVENTION, S.ACQUIS, Decimal("30"))])
    uncosted = figures_of(None, [line(N.SUBVENTION, S.ACQUIS, Decimal("50"))])
    total = total_of([costed, uncosted])
    assert (total.cost, total.financing, total.remaining_charge) == (100, 80, 70)


@pytest.fixture
def plan(convention):
    """Three actions (one abandoned, one without cost), lines of every kind."""
    commune = f.OrganisationFactory(name="Commune", category="commune")
    etat = f.OrganisationFactory(name="État", category="etat")
    region = f.OrganisationFactory(name="Région", category="region")
    axis = f.AxisFactory(convention=convention)
    a1 = f.ActionFactory(axis=axis, estimated_cost=Decimal("100000"), project_owner=commune)
    f.FundingFactory(action=a1, funder=etat, amount=Decimal("40000"), status=S.ACQUIS)
    f.FundingFactory(action=a1, funder=commune, amount=Decimal("20000"), own_share=True)
    f.FundingFactory(action=a1, funder=etat, amount=Decimal("15000"), loan=True)
    f.FundingFactory(action=a1, funder=region, to_be_specified=True)
    f.FundingFactory(action=a1, funder=region, amount=Decimal("10000"), status=S.REFUSE)
    a2 = f.ActionFactory(
        axis=axis, estimated_cost=Decimal("50000"), maturity=Action.Maturity.ABANDONNEE
    )
    f.FundingFactory(action=a2, funder=etat, amount=Decimal("30000"), status=S.ACQUIS)
    a3 = f.ActionFactory(axis=axis, estimated_cost=None)
    f.FundingFactory(action=a3, funder=etat, amount=Decimal("5000"), status=S.SOLLICITE)
    return [a1, a2, a3]


def expected(actions) -> Figures:
    """The rule applied to the actions still in the plan, line by line in Python."""
    live = [a for a in actions if a.maturity != Action.Maturity.ABANDONNEE]
    return total_of(figures_of(a.estimated_cost, a.fundings.all()) for a in live)


def test_the_rule_on_the_fixture_is_what_a_person_computes(plan):
    figures = expected(plan)
    assert figures.cost == Decimal("100000")
    assert figures.financing == Decimal("45000")  # 40 000 acquired + 5 000 sollicité
    assert figures.loans == Decimal("15000")
    assert figures.owner_share == Decimal("20000")
    assert figures.unknown == 1
    assert figures.remaining_charge == Decimal("60000")  # costed action: 100 000 − 40 000


def test_queryset_totals_follow_the_rule(convention, plan):
    totals = Action.objects.filter(axis__convention=convention).financing_totals()
    assert totals == expected(plan)


def test_queryset_annotations_follow_the_rule(plan):
    for action in Action.objects.filter(pk__in=[a.pk for a in plan]).with_financing():
        assert action.figures == figures_of(action.estimated_cost, action.fundings.all())


def test_fiche_follows_the_rule(plan):
    summary = financing_summary(Action.objects.for_fiche().get(pk=plan[0].pk))
    assert summary.figures == figures_of(plan[0].estimated_cost, plan[0].fundings.all())
    assert sum(row.total for row in summary.rows) == summary.figures.financing


def test_plan_page_totals_follow_the_rule(client, owner, convention, plan):
    client.force_login(owner)
    totals = client.get(reverse("actions:plan", args=[convention.pk])).context["totals"]
    assert totals.count == 3
    assert totals.figures == expected(plan)


def test_signed_version_totals_follow_the_rule(convention, plan):
    totals = financing_totals(snapshot_of(convention))
    figures = expected(plan)
    assert (totals["cost"], totals["funded"], totals["loans"]) == (
        figures.cost,
        figures.financing,
        figures.loans,
    )
    assert (totals["remaining_charge"], totals["unknown"]) == (figures.remaining_charge, 1)


def test_versions_frozen_in_schema_1_are_read_by_the_same_rule(convention, plan):
    """Schema 1 kept only French labels (status_code came later, nature_code in 2)."""
    snapshot = snapshot_of(convention)
    for axis in snapshot["axes"]:
        for action in axis["actions"]:
            for funding in action["fundings"]:
                del funding["status_code"], funding["nature_code"], funding["category"]
                if funding["nature"] == N.AVANCE.label:
                    funding["nature"] = "Avance"
    totals = financing_totals(snapshot)
    assert (totals["funded"], totals["loans"]) == (Decimal("45000"), Decimal("15000"))
