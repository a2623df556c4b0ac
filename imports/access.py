"""Who may bring a convention in: administrators anywhere, chefs de projet on their territory."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from actions.models import Action
from directory.models import Commune, Organisation
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


def pickable_organisations(convention, user):
    """The organisations a plan import may name: those the user may pick (never another
    territory's local ones, even as a suggestion), and those the plan already names."""
    plan = Action.objects.filter(axis__convention=convention)
    named = (
        Q(owned_actions__in=plan)
        | Q(fundings__action__in=plan)
        | Q(co_owned_actions__action__in=plan)
    )
    visible = Organisation.objects.for_user(user).values("pk")
    return Organisation.objects.filter(
        Q(pk__in=visible) | Q(pk__in=Organisation.objects.filter(named).values("pk"))
    )
