"""The access helper every view calls to reach a convention (ort_portal.access's shape)."""

from ort_portal.access import get_for_user

from .models import Convention


def get_convention_for_user(user, pk, *, edit=False, queryset=None) -> Convention:
    """The convention if the user may read it (404 otherwise, hiding its existence);
    with edit=True, PermissionDenied (403) when they may read but not edit it."""
    return get_for_user(
        queryset if queryset is not None else Convention.objects.all(),
        pk,
        readable=Convention.objects.for_user(user),
        editable=Convention.objects.editable_by(user) if edit else None,
        message="Vous ne pouvez pas modifier cette convention.",
    )
