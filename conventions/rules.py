"""Object permissions on conventions (django-rules), derived from ConventionQuerySet."""

import rules

from .models import Convention


@rules.predicate
def can_edit_convention(user, convention):
    if convention is None:
        return False
    return Convention.objects.editable_by(user).filter(pk=convention.pk).exists()


rules.add_perm("conventions.edit_convention", can_edit_convention)
