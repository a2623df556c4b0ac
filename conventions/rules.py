"""Object permissions of the portal (django-rules), all derived from ConventionQuerySet."""

import rules

from .models import Convention
from .models.convention import is_portal_admin

is_portal_admin = rules.predicate(is_portal_admin)


@rules.predicate
def can_edit_convention(user, convention):
    if convention is None:
        return False
    return Convention.objects.editable_by(user).filter(pk=convention.pk).exists()


rules.add_perm("conventions.edit_convention", can_edit_convention)
rules.add_perm("conventions.manage_directory", is_portal_admin)
