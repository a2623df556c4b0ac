"""Sections of pages: the convention page's, that higher apps contribute (the plan's axes,
the comités; each registers in its AppConfig.ready() what to prefetch and what to
include), and the conventions' section of an organisation's directory page."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from directory.sections import OrganisationSection, register_organisation_section

from .models import Signatory


@dataclass(frozen=True)
class DetailSection:
    template: str
    # Called on every request: returns prefetch_related() lookups of Convention.
    prefetch: Callable[[], list] = field(default=lambda: [])


_sections: list[DetailSection] = []


def register_detail_section(section: DetailSection) -> None:
    """For higher apps, in their AppConfig.ready()."""
    _sections.append(section)


def detail_sections() -> list[DetailSection]:
    """In registration order, that is INSTALLED_APPS order."""
    return list(_sections)


def detail_prefetches() -> list:
    return [lookup for section in _sections for lookup in section.prefetch()]


def _signatures(organisation):
    return {
        "signatures": Signatory.objects.filter(organisation=organisation)
        .select_related("convention", "representative")
        .order_by("convention__title")
    }


def _prefetch():
    return [
        Prefetch(
            "signatures",
            queryset=Signatory.objects.select_related("convention").order_by("convention__title"),
        )
    ]


def register_organisation_sections():
    """Called by ConventionsConfig.ready()."""
    register_organisation_section(
        OrganisationSection(
            template="conventions/directory/organisation_signatures.html",
            context=_signatures,
            column_title="Conventions signées",
            column_template="conventions/directory/organisation_signatures_cell.html",
            column_prefetch=_prefetch,
        )
    )
