"""Daily reminders: each kind sent once, to the chefs de projet who may read the convention,
unless they turned that kind off."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from actions.models import Action, Funding
from conventions.models import Amendment
from governance.models import Decision
from notifications.models import Kind, Notice
from notifications.services import record_notices, set_opt_outs
from notifications.tasks import send_reminders
from tests.factories import (
    ActionFactory,
    AmendmentFactory,
    AxisFactory,
    CommitteeFactory,
    DecisionFactory,
    FundingFactory,
    MeetingFactory,
    ProfileFactory,
)

# The test convention (signed trait) takes effect on 18 January 2023 for 5 years.
TODAY = datetime.date(2027, 9, 1)


def at(day, hour=18):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def run(today=TODAY):
    return send_reminders.enqueue(today.isoformat()).return_value


@pytest.fixture
def owner(owner):
    owner.email = "cheffe.projet@libercourt.fr"
    owner.save()
    return owner


@pytest.fixture
def outsider(outsider):
    outsider.email = "chef.projet@ailleurs.fr"
    outsider.save()
    return outsider


@pytest.fixture
def overdue_committee(convention):
    committee = CommitteeFactory(conventions=[convention], name="COPIL de Libercourt")
    MeetingFactory(committee=committee, starts_at=at(TODAY - datetime.timedelta(days=90)))
    return committee


@pytest.mark.django_db
def test_an_overdue_comite_is_told_once_by_mail_and_in_the_portal(owner, overdue_committee):
    assert run() == 2  # the comité, and the convention ending within 6 months

    notice = Notice.objects.get(recipient=owner, kind=Kind.COMMITTEE_OVERDUE)
    assert notice.subject == "Comité en retard sur son rythme : COPIL de Libercourt"
    assert "doit se réunir 3 fois par an ; il a tenu 1 séance(s)" in notice.body
    (message,) = [m for m in mail.outbox if "COPIL" in m.subject]
    assert message.to == [owner.email]
    assert message.subject == "[Portail ORT] Comité en retard sur son rythme : COPIL de Libercourt"
    assert f"http://127.0.0.1:8000/comites/{overdue_committee.pk}/" in message.body
    assert "http://127.0.0.1:8000/avis/preferences/" in message.body

    assert run() == 0
    assert Notice.objects.filter(recipient=owner).count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_new_seance_still_behind_rhythm_is_a_new_notice(owner, overdue_committee):
    run()
    MeetingFactory(committee=overdue_committee, starts_at=at(TODAY - datetime.timedelta(days=1)))

    run()

    assert Notice.objects.filter(recipient=owner, kind=Kind.COMMITTEE_OVERDUE).count() == 2


@pytest.mark.django_db
def test_a_comite_on_rhythm_is_no_reminder(owner, convention):
    committee = CommitteeFactory(conventions=[convention], expected_meetings_per_year=1)
    MeetingFactory(committee=committee, starts_at=at(TODAY - datetime.timedelta(days=30)))

    run()

    assert not Notice.objects.filter(kind=Kind.COMMITTEE_OVERDUE).exists()


@pytest.mark.django_db
def test_a_convention_ending_within_six_months_is_told_once(owner, convention):
    assert run(datetime.date(2027, 7, 17)) == 0  # 18 January 2028 is 6 months and a day away

    run(datetime.date(2027, 7, 18))
    run(datetime.date(2027, 7, 19))

    (notice,) = Notice.objects.filter(recipient=owner, kind=Kind.CONVENTION_ENDING)
    assert notice.subject == f"Échéance le 18 janvier 2028 : {convention.title}"
    assert notice.path == f"/conventions/{convention.pk}/"


@pytest.mark.django_db
def test_a_prorogued_convention_is_told_again_about_its_new_end(owner, convention):
    run()
    convention.end_date = datetime.date(2028, 2, 29)
    convention.save()

    run()

    assert Notice.objects.filter(kind=Kind.CONVENTION_ENDING).count() == 2


def submitted_amendment(convention, avis_days_ago):
    amendment = AmendmentFactory(
        convention=convention,
        number=1,
        status=Amendment.Status.SOUMIS,
        draft={"parties": [{"signs": True}, {"signs": True}, {"signs": False}]},
    )
    DecisionFactory(
        meeting=MeetingFactory(
            committee=CommitteeFactory(conventions=[convention], expected_meetings_per_year=None),
            starts_at=at(TODAY - datetime.timedelta(days=avis_days_ago)),
        ),
        kind=Decision.Kind.AVIS_AVENANT,
        amendment=amendment,
    )
    return amendment


@pytest.mark.django_db
def test_an_avenant_unsigned_past_the_delay_is_told_once(owner, convention, settings):
    settings.NOTICE_AMENDMENT_SIGNATURE_DAYS = 30
    amendment = submitted_amendment(convention, avis_days_ago=31)

    run()
    run()

    (notice,) = Notice.objects.filter(recipient=owner, kind=Kind.AMENDMENT_UNSIGNED)
    assert "0 partie(s) sur 2 l’ont signé" in notice.body
    assert notice.path == f"/conventions/{convention.pk}/avenants/{amendment.number}/"


@pytest.mark.django_db
def test_an_avenant_within_the_delay_is_no_reminder(owner, convention, settings):
    settings.NOTICE_AMENDMENT_SIGNATURE_DAYS = 30
    submitted_amendment(convention, avis_days_ago=29)

    run()

    assert not Notice.objects.filter(kind=Kind.AMENDMENT_UNSIGNED).exists()


@pytest.fixture
def late_and_pending(convention):
    axis = AxisFactory(convention=convention)
    late = ActionFactory(
        axis=axis, title="Requalification de la place", end_date=TODAY - datetime.timedelta(1)
    )
    ActionFactory(
        axis=axis,
        title="Étude abandonnée",
        end_date=TODAY - datetime.timedelta(1),
        maturity=Action.Maturity.ABANDONNEE,
    )
    FundingFactory(action=late, status=Funding.Status.SOLLICITE, amount=125000, year=2027)
    FundingFactory(action=late, status=Funding.Status.ACQUIS)
    return late


@pytest.mark.django_db
def test_the_weekly_digest_lists_late_actions_and_pending_requests_once_a_week(
    owner, late_and_pending
):
    run(TODAY)  # a Wednesday
    run(TODAY + datetime.timedelta(days=4))  # Sunday, same week

    (digest,) = Notice.objects.filter(recipient=owner, kind=Kind.WEEKLY_DIGEST)
    assert digest.subject == (
        "Votre semaine : 1 action(s) en retard, 1 demande(s) de financement en attente"
    )
    assert "Requalification de la place (fin prévue le 31 août 2027)" in digest.body
    assert "Étude abandonnée" not in digest.body
    assert "125\u202f000 €" in digest.body

    run(TODAY + datetime.timedelta(days=5))  # Monday
    assert Notice.objects.filter(recipient=owner, kind=Kind.WEEKLY_DIGEST).count() == 2


@pytest.mark.django_db
def test_nothing_reaches_a_chef_de_projet_of_another_territory_or_a_comite_member(
    owner, reader, outsider, overdue_committee, late_and_pending, settings
):
    settings.NOTICE_AMENDMENT_SIGNATURE_DAYS = 30
    submitted_amendment(overdue_committee.conventions.get(), avis_days_ago=40)

    run()

    assert set(Notice.objects.filter(recipient=owner).values_list("kind", flat=True)) == set(
        Kind.values
    )
    assert not Notice.objects.filter(recipient__in=[outsider, reader]).exists()
    assert all(message.to == [owner.email] for message in mail.outbox)


@pytest.mark.django_db
def test_a_kind_turned_off_is_neither_recorded_nor_mailed(owner, overdue_committee):
    set_opt_outs(user=owner, kinds={Kind.COMMITTEE_OVERDUE})

    run()

    assert list(Notice.objects.values_list("kind", flat=True)) == [Kind.CONVENTION_ENDING]
    assert [m.subject for m in mail.outbox] == [
        Notice.objects.get().subject.join(["[Portail ORT] ", ""])
    ]


@pytest.mark.django_db
def test_a_user_without_email_still_gets_the_notice_in_the_portal(convention):
    user = ProfileFactory(conventions=[convention]).user

    record_notices(today=TODAY)
    run()

    assert Notice.objects.filter(recipient=user).count() == 1
    assert mail.outbox == []


def test_the_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="Date invalide : 31/12/2027"):
        call_command("send_reminders", "--date", "31/12/2027")


@pytest.mark.django_db
def test_the_daily_command_enqueues_the_reminders(owner, overdue_committee, capsys):
    call_command("send_reminders", "--date", TODAY.isoformat())

    assert "Rappels du 2027-09-01 : 2 avis créés." in capsys.readouterr().out
