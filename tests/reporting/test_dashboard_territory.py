"""The territory dashboard: a chapeau over its communes' conventions, and the admin's view
across the conventions they may see, filtered by programme, département and status."""

import pytest
from django.urls import reverse

from conventions.models import Convention
from tests.factories import ActionFactory, AxisFactory, CommuneFactory, ConventionFactory
from tests.reporting.test_dashboard import build_known_plan, page_text

URL = reverse("reporting:territory_dashboard")
CONVENTIONS = reverse("reporting:territory_details", args=["conventions"])


def references(client, params=None):
    """The conventions of the dashboard's scope, read on its drill-down page."""
    response = client.get(CONVENTIONS, params or {})
    return [row.reference for row in response.context["page_obj"].object_list]


def test_chapeau_dashboard_covers_the_chapeau_and_its_four_communes(demo_user, client):
    client.force_login(demo_user("cdp-lens-lievin"))
    chapeau = Convention.objects.get(reference="LENS-LIEVIN-CHAPEAU")
    response = client.get(URL, {"convention": chapeau.pk})
    assert sorted(references(client, {"convention": chapeau.pk})) == [
        "BULLY-LES-MINES-ADHESION-PVD",
        "LENS-LIEVIN-ACV",
        "LENS-LIEVIN-CHAPEAU",
        "MAZINGARBE-ADHESION-PVD",
    ]
    text = page_text(response)
    assert "Vue d’ensemble de la convention chapeau et des conventions coiffées" in text
    assert "Libercourt" not in text
    committees = reverse("reporting:territory_details", args=["comites"])
    committees_page = page_text(client.get(committees, {"convention": chapeau.pk}))
    assert "Comité de suivi de l’ORT de la Communauté d’agglomération de Lens-Liévin" in (
        committees_page
    )
    dashboard_url = reverse("reporting:dashboard", args=[chapeau.pk])
    drill_down = client.get(CONVENTIONS, {"convention": chapeau.pk}).content.decode()
    assert f'href="{dashboard_url}"' in drill_down


def test_admin_sees_every_convention_and_filters_them(demo_user, client):
    client.force_login(demo_user("admin"))
    assert len(references(client)) == Convention.objects.count() == 6
    # The chapeau (PVD and ACV) counts for the ACV programme.
    assert sorted(references(client, {"programme": "acv"})) == [
        "LENS-LIEVIN-ACV",
        "LENS-LIEVIN-CHAPEAU",
    ]
    assert references(client, {"status": "en_vigueur"}) == ["LIBERCOURT-ORT"]
    assert len(references(client, {"departement": "62"})) == 6
    assert len(references(client, {"region": "32"})) == 6  # Hauts-de-France
    region_choices = client.get(URL).context["filter"].form.fields["region"].choices
    assert [label for code, label in region_choices if code] == ["Hauts-de-France"]
    text = page_text(client.get(CONVENTIONS))
    # 44 actions of Libercourt: 16 en cours, 17 projetées, 11 en réflexion.
    assert "LIBERCOURT-ORT" in text and "16 17 11 0 0 0 44" in text
    summary = page_text(client.get(URL))
    # Totals per région and département: the 6 conventions, 44 + … actions.
    assert "Hauts-de-France 6" in summary and "Pas-de-Calais (62) 6" in summary


def test_departement_filter_keeps_only_conventions_covering_it(admin_user, client):
    ConventionFactory(reference="NORD", communes=[CommuneFactory(departement="59")])
    ConventionFactory(reference="PAS-DE-CALAIS", communes=[CommuneFactory(departement="62")])
    client.force_login(admin_user)
    assert references(client, {"departement": "59"}) == ["NORD"]


def test_comite_member_sees_only_their_convention(demo_user, client):
    client.force_login(demo_user("copil-libercourt"))
    assert references(client) == ["LIBERCOURT-ORT"]


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
    assert "Financements (hors refusés) 700 000,00 €" in text
    assert "Reste à charge des maîtres d’ouvrage 1 040 000,00 €" in text
    assert "25,0 % des actions réalisées" in text
    listed = page_text(client.get(CONVENTIONS))
    assert f"{convention.reference} " in listed and f"{other.reference} " in listed


@pytest.mark.parametrize("username", ["cdp-lens-lievin", "copil-libercourt"])
def test_main_menu_links_the_dashboard(username, demo_user, client):
    client.force_login(demo_user(username))
    assert f'href="{URL}"' in client.get(reverse("reporting:home")).content.decode()


def test_late_actions_show_the_oldest_ten_and_the_rest_page_by_page(convention, admin_user, client):
    axis = AxisFactory(convention=convention)
    for day in range(1, 31):
        ActionFactory(axis=axis, title=f"Action en retard {day:02d}", end_date=f"2024-01-{day:02d}")
    client.force_login(admin_user)
    text = page_text(client.get(URL))
    assert "Actions en retard (30)" in text
    assert "Action en retard 10" in text and "Action en retard 11" not in text
    assert "Voir les 30 actions en retard" in text
    details = reverse("reporting:territory_details", args=["actions-en-retard"])
    second = page_text(client.get(details, {"page": 2}))
    assert "30 lignes, page 2 sur 2" in second
    assert "Action en retard 26" in second and "Action en retard 25" not in second


def test_unknown_drill_down_is_not_found(admin_user, client):
    client.force_login(admin_user)
    assert client.get(reverse("reporting:territory_details", args=["inconnu"])).status_code == 404
