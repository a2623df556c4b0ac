"""The plan d'action of a convention, grouped by axis, with filters and totals."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from actions.filters import ActionFilter
from actions.financing import Figures
from actions.forms import MaturityForm
from actions.models import Action, Axis, Objective
from conventions.access import get_convention_for_user

from .common import can_edit


@dataclass
class Totals:
    """Totals of the rows shown: every row counted, the amounts of the actions still in
    the plan added up by the one rule (actions.financing)."""

    count: int = 0
    figures: Figures = field(default_factory=lambda: Figures(cost=Decimal("0")))

    def add(self, action):
        self.count += 1
        if action.maturity != Action.Maturity.ABANDONNEE:
            self.figures = self.figures + action.figures


@dataclass
class AxisPlan:
    axis: Axis
    actions: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


def group_actions(axes, actions) -> tuple[dict[int, AxisPlan], Totals]:
    groups = {axis.pk: AxisPlan(axis=axis) for axis in axes}
    totals = Totals()
    for action in actions:
        groups[action.axis_id].actions.append(action)
        groups[action.axis_id].totals.add(action)
        totals.add(action)
    return groups, totals


@login_required
def plan(request, pk):
    """The plan; with ?ordre=1 (editors), the ordering mode: move buttons instead of the
    maturity selects, so that neither adds Tab stops to every row of the other mode."""
    convention = get_convention_for_user(request.user, pk)
    editable = can_edit(request.user, convention)
    reorder = editable and request.GET.get("ordre") == "1"
    axes = convention.axes.prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.order_by("position"))
    )
    filterset = ActionFilter(
        None if reorder else request.GET or None,
        queryset=Action.objects.filter(axis__convention=convention).for_plan(),
        convention=convention,
    )
    groups, totals = group_actions(axes, filterset.qs)
    filtered = filterset.is_bound and any(filterset.form.cleaned_data.values())
    shown = [group for group in groups.values() if group.actions or not filtered]
    if reorder:
        title = f"Ordre des actions – {convention.reference}"
    elif filtered:
        title = f"Plan d’action filtré ({totals.count}) – {convention.reference}"
    else:
        title = f"Plan d’action – {convention.reference}"
    return render(
        request,
        "actions/plan.html",
        {
            "title": title,
            "convention": convention,
            "filter": filterset,
            "filtered": filtered,
            "reorder": reorder,
            "axes": shown,
            "totals": totals,
            "can_edit": editable,
            "maturity_choices": MaturityForm.base_fields["maturity"].choices,
        },
    )
