"""The demo data, completed with what the seeds do not have (financing, indicators, a
séance, a draft avenant), and the objects each demo role's pages are audited with."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from actions.models import Action, Funding, Indicator
from conventions.models import Amendment, Convention
from directory.models import Organisation, Representative
from documents.models import Document
from governance.models import Attendance, Committee, CommitteeMember, Decision, Meeting
from signatures.services.amendments import create_amendment
from signatures.services.freezing import freeze_initial_version

from ..factories import (
    AttendanceFactory,
    DecisionFactory,
    FundingFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
)

PASSWORD = "portail-ort-demo"
# The conventions each role's pages are audited with: Libercourt's (the richest plan) for
# its chef de projet and comité member, the chapeau and an ACV convention with a signed
# avenant for the administrator (who also edits Libercourt in the htmx states).
ROLES = {
    "admin": ["LENS-LIEVIN-CHAPEAU", "LENS-LIEVIN-ACV"],
    "cdp-libercourt": ["LIBERCOURT-ORT"],
    "copil-libercourt": ["LIBERCOURT-ORT"],
}


def complete_demo():
    """Financing, an indicator, a séance with presences and a decision, and a draft
    avenant on Libercourt, so that every kind of page has something to show."""
    libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
    action = funded_action(libercourt)
    action.estimated_cost = Decimal("120000")
    action.save()
    caisse = Organisation.objects.get(name__startswith="Caisse des Dépôts")
    FundingFactory(action=action, funder=caisse, year=2024, amount=Decimal("45000"))
    FundingFactory(
        action=action,
        funder=action.project_owner or caisse,
        year=2025,
        amount=Decimal("30000"),
        status=Funding.Status.REFUSE,
    )
    indicator = IndicatorFactory(action=action, label="Logements réhabilités", baseline=0)
    MeasurementFactory(indicator=indicator, date=datetime.date(2025, 6, 30), value=4)
    committee = Committee.objects.get(kind=Committee.Kind.COMITE_PROJET, conventions=libercourt)
    mayor = Representative.objects.get(last_name="MACIEJASZ")
    member = CommitteeMember.objects.create(
        committee=committee,
        representative=mayor,
        organisation=mayor.organisation,
        role=CommitteeMember.Role.PRESIDENT,
    )
    meeting = MeetingFactory(committee=committee, agenda="Avancement du plan d’action")
    AttendanceFactory(meeting=meeting, member=member, status=Attendance.Status.PRESENT)
    DecisionFactory(meeting=meeting, kind=Decision.Kind.AUTRE).actions.add(action)
    freeze_initial_version(convention=libercourt)
    create_amendment(convention=libercourt, object="Ajout d’un secteur d’intervention")


def funded_action(convention) -> Action:
    return (
        Action.objects.filter(axis__convention=convention, axis__number=1)
        .order_by("position")
        .first()
    )


class Scene:
    """A role's demo objects, one provider per URL segment (see pages.urls_for)."""

    def __init__(self, username):
        self.user = get_user_model().objects.get(username=username)
        self.conventions = list(
            Convention.objects.filter(reference__in=ROLES[username]).order_by("pk")
        )
        libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
        action = funded_action(libercourt)
        meeting = Meeting.objects.filter(committee__conventions=libercourt).first()
        organisation = Organisation.objects.get(name__startswith="Caisse des Dépôts")
        self.action = action
        self.meeting = meeting
        self.libercourt = libercourt
        self.edits_libercourt = libercourt in self.conventions and self.user.has_perm(
            "conventions.edit_convention", libercourt
        )
        self.providers = {
            "conventions": lambda chosen: [c.pk for c in self.conventions],
            "signature": lambda chosen: first_pk(
                Convention.objects.get(pk=chosen["pk"]).signatories.order_by("pk")
            ),
            "avenants": lambda chosen: list(
                Amendment.objects.filter(convention=chosen["pk"]).values_list("number", flat=True)
            ),
            "projet": lambda chosen: ["articles"],
            # The draft page's parts (conventions.drafting) and one row of each.
            "rediger": lambda chosen: ["articles"],
            "lignes": lambda chosen: first_pk(
                Convention.objects.get(pk=chosen["pk"]).articles.order_by("pk")
            ),
            "versions": lambda chosen: list(
                Convention.objects.get(pk=chosen["pk"]).signed_versions.values_list(
                    "number", flat=True
                )[:1]
            ),
            "axes": lambda chosen: [action.axis_id],
            "actions": lambda chosen: [action.pk],
            "indicateurs": lambda chosen: first_pk(Indicator.objects.filter(action=action)),
            "comites": lambda chosen: [meeting.committee_id],
            "membres": lambda chosen: first_pk(meeting.committee.members.order_by("pk")),
            "seances": lambda chosen: [meeting.pk],
            "decisions": lambda chosen: first_pk(meeting.decisions.order_by("pk")),
            "organisations": lambda chosen: [organisation.pk],
            "representants": lambda chosen: first_pk(organisation.representatives.order_by("pk")),
            "utilisateurs": lambda chosen: [self.user.pk],
            "documents": lambda chosen: [
                ready_document(self.user, (self.conventions or [libercourt])[0]).pk
            ],
            # Two of the territory dashboard's list pages (the others share their tables).
            "tableau-de-bord": lambda chosen: ["indicateurs", "comites"],
            # A password reset link: an expired one shows the page's refusal.
            "nouveau": lambda chosen: ["MQ"],
            "cle": lambda chosen: ["lien-expire"],
        }


def ready_document(user, convention) -> Document:
    """The user's convention PDF, as a worker left it once rendered."""
    document, _ = Document.objects.get_or_create(
        kind="convention",
        target_id=convention.pk,
        requested_by=user,
        defaults={
            "title": f"Convention {convention.reference} (PDF)",
            "status": Document.Status.READY,
            "content": b"%PDF-1.7\n%%EOF\n",
            "filename": f"{convention.reference}.pdf",
            "size": 15,
        },
    )
    return document


def first_pk(queryset):
    first = queryset.first()
    return [first.pk] if first is not None else []
