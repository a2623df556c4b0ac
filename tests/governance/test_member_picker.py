"""The comité's member form picks people and organisations through a search
(ort_portal.pickers): the page holds no list of the country's representatives, and an id of
another territory is refused in French with nothing written."""

import pytest
from django.urls import reverse

from governance.models import CommitteeMember
from tests import factories as f
from tests.pickers_data import national_scale, options_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(territories):
    return f.CommitteeFactory(name="Comité de projet", conventions=[territories.convention_a])


@pytest.mark.parametrize("url_name", ["governance:committee_detail", "governance:member_add"])
def test_the_member_form_lists_no_representative_nor_organisation(
    client, territories, committee, url_name
):
    national_scale(300)
    client.force_login(territories.chef_a)
    html = client.get(reverse(url_name, args=[committee.pk])).content.decode()
    assert len(options_of(html, "representative")) == 1
    assert len(options_of(html, "organisation")) == 1
    assert "Organisme national" not in html
    assert "Rechercher un représentant" in html


def test_a_representative_found_by_the_search_joins_the_comite(client, territories, committee):
    client.force_login(territories.chef_a)
    found = client.get(
        reverse("directory:representative_search"), {"recherche": "agnes"}
    ).content.decode()
    assert f'value="{territories.maire_a.pk}"' in found
    assert f'value="{territories.maire_b.pk}"' not in found
    response = client.post(
        reverse("governance:member_add", args=[committee.pk]),
        {"representative": territories.maire_a.pk, "role": CommitteeMember.Role.MEMBRE},
    )
    assert response.status_code == 302
    member = committee.members.get()
    assert member.representative == territories.maire_a
    assert member.history.get().history_user == territories.chef_a


def test_another_territorys_representative_is_refused_in_french(client, territories, committee):
    client.force_login(territories.chef_a)
    response = client.post(
        reverse("governance:member_add", args=[committee.pk]),
        {
            "representative": territories.maire_b.pk,
            "organisation": territories.mairie_b.pk,
            "role": CommitteeMember.Role.MEMBRE,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "Sélectionnez un choix valide" in " ".join(form.errors["representative"])
    assert "Sélectionnez un choix valide" in " ".join(form.errors["organisation"])
    assert "DUPRÉ" not in response.content.decode()
    assert not committee.members.exists()
