"""Writing a convention in the portal before its signature: the parts of the draft page.

Each part (parties, articles, secteurs here; axes and comités from higher apps, registered in
their AppConfig.ready()) lists its rows and offers a form to add, correct or remove one.
Every write goes through services.save_part / delete_part, which refuse once the convention
is signed: it then changes only by avenant."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class DraftPart:
    slug: str
    title: str
    # form_class(data, instance=…, convention=…, user=…): a ModelForm.
    form_class: type
    # The part's rows for a convention, and a new row bound to it.
    items: Callable[..., QuerySet]
    new: Callable[..., Model]
    # Renders one row (context: item, convention).
    row_template: str
    # save(convention=, form=, by=) -> the saved row; None: the form's instance, tracked.
    save: Callable | None = None
    # delete(convention=, instance=, by=); None: the row is deleted, tracked.
    delete: Callable | None = None
    noun: str = "l’élément"
    help: str = ""
    extra_template: str = ""
    order: int = 100
    links: list = field(default_factory=list)


_parts: dict[str, DraftPart] = {}


def register_draft_part(part: DraftPart) -> None:
    """For conventions itself and higher apps, in their AppConfig.ready()."""
    _parts[part.slug] = part


def draft_parts() -> list[DraftPart]:
    return sorted(_parts.values(), key=lambda part: part.order)


def draft_part(slug: str) -> DraftPart | None:
    return _parts.get(slug)
