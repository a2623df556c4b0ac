"""History of the action plan: its part of a convention's history and a fiche's panel."""

from collections import defaultdict

from django.db.models import Q
from django.utils import formats

from conventions.history import register_convention_scope
from directory.models import Organisation
from ort_portal.history import register_row_label

from .models import Action, ActionOwner, Axis, Funding, Indicator, Measurement, Objective


def plan_scope(convention_id):
    """History rows of a convention's axes, objectives, actions, fundings, indicators and
    measurements, written while the action belonged to the convention: an action moved to
    another convention takes its later history there, and brings none of its earlier one."""
    axis_ids = set(Axis.history.filter(convention_id=convention_id).values_list("id", flat=True))
    stayed, periods = _membership(axis_ids)
    indicators = dict(
        Indicator.history.filter(action_id__in=stayed | set(periods)).values_list("id", "action_id")
    )
    of_action = Q(action_id__in=stayed)
    measured = Q(indicator_id__in=[i for i, a in indicators.items() if a in stayed])
    for action_id, spans in periods.items():
        during = _during(spans)
        of_action |= Q(action_id=action_id) & during
        mine = [i for i, a in indicators.items() if a == action_id]
        measured |= Q(indicator_id__in=mine) & during
    return {
        Axis: Axis.history.filter(convention_id=convention_id),
        Objective: Objective.history.filter(axis_id__in=axis_ids),
        Action: Action.history.filter(axis_id__in=axis_ids),
        ActionOwner: ActionOwner.history.filter(of_action),
        Funding: Funding.history.filter(of_action),
        Indicator: Indicator.history.filter(of_action),
        Measurement: Measurement.history.filter(measured),
    }


def _membership(axis_ids, action_ids=None):
    """The actions that were on these axes from their first history row on and never left,
    and for the others the periods [start, end) they spent there (end None: still there)."""
    if action_ids is None:
        action_ids = Action.history.filter(axis_id__in=axis_ids).values("id")
    rows = (
        Action.history.filter(id__in=action_ids)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "axis_id", "history_date")
    )
    spans, first = defaultdict(list), {}
    start = None
    for action_id, axis_id, date in rows:
        if action_id not in first:
            start = None
            first[action_id] = date
        if axis_id in axis_ids and start is None:
            start = date
            spans[action_id].append([start, None])
        elif axis_id not in axis_ids and start is not None:
            spans[action_id][-1][1] = date
            start = None
    stayed = {a for a, s in spans.items() if s == [[first[a], None]]}
    return stayed, {a: s for a, s in spans.items() if a not in stayed}


def _during(spans):
    during = Q(pk__in=[])
    for start, end in spans:
        span = Q(history_date__gte=start)
        if end is not None:
            span &= Q(history_date__lt=end)
        during |= span
    return during


def action_scope(action_id, *, convention_id=None):
    """History rows of a fiche-action: the action, its fundings, indicators and measurements;
    with `convention_id`, only those written while the action belonged to that convention
    (the fiche of an action moved from another territory shows nothing of its time there)."""
    indicator_ids = Indicator.history.filter(action_id=action_id).values("id")
    scope = {
        Action: Action.history.filter(id=action_id),
        ActionOwner: ActionOwner.history.filter(action_id=action_id),
        Funding: Funding.history.filter(action_id=action_id),
        Indicator: Indicator.history.filter(id__in=indicator_ids),
        Measurement: Measurement.history.filter(indicator_id__in=indicator_ids),
    }
    if convention_id is None:
        return scope
    axis_ids = set(Axis.history.filter(convention_id=convention_id).values_list("id", flat=True))
    stayed, periods = _membership(axis_ids, action_ids=[action_id])
    if action_id in stayed:
        return scope
    during = _during(periods.get(action_id, []))
    return {model: rows.filter(during) for model, rows in scope.items()}


def _funding_label(row, names):
    funder = names.get((Organisation, row.funder_id), "financeur inconnu")
    if row.year:
        return f"{funder}, {row.year}"
    if row.period_start:
        return f"{funder}, {row.period_start}–{row.period_end}"
    return f"{funder}, sans année"


def _owner_label(row, names):
    return names.get((Organisation, row.organisation_id), "maître d’ouvrage")


def _measurement_label(row, names):
    indicator = names.get((Indicator, row.indicator_id), "indicateur")
    return f"{indicator} au {formats.date_format(row.date, 'd/m/Y')}"


def _objective_label(row, names):
    return row.text if len(row.text) <= 90 else f"{row.text[:89]}…"


def register():
    """Called by ActionsConfig.ready()."""
    register_convention_scope(plan_scope)
    register_row_label(Funding, _funding_label)
    register_row_label(ActionOwner, _owner_label)
    register_row_label(Measurement, _measurement_label)
    register_row_label(Axis, lambda row, names: f"Axe {row.number} : {row.title}")
    register_row_label(Action, lambda row, names: f"{row.code} {row.title}".strip())
    register_row_label(Objective, _objective_label)
    register_row_label(Indicator, lambda row, names: row.label)
