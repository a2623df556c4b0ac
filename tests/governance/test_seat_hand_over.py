"""After the March 2026 elections the new mayor takes the former mayor's comité seat."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from directory.models import Representative
from directory.services import replace_representative
from tests.factories import AttendanceFactory, MeetingFactory

PARIS = ZoneInfo("Europe/Paris")


def test_new_mayor_is_proposed_for_the_seat_and_past_séances_keep_the_former(
    client, demo_user, project_committee
):
    former = Representative.objects.get(last_name="MACIEJASZ")
    former_seat = project_committee.members.get(representative=former)
    past = MeetingFactory(
        committee=project_committee, starts_at=datetime.datetime(2025, 11, 4, 10, tzinfo=PARIS)
    )
    AttendanceFactory(meeting=past, member=former_seat)
    successor = replace_representative(
        previous=former,
        civility="Mme",
        first_name="Marie",
        last_name="NOUVELLE",
        starts_on=datetime.date(2026, 3, 22),
    )
    client.login(username="cdp-libercourt", password="portail-ort-demo")
    url = reverse("governance:committee_detail", args=[project_committee.pk])
    page = client.get(url).content.decode()
    assert "Mandat terminé" in page
    assert "Faire siéger Mme Marie NOUVELLE" in page
    listing = client.get(reverse("governance:committee_list")).content.decode()
    assert "M. Daniel MACIEJASZ" not in listing

    client.post(reverse("governance:member_hand_over", args=[former_seat.pk]))
    seat = project_committee.members.get(representative=successor)
    assert (seat.role, seat.organisation) == (former_seat.role, former_seat.organisation)
    assert seat.history.get().history_user == demo_user("cdp-libercourt")
    assert "Faire siéger" not in client.get(url).content.decode()
    assert "Mme Marie NOUVELLE" in client.get(reverse("governance:committee_list")).content.decode()

    upcoming = MeetingFactory(
        committee=project_committee, starts_at=datetime.datetime(2026, 6, 2, 10, tzinfo=PARIS)
    )
    form = client.get(reverse("governance:meeting_attendance", args=[upcoming.pk])).content
    assert "Présence de Mme Marie NOUVELLE" in form.decode()
    assert "Présence de M. Daniel MACIEJASZ" not in form.decode()
    form = client.get(reverse("governance:meeting_attendance", args=[past.pk])).content
    assert "Présence de M. Daniel MACIEJASZ" in form.decode()
    assert "Présence de Mme Marie NOUVELLE" not in form.decode()


def test_reader_cannot_hand_over_a_seat(client, project_committee):
    seat = project_committee.members.first()
    client.login(username="copil-libercourt", password="portail-ort-demo")
    response = client.post(reverse("governance:member_hand_over", args=[seat.pk]))
    assert response.status_code == 403
    assert project_committee.members.count() == 2
