"""The single access rule: reading may come from a comité seat, editing only from the territory."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Profile
from conventions.models import Convention
from governance.models import Committee, Decision
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_territories():
    """Libercourt-like and Lens-like conventions, and a comité that follows both."""
    ours = f.ConventionFactory(signed=True, title="Convention de notre territoire")
    theirs = f.ConventionFactory(signed=True, title="Convention secrète de l’autre territoire")
    regional = f.CommitteeFactory(
        kind=Committee.Kind.COMITE_REGIONAL_ENGAGEMENT,
        name="Comité régional d’engagement",
        conventions=[ours, theirs],
    )
    return ours, theirs, regional


def test_a_comite_seat_gives_reading_never_editing(two_territories):
    ours, theirs, regional = two_territories
    seat = f.CommitteeMemberFactory(committee=regional)
    chef = f.ProfileFactory(conventions=[ours], representative=seat.representative).user
    assert set(Convention.objects.for_user(chef)) == {ours, theirs}
    assert list(Convention.objects.editable_by(chef)) == [ours]
    assert not chef.has_perm("conventions.edit_convention", theirs)


def test_chef_de_projet_seated_in_a_comite_cannot_terminate_the_other_convention(
    client, two_territories
):
    ours, theirs, regional = two_territories
    seat = f.CommitteeMemberFactory(committee=regional)
    chef = f.ProfileFactory(conventions=[ours], representative=seat.representative).user
    client.force_login(chef)
    response = client.post(
        reverse("signatures:terminate", args=[theirs.pk]),
        {"date": "2025-06-01", "reason": "pirate"},
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.status == Convention.Status.EN_VIGUEUR


def test_decision_of_a_shared_comite_links_only_actions_of_the_users_conventions(
    client, two_territories
):
    ours, theirs, regional = two_territories
    our_action = f.ActionFactory(axis=f.AxisFactory(convention=ours), title="Notre action")
    their_action = f.ActionFactory(
        axis=f.AxisFactory(convention=theirs), title="Action de l’autre territoire"
    )
    meeting = f.MeetingFactory(
        committee=regional, starts_at=datetime.datetime(2026, 3, 12, 14, tzinfo=datetime.UTC)
    )
    chef = f.ProfileFactory(conventions=[ours]).user
    client.force_login(chef)
    url = reverse("governance:decision_create", args=[meeting.pk])

    form_page = client.get(url).content.decode()
    assert "Notre action" in form_page
    assert "Action de l’autre territoire" not in form_page

    response = client.post(
        url,
        {"kind": Decision.Kind.VALIDATION_ACTION, "text": "Validé", "actions": [their_action.pk]},
    )
    assert response.status_code == 200  # the form comes back with its error
    assert not Decision.objects.filter(actions=their_action).exists()
    assert our_action.decisions.count() == 0


def test_comite_pages_name_only_the_conventions_the_user_may_read(client, two_territories):
    ours, theirs, regional = two_territories
    chef = f.ProfileFactory(conventions=[ours]).user
    client.force_login(chef)
    for url in (
        reverse("governance:committee_list"),
        reverse("governance:committee_detail", args=[regional.pk]),
        reverse("reporting:territory_dashboard"),
    ):
        page = client.get(url).content.decode()
        assert "Convention de notre territoire" in page or ours.reference in page, url
        assert "Convention secrète" not in page and theirs.reference not in page, url


def test_admin_role_without_superuser_flag_reads_and_edits_everything(two_territories):
    ours, theirs, _ = two_territories
    admin = f.ProfileFactory(role=Profile.Role.ADMIN).user
    assert set(Convention.objects.editable_by(admin)) >= {ours, theirs}
    assert admin.has_perm("directory.manage")


def test_deactivated_user_sees_nothing(two_territories):
    ours, _, _ = two_territories
    chef = f.ProfileFactory(conventions=[ours]).user
    chef.is_active = False
    chef.save()
    assert not Convention.objects.for_user(chef).exists()
    assert not Convention.objects.editable_by(chef).exists()


def test_shared_comite_decisions_about_the_other_territory_stay_theirs(client, two_territories):
    ours, theirs, regional = two_territories
    their_action = f.ActionFactory(
        axis=f.AxisFactory(convention=theirs), title="Action de l’autre territoire"
    )
    meeting = f.MeetingFactory(committee=regional)
    decision = f.DecisionFactory(
        meeting=meeting, kind=Decision.Kind.VALIDATION_ACTION, text="Validée par le comité"
    )
    decision.actions.add(their_action)
    chef = f.ProfileFactory(conventions=[ours]).user
    client.force_login(chef)

    page = client.get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Validée par le comité" in page  # the relevé of the shared comité
    assert "Action de l’autre territoire" not in page

    response = client.post(reverse("governance:decision_delete", args=[decision.pk]))
    assert response.status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()
