"""The fiche-action: every field, financing plan, indicators, history, and the sections
higher apps register (the comité decisions)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from actions.financing_table import financing_summary
from actions.forms import MaturityForm, MeasurementForm
from actions.models import Action, Indicator, Measurement
from ort_portal.history import build_history

from ..access import get_action_for_user
from ..history import action_scope
from ..sections import fiche_sections
from .common import can_edit

HISTORY_PANEL_SIZE = 20


@dataclass
class IndicatorView:
    indicator: Indicator
    measurements: list[Measurement]

    @property
    def last(self):
        """The latest measurement, to set beside the target."""
        return self.measurements[-1] if self.measurements else None


def fiche_context(request, action):
    convention = action.axis.convention
    history, _ = build_history(action_scope(action.pk, convention_id=convention.pk))
    sections = fiche_sections()
    context = {
        "title": f"Fiche-action {action}",
        "action": action,
        "convention": convention,
        "financing": financing_summary(action),
        "indicators": [
            IndicatorView(indicator, list(indicator.measurements.all()))
            for indicator in action.indicators.all()
        ],
        "sections": sections,
        "history": history[:HISTORY_PANEL_SIZE],
        "history_more": len(history) > HISTORY_PANEL_SIZE,
        "can_edit": can_edit(request.user, convention),
        "maturity_form": MaturityForm(
            initial={"maturity": action.maturity, "version": action.version}
        ),
        "measurement_form": MeasurementForm(initial={"version": action.version}),
        "Maturity": Action.Maturity,
    }
    for section in sections:
        context |= section.context(action)
    return context


@login_required
def detail(request, pk):
    action = get_action_for_user(request.user, pk, queryset=Action.objects.for_fiche())
    return render(request, "actions/detail.html", fiche_context(request, action))
