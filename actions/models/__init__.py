"""Strategy (axes, objectives) and the plan d'action (actions, maîtres d'ouvrage,
funding, indicators)."""

from .funding import ActionOwner, Funding
from .indicators import Indicator, IndicatorQuerySet, Measurement
from .plan import Action, ActionQuerySet
from .strategy import AMENDMENT_REQUIRED, Axis, AxisQuerySet, AxisTemplate, Objective

__all__ = [
    "AMENDMENT_REQUIRED",
    "Action",
    "ActionOwner",
    "ActionQuerySet",
    "Axis",
    "AxisQuerySet",
    "AxisTemplate",
    "Funding",
    "Indicator",
    "IndicatorQuerySet",
    "Measurement",
    "Objective",
]
