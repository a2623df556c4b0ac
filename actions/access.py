"""The access helpers every plan view calls (ort_portal.access's shape): the plan of a
convention is read and edited by whoever reads or edits the convention."""

from ort_portal.access import get_for_user

from .models import Action, Axis, Indicator

EDIT_DENIED = "Vous ne pouvez pas modifier le plan d’action de cette convention."


def get_action_for_user(user, pk, *, edit=False, queryset=None) -> Action:
    base = queryset if queryset is not None else Action.objects.all()
    return get_for_user(
        base.select_related("axis__convention"),
        pk,
        readable=Action.objects.for_user(user),
        editable=Action.objects.editable_by(user) if edit else None,
        message=EDIT_DENIED,
    )


def get_axis_for_user(user, pk, *, edit=False, queryset=None) -> Axis:
    base = queryset if queryset is not None else Axis.objects.all()
    return get_for_user(
        base.select_related("convention"),
        pk,
        readable=Axis.objects.for_user(user),
        editable=Axis.objects.editable_by(user) if edit else None,
        message=EDIT_DENIED,
    )


def get_indicator_for_user(user, pk, *, edit=False, queryset=None) -> Indicator:
    base = queryset if queryset is not None else Indicator.objects.all()
    return get_for_user(
        base.select_related("action__axis__convention"),
        pk,
        readable=Indicator.objects.for_user(user),
        editable=Indicator.objects.editable_by(user) if edit else None,
        message=EDIT_DENIED,
    )
