"""The one access helper every view calls to reach a convention."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Convention


def get_convention_for_user(user, pk, *, edit=False, queryset=None) -> Convention:
    """The convention if the user may read it (404 otherwise, hiding its existence);
    with edit=True, PermissionDenied (403) when they may read but not edit it."""
    base = queryset if queryset is not None else Convention.objects.all()
    convention = get_object_or_404(base.filter(pk__in=Convention.objects.for_user(user)), pk=pk)
    if edit and not user.has_perm("conventions.edit_convention", convention):
        raise PermissionDenied("Vous ne pouvez pas modifier cette convention.")
    return convention
