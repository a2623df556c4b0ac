"""Writes on comités: séances, members, attendance and the relevé de décisions."""

import datetime
from dataclasses import dataclass

from django.db import transaction

from actions.models import Action
from conventions.models import Amendment
from directory.models import Organisation, Representative

from .models import Attendance, Committee, CommitteeMember, Decision, Meeting


@transaction.atomic
def plan_meeting(
    *,
    committee: Committee,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    agenda: str = "",
) -> Meeting:
    meeting = Meeting(
        committee=committee, starts_at=starts_at, ends_at=ends_at, place=place, agenda=agenda
    )
    meeting.full_clean()
    meeting._change_reason = "Séance planifiée"
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
    place: str,
    agenda: str,
) -> Meeting:
    meeting.starts_at, meeting.ends_at, meeting.place, meeting.agenda = (
        starts_at,
        ends_at,
        place,
        agenda,
    )
    meeting.full_clean()
    meeting._change_reason = "Séance modifiée"
    meeting.save()
    return meeting


@transaction.atomic
def add_member(
    *,
    committee: Committee,
    representative: Representative | None,
    organisation: Organisation | None,
    label: str = "",
    role: str = CommitteeMember.Role.MEMBRE,
) -> CommitteeMember:
    """A member sits as a named representative or as an organisation "ou son représentant"."""
    if representative is not None and organisation is None:
        organisation = representative.organisation
    member = CommitteeMember(
        committee=committee,
        representative=representative,
        organisation=organisation,
        label=label,
        role=role,
    )
    member.full_clean()
    member._change_reason = "Membre ajouté au comité"
    member.save()
    return member


@transaction.atomic
def hand_over_seat(*, member: CommitteeMember, successor: Representative) -> CommitteeMember:
    """The successor of a representative takes their seat (same role and qualité). The former
    seat stays, ended with the mandate, so past séances keep who attended."""
    seat = CommitteeMember(
        committee=member.committee,
        representative=successor,
        organisation=member.organisation or successor.organisation,
        label=member.label,
        role=member.role,
    )
    seat.full_clean()
    seat._change_reason = f"Succède à {member.representative.full_name}"
    seat.save()
    return seat


@dataclass(frozen=True)
class Presence:
    """One line of the attendance sheet; status "" means not recorded."""

    status: str
    represented_by: str = ""


@transaction.atomic
def record_attendance(
    *,
    meeting: Meeting,
    members: dict[CommitteeMember, Presence],
    guests: dict[Attendance, Presence],
    new_guest: tuple[str, Presence] | None = None,
) -> None:
    """Write the attendance sheet: creates, updates or removes each member's and guest's line."""
    current = {a.member_id: a for a in meeting.attendances.filter(member__isnull=False)}
    for member, presence in members.items():
        _write_presence(current.get(member.pk), presence, meeting=meeting, member=member)
    for attendance, presence in guests.items():
        _write_presence(attendance, presence, meeting=meeting, guest_name=attendance.guest_name)
    if new_guest is not None:
        name, presence = new_guest
        _write_presence(None, presence, meeting=meeting, guest_name=name)


def _write_presence(attendance, presence, *, meeting, member=None, guest_name=""):
    if not presence.status:
        if attendance is not None:
            attendance._change_reason = "Présence effacée"
            attendance.delete()
        return
    if attendance is None:
        attendance = Attendance(meeting=meeting, member=member, guest_name=guest_name)
    elif (attendance.status, attendance.represented_by) == (
        presence.status,
        presence.represented_by,
    ):
        return
    attendance.status = presence.status
    attendance.represented_by = presence.represented_by
    attendance.full_clean()
    attendance._change_reason = "Présence enregistrée"
    attendance.save()


@transaction.atomic
def record_decision(
    *,
    meeting: Meeting,
    kind: str,
    text: str,
    actions: list[Action] | None = None,
    amendment: Amendment | None = None,
) -> Decision:
    """Add a decision to the relevé; validating an action shows on its fiche (art. 4: the
    plan d'action evolves by validations of the comité de projet)."""
    decision = Decision(meeting=meeting, kind=kind, text=text, amendment=amendment)
    decision.full_clean()
    decision._change_reason = "Décision enregistrée"
    decision.save()
    if actions:
        decision.actions.set(actions)
    return decision


@transaction.atomic
def delete_decision(*, decision: Decision) -> None:
    decision._change_reason = "Décision retirée du relevé"
    decision.delete()
