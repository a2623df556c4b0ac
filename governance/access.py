"""The access helpers every governance view calls (ort_portal.access's shape): a comité is
read and edited through the conventions it follows."""

from django.core.exceptions import PermissionDenied

from ort_portal.access import get_for_user

from .models import Committee, CommitteeMember, Decision, Meeting

EDIT_DENIED = "Vous ne pouvez pas modifier ce comité."


def get_committee_for_user(user, pk, *, edit=False, queryset=None) -> Committee:
    return get_for_user(
        queryset if queryset is not None else Committee.objects.all(),
        pk,
        readable=Committee.objects.for_user(user),
        editable=Committee.objects.editable_by(user) if edit else None,
        message=EDIT_DENIED,
    )


def get_member_for_user(user, pk, *, edit=False, queryset=None) -> CommitteeMember:
    base = queryset if queryset is not None else CommitteeMember.objects.all()
    return get_for_user(
        base.select_related("representative", "committee"),
        pk,
        readable=CommitteeMember.objects.for_user(user),
        editable=CommitteeMember.objects.editable_by(user) if edit else None,
        message=EDIT_DENIED,
    )


def get_meeting_for_user(user, pk, *, edit=False, queryset=None) -> Meeting:
    return get_for_user(
        queryset if queryset is not None else Meeting.objects.select_related("committee"),
        pk,
        readable=Meeting.objects.for_user(user),
        editable=Meeting.objects.editable_by(user) if edit else None,
        message=EDIT_DENIED,
    )


def get_decision_for_user(user, pk, *, edit=False, queryset=None) -> Decision:
    """With edit=True (withdrawing it from the relevé), its séance must be editable by the
    user and everything it concerns (actions, avenant) belong to conventions they edit,
    since a comité may follow several territories."""
    base = queryset if queryset is not None else Decision.objects.all()
    decision = get_for_user(
        base.select_related("meeting__committee", "amendment"),
        pk,
        readable=Decision.objects.for_user(user),
        editable=Decision.objects.filter(meeting__in=Meeting.objects.editable_by(user))
        if edit
        else None,
        message=EDIT_DENIED,
    )
    if edit and decision.concerns_other_territories(user):
        raise PermissionDenied(
            "Cette décision concerne aussi une convention d’un autre territoire."
        )
    return decision
