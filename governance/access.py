"""The access helpers every governance view calls (404 if not visible, 403 if not editable)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Committee, Meeting


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
