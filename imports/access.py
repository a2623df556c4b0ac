"""Who may bring a convention in: administrators anywhere, chefs de projet on their territory."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from directory.models import Commune
from ort_portal.access import is_portal_admin

CREATION_DENIED = "Seuls les administrateurs et les chefs de projet peuvent créer une convention."


def creatable_communes(user):
    """The communes the user may create a convention for: None means every commune;
    PermissionDenied when the user may create none."""
    if is_portal_admin(user):
        return None
    profile = getattr(user, "portal_profile", None)
    if profile is None or profile.role != profile.Role.CHEF_DE_PROJET:
        raise PermissionDenied(CREATION_DENIED)
    return Commune.objects.filter(Q(profiles=profile) | Q(epcis__profiles=profile)).distinct()
