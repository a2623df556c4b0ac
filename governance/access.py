"""The access helpers every governance view calls (404 if not visible, 403 if not editable)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from conventions.models import Convention

from .models import Committee, Decision, Meeting


def get_committee_for_user(user, pk, *, edit=False, queryset=None) -> Committee:
    base = queryset if queryset is not None else Committee.objects.all()
    committee = get_object_or_404(base.filter(pk__in=Committee.objects.for_user(user)), pk=pk)
    if edit and not user.has_perm("governance.edit_committee", committee):
        raise PermissionDenied("Vous ne pouvez pas modifier ce comité.")
    return committee


def get_meeting_for_user(user, pk, *, edit=False, queryset=None) -> Meeting:
    base = queryset if queryset is not None else Meeting.objects.select_related("committee")
    meeting = get_object_or_404(base.filter(pk__in=Meeting.objects.for_user(user)), pk=pk)
    if edit and not user.has_perm("governance.edit_committee", meeting.committee):
        raise PermissionDenied("Vous ne pouvez pas modifier ce comité.")
    return meeting


def get_decision_for_user(user, pk) -> Decision:
    """A decision the user may withdraw from the relevé: its séance is editable by them, and
    everything it concerns (actions, avenant) belongs to conventions they edit, since a
    comité may follow several territories."""
    decision = get_object_or_404(
        Decision.objects.select_related("meeting__committee", "amendment"),
        pk=pk,
        meeting__in=Meeting.objects.for_user(user),
    )
    get_meeting_for_user(user, decision.meeting_id, edit=True)
    editable = Convention.objects.editable_by(user)
    foreign_actions = decision.actions.exclude(axis__convention__in=editable).exists()
    foreign_amendment = (
        decision.amendment_id is not None
        and not editable.filter(pk=decision.amendment.convention_id).exists()
    )
    if foreign_actions or foreign_amendment:
        raise PermissionDenied(
            "Cette décision concerne aussi une convention d’un autre territoire."
        )
    return decision
