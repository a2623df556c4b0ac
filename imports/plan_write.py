"""Writing a confirmed plan d'action preview (imports.plan_import): one transaction,
every write history-tracked with its author and the reason « import »."""

from django.db import transaction
from django.db.models import Max

from actions.models import Action, ActionOwner, Funding, Indicator
from ort_portal.writes import delete_tracked, save_tracked

from .plan_import import REASON, ActionChange, Preview, co_owner_changes


def apply(preview: Preview, *, by) -> dict:
    """Write a preview without errors, in one transaction; every write is history-tracked
    with its author and the reason « import »."""
    if preview.errors:
        raise ValueError("A preview with errors is not imported.")
    positions = {}
    with transaction.atomic():
        for change in preview.actions:
            if change.status == "unchanged":
                continue
            action = _write_action(change, positions, by)
            _write_fundings(action, change.fundings, by)
            _write_co_owners(action, change, by)
            for label in change.indicators:
                indicator = Indicator(action=action, label=label, kind=Indicator.Kind.RESULTAT)
                save_tracked(indicator, reason=REASON, by=by)
    return preview.counts


def _write_action(change: ActionChange, positions: dict, by) -> Action:
    action = change.existing
    if action is None:
        axis = change.axis
        if axis.pk not in positions:
            positions[axis.pk] = axis.actions.aggregate(last=Max("position"))["last"] or 0
        positions[axis.pk] += 1
        action = Action(axis=axis, code=change.code, position=positions[axis.pk])
    else:
        action = Action.objects.select_for_update().get(pk=action.pk)
        action.version += 1
    for name, value in change.values.items():
        setattr(action, name, value)
    return save_tracked(action, reason=REASON, by=by)


def _write_fundings(action: Action, fundings: list, by):
    for funding in fundings:
        if funding.existing is not None and not funding.changes:
            continue
        row = funding.existing or Funding(action=action)
        for name, value in funding.values.items():
            setattr(row, name, value)
        save_tracked(row, reason=REASON, by=by)


def _write_co_owners(action: Action, change: ActionChange, by):
    """Replace the other maîtres d'ouvrage by those of the file, when they differ."""
    if change.co_owners is None:
        return
    if change.existing is not None and not co_owner_changes(change.existing, change.co_owners):
        return
    for owner in ActionOwner.objects.filter(action=action):
        delete_tracked(owner, reason=REASON, by=by)
    for organisation, entry in change.co_owners:
        owner = ActionOwner(
            action=action,
            organisation=organisation,
            phase=entry.phase[:200],
            share=entry.share,
            period_start=entry.period_start,
            period_end=entry.period_end,
        )
        owner.full_clean()
        save_tracked(owner, reason=REASON, by=by)
