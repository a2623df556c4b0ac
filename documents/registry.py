"""The kinds of generated documents: each app declares its own in AppConfig.ready(), so
this module renders and serves them without importing the apps above it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class DocumentKind:
    """A document an app can generate off the request path.

    get_target(user, target_id) returns the object the user may read, or raises Http404 or
    PermissionDenied: it runs when the document is requested, rendered and downloaded.
    render(target, params, user) returns (pdf bytes, file name); it runs in a task.
    fingerprint(target, params, user), when given, sums up what the document shows (a hash
    of the target's content): the user's ready document with the same fingerprint is offered
    again instead of being rendered anew. Without it, only a document still in progress is
    reused.
    """

    name: str
    label: str
    get_target: Callable[..., Model]
    render: Callable[..., tuple[bytes, str]]
    target_url: Callable[[Model], str]
    fingerprint: Callable[..., str] | None = None


_KINDS: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> None:
    _KINDS[kind.name] = kind


def document_kind(name: str) -> DocumentKind:
    return _KINDS[name]


def kind_names() -> list[str]:
    return sorted(_KINDS)
