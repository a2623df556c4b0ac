"""Territory B (Lens-Liévin) completed like territory A, so that the access matrix runs a
second time on B's objects: a plan with a funded action and an indicator, a séance of its
comité with a presence and a decision, a signed version and a draft avenant."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from conventions.models import Amendment, Convention
from directory.models import Organisation
from governance.models import Committee, Meeting
from signatures.services.amendments import create_amendment
from signatures.services.freezing import freeze_initial_version

from ..a11y.scene import first_pk, ready_document
from ..factories import (
    ActionFactory,
    AttendanceFactory,
    AxisFactory,
    DecisionFactory,
    FundingFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
)
from .matrix import territory_a_providers

REFERENCE = "LENS-LIEVIN-CHAPEAU"


def complete_territory_b():
    convention = Convention.objects.get(reference=REFERENCE)
    axis = AxisFactory(convention=convention, number=1, title="Habitat et cadre de vie")
    action = ActionFactory(axis=axis, code="1.1", title="Réhabilitation des cités minières")
    FundingFactory(action=action, funder=agglomeration(), year=2025, amount=Decimal("80000"))
    indicator = IndicatorFactory(action=action, label="Logements rénovés", baseline=0)
    MeasurementFactory(indicator=indicator, date=datetime.date(2025, 6, 30), value=12)
    committee = Committee.objects.get(conventions=convention)
    meeting = MeetingFactory(committee=committee, agenda="Suivi du programme ORT")
    AttendanceFactory(meeting=meeting, member=committee.members.order_by("pk").first())
    DecisionFactory(meeting=meeting).actions.add(action)
    convention.signature_date = datetime.date(2023, 6, 30)  # signed before the portal
    convention.save()
    freeze_initial_version(convention=convention)
    create_amendment(convention=convention, object="Ajout d’une fiche-action")


def agglomeration():
    """B's own organisation: a local one, which B's chef de projet edits."""
    return Organisation.objects.get(name="Communauté d’agglomération de Lens-Liévin")


def territory_b_providers():
    """Objects of territory B for each path segment before a parameter; the segments that
    name no object (a draft's part, a reset link) are territory A's."""
    convention = Convention.objects.get(reference=REFERENCE)
    action = convention.axes.get(number=1).actions.get()
    meeting = Meeting.objects.filter(committee__conventions=convention).first()
    organisation = agglomeration()
    user = get_user_model().objects.get(username="cdp-lens-lievin")
    return territory_a_providers() | {
        "conventions": lambda chosen: [convention.pk],
        "signature": lambda chosen: first_pk(convention.signatories.order_by("pk")),
        "avenants": lambda chosen: list(
            Amendment.objects.filter(convention=convention).values_list("number", flat=True)
        ),
        "lignes": lambda chosen: first_pk(convention.articles.order_by("pk")),
        "versions": lambda chosen: list(
            convention.signed_versions.values_list("number", flat=True)[:1]
        ),
        "axes": lambda chosen: [action.axis_id],
        "actions": lambda chosen: [action.pk],
        "indicateurs": lambda chosen: first_pk(action.indicators.order_by("pk")),
        "comites": lambda chosen: [meeting.committee_id],
        "membres": lambda chosen: first_pk(meeting.committee.members.order_by("pk")),
        "seances": lambda chosen: [meeting.pk],
        "decisions": lambda chosen: first_pk(meeting.decisions.order_by("pk")),
        "organisations": lambda chosen: [organisation.pk],
        "representants": lambda chosen: first_pk(organisation.representatives.order_by("pk")),
        "utilisateurs": lambda chosen: [user.pk],
        "documents": lambda chosen: [ready_document(user, convention).pk],
    }
