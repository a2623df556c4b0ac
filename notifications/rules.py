"""What deserves a reminder today. Each rule reuses the portal's own rule (comité rhythm,
convention end date, late actions, funding status) and says which conventions a notice is
about, so that it only reaches people who may read one of them."""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from actions.models import Funding
from conventions.models import Amendment, Convention
from governance.models import Committee, Decision
from ort_portal.numbers import format_euros
from reporting import dashboards

from .models import Kind

ENDING_WITHIN_MONTHS = 6
DIGEST_LINES = 15


@dataclass(frozen=True)
class Reminder:
    kind: str
    key: str
    conventions: frozenset[int]
    subject: str
    body: str
    path: str


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 August + 6 → 28 February)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _day(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "j F Y")


def committees_overdue(today: datetime.date):
    """Comités that held fewer séances in 12 months than their expected rhythm
    (CommitteeQuerySet.with_rhythm); once per comité and last séance."""
    committees = (
        Committee.objects.with_rhythm(end_of(today))
        .filter(expected_meetings_per_year__isnull=False)
        .prefetch_related("conventions")
    )
    for committee in committees:
        if not committee.is_behind_rhythm:
            continue
        last = committee.last_meeting_at
        last_text = f"dernière séance le {_day(last)}" if last else "aucune séance tenue"
        yield Reminder(
            kind=Kind.COMMITTEE_OVERDUE,
            key=f"comite:{committee.pk}:{last.date().isoformat() if last else 'aucune'}",
            conventions=frozenset(c.pk for c in committee.conventions.all()),
            subject=f"Comité en retard sur son rythme : {committee.name}",
            body=(
                f"Le comité « {committee.name} » doit se réunir "
                f"{committee.expected_meetings_per_year} fois par an ; il a tenu "
                f"{committee.meetings_last_12_months} séance(s) ces douze derniers mois "
                f"({last_text}). Pensez à planifier sa prochaine séance."
            ),
            path=committee.get_absolute_url(),
        )


def conventions_ending(today: datetime.date):
    """Conventions in force (ORT included) whose end date (Convention.computed_end_date) falls
    within 6 months; once per convention and end date (a prorogation brings a new one)."""
    in_force = Convention.objects.filter(
        status__in=[
            Convention.Status.SIGNEE,
            Convention.Status.EN_VIGUEUR,
            Convention.Status.PROROGEE,
        ]
    )
    for convention in in_force:
        end = convention.computed_end_date
        if end is None or not today <= end <= months_after(today, ENDING_WITHIN_MONTHS):
            continue
        what = "La convention valant ORT" if convention.is_ort else "La convention"
        yield Reminder(
            kind=Kind.CONVENTION_ENDING,
            key=f"convention:{convention.pk}:{end.isoformat()}",
            conventions=frozenset([convention.pk]),
            subject=f"Échéance le {_day(end)} : {convention.title}",
            body=(
                f"{what} « {convention.title} » arrive à échéance le {_day(end)}. "
                "Préparez son bilan et, s’il y a lieu, sa prorogation par avenant."
            ),
            path=reverse("conventions:detail", kwargs={"pk": convention.pk}),
        )


def amendments_unsigned(today: datetime.date):
    """Avenants submitted to the comité (its avis given) and still unsigned more than
    NOTICE_AMENDMENT_SIGNATURE_DAYS days after that avis; once per avenant."""
    days = settings.NOTICE_AMENDMENT_SIGNATURE_DAYS
    since = end_of(today) - datetime.timedelta(days=days)
    amendments = (
        Amendment.objects.filter(status=Amendment.Status.SOUMIS)
        .annotate(
            avis_at=Min(
                "decisions__meeting__starts_at",
                filter=Q(decisions__kind=Decision.Kind.AVIS_AVENANT),
            )
        )
        .filter(avis_at__lt=since)
        .select_related("convention")
        .prefetch_related("signatures")
    )
    for amendment in amendments:
        convention = amendment.convention
        parties = [party for party in (amendment.draft or {}).get("parties", []) if party["signs"]]
        yield Reminder(
            kind=Kind.AMENDMENT_UNSIGNED,
            key=f"avenant:{amendment.pk}",
            conventions=frozenset([convention.pk]),
            subject=f"Avenant n° {amendment.number} en attente de signatures : {convention.title}",
            body=(
                f"L’avenant n° {amendment.number} à la convention « {convention.title} » a reçu "
                f"l’avis du comité le {_day(amendment.avis_at)}, il y a plus de {days} jours ; "
                f"{len(amendment.signatures.all())} partie(s) sur {len(parties)} l’ont signé. "
                "Relancez les signataires."
            ),
            path=reverse(
                "signatures:amendment", kwargs={"pk": convention.pk, "number": amendment.number}
            ),
        )


def weekly_digest(user, today: datetime.date) -> Reminder | None:
    """The chef de projet's week: late actions (dashboards.late_actions) and financing
    requests awaiting an answer (sollicité) on their conventions; once per ISO week."""
    conventions = Convention.objects.for_user(user)
    actions = dashboards.actions_of(conventions)
    late = list(dashboards.late_actions(actions, today))
    pending = list(
        dashboards.fundings_of(actions)
        .filter(status=Funding.Status.SOLLICITE)
        .select_related("funder", "action__axis__convention")
        .order_by(
            F("year").asc(nulls_last=True), "action__axis__convention__title", "action__title"
        )
    )
    if not late and not pending:
        return None
    lines = [f"Actions en retard : {len(late)}"]
    lines += [
        f"- {a.axis.convention.title} : {a.title} (fin prévue le {_day(a.end_date)})"
        for a in late[:DIGEST_LINES]
    ]
    lines += ["", f"Demandes de financement sollicitées, sans réponse : {len(pending)}"]
    lines += [
        f"- {f.action.axis.convention.title} : {f.action.title}, {f.funder} {f.when}, "
        + (format_euros(f.amount, 0) if f.amount is not None else "montant à préciser")
        for f in pending[:DIGEST_LINES]
    ]
    year, week, _ = today.isocalendar()
    return Reminder(
        kind=Kind.WEEKLY_DIGEST,
        key=f"semaine:{year}-{week:02d}",
        conventions=frozenset(),
        subject=f"Votre semaine : {len(late)} action(s) en retard, "
        f"{len(pending)} demande(s) de financement en attente",
        body="\n".join(lines),
        path=reverse("reporting:territory_dashboard"),
    )


CONVENTION_RULES = [committees_overdue, conventions_ending, amendments_unsigned]
