"""Comité lists, rhythm warnings, .ics export and who may do what."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from governance.models import Committee, Meeting
from tests.factories import (
    CommitteeFactory,
    CommitteeMemberFactory,
    ConventionFactory,
    MeetingFactory,
    ProfileFactory,
)

PARIS = ZoneInfo("Europe/Paris")


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def copil(convention):
    """A COPIL meant to meet 3 times a year that met once in the last 12 months."""
    committee = CommitteeFactory(
        name="COPIL intercommunal en retard",
        kind=Committee.Kind.COPIL_INTERCOMMUNAL,
        expected_meetings_per_year=3,
        conventions=[convention],
    )
    MeetingFactory(committee=committee, starts_at=ago(40))
    MeetingFactory(committee=committee, starts_at=ago(400))
    return committee


@pytest.fixture
def comite_projet(convention):
    """A comité de projet meant to meet twice a year that met twice, with one séance ahead."""
    committee = CommitteeFactory(
        name="Comité de projet à jour", expected_meetings_per_year=2, conventions=[convention]
    )
    MeetingFactory(committee=committee, starts_at=ago(30))
    MeetingFactory(committee=committee, starts_at=ago(200))
    MeetingFactory(
        committee=committee,
        starts_at=datetime.datetime(2027, 2, 4, 9, 30, tzinfo=PARIS),
        place="Mairie",
        agenda="Validation des fiches-actions\nBilan annuel",
    )
    CommitteeMemberFactory(
        committee=committee,
        representative__first_name="Daniel",
        representative__last_name="MAIRE",
        role="president",
    )
    return committee


def test_behind_rhythm_selects_the_copil_only(copil, comite_projet):
    behind = [c for c in Committee.objects.with_rhythm() if c.is_behind_rhythm]
    assert behind == [copil]
    rhythm = Committee.objects.with_rhythm().get(pk=comite_projet.pk)
    assert rhythm.meetings_last_12_months == 2
    assert rhythm.next_meeting_at == datetime.datetime(2027, 2, 4, 9, 30, tzinfo=PARIS)


def test_list_warns_for_the_committee_behind_its_rhythm_only(client, owner, copil, comite_projet):
    client.force_login(owner)
    page = client.get(reverse("governance:committee_list")).content.decode()
    assert (
        "<strong>COPIL intercommunal en retard</strong> est en retard sur son rythme : "
        "1 séance au cours des 12 derniers mois pour 3 attendues par an." in page
    )
    assert "<strong>Comité de projet à jour</strong> est en retard" not in page
    assert "Daniel MAIRE" in page and "(président)" in page
    assert "04/02/2027 09:30" in page


def test_convention_page_lists_its_committees(client, reader, convention, copil):
    other = CommitteeFactory(
        name="Comité d’une autre convention", conventions=[ConventionFactory()]
    )
    client.force_login(reader)
    page = client.get(
        reverse("governance:convention_committees", args=[convention.pk])
    ).content.decode()
    assert "COPIL intercommunal en retard" in page
    assert other.name not in page
    assert "Comités de la convention" in page


def test_committee_page_shows_the_warning_and_séances(client, reader, copil):
    client.force_login(reader)
    page = client.get(reverse("governance:committee_detail", args=[copil.pk])).content.decode()
    assert "Comité en retard sur son rythme" in page
    assert "Planifier une séance" not in page  # a comité member reads only


def test_list_keeps_a_constant_number_of_queries(
    client, owner, convention, copil, django_assert_num_queries
):
    client.force_login(owner)
    url = reverse("governance:committee_list")
    with django_assert_num_queries(11) as small:
        client.get(url)
    for n in range(10):
        committee = CommitteeFactory(conventions=[convention])
        CommitteeMemberFactory.create_batch(3, committee=committee)
        MeetingFactory(committee=committee, starts_at=ago(n + 1))
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("en retard sur son rythme") == 11


def test_ics_export_parses_with_paris_dates_and_stable_uids(client, reader, comite_projet):
    client.force_login(reader)
    url = reverse("governance:committee_ics", args=[comite_projet.pk])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    future = next(e for e in events if e.decoded("dtstart").year == 2027)
    start = future.decoded("dtstart")
    assert start == datetime.datetime(2027, 2, 4, 9, 30, tzinfo=PARIS)
    assert str(start.tzinfo) == "Europe/Paris"
    assert future["dtstart"].params["TZID"] == "Europe/Paris"
    assert str(future["summary"]) == "Comité de projet à jour"
    assert str(future["location"]) == "Mairie"
    assert str(future["description"]) == "Validation des fiches-actions\nBilan annuel"
    meeting = comite_projet.meetings.get(starts_at__year=2027)
    assert str(future["uid"]) == f"seance-{meeting.pk}@portail-ort"
    again = icalendar.Calendar.from_ical(client.get(url).content)
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == sorted(
        str(e["uid"]) for e in events
    )
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Paris"


@pytest.mark.parametrize(
    "name",
    ["committee_detail", "committee_ics", "meeting_create", "member_add"],
)
def test_outsider_gets_404_on_committee_pages(client, outsider, copil, name):
    client.force_login(outsider)
    assert client.get(reverse(f"governance:{name}", args=[copil.pk])).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["meeting_detail", "meeting_pdf", "meeting_edit", "meeting_attendance", "decision_create"],
)
def test_outsider_gets_404_on_séance_pages(client, outsider, copil, name):
    meeting = copil.meetings.first()
    client.force_login(outsider)
    url = reverse(f"governance:{name}", args=[meeting.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_outsider_does_not_see_the_committee_in_lists(client, outsider, copil):
    client.force_login(outsider)
    assert copil.name not in client.get(reverse("governance:committee_list")).content.decode()


def test_reader_cannot_plan_or_decide(client, reader, copil):
    meeting = copil.meetings.first()
    client.force_login(reader)
    assert client.get(reverse("governance:meeting_detail", args=[meeting.pk])).status_code == 200
    response = client.post(
        reverse("governance:meeting_create", args=[copil.pk]),
        {"starts_at": "2026-12-01T10:00"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("governance:decision_create", args=[meeting.pk]),
        {"kind": "autre", "text": "Interdit"},
    )
    assert response.status_code == 403
    assert copil.meetings.count() == 2 and not meeting.decisions.exists()


def test_owner_and_admin_may_edit(owner, admin_user, reader, copil):
    assert owner.has_perm("governance.edit_committee", copil)
    assert admin_user.has_perm("governance.edit_committee", copil)
    assert not reader.has_perm("governance.edit_committee", copil)


def test_chef_de_projet_of_one_followed_convention_edits_a_shared_committee(convention):
    other = ConventionFactory()
    shared = CommitteeFactory(conventions=[convention, other])
    chef_of_other = ProfileFactory(conventions=[other]).user
    assert chef_of_other.has_perm("governance.edit_committee", shared)
    member = ProfileFactory(role=Profile.Role.MEMBRE_COMITE, conventions=[other]).user
    assert not member.has_perm("governance.edit_committee", shared)


def test_end_before_start_is_refused(client, owner, copil):
    client.force_login(owner)
    response = client.post(
        reverse("governance:meeting_create", args=[copil.pk]),
        {"starts_at": "2026-12-01T10:00", "ends_at": "2026-12-01T09:00", "place": "Mairie"},
    )
    assert "La fin de la séance doit suivre son début." in response.content.decode()
    assert Meeting.objects.filter(committee=copil).count() == 2


def test_member_added_twice_is_refused(client, owner, comite_projet):
    president = comite_projet.members.get()
    client.force_login(owner)
    response = client.post(
        reverse("governance:member_add", args=[comite_projet.pk]),
        {"representative": president.representative_id, "role": "membre"},
    )
    assert response.context["form"].errors["representative"] == [
        "Ce représentant est déjà membre du comité."
    ]
    assert comite_projet.members.count() == 1


def test_committee_page_keeps_a_constant_number_of_queries(
    client, owner, copil, django_assert_num_queries
):
    CommitteeMemberFactory(committee=copil, representative__mandate_end=datetime.date(2026, 3, 21))
    client.force_login(owner)
    url = reverse("governance:committee_detail", args=[copil.pk])
    with django_assert_num_queries(13) as small:
        client.get(url)
    for n in range(10):
        CommitteeMemberFactory(
            committee=copil, representative__mandate_end=datetime.date(2026, 3, 21)
        )
        MeetingFactory(committee=copil, starts_at=ago(n + 2))
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Mandat terminé") == 11


def test_the_list_of_comites_shows_twenty_a_page_and_counts_those_behind(client, owner, convention):
    for number in range(22):
        CommitteeFactory(
            name=f"Comité {number:02}", conventions=[convention], expected_meetings_per_year=1
        )
    CommitteeFactory(
        name="Comité à jour", conventions=[convention], expected_meetings_per_year=None
    )
    client.force_login(owner)
    first = " ".join(client.get(reverse("governance:committee_list")).content.decode().split())
    assert "23 comités, dont 22 en retard sur leur rythme ; 1 à 20 affichés." in first
    assert "<title>Comités, page 1 sur 2" in first
    assert "Comité 00" in first and "Comité 21" not in first
    second = client.get(reverse("governance:committee_list"), {"page": "2"}).content.decode()
    assert "Comité 21" in second and "Comité à jour" in second and "Comité 00" not in second
