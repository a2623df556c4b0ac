"""What the plan's views share: the edit right shown in pages, and "apply, or show the
conflict" when another editor saved the action meanwhile."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import capfirst

from ort_portal.history import HistoryEntry, build_history, format_value

from ..history import action_scope
from ..models import Action
from ..services import StaleActionError


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


@dataclass
class Outcome:
    """What apply_or_conflict() did: `result` when the write went through; otherwise the
    action as saved meanwhile (`current`), what changed since the editor's version
    (`conflict`, newest first) and their input rebased on the current version (`data`)."""

    result: object = None
    current: Action | None = None
    conflict: list[HistoryEntry] = field(default_factory=list)
    data: dict | None = None

    @property
    def applied(self) -> bool:
        return self.current is None


def apply_or_conflict(request, write: Callable, *, expected_version: int) -> Outcome:
    """Run a versioned write of the plan (services raising StaleActionError); when the
    action moved on since the editor loaded it, nothing is written and the outcome tells
    what to show: the changes they have not seen, and their input to re-apply."""
    try:
        return Outcome(result=write())
    except StaleActionError as stale:
        data = request.POST.copy()
        data["version"] = str(stale.current.version)
        return Outcome(
            current=stale.current,
            conflict=changes_since(stale.current, expected_version),
            data=data,
        )
