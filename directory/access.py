"""The access helpers of the directory (ort_portal.access's shape). Administrators see and
edit the whole directory; a chef de projet sees their territory's organisations and the
national and regional bodies of their region, and adds or corrects the local organisations
of their territory (financeur, maître d'ouvrage, partner); anyone else is refused."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ort_portal.access import is_portal_admin, require_portal_admin

from .models import Organisation, Representative, Territory

ADMIN_ONLY = "L’annuaire est réservé aux administrateurs."
DIRECTORY_DENIED = (
    "L’annuaire est réservé aux administrateurs et aux chefs de projet, pour leur territoire."
)
OTHER_TERRITORY = (
    "Cette fiche relève d’un autre territoire que le vôtre : l’annuaire ne montre que les "
    "organisations de votre territoire et les organismes nationaux ou de votre région."
)
NOT_LOCAL = (
    "Seul un administrateur modifie un organisme national ou régional ; vous pouvez ajouter "
    "et corriger les organisations locales de votre territoire."
)


def require_directory_admin(user) -> None:
    require_portal_admin(user, ADMIN_ONLY)


def require_directory_user(user) -> None:
    """Administrators, and chefs de projet (for their territory)."""
    if is_portal_admin(user):
        return
    profile = getattr(user, "portal_profile", None)
    if profile is None or profile.role != profile.Role.CHEF_DE_PROJET:
        raise PermissionDenied(DIRECTORY_DENIED)


def get_organisation_for_user(user, pk, *, edit=False, queryset=None) -> Organisation:
    require_directory_user(user)
    organisation = get_object_or_404(
        queryset if queryset is not None else Organisation.objects, pk=pk
    )
    if not Organisation.objects.for_user(user).filter(pk=pk).exists():
        raise PermissionDenied(OTHER_TERRITORY)
    if edit and not Organisation.objects.in_territory(user).filter(pk=pk).exists():
        raise PermissionDenied(NOT_LOCAL)
    return organisation


def get_representative_for_user(user, pk, *, edit=False, queryset=None) -> Representative:
    require_directory_user(user)
    base = queryset if queryset is not None else Representative.objects.all()
    representative = get_object_or_404(base.select_related("organisation"), pk=pk)
    if not Representative.objects.for_user(user).filter(pk=pk).exists():
        raise PermissionDenied(OTHER_TERRITORY)
    if edit:
        get_organisation_for_user(user, representative.organisation_id, edit=True)
    return representative


def is_local_editor(user) -> bool:
    """A chef de projet (not an administrator): what they create must be local."""
    return Territory.of(user) is not None
