"""Access to an action and the explanation of a concurrent change, shared by the views."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst

from conventions.access import get_convention_for_user
from ort_portal.history import HistoryEntry, build_history, format_value

from ..history import action_scope
from ..models import Action


def get_action_for_user(user, pk, *, edit=False, queryset=None) -> Action:
    """The action if the user may read its convention (404 otherwise, hiding it);
    with edit=True, PermissionDenied (403) when they may read but not edit it."""
    queryset = queryset if queryset is not None else Action.objects.all()
    action = get_object_or_404(queryset.select_related("axis__convention"), pk=pk)
    get_convention_for_user(user, action.axis.convention_id, edit=edit)
    return action


def can_edit(user, convention) -> bool:
    return user.has_perm("conventions.edit_convention", convention)


def changes_since(action: Action, version: int) -> list[HistoryEntry]:
    """What was saved on the action, its fundings, indicators and measurements after
    the given version was written: what a stale editor has not seen."""
    loaded = Action.history.filter(id=action.pk, version=version).order_by("-history_date").first()
    entries, _ = build_history(action_scope(action.pk))
    if loaded is None:
        return entries
    return [entry for entry in entries if entry.date > loaded.history_date]


@dataclass
class ConflictRow:
    label: str
    yours: str
    current: str
    changed_by: str


def conflict_rows(form, current: Action, entries: list[HistoryEntry]) -> list[ConflictRow]:
    """Fields of the action changed meanwhile: the editor's input beside the saved value.

    `form` is bound to the editor's input; `current` is the saved action, left untouched.
    """
    yours = Action(**form.cleaned_data_for_model()) if form.is_valid() else None
    rows, seen = [], set()
    for entry in entries:  # newest first: the latest author of each field
        if entry.model is not Action:
            continue
        for attname in entry.raw_changes:
            model_field = Action._meta.get_field(attname.removesuffix("_id"))
            if model_field.name in seen or model_field.name not in form.fields:
                continue
            seen.add(model_field.name)
            when = timezone.localtime(entry.date)
            rows.append(
                ConflictRow(
                    label=capfirst(str(model_field.verbose_name)),
                    yours=(
                        format_value(yours, model_field)
                        if yours is not None
                        else str(form[model_field.name].value() or "—")
                    ),
                    current=format_value(current, model_field),
                    changed_by=f"{entry.author}, le {when:%d/%m/%Y à %H:%M}",
                )
            )
    return rows
