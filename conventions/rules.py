"""Object permissions of the portal (django-rules), all derived from ConventionQuerySet."""

import rules

from .models import Convention


@rules.predicate
def is_portal_admin(user):
    profile = getattr(user, "portal_profile", None)
    return user.is_superuser or (profile is not None and profile.is_admin)


@rules.predicate
def can_read_convention(user, convention):
    if convention is None:
        return False
    return Convention.objects.for_user(user).filter(pk=convention.pk).exists()


@rules.predicate
def can_edit_convention(user, convention):
    if convention is None:
        return False
    return Convention.objects.editable_by(user).filter(pk=convention.pk).exists()


rules.add_perm("conventions.read_convention", can_read_convention)
rules.add_perm("conventions.edit_convention", can_edit_convention)
rules.add_perm("conventions.manage_directory", is_portal_admin)
