"""The territory dashboard at national scale: each list shows its first rows and links to
its own page, paginated, filtered and scoped like the dashboard."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action
from tests.factories import (
    ActionFactory,
    AxisFactory,
    CommitteeFactory,
    CommuneFactory,
    ConventionFactory,
    FundingFactory,
    IndicatorFactory,
    ProfileFactory,
)
from tests.reporting.test_dashboard import page_text

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:territory_dashboard")
PAST = datetime.date(2020, 6, 30)


def section(slug):
    return reverse("reporting:territory_section", args=[slug])


def late_action(convention, title):
    return ActionFactory(
        axis=AxisFactory(convention=convention),
        title=title,
        maturity=Action.Maturity.EN_COURS,
        start_date=datetime.date(2019, 1, 1),
        end_date=PAST,
    )


@pytest.fixture
def national(db):
    """Twelve conventions in the Nord, each with a late action, an indicator, a financeur
    and a comité."""
    conventions = []
    for number in range(12):
        convention = ConventionFactory(
            reference=f"NORD-{number:02}", communes=[CommuneFactory(departement="59")]
        )
        action = late_action(convention, f"Retard {number:02}")
        IndicatorFactory(action=action, label=f"Indicateur {number:02}")
        FundingFactory(action=action, amount=1000 * (number + 1))
        CommitteeFactory(name=f"COPIL {number:02}", conventions=[convention])
        conventions.append(convention)
    return conventions


def test_the_dashboard_shows_ten_rows_of_each_list_and_links_to_all(admin_user, client, national):
    client.force_login(admin_user)
    response = client.get(DASHBOARD, {"departement": "59"})
    assert len(response.context["convention_rows"]) == 10
    text = page_text(response)
    assert "Actions en retard (12)" in text
    for words in (
        "Voir les 12 conventions",
        "Voir les 12 actions en retard",
        "Voir les 12 indicateurs",
        "Voir les 12 financeurs",
        "Voir les 12 comités",
    ):
        assert words in text
    html = response.content.decode()
    assert f'href="{section("actions-en-retard")}?departement=59"' in html
    for rows in ("late_actions", "indicators", "by_funder", "committees"):
        assert len(response.context[rows]) == 10, rows


def test_a_list_page_shows_every_row_paginated_with_the_filters_kept(admin_user, client, national):
    ConventionFactory(reference="PAS-DE-CALAIS", communes=[CommuneFactory(departement="62")])
    late_action(ConventionFactory(communes=[CommuneFactory(departement="62")]), "Retard 62")
    client.force_login(admin_user)
    response = client.get(section("actions-en-retard"), {"departement": "59"})
    text = page_text(response)
    assert "<h1>Actions en retard</h1>" in response.content.decode()
    assert "12 lignes" in text
    assert all(f"Retard {number:02}" in text for number in range(12))
    assert "Retard 62" not in text
    assert f'href="{DASHBOARD}?departement=59"' in response.content.decode()

    conventions = page_text(client.get(section("conventions"), {"page": "1"}))
    assert "14 lignes" in conventions  # 12 in the Nord, 2 in the Pas-de-Calais
    assert "PAS-DE-CALAIS" in conventions


def test_each_list_page_shows_its_rows(admin_user, client, national):
    client.force_login(admin_user)
    expected = {
        "conventions": "NORD-11",
        "financeurs": "12 000,00 €",
        "indicateurs": "Indicateur 11",
        "actions-en-retard": "Retard 11",
        "comites": "COPIL 11",
    }
    for slug, words in expected.items():
        assert words in page_text(client.get(section(slug))), slug
    assert "Toutes les actions projetées ont leur fiche-action." in page_text(
        client.get(section("actions-sans-fiche"))
    )


def test_list_pages_are_cut_at_fifty_rows(admin_user, client, convention):
    for number in range(55):
        late_action(convention, f"Tâche {number:02}")
    client.force_login(admin_user)
    first = page_text(client.get(section("actions-en-retard")))
    assert "55 lignes, 1 à 50 affichées" in first and "Page 1 sur 2" in first
    second = client.get(section("actions-en-retard"), {"page": "2"})
    assert len(second.context["page_obj"].object_list) == 5
    assert "Actions en retard – tableau de bord, page 2 sur 2" in page_text(second)


def test_a_chef_de_projet_reads_only_their_territory_in_every_list(client, national):
    own = national[0]
    chef = ProfileFactory(conventions=[own]).user
    client.force_login(chef)
    for slug in ("conventions", "actions-en-retard", "indicateurs", "comites", "financeurs"):
        text = page_text(client.get(section(slug)))
        assert "1 ligne" in text, slug
        assert "NORD-01" not in text and "Retard 01" not in text and "COPIL 01" not in text


def test_a_chapeau_list_keeps_the_chapeau_and_a_foreign_one_is_refused(client, national):
    chapeau = ConventionFactory(reference="CHAPEAU", kind="chapeau")
    covered = national[0]
    covered.parent = chapeau
    covered.save()
    chef = ProfileFactory(conventions=[chapeau, covered]).user
    client.force_login(chef)
    response = client.get(section("actions-en-retard"), {"convention": chapeau.pk})
    assert "Retard 00" in page_text(response)
    assert f"?convention={chapeau.pk}" in response.content.decode()
    assert client.get(section("comites"), {"convention": national[1].pk}).status_code == 404
    assert client.get(section("comites"), {"convention": "x"}).status_code == 404


def test_an_unknown_list_is_not_found(admin_user, client):
    client.force_login(admin_user)
    assert client.get(section("tout")).status_code == 404


def test_a_list_page_keeps_its_number_of_queries_as_rows_grow(
    admin_user, client, convention, django_assert_num_queries
):
    late_action(convention, "Première")
    IndicatorFactory(action=Action.objects.get(title="Première"))
    CommitteeFactory(conventions=[convention])
    client.force_login(admin_user)
    counts = {}
    for slug in ("actions-en-retard", "indicateurs", "comites", "conventions"):
        with CaptureQueriesContext(connection) as captured:
            client.get(section(slug))
        counts[slug] = len(captured.captured_queries)
    for number in range(8):
        other = ConventionFactory()
        action = late_action(other, f"Autre {number}")
        IndicatorFactory(action=action)
        CommitteeFactory(conventions=[other])
    for slug, count in counts.items():
        with django_assert_num_queries(count):
            client.get(section(slug))
