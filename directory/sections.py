"""What higher apps show about an organisation in the directory (the conventions it
signed, its seats in comités): each registers a section in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrganisationSection:
    # Included on the organisation page, with context(organisation) merged in its context.
    template: str
    context: Callable[[object], dict]
    # Optionally a column of the organisations list: its title, the template of a cell
    # (which reads `organisation`) and the prefetches it needs.
    column_title: str = ""
    column_template: str = ""
    column_prefetch: Callable[[], list] = field(default=lambda: [])


_sections: list[OrganisationSection] = []


def register_organisation_section(section: OrganisationSection) -> None:
    _sections.append(section)


def organisation_sections() -> list[OrganisationSection]:
    """In registration order, that is INSTALLED_APPS order."""
    return list(_sections)


def list_columns() -> list[OrganisationSection]:
    return [section for section in _sections if section.column_template]
