"""A comité de projet per convention, its members, séances, attendance and decisions."""

import datetime

from governance.models import Attendance, Committee, CommitteeMember, Decision, Meeting

from .run import REFERENCE_DAY, Run, moment
from .territories import CREATED_ON

MEETINGS = 6  # two a year from 2024 to 2026 (the last ones still ahead)
SEATS = 4  # the commune, the EPCI, the préfecture and the Banque des Territoires
TAKEN = "Le comité prend acte de l’avancement du plan d’action."


def create_committees(run: Run, conventions: list, signatories: list) -> list:
    committees = [
        Committee(
            kind=Committee.Kind.COMITE_PROJET,
            name=f"Comité de projet de {c.main_commune.name} (synthétique)",
            expected_meetings_per_year=2,
            frequency_note="Au moins deux fois par an",
        )
        for c in conventions
    ]
    committees = run.create(Committee, committees, on=CREATED_ON)
    for committee, convention in zip(committees, conventions, strict=True):
        committee.convention_pk, committee.town = convention.pk, convention.main_commune.name
    run.link(
        Committee,
        "conventions",
        [(m.pk, c.pk) for m, c in zip(committees, conventions, strict=True)],
    )
    seats_of = {}
    for signatory in signatories:
        seats_of.setdefault(signatory.convention_id, []).append(signatory)
    members = [
        CommitteeMember(
            committee=committee,
            organisation=signatory.organisation,
            label=f"{signatory.organisation.name} ou son représentant",
            role=CommitteeMember.Role.PRESIDENT if order == 0 else CommitteeMember.Role.MEMBRE,
        )
        for committee, convention in zip(committees, conventions, strict=True)
        for order, signatory in enumerate(seats_of[convention.pk][:SEATS])
    ]
    run.create(CommitteeMember, members, on=CREATED_ON)
    return members


def create_meetings(run: Run, members: list) -> list:
    seats_of = {}
    for member in members:
        seats_of.setdefault(member.committee_id, []).append(member)
    meetings = []
    for seats in seats_of.values():
        committee = seats[0].committee
        for number in range(MEETINGS):
            day = datetime.date(2024 + number // 2, 3 + 6 * (number % 2), run.rng.randint(1, 28))
            starts = moment(day) + datetime.timedelta(hours=run.rng.choice([1, 5]))
            meetings.append(
                Meeting(
                    committee=committee,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    place=f"Mairie de {committee.town}",
                    agenda="Avancement du plan d’action\nMaquette financière\nQuestions diverses",
                )
            )
    meetings = run.create(Meeting, meetings, on=CREATED_ON)
    held = [m for m in meetings if m.starts_at.date() < REFERENCE_DAY]
    create_attendance(run, held, seats_of)
    return held


def create_attendance(run: Run, meetings: list, seats_of: dict):
    statuses = [Attendance.Status.PRESENT] * 4 + [Attendance.Status.EXCUSE]
    rows = [
        Attendance(meeting=meeting, member=seat, status=run.rng.choice(statuses))
        for meeting in meetings
        for seat in seats_of[meeting.committee_id]
    ]
    run.create(Attendance, rows, on=REFERENCE_DAY)


def create_decisions(run: Run, meetings: list, actions: list):
    """One or two decisions per séance held; a validation names an action of the plan."""
    plan_of = {}
    for action in actions:
        plan_of.setdefault(action.axis.convention_id, []).append(action)
    decisions, concerned = [], []
    for meeting in meetings:
        decisions.append(Decision(meeting=meeting, kind=Decision.Kind.BILAN_ANNUEL, text=TAKEN))
        plan = plan_of.get(meeting.committee.convention_pk, [])
        if plan and run.rng.random() < 0.6:
            action = run.rng.choice(plan)
            concerned.append(action)
            text = f"Le comité valide l’action « {action.title} »."
            decisions.append(
                Decision(meeting=meeting, kind=Decision.Kind.VALIDATION_ACTION, text=text)
            )
    decisions = run.create(Decision, decisions, on=REFERENCE_DAY)
    validations = [d for d in decisions if d.kind == Decision.Kind.VALIDATION_ACTION]
    run.link(
        Decision, "actions", [(d.pk, a.pk) for d, a in zip(validations, concerned, strict=True)]
    )
