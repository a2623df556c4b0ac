"""Access rules shared by every app.

Every app has one access module (`<app>/access.py`) whose helpers share one shape,
`get_<thing>_for_user(user, pk, *, edit=False, queryset=None)`: 404 when the user may not
read the object (hiding its existence), PermissionDenied (403) when they may read but not
edit it. They are built on get_for_user() below and the QuerySets' for_user / editable_by.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def is_portal_admin(user) -> bool:
    """Administrators: superusers and users whose portal role is administrateur."""
    if not user.is_authenticated or not user.is_active:
        return False
    profile = getattr(user, "portal_profile", None)
    return user.is_superuser or (profile is not None and profile.is_admin)


def require_portal_admin(user, message="Cette page est réservée aux administrateurs.") -> None:
    """PermissionDenied (403) unless the user is an administrator of the portal."""
    if not is_portal_admin(user):
        raise PermissionDenied(message)


def get_for_user(queryset, pk, *, readable, editable=None, message=""):
    """The object `pk` of `queryset` if it is among `readable` (404 otherwise); when
    `editable` is given (the edit=True of the app helpers), PermissionDenied unless it is
    among `editable` too. `readable` and `editable` are QuerySets of the same model."""
    instance = get_object_or_404(queryset.filter(pk__in=readable.values("pk")), pk=pk)
    if editable is not None and not editable.filter(pk=instance.pk).exists():
        raise PermissionDenied(message)
    return instance
