"""Comités of the national synthetic dataset: members, séances, attendance and decisions."""

import datetime
import zoneinfo

from governance.models import Attendance, Committee, CommitteeMember, Decision, Meeting

from .conventions import Made
from .referential import Referential
from .writer import Writer

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
KINDS = [
    (Committee.Kind.COPIL_COMMUNAL, "COPIL", 3),
    (Committee.Kind.COTECH_COMMUNAL, "COTECH", 4),
    (Committee.Kind.COMITE_PROJET, "Comité de projet", 2),
]


def generate_governance(writer: Writer, referential: Referential, made: list[Made], actions):
    """Three comités per convention, with 4 to 6 seats and a séance every few months."""
    committees, follows, members = [], [], []
    for item in made:
        day = item.convention._history_date.date()
        for kind, short, expected in KINDS:
            committee = writer.stamp(
                Committee(
                    kind=kind,
                    name=f"{short} – {item.communes[0].name} (démo)",
                    expected_meetings_per_year=expected,
                    frequency_note=f"Au moins {expected} fois par an",
                ),
                day,
            )
            committees.append(committee)
            follows.append((committee, item.convention))
            members += _seats(writer, referential, item, committee, day)
    created = writer.create(Committee, committees, history=False)
    rows = writer.history(Committee, created)
    writer.link(Committee, "conventions", follows, rows)
    writer.create(CommitteeMember, members)
    _meetings(writer, follows, members, actions)


def _seats(writer: Writer, referential: Referential, item: Made, committee, day):
    commune = item.communes[0].insee_code
    mayor = referential.former_mayors[commune]
    seats = [
        (mayor, None, "Maire ou son représentant", CommitteeMember.Role.PRESIDENT),
        (referential.prefects[item.territory.code], None, "", CommitteeMember.Role.MEMBRE),
        (referential.presidents[item.epci.siren], None, "", CommitteeMember.Role.MEMBRE),
        (None, referential.operators["cdc"], "Directeur régional", CommitteeMember.Role.MEMBRE),
        (None, referential.operators["anah"], "Délégué local", CommitteeMember.Role.MEMBRE),
    ]
    if writer.rng.random() < 0.5:
        seats.append((None, item.territory.council, "Vice-président", CommitteeMember.Role.INVITE))
    return [
        writer.stamp(
            CommitteeMember(
                committee=committee,
                representative=person,
                organisation=organisation,
                label=label,
                role=role,
            ),
            day,
        )
        for person, organisation, label, role in seats
    ]


def _meetings(writer: Writer, follows, members, actions):
    by_committee = {}
    for member in members:
        by_committee.setdefault(member.committee_id, []).append(member)
    actions_of = {}
    for action in actions:
        actions_of.setdefault(action.axis.convention_id, []).append(action)
    meetings = []
    for committee, convention in follows:
        start = convention._history_date.date()
        day = start + datetime.timedelta(days=writer.rng.randrange(30, 120))
        while day < writer.today + datetime.timedelta(days=90):
            starts_at = datetime.datetime.combine(day, datetime.time(14, 30), tzinfo=PARIS)
            meeting = Meeting(
                committee=committee,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2),
                place=f"Mairie – salle du conseil ({committee.name})",
                agenda="Avancement du plan d’action\nPoint financier\nQuestions diverses",
            )
            meetings.append(writer.stamp(meeting, min(day, writer.today) - datetime.timedelta(20)))
            day += datetime.timedelta(days=writer.rng.randrange(110, 400))
    meetings = writer.create(Meeting, meetings)
    attendances, decisions, concerned = [], [], []
    for meeting in meetings:
        if meeting.starts_at.date() > writer.today:
            continue
        for member in by_committee[meeting.committee_id]:
            status = writer.pick({"present": 7, "excuse": 2, "represente": 1})
            attendances.append(
                writer.stamp(
                    Attendance(
                        meeting=meeting,
                        member=member,
                        status=status,
                        represented_by="Le directeur général des services"
                        if status == "represente"
                        else "",
                    ),
                    meeting.starts_at.date(),
                )
            )
        decision = Decision(
            meeting=meeting,
            kind=Decision.Kind.VALIDATION_ACTION,
            text="Le comité valide les actions présentées.",
        )
        decisions.append(writer.stamp(decision, meeting.starts_at.date()))
    writer.create(Attendance, attendances)
    decisions = writer.create(Decision, decisions, history=False)
    rows = writer.history(Decision, decisions)
    followed = {committee.pk: convention.pk for committee, convention in follows}
    for decision in decisions:
        candidates = actions_of.get(followed[decision.meeting.committee_id], [])
        if candidates:
            concerned.append((decision, writer.rng.choice(candidates)))
    writer.link(Decision, "actions", concerned, rows)
