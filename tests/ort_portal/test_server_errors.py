"""Inputs that used to end in a server error or a partial write (issue 13)."""

from unittest import mock

import pytest
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import Profile
from actions.models import Action
from directory.models import Organisation
from governance.models import CommitteeMember, Meeting
from ort_portal.dates import MESSAGE as DATE_MESSAGE
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(convention):
    axis = f.AxisFactory(convention=convention, number=1)
    return f.ActionFactory(axis=axis, code="1.1", title="Permis de louer")


@pytest.fixture
def committee(convention):
    return f.CommitteeFactory(conventions=[convention])


def test_committee_page_shows_an_organisation_seat_without_representative(client, owner, committee):
    organisation = f.OrganisationFactory(name="Banque des Territoires")
    f.CommitteeMemberFactory(committee=committee, representative=None, organisation=organisation)
    client.force_login(owner)
    response = client.get(reverse("governance:committee_detail", args=[committee.pk]))
    assert response.status_code == 200
    assert "Banque des Territoires" in response.text


@pytest.mark.parametrize("next_url", ["abc", "home", "https://evil.example/", "//evil.example/"])
def test_maturity_with_a_bad_next_goes_to_the_plan(client, owner, action, next_url):
    client.force_login(owner)
    response = client.post(
        reverse("actions:maturity", args=[action.pk]),
        {"maturity": "en_cours", "version": 1, "next": next_url},
    )
    assert response.status_code == 302
    assert response.url == reverse("actions:plan", args=[action.axis.convention_id])


def test_move_with_a_bad_next_goes_to_the_plan(client, owner, action):
    client.force_login(owner)
    response = client.post(
        reverse("actions:move", args=[action.pk]), {"direction": "up", "next": "home"}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("actions:plan", args=[action.axis.convention_id]))


def test_action_edit_without_version_is_refused(client, owner, action):
    client.force_login(owner)
    data = {"axis": action.axis_id, "code": "1.1", "title": "Écrasé", "maturity": "projetee"}
    data |= {"progress": "0"}
    response = client.post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.title == "Permis de louer" and action.version == 1


@pytest.mark.parametrize("moment", ["0001-01-01T00:00", "9999-12-31T23:59"])
def test_meeting_at_an_implausible_date_is_refused(client, owner, committee, moment):
    client.force_login(owner)
    response = client.post(
        reverse("governance:meeting_create", args=[committee.pk]),
        {"starts_at": moment, "ends_at": moment, "place": "Mairie", "agenda": ""},
    )
    assert response.status_code == 200
    assert DATE_MESSAGE in response.text
    assert not Meeting.objects.exists()


def test_measurement_in_year_one_is_refused(client, owner, action):
    indicator = f.IndicatorFactory(action=action)
    client.force_login(owner)
    response = client.post(
        reverse("actions:measurement_create", args=[indicator.pk]),
        {"date": "0001-01-01", "value": "3", "comment": "", "version": action.version},
    )
    assert response.status_code == 200
    assert DATE_MESSAGE in response.text


def test_replacement_starting_in_year_one_is_refused(client, admin_user):
    representative = f.RepresentativeFactory()
    client.force_login(admin_user)
    response = client.post(
        reverse("directory:representative_replace", args=[representative.pk]),
        {"civility": "M.", "first_name": "A", "last_name": "B", "function": "Maire"}
        | {"starts_on": "0001-01-01"},
    )
    assert response.status_code == 200
    assert DATE_MESSAGE in response.text


def test_search_longer_than_the_cap_is_refused_not_run(client, owner, action):
    client.force_login(owner)
    huge = "%_" * 50_000
    plan = client.get(reverse("actions:plan", args=[action.axis.convention_id]), {"q": huge})
    conventions = client.get(reverse("reporting:list"), {"q": huge})
    assert plan.status_code == conventions.status_code == 200
    assert "au plus 200 caractères" in plan.text


def _lost_race(model):
    """The row the form found free is taken before the INSERT: the database refuses it."""
    original = model.save

    def save(self, *args, **kwargs):
        if self.pk is None:
            raise IntegrityError("UNIQUE constraint failed")
        return original(self, *args, **kwargs)

    return mock.patch.object(model, "save", save)


def test_username_taken_meanwhile_is_a_form_error(client, admin_user):
    from django.contrib.auth import get_user_model

    client.force_login(admin_user)
    before = get_user_model().objects.count()
    with _lost_race(Profile):
        response = client.post(
            reverse("accounts:user_create"),
            {"username": "nouvelle", "first_name": "N", "last_name": "V"}
            | {"email": "n@example.org", "password": "Un-mot-de-passe-long-42", "role": "admin"},
        )
    assert response.status_code == 200
    assert "vient d’être pris" in response.text
    assert get_user_model().objects.count() == before  # the user row was rolled back too


def test_siren_taken_meanwhile_is_a_form_error(client, admin_user):
    client.force_login(admin_user)
    with _lost_race(Organisation):
        response = client.post(
            reverse("directory:organisation_create"),
            {"name": "Nouvelle", "category": "autre", "siren": "123456789"},
        )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Nouvelle").exists()


def test_member_added_meanwhile_is_a_form_error(client, owner, committee):
    representative = f.RepresentativeFactory()
    client.force_login(owner)
    with _lost_race(CommitteeMember):
        response = client.post(
            reverse("governance:member_add", args=[committee.pk]),
            {"representative": representative.pk, "role": "membre"},
        )
    assert response.status_code == 200
    assert "vient d’être ajouté" in response.text


def test_no_action_was_left_half_written(action):
    assert Action.objects.count() == 1


def test_health_details_render_as_a_page_for_superusers(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/sante/")
    assert response.status_code == 200
    assert "Database" in response.text
