"""The maquette financière against hand-computed figures (see known_plan)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import Action, Funding
from conventions.models import Convention
from reporting import dashboards, maquette
from tests.reporting.test_dashboard import build_known_plan, build_plan, page_text

RECORDED_ON = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)


def recorded_on(moment, model=Funding, **lookup):
    """Date history rows, as if the data had been entered then (test set-up only; the
    portal itself never rewrites history)."""
    for row in model.history.filter(**lookup):
        row.history_date = moment
        row.save()


@pytest.fixture
def known_plan(convention):
    plan = build_known_plan(convention)
    # Consolidations read the history: date it so that they do not depend on today.
    recorded_on(RECORDED_ON)
    recorded_on(RECORDED_ON, model=Action)
    return plan


@pytest.fixture
def actions(known_plan, convention):
    return dashboards.actions_of(Convention.objects.filter(pk=convention.pk))


def test_maquette_rows_are_action_by_financeur_with_a_column_per_year(actions):
    """Every line is shown, by nature; the totals are the third parties' financing only
    (actions.financing): the commune's own 70 000 and the 30 000 loan are apart."""
    grid = maquette.build_maquette(actions)
    assert grid.years == [2024, 2025, 2026, 2027]
    rows = {(row["action__code"], row["funder__name"]): row for row in grid.rows}
    # Abandoned action 2.2 is left out; six action × financeur rows remain.
    assert {key: (row["nature"], row["total"]) for key, row in rows.items()} == {
        ("1.1", "Banque des Territoires"): ("pret", Decimal("30000")),
        ("1.1", "Commune de Testville"): ("fonds_propres", Decimal("70000")),
        ("1.1", "État"): ("subvention", Decimal("150000")),
        ("1.1", "Région Hauts-de-France"): ("subvention", Decimal("0")),  # refused
        ("1.2", "État"): ("subvention", Decimal("60000")),
        ("2.1", "Région Hauts-de-France"): ("subvention", Decimal("40000")),
    }
    etat = [cell["total"] for cell in rows[("1.1", "État")]["cells"]]
    assert etat == [None, Decimal("100000"), Decimal("50000"), None]
    refused = rows[("1.1", "Région Hauts-de-France")]["cells"][2]
    assert refused["parts"] == [("refuse", "Refusé", Decimal("80000"))]
    assert grid.year_totals == [Decimal(v) for v in ("60000", "100000", "90000", "0")]
    assert grid.total == Decimal("250000")
    assert (grid.figures.loans, grid.figures.owner_share) == (Decimal("30000"), Decimal("70000"))
    assert grid.figures.remaining_charge == Decimal("550000")


def test_maquette_totals_per_financeur_and_per_axis(actions):
    grid = maquette.build_maquette(actions)
    by_funder = {row["funder__name"]: (row["years"], row["total"]) for row in grid.by_funder}
    assert by_funder["État"] == (
        [Decimal("60000"), Decimal("100000"), Decimal("50000"), Decimal("0")],
        Decimal("210000"),
    )
    assert by_funder["Région Hauts-de-France"][1] == Decimal("40000")
    assert set(by_funder) == {"État", "Région Hauts-de-France"}  # no loan, no own share
    by_axis = {row["action__axis__number"]: (row["years"], row["total"]) for row in grid.by_axis}
    assert by_axis[1] == (
        [Decimal("60000"), Decimal("100000"), Decimal("50000"), Decimal("0")],
        Decimal("210000"),
    )
    assert by_axis[2] == ([0, 0, Decimal("40000"), 0], Decimal("40000"))


def test_consolidation_at_31_december(actions):
    rows = {row["funder__name"]: row for row in maquette.consolidation(actions, 2026)}
    # The Banque des Territoires only lends in 2027, the commune's own share is 2025.
    assert set(rows) == {"État", "Région Hauts-de-France"}
    assert (rows["État"]["sollicite"], rows["État"]["total"], rows["État"]["cumulative"]) == (
        Decimal("50000"),
        Decimal("50000"),
        Decimal("210000"),
    )
    region = rows["Région Hauts-de-France"]
    assert (region["refuse"], region["total"], region["cumulative"]) == (
        Decimal("80000"),
        Decimal("40000"),
        Decimal("40000"),
    )
    totals = maquette.consolidation_totals(actions, 2026)
    assert (totals["total"], totals["cumulative"], totals["refuse"]) == (
        Decimal("90000"),
        Decimal("250000"),
        Decimal("80000"),
    )
    totals_2025 = maquette.consolidation_totals(actions, 2025)
    assert (totals_2025["total"], totals_2025["cumulative"]) == (
        Decimal("100000"),
        Decimal("160000"),
    )
    assert totals_2025["owner_share"] == Decimal("70000")


def test_page_shows_the_maquette_and_the_chosen_consolidation(
    convention, known_plan, reader, client
):
    client.force_login(reader)
    url = reverse("reporting:financial_model", args=[convention.pk])
    text = page_text(client.get(url, {"annee": 2026}))
    assert "Maquette financière" in text and convention.reference in text
    assert (
        "1 1.1 Action 1.1 Commune de Testville État Subvention — 100 000,00 € acquis / notifié "
        "50 000,00 € sollicité — 150 000,00 €" in text
    )
    assert "80 000,00 € refusé" in text
    assert (
        "Total des financements des tiers 60 000,00 € 100 000,00 € 90 000,00 € 0,00 € "
        "250 000,00 €" in text
    )
    assert "Axe 1 : Habitat 60 000,00 € 100 000,00 € 50 000,00 € 0,00 € 210 000,00 €" in text
    assert "Prêts et avances remboursables (à part) 30 000,00 €" in text
    assert "Reste à charge des maîtres d’ouvrage 550 000,00 €" in text
    assert "Consolidation annuelle au 31 décembre 2026" in text
    assert (
        "Total 0,00 € 90 000,00 € 0,00 € 0,00 € 80 000,00 € 90 000,00 € 0,00 € 0,00 € — "
        "250 000,00 €" in text
    )
    text_2025 = page_text(client.get(url, {"annee": 2025}))
    assert "Consolidation annuelle au 31 décembre 2025" in text_2025
    assert "100 000,00 € 0,00 € 70 000,00 € — 160 000,00 €" in text_2025


def test_a_wrong_year_falls_back_to_the_current_year(convention, reader, client):
    client.force_login(reader)
    response = client.get(
        reverse("reporting:financial_model", args=[convention.pk]), {"annee": "x"}
    )
    assert f"au 31 décembre {response.context['year']}" in page_text(response)


@pytest.mark.parametrize("size", [5, 50])
def test_query_count_does_not_grow(size, convention, reader, client, django_assert_num_queries):
    build_plan(convention, size)
    client.force_login(reader)
    with django_assert_num_queries(FINANCIAL_MODEL_QUERIES):
        client.get(reverse("reporting:financial_model", args=[convention.pk]), {"annee": 2025})


FINANCIAL_MODEL_QUERIES = 22  # + the rule's figures (2 queries) and the loans apart


def test_outsider_gets_404(convention, outsider, client):
    client.force_login(outsider)
    assert client.get(reverse("reporting:financial_model", args=[convention.pk])).status_code == 404


def test_consolidation_keeps_the_state_recorded_on_31_december(actions):
    """A request acquired in January counts as acquired in the new year's consolidation,
    not in the one of the 31 December before (sent to the préfet in January, art. 6.8)."""
    line = Funding.objects.get(status=Funding.Status.SOLLICITE, year=2026, amount=50000)
    line.status = Funding.Status.ACQUIS
    line.save()
    recorded_on(
        datetime.datetime(2027, 1, 12, 9, tzinfo=datetime.UTC), id=line.pk, history_type="~"
    )

    at_end_of_2026 = maquette.consolidation_totals(actions, 2026)
    # Still "sollicité" on 31/12/2026 (with the Région's 40 000 €), acquired only in 2027.
    assert (at_end_of_2026["sollicite"], at_end_of_2026["acquis"]) == (Decimal("90000"), 0)
    assert maquette.consolidation_totals(actions, 2027)["acquis"] == 0  # 2026 money
    at_end_of_2027 = maquette.consolidation_totals(actions, 2027)
    assert at_end_of_2027["cumulative"] == Decimal("250000")
    later = {row["funder__name"]: row for row in maquette.consolidation(actions, 2027)}
    assert later["Banque des Territoires"]["loans"] == Decimal("30000")


def test_a_line_deleted_after_31_december_still_counts_for_that_year(actions):
    line = Funding.objects.get(year=2026, amount=50000)
    pk = line.pk
    line.delete()
    recorded_on(datetime.datetime(2027, 1, 5, tzinfo=datetime.UTC), id=pk, history_type="-")
    assert maquette.consolidation_totals(actions, 2026)["total"] == Decimal("90000")
    assert maquette.consolidation_totals(actions, 2027)["cumulative"] == Decimal("200000")


def test_an_action_abandoned_in_january_still_counts_in_the_year_before(actions):
    action = Action.objects.get(code="1.2")
    before = maquette.consolidation_totals(actions, 2026)["cumulative"]
    before_2027 = maquette.consolidation_totals(actions, 2027)["cumulative"]
    action.maturity = Action.Maturity.ABANDONNEE
    action.save()
    recorded_on(
        datetime.datetime(2027, 1, 8, tzinfo=datetime.UTC),
        model=Action,
        id=action.pk,
        history_type="~",
    )
    assert maquette.consolidation_totals(actions, 2026)["cumulative"] == before
    # 1.2 is financed 60 000 € by the État: out of the plan from January 2027 on.
    after_2027 = maquette.consolidation_totals(actions, 2027)["cumulative"]
    assert after_2027 == before_2027 - Decimal("60000")


def test_the_lines_named_through_the_joins_are_the_plan_s_lines(actions, convention):
    """The page names the lines through the joins (dashboards.convention_lines, read by
    index at national scale): the same lines as those of the actions still in the plan,
    so the same maquette."""
    conventions = Convention.objects.filter(pk=convention.pk)
    joined = dashboards.convention_lines(conventions)
    assert sorted(joined.values_list("pk", flat=True)) == sorted(
        dashboards.fundings_of(actions).values_list("pk", flat=True)
    )
    assert joined.filter(action__maturity=Action.Maturity.ABANDONNEE).count() == 0
    assert maquette.build_maquette(actions, joined) == maquette.build_maquette(actions)
