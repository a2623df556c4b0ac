"""PDFs rendered off the request path (django.tasks, queue « pdf »).

The lower layer offers a registry that apps fill in AppConfig.ready(): a kind of document
names a function rendering it (bytes and file name) for an object and the user who asked.
A view checks access, calls start(), and answers with the file when the task already ran
(immediate backend, SQLite) or with a page that follows the rendering until the file is
ready (a worker serving the PostgreSQL queue).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.tasks import task
from django.utils import timezone

from .models import Document
from .pdf import download_response

logger = logging.getLogger(__name__)
PDF = "application/pdf"


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str = PDF


RENDERERS: dict[str, Callable[..., Rendered]] = {}


def register(kind: str, render: Callable[..., Rendered]):
    """render(object_id, *, user, **options) -> Rendered; called by the worker."""
    RENDERERS[kind] = render


def start(request, *, kind: str, object_id: int, title: str, options: dict | None = None):
    """Queue the rendering (access already checked by the caller) and answer the request:
    the file if it is ready already, else the page following its preparation."""
    if kind not in RENDERERS:
        raise KeyError(kind)
    document = Document.objects.create(
        kind=kind,
        object_id=object_id,
        title=title,
        options=options or {},
        requested_by=request.user,
    )
    render_document.enqueue(str(document.pk))
    document.refresh_from_db()
    if document.status == Document.Status.READY:
        return download_response(document.content, document.content_type, document.filename)
    return redirect("documents:status", document.pk)


@task(queue_name="pdf")
def render_document(document_id: str):
    """Render a queued document; a failure is recorded on it (the page says so)."""
    with transaction.atomic():
        document = (
            Document.objects.select_for_update().filter(pk=document_id, status="pending").first()
        )
        if document is None:
            return
        document.status = Document.Status.RUNNING
        document.save(update_fields=["status"])
    user = get_user_model().objects.get(pk=document.requested_by_id)
    try:
        rendered = RENDERERS[document.kind](document.object_id, user=user, **document.options)
    except Exception:
        logger.exception("Échec de la préparation du document %s", document_id)
        document.status = Document.Status.FAILED
    else:
        document.status = Document.Status.READY
        document.content = rendered.content
        document.filename = rendered.filename
        document.content_type = rendered.content_type
    document.finished_at = timezone.now()
    document.save(update_fields=["status", "content", "filename", "content_type", "finished_at"])
