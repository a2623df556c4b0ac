"""The parties of a convention in drafting are picked through a search (ort_portal.pickers):
the draft page lists no organisation nor person of the country, a party found by the search
is saved with its author, another territory's is refused in French with nothing written."""

import pytest
from django.urls import reverse

from conventions.models import Signatory
from tests import factories as f
from tests.pickers_data import national_scale, options_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(territories):
    convention = f.ConventionFactory(communes=[territories.commune_a])
    territories.chef_a.portal_profile.conventions.add(convention)
    return convention


def test_the_party_form_lists_only_what_is_chosen(client, territories, draft):
    national_scale(300)
    client.force_login(territories.chef_a)
    html = client.get(reverse("conventions:draft", args=[draft.pk])).content.decode()
    for field in ("organisation", "representative", "acting_for"):
        assert len(options_of(html, f"parties-new-{field}")) == 1, field
    assert "Organisme national" not in html


def party(organisation, representative):
    return {
        "parties-new-organisation": organisation.pk,
        "parties-new-role": Signatory.Role.COLLECTIVITE,
        "parties-new-representative": representative.pk,
        "parties-new-capacity": "",
        "parties-new-acting_for": "",
        "parties-new-order": 1,
    }


def test_a_party_found_by_the_search_is_saved_with_its_author(client, territories, draft):
    t = territories
    client.force_login(t.chef_a)
    people = client.get(
        reverse("directory:current_representative_search"), {"recherche": "dupre"}
    ).content.decode()
    assert f'value="{t.maire_a.pk}"' in people and f'value="{t.maire_b.pk}"' not in people
    url = reverse("conventions:draft_add", args=[draft.pk, "parties"])
    assert client.post(url, party(t.mairie_a, t.maire_a)).status_code == 302
    signatory = draft.signatories.get()
    assert (signatory.organisation, signatory.representative) == (t.mairie_a, t.maire_a)
    assert signatory.history.get().history_user == t.chef_a


def test_another_territorys_party_is_refused_in_french(client, territories, draft):
    t = territories
    client.force_login(t.chef_a)
    url = reverse("conventions:draft_add", args=[draft.pk, "parties"])
    response = client.post(url, party(t.mairie_b, t.maire_b))
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Sélectionnez un choix valide") >= 2
    assert "Mairie de Lens" not in html
    assert not draft.signatories.exists()
