"""Writes on comités: séances, members, attendance and the relevé de décisions."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from actions.models import Action
from conventions.models import Amendment
from directory.models import Organisation, Representative
from ort_portal.writes import delete_tracked, save_tracked

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
    save_tracked(meeting, reason="Séance planifiée")
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
    save_tracked(meeting, reason="Séance modifiée")
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
    save_tracked(member, reason="Membre ajouté au comité")
    return member


def seats_with_successors(committee: Committee, today=None) -> list[CommitteeMember]:
    """The comité's members, each with `out_of_office` and `successor`: for a representative
    whose mandate ended, the one now in office for the same organisation and fonction, unless
    they already sit (after the March 2026 elections, the new mayor takes the seat). Two
    queries whatever the number of members."""
    members = list(committee.members.select_related("representative__organisation", "organisation"))
    today = today or timezone.localdate()
    ended = [m for m in members if m.representative and not m.representative.in_office(today)]
    seated = {m.representative_id for m in members}
    current = Representative.objects.current(today).filter(
        organisation__in={m.representative.organisation_id for m in ended}
    )
    by_function = {(r.organisation_id, r.function.lower()): r for r in current}
    for member in members:
        member.out_of_office = member in ended
        successor = (
            by_function.get(
                (member.representative.organisation_id, member.representative.function.lower())
            )
            if member.out_of_office
            else None
        )
        member.successor = successor if successor and successor.pk not in seated else None
    return members


def successor_of(member: CommitteeMember) -> Representative | None:
    """Who takes this seat (seats_with_successors), or None."""
    seats = seats_with_successors(member.committee)
    return next((seat.successor for seat in seats if seat.pk == member.pk), None)


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
    save_tracked(seat, reason=f"Succède à {member.representative.full_name}")
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
            delete_tracked(attendance, reason="Présence effacée")
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
    save_tracked(attendance, reason="Présence enregistrée")


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
    save_tracked(decision, reason="Décision enregistrée")
    if actions:
        decision.actions.set(actions)
    return decision


@transaction.atomic
def delete_decision(*, decision: Decision) -> None:
    delete_tracked(decision, reason="Décision retirée du relevé")
