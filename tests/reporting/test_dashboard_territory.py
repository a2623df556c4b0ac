"""The territory dashboard: a chapeau over its communes' conventions, and the admin's view
across the conventions they may see, filtered by programme, département and status."""

import pytest
from django.urls import reverse

from actions.models import Action
from conventions.models import Convention
from reporting.dashboards import actions_of
from tests.factories import CommuneFactory, ConventionFactory, FundingFactory
from tests.reporting.test_dashboard import build_known_plan, page_text

URL = reverse("reporting:territory_dashboard")


def references(response):
    return [row.reference for row in response.context["convention_rows"]]


def test_chapeau_dashboard_covers_the_chapeau_and_its_four_communes(demo_user, client):
    client.force_login(demo_user("cdp-lens-lievin"))
    chapeau = Convention.objects.get(reference="LENS-LIEVIN-CHAPEAU")
    response = client.get(URL, {"convention": chapeau.pk})
    assert sorted(references(response)) == [
        "BULLY-LES-MINES-ADHESION-PVD",
        "LENS-LIEVIN-ACV",
        "LENS-LIEVIN-CHAPEAU",
        "MAZINGARBE-ADHESION-PVD",
    ]
    text = page_text(response)
    assert "Vue d’ensemble de la convention chapeau et des conventions coiffées" in text
    assert "Comité de suivi de l’ORT de la Communauté d’agglomération de Lens-Liévin" in text
    assert "Libercourt" not in text
    dashboard_url = reverse("reporting:dashboard", args=[chapeau.pk])
    assert f'href="{dashboard_url}"' in response.content.decode()


def test_admin_sees_every_convention_and_filters_them(demo_user, client):
    client.force_login(demo_user("admin"))
    assert len(references(client.get(URL))) == Convention.objects.count() == 6
    # The chapeau (PVD and ACV) counts for the ACV programme.
    assert sorted(references(client.get(URL, {"programme": "acv"}))) == [
        "LENS-LIEVIN-ACV",
        "LENS-LIEVIN-CHAPEAU",
    ]
    assert references(client.get(URL, {"status": "en_vigueur"})) == ["LIBERCOURT-ORT"]
    assert len(references(client.get(URL, {"departement": "62"}))) == 6
    text = page_text(client.get(URL))
    # 44 actions of Libercourt: 16 en cours, 17 projetées, 11 en réflexion.
    assert "LIBERCOURT-ORT" in text and "16 17 11 0 0 0 44" in text


def test_departement_filter_keeps_only_conventions_covering_it(admin_user, client):
    ConventionFactory(reference="NORD", communes=[CommuneFactory(departement="59")])
    ConventionFactory(reference="PAS-DE-CALAIS", communes=[CommuneFactory(departement="62")])
    client.force_login(admin_user)
    assert references(client.get(URL, {"departement": "59"})) == ["NORD"]


def test_comite_member_sees_only_their_convention(demo_user, client):
    client.force_login(demo_user("copil-libercourt"))
    assert references(client.get(URL)) == ["LIBERCOURT-ORT"]


def test_outsider_cannot_open_another_chapeau(demo_user, client):
    client.force_login(demo_user("copil-libercourt"))
    chapeau = Convention.objects.get(reference="LENS-LIEVIN-CHAPEAU")
    assert client.get(URL, {"convention": chapeau.pk}).status_code == 404
    assert client.get(URL, {"convention": "abc"}).status_code == 404


def test_figures_are_aggregated_over_the_conventions(convention, admin_user, client):
    build_known_plan(convention)
    other = ConventionFactory()
    build_known_plan(other)
    client.force_login(admin_user)
    text = page_text(client.get(URL))
    # Twice the hand-computed figures of one convention.
    assert "Coût total estimatif HT 1 600 000,00 €" in text
    assert "Financements des tiers 500 000,00 €" in text
    assert "Prêts et avances remboursables (à part) 60 000,00 €" in text
    assert "Reste à charge des maîtres d’ouvrage 1 100 000,00 €" in text
    assert "25,0 % des actions réalisées" in text
    assert f"{convention.reference} " in text and f"{other.reference} " in text


@pytest.mark.parametrize("username", ["cdp-lens-lievin", "copil-libercourt"])
def test_main_menu_links_the_dashboard(username, demo_user, client):
    client.force_login(demo_user(username))
    assert f'href="{URL}"' in client.get(reverse("reporting:home")).content.decode()


def test_each_convention_row_sums_its_own_lines(convention, admin_user, client):
    """Regression: the rows' financing was summed over the wrong lines (an OuterRef
    nested one query too deep named the funding line), so it read 0 €."""
    build_known_plan(convention)
    other = ConventionFactory()
    build_known_plan(other)
    FundingFactory(action=Action.objects.get(axis__convention=other, code="1.1"), amount=1000)
    client.force_login(admin_user)
    rows = {row.pk: row for row in client.get(URL).context["convention_rows"]}
    for each in (convention, other):
        figures = actions_of(Convention.objects.filter(pk=each.pk)).financing_totals()
        assert rows[each.pk].funded == figures.financing > 0
        assert rows[each.pk].loans == figures.loans > 0
        assert rows[each.pk].unknown_amounts == figures.unknown
    assert rows[other.pk].funded == rows[convention.pk].funded + 1000
