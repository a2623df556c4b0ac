"""Sections of pages: the fiche-action's, that higher apps contribute (the comité
decisions), and the plan's section of the convention page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from conventions.sections import DetailSection, register_detail_section

from .models import Axis, Objective


@dataclass(frozen=True)
class FicheSection:
    template: str
    # context(action) is merged into the fiche's context.
    context: Callable[[object], dict]


_sections: list[FicheSection] = []


def register_fiche_section(section: FicheSection) -> None:
    """For higher apps, in their AppConfig.ready()."""
    _sections.append(section)


def fiche_sections() -> list[FicheSection]:
    """In registration order, that is INSTALLED_APPS order."""
    return list(_sections)


def _axes_prefetch():
    return [
        Prefetch(
            "axes",
            queryset=Axis.objects.prefetch_related(
                Prefetch("objectives", queryset=Objective.objects.order_by("position"))
            ).annotate(actions_count=Count("actions")),
        )
    ]


def register_convention_sections():
    """Called by ActionsConfig.ready(): the axes and objectives on the convention page."""
    register_detail_section(
        DetailSection(template="actions/includes/convention_axes.html", prefetch=_axes_prefetch)
    )
