"""Access rules shared by every app, read from the user's portal profile."""

from django.core.exceptions import PermissionDenied


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
