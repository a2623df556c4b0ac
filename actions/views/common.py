"""Access to an action and the explanation of a concurrent change, shared by the views."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils import timezone

from conventions.access import get_convention_for_user
from conventions.history import HistoryEntry, action_scope, build_history, format_value

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
    """Fields of the action changed meanwhile: the editor's input beside the saved value."""
    rows, seen = [], set()
    for entry in entries:  # newest first: the latest author of each field
        if entry.model is not Action:
            continue
        for attname in entry.raw_changes:
            if attname in seen:
                continue
            seen.add(attname)
            model_field = Action._meta.get_field(attname.removesuffix("_id"))
            if model_field.name not in form.fields:
                continue
            yours = form[model_field.name].value()
            when = timezone.localtime(entry.date)
            rows.append(
                ConflictRow(
                    label=str(model_field.verbose_name),
                    yours=_display(form, model_field, yours),
                    current=format_value(current, model_field),
                    changed_by=f"{entry.author}, le {when:%d/%m/%Y à %H:%M}",
                )
            )
    return rows


def _display(form, model_field, raw):
    if raw in (None, ""):
        return "—"
    choices = getattr(form.fields[model_field.name], "choices", None)
    if choices is not None:
        labels = {str(value): str(label) for value, label in choices}
        return labels.get(str(raw), str(raw))
    if isinstance(raw, bool):
        return "Oui" if raw else "Non"
    return str(raw)
