"""History of the action plan: its part of a convention's history and a fiche's panel."""

from django.utils import formats

from conventions.history import register_convention_scope
from directory.models import Organisation
from ort_portal.history import register_row_label

from .models import Action, ActionOwner, Axis, Funding, Indicator, Measurement, Objective


def plan_scope(convention_id):
    """History rows of a convention's axes, objectives, actions, fundings, indicators and
    measurements."""
    axis_ids = Axis.history.filter(convention_id=convention_id).values("id")
    action_ids = Action.history.filter(axis_id__in=axis_ids).values("id")
    indicator_ids = Indicator.history.filter(action_id__in=action_ids).values("id")
    return {
        Axis: Axis.history.filter(convention_id=convention_id),
        Objective: Objective.history.filter(axis_id__in=axis_ids),
        Action: Action.history.filter(id__in=action_ids),
        ActionOwner: ActionOwner.history.filter(action_id__in=action_ids),
        Funding: Funding.history.filter(action_id__in=action_ids),
        Indicator: Indicator.history.filter(id__in=indicator_ids),
        Measurement: Measurement.history.filter(indicator_id__in=indicator_ids),
    }


def action_scope(action_id):
    """History rows of a fiche-action: the action, its fundings, indicators and measurements."""
    indicator_ids = Indicator.history.filter(action_id=action_id).values("id")
    return {
        Action: Action.history.filter(id=action_id),
        ActionOwner: ActionOwner.history.filter(action_id=action_id),
        Funding: Funding.history.filter(action_id=action_id),
        Indicator: Indicator.history.filter(id__in=indicator_ids),
        Measurement: Measurement.history.filter(indicator_id__in=indicator_ids),
    }


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
