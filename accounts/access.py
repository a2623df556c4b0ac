"""The access helper of the user pages (ort_portal.access's shape): administrators only."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404

from directory.access import require_directory_admin


def get_account_for_user(user, pk, *, edit=False, queryset=None):
    """The account `pk` for an administrator (PermissionDenied for anyone else)."""
    require_directory_admin(user)
    return get_object_or_404(queryset if queryset is not None else get_user_model().objects, pk=pk)
