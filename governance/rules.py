"""Object permissions on comités, derived from the conventions they follow."""

import rules

from .models import Committee


@rules.predicate
def can_edit_committee(user, committee):
    """A comité is edited by whoever may edit at least one convention it follows: its chef
    de projet plans the séances and records the decisions (Libercourt art. 7)."""
    if committee is None:
        return False
    return Committee.objects.editable_by(user).filter(pk=committee.pk).exists()


rules.add_perm("governance.edit_committee", can_edit_committee)
