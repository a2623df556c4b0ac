"""The convention tableau de bord against hand-computed figures, its access rules and its
constant number of queries."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.models import Action, Funding
from conventions.models import Convention
from directory.models import Organisation
from reporting import dashboards
from tests.factories import (
    ActionFactory,
    AxisFactory,
    CommitteeFactory,
    FundingFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
    OrganisationFactory,
)

S = Funding.Status
M = Action.Maturity


def build_known_plan(convention):
    """A plan whose figures are computed by hand in the tests.

    Action a1 has several financeurs over several years, a refused request (Région,
    80 000 € in 2026) and a contribution of its own maître d'ouvrage (the commune,
    70 000 € in 2025). Action a4 is abandoned: it leaves every figure.
    """
    commune = OrganisationFactory(name="Commune de Testville", category="commune")
    etat = OrganisationFactory(name="État", category="etat")
    region = OrganisationFactory(name="Région Hauts-de-France", category="region")
    bdt = OrganisationFactory(name="Banque des Territoires", category="cdc")
    axis1 = AxisFactory(convention=convention, number=1, title="Habitat")
    axis2 = AxisFactory(convention=convention, number=2, title="Commerce")

    def action(axis, code, maturity, **values):
        return ActionFactory(
            axis=axis, code=code, title=f"Action {code}", maturity=maturity, **values
        )

    a1 = action(
        axis1,
        "1.1",
        M.EN_COURS,
        has_fiche=True,
        project_owner=commune,
        estimated_cost=Decimal("500000"),
        progress=40,
        end_date=datetime.date(2035, 12, 31),
    )
    a2 = action(
        axis1,
        "1.2",
        M.REALISEE,
        has_fiche=True,
        project_owner=commune,
        estimated_cost=Decimal("100000"),
        progress=100,
        end_date=datetime.date(2024, 6, 30),
    )
    a3 = action(
        axis2,
        "2.1",
        M.PROJETEE,
        has_fiche=False,
        project_owner=commune,
        estimated_cost=Decimal("200000"),
        progress=0,
        end_date=datetime.date(2020, 12, 31),
    )
    a4 = action(
        axis2,
        "2.2",
        M.ABANDONNEE,
        has_fiche=True,
        estimated_cost=Decimal("50000"),
        progress=10,
        end_date=datetime.date(2021, 12, 31),
    )
    a5 = action(axis2, "2.3", M.EN_REFLEXION)

    def fund(action, funder, year, amount, status, nature=Funding.Nature.SUBVENTION):
        return FundingFactory(
            action=action,
            funder=funder,
            year=year,
            amount=Decimal(amount),
            status=status,
            nature=nature,
        )

    fund(a1, etat, 2025, "100000", S.ACQUIS)
    fund(a1, etat, 2026, "50000", S.SOLLICITE)
    fund(a1, region, 2026, "80000", S.REFUSE)
    fund(a1, commune, 2025, "70000", S.PREVU, Funding.Nature.FONDS_PROPRES)
    fund(a1, bdt, 2027, "30000", S.PREVU, Funding.Nature.PRET)
    fund(a2, etat, 2024, "60000", S.VERSE)
    fund(a3, region, 2026, "40000", S.SOLLICITE)
    fund(a4, etat, 2025, "10000", S.ACQUIS)

    indicator = IndicatorFactory(action=a1, label="Logements réhabilités", target=Decimal("20"))
    MeasurementFactory(indicator=indicator, date=datetime.date(2025, 1, 10), value=Decimal("5"))
    MeasurementFactory(indicator=indicator, date=datetime.date(2025, 6, 30), value=Decimal("12"))

    committee = CommitteeFactory(
        name="Comité de projet de Testville", conventions=[convention], expected_meetings_per_year=3
    )
    now = datetime.datetime.now(datetime.UTC)
    MeetingFactory(committee=committee, starts_at=now - datetime.timedelta(days=40))
    MeetingFactory(committee=committee, starts_at=now + datetime.timedelta(days=30))
    return {
        "actions": (a1, a2, a3, a4, a5),
        "funders": (commune, etat, region, bdt),
        "committee": committee,
    }


@pytest.fixture
def known_plan(convention):
    return build_known_plan(convention)


def page_text(response) -> str:
    """The page's text with tags dropped and French number spaces made plain."""
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", " ", html).replace("\u202f", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text)


def test_completion_rates_are_computed_by_hand(known_plan, convention):
    actions = dashboards.actions_of(Convention.objects.filter(pk=convention.pk))
    completion = dashboards.completion(actions)
    assert (completion.total, completion.abandoned, completion.realised) == (5, 1, 1)
    # 1 réalisée among the 4 actions that are not abandoned.
    assert completion.realisation_rate == Decimal(25)
    # (500 000 × 40 + 100 000 × 100 + 200 000 × 0) / 800 000
    assert completion.cost == Decimal("800000")
    assert completion.weighted_progress == Decimal("37.5")


def test_financing_totals_are_computed_by_hand(known_plan, convention):
    """The rule (actions.financing): the commune's 70 000 are its own share and the Banque
    des Territoires' 30 000 a loan, so neither is financing nor lowers the reste à charge."""
    actions = dashboards.actions_of(Convention.objects.filter(pk=convention.pk))
    figures = actions.financing_totals()
    assert figures.cost == Decimal("800000")
    assert dashboards.completion(actions).uncosted == 1
    totals = dashboards.financing_totals(actions)
    assert (totals["prevu"], totals["sollicite"], totals["acquis"]) == (
        Decimal("0"),
        Decimal("90000"),
        Decimal("100000"),
    )
    assert (totals["refuse"], totals["verse"]) == (Decimal("80000"), Decimal("60000"))
    assert figures.financing == totals["total"] == Decimal("250000")
    assert figures.loans == totals["loans"] == Decimal("30000")
    assert figures.owner_share == totals["owner_share"] == Decimal("70000")
    assert figures.remaining_charge == Decimal("550000")  # 800 000 − 250 000
    assert figures.remaining == Decimal("480000")  # 550 000 − 70 000 of own share

    by_funder = {row["funder__name"]: row for row in dashboards.financing_by_funder(actions)}
    assert {name: row["total"] for name, row in by_funder.items()} == {
        "État": Decimal("210000"),
        "Commune de Testville": Decimal("0"),
        "Région Hauts-de-France": Decimal("40000"),
        "Banque des Territoires": Decimal("0"),
    }
    assert by_funder["Commune de Testville"]["owner_share"] == Decimal("70000")
    assert by_funder["Banque des Territoires"]["loans"] == Decimal("30000")
    assert by_funder["Région Hauts-de-France"]["refuse"] == Decimal("80000")
    assert by_funder["État"]["verse"] == Decimal("60000")
    by_year = {row["year"]: row for row in dashboards.financing_by_year(actions)}
    assert {year: row["total"] for year, row in by_year.items()} == {
        2024: Decimal("60000"),
        2025: Decimal("100000"),
        2026: Decimal("90000"),
        2027: Decimal("0"),
    }
    assert by_year[2026]["refuse"] == Decimal("80000")


def test_the_totals_row_adds_up_the_years_as_the_lines_do(known_plan, convention):
    """The status tables' totals row comes from the rows by year (no second pass over the
    lines): the same figures as summing the lines, a line « à préciser » and one given over
    a period included."""
    action = Action.objects.filter(axis__convention=convention).exclude(maturity=M.ABANDONNEE)[0]
    funder = OrganisationFactory(name="Département du Pas-de-Calais", category="departement")
    FundingFactory(action=action, funder=funder, year=2026, amount=None, status=S.SOLLICITE)
    FundingFactory(
        action=action,
        funder=funder,
        year=None,
        period_start=2025,
        period_end=2027,
        amount=Decimal("12000"),
        status=S.ACQUIS,
    )
    actions = dashboards.actions_of(Convention.objects.filter(pk=convention.pk))
    by_year = list(dashboards.financing_by_year(actions))
    assert dashboards.totals_of(by_year) == dashboards.financing_totals(actions)
    assert dashboards.totals_of(by_year)["unknown"] == 1
    assert dashboards.totals_of([]) == dashboards.financing_totals(Action.objects.none())


def test_dashboard_page_shows_every_figure(known_plan, convention, reader, client):
    client.force_login(reader)
    response = client.get(reverse("reporting:dashboard", args=[convention.pk]))
    text = page_text(response)
    assert "Tableau de bord" in text and convention.reference in text
    # Taux de réalisation and how it is computed.
    assert "25,0 % des actions réalisées" in text
    assert "actions du plan hors actions abandonnées (4)" in text
    assert "37,5 % d’avancement pondéré par le coût" in text
    # Financing.
    for label, amount in [
        ("Coût total estimatif HT", "800 000,00 €"),
        ("Financements des tiers", "250 000,00 €"),
        ("Prêts et avances remboursables (à part)", "30 000,00 €"),
        ("Part déclarée des maîtres d’ouvrage", "70 000,00 €"),
        ("Reste à charge des maîtres d’ouvrage", "550 000,00 €"),
        ("Reste à financer", "480 000,00 €"),
    ]:
        assert f"{label} {amount}" in text
    assert "État 0,00 € 50 000,00 € 100 000,00 € 60 000,00 € 0,00 € 210 000,00 €" in text
    assert "Région Hauts-de-France 0,00 € 40 000,00 € 0,00 € 0,00 € 80 000,00 € 40 000,00 €" in text
    assert "2026 0,00 € 90 000,00 € 0,00 € 0,00 € 80 000,00 € 90 000,00 €" in text
    # Actions per axis × maturity: axis 2 has 1 projetée, 1 en réflexion, 1 abandonnée.
    assert "Axe 2 : Commerce 0 1 1 0 0 1 3" in text
    # Indicator: last value 12 of 20.
    assert "12 logements au 30/06/2025 20 logements 60 %" in text
    # Late actions and projected actions without fiche: only a3.
    assert "Actions en retard (1)" in text and "Action 2.1" in text
    assert "Actions projetées sans fiche-action (1)" in text
    # Comité: one séance in 12 months for 3 expected, the next one scheduled.
    assert "Comité de projet de Testville" in text and "1 / 3 En retard" in text
    # The chart is drawn without JavaScript and hidden behind its data table.
    assert '<figure class="ort-chart" aria-hidden="true">' in response.content.decode()
    assert "style=" not in response.content.decode().split("<main")[-1]


@pytest.mark.parametrize("with_axis", [False, True], ids=["no-axis", "axis-without-action"])
def test_a_plan_without_actions_says_there_is_nothing_to_draw(with_axis, convention, owner, client):
    """A new convention (factories): no bars under a legend, but a sentence in the charts'
    place, and the data tables beside them say that there is nothing to count."""
    if with_axis:
        AxisFactory(convention=convention, number=1, title="Habitat")
    client.force_login(owner)
    response = client.get(reverse("reporting:dashboard", args=[convention.pk]))
    html = response.content.decode()
    text = page_text(response)
    assert "ort-chart__legend" not in html and '<figure class="ort-chart"' not in html
    assert "Aucune donnée à représenter : le plan d’action ne compte encore aucune action." in text
    assert (
        "Aucune donnée à représenter : aucun financement des tiers n’est enregistré sur les "
        "actions." in text
    )
    if with_axis:
        assert "Axe 1 : Habitat 0 0 0 0 0 0 0 Aucune donnée à représenter" in text
    else:
        assert "Aucun axe : aucune donnée à représenter." in text
    assert "Aucune ligne de financement." in text


def test_a_realised_or_abandoned_action_is_never_late(known_plan, convention):
    actions = dashboards.actions_of(Convention.objects.filter(pk=convention.pk))
    late = dashboards.late_actions(actions, datetime.date(2026, 11, 21))
    assert [action.code for action in late] == ["2.1"]


def test_owner_and_reader_see_the_dashboard_outsider_gets_404(
    known_plan, convention, owner, reader, outsider, client
):
    url = reverse("reporting:dashboard", args=[convention.pk])
    for user in (owner, reader):
        client.force_login(user)
        assert "800 000,00" in page_text(client.get(url))
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_anonymous_is_sent_to_the_login_page(convention, client):
    response = client.get(reverse("reporting:dashboard", args=[convention.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def build_plan(convention, size):
    """`size` actions, each with two funding lines and an indicator measured twice."""
    axis = AxisFactory(convention=convention)
    funder, owner = OrganisationFactory(), OrganisationFactory()
    for index in range(size):
        action = ActionFactory(
            axis=axis,
            costed=True,
            project_owner=owner,
            maturity=M.PROJETEE if index % 2 else M.EN_COURS,
            end_date=datetime.date(2020 + index % 10, 12, 31),
            start_date=datetime.date(2019, 1, 1),
        )
        FundingFactory(action=action, funder=funder, year=2024 + index % 3)
        FundingFactory(action=action, funder=owner, year=2025, status=S.REFUSE)
        indicator = IndicatorFactory(action=action)
        MeasurementFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator)
    CommitteeFactory(conventions=[convention])


# Queries of each page: session, user and profile (3), convention access (1), the
# permission lookups of the navigation (2), then the figures.
DASHBOARD_QUERIES = 18  # + the rule's figures (ActionQuerySet.financing_totals)
# The territory's: + the scope's ids (pinned), each list cut at ten and counted (the
# financeurs read once), the ten conventions then their figures.
TERRITORY_QUERIES = 24


@pytest.mark.parametrize("size", [5, 50])
def test_dashboard_query_count_does_not_grow_with_the_plan(
    size, convention, reader, client, django_assert_num_queries
):
    build_plan(convention, size)
    client.force_login(reader)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("reporting:dashboard", args=[convention.pk]))
    assert f"{size * 100_000:,}".replace(",", " ") + ",00 €" in page_text(response)


@pytest.mark.parametrize("size", [5, 50])
def test_territory_dashboard_query_count_does_not_grow(
    size, convention, admin_user, client, django_assert_num_queries
):
    build_plan(convention, size)
    client.force_login(admin_user)
    with django_assert_num_queries(TERRITORY_QUERIES):
        response = client.get(reverse("reporting:territory_dashboard"))
    assert convention.reference in page_text(response)


def test_organisation_factory_category_is_valid():
    # The hand-built plan uses real categories of the referential.
    assert {"commune", "etat", "region", "cdc"} <= set(Organisation.Category.values)
