"""The commune and EPCI filters of the list of conventions search (ort_portal.pickers): the
page lists no commune nor EPCI of the country, filtering still works, and another
territory's commune is refused in French."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.pickers_data import options_of

pytestmark = pytest.mark.django_db


def test_the_filters_list_only_the_chosen_commune(client, territories):
    t = territories
    for number in range(200):
        commune = f.CommuneFactory(name=f"Commune rurale {number}")
        f.ConventionFactory(communes=[commune], epcis=[f.EPCIFactory()])
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse("reporting:list")).content.decode()
    assert options_of(html, "commune") == ["Toutes"]
    assert options_of(html, "epci") == ["Tous"]
    assert html.count("<option") < 60
    client.force_login(t.chef_a)
    html = client.get(reverse("reporting:list"), {"commune": t.commune_a.pk}).content.decode()
    assert options_of(html, "commune") == ["Toutes", "Saint-Étienne-du-Bois"]
    assert t.convention_a.title in html


def test_another_territorys_commune_is_refused_in_french(client, territories):
    t = territories
    client.force_login(t.chef_a)
    html = client.get(reverse("reporting:list"), {"commune": t.commune_b.pk}).content.decode()
    assert "Sélectionnez un choix valide" in html
    assert "Lens" not in html
