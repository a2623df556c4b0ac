"""A page's number of SQL queries does not grow with the data (issue 14).

Each page of the national-scale benchmark is requested on a small territory, then again
after more conventions, actions, funding lines, indicators, comités and séances were added
(to the whole country and to the convention the page is about): the count must not move.
Counts, never times: the timings are measured by `make bench`.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile

from .factories import (
    ActionFactory,
    AxisFactory,
    CommitteeFactory,
    CommitteeMemberFactory,
    CommuneFactory,
    ConventionFactory,
    DecisionFactory,
    FundingFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
    OrganisationFactory,
    ProfileFactory,
    RepresentativeFactory,
)


def grow_plan(convention, *, actions):
    """Actions with funding lines, an indicator and its measurement, on two axes."""
    funders = [OrganisationFactory() for _ in range(3)]
    axes = list(convention.axes.order_by("number")) or [
        AxisFactory(convention=convention, number=n) for n in (1, 2)
    ]
    made = []
    for n in range(actions):
        action = ActionFactory(
            axis=axes[n % 2],
            estimated_cost=Decimal(100_000 + n),
            end_date=datetime.date(2024, 1, 1) if n % 3 == 0 else None,
            maturity="projetee" if n % 4 == 0 else "en_cours",
        )
        action.partners.add(funders[n % 3])
        for year, funder in zip((2024, 2025), funders, strict=False):
            FundingFactory(action=action, funder=funder, year=year, amount=Decimal(10_000))
        indicator = IndicatorFactory(action=action, target=Decimal(10))
        MeasurementFactory(indicator=indicator, date=datetime.date(2025, 6, 30), value=Decimal(4))
        made.append(action)
    return made


def grow_governance(convention, actions):
    committee = CommitteeFactory(conventions=[convention])
    for _ in range(2):
        CommitteeMemberFactory(committee=committee, representative=RepresentativeFactory())
    for month in (3, 9):
        meeting = MeetingFactory(
            committee=committee,
            starts_at=datetime.datetime(2025, month, 1, 14, tzinfo=datetime.UTC),
        )
        decision = DecisionFactory(meeting=meeting)
        decision.actions.add(*actions[:2])
    return committee


def territory(count):
    """`count` conventions of the Pas-de-Calais, each with its plan and its comité."""
    for _ in range(count):
        convention = ConventionFactory(signed=True, communes=[CommuneFactory()])
        grow_governance(convention, grow_plan(convention, actions=3))


@pytest.fixture
def scene(db):
    convention = ConventionFactory(signed=True, communes=[CommuneFactory()])
    actions = grow_plan(convention, actions=4)
    committee = grow_governance(convention, actions)
    territory(2)
    chef = ProfileFactory(conventions=[convention]).user
    national = ProfileFactory(role=Profile.Role.ADMIN).user
    return {
        "convention": convention,
        "action": actions[0],
        "committee": committee,
        "chef": chef,
        "national": national,
    }


def pages(scene):
    pk, action = scene["convention"].pk, scene["action"].pk
    departement = {"departement": "62"}
    return {
        "tableau de bord national": ("national", reverse("reporting:territory_dashboard"), {}),
        "tableau de bord départemental": (
            "national",
            reverse("reporting:territory_dashboard"),
            departement,
        ),
        "détail : conventions": (
            "national",
            reverse("reporting:territory_details", args=["conventions"]),
            departement,
        ),
        "détail : actions en retard": (
            "national",
            reverse("reporting:territory_details", args=["actions-en-retard"]),
            {},
        ),
        "détail : indicateurs": (
            "national",
            reverse("reporting:territory_details", args=["indicateurs"]),
            {},
        ),
        "détail : comités": (
            "national",
            reverse("reporting:territory_details", args=["comites"]),
            {},
        ),
        "formulaire des financements": ("chef", reverse("actions:fundings", args=[action]), {}),
        "modification de la fiche": ("chef", reverse("actions:edit", args=[action]), {}),
        "page du comité": (
            "chef",
            reverse("governance:committee_detail", args=[scene["committee"].pk]),
            {},
        ),
        "accueil": ("national", reverse("reporting:home"), {}),
        "liste des comités": ("national", reverse("governance:committee_list"), {}),
        "conventions, deux filtres": (
            "national",
            reverse("reporting:list"),
            {"programme": "pvd", **departement},
        ),
        "maquette financière": ("chef", reverse("reporting:financial_model", args=[pk]), {}),
        "tableau de bord de la convention": ("chef", reverse("reporting:dashboard", args=[pk]), {}),
        "page de la convention": ("chef", reverse("conventions:detail", args=[pk]), {}),
        "plan d’action": ("chef", reverse("actions:plan", args=[pk]), {}),
        "historique": ("chef", reverse("conventions:history", args=[pk]), {}),
    }


def query_counts(client, scene):
    counts = {}
    for name, (who, url, data) in pages(scene).items():
        client.force_login(scene[who])
        client.get(url, data)  # warm the caches a first request fills (sessions, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, data)
        assert response.status_code == 200, name
        counts[name] = len(queries.captured_queries)
    return counts


def test_no_page_makes_more_queries_when_the_data_grows(client, scene):
    before = query_counts(client, scene)
    territory(6)
    more = grow_plan(scene["convention"], actions=8)
    grow_governance(scene["convention"], more)
    FundingFactory.create_batch(5, action=scene["action"])
    after = query_counts(client, scene)
    assert after == before
