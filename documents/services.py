"""Requesting a generated document (rendered by documents.tasks)."""

import datetime

from django.db import transaction
from django.utils import timezone

from ort_portal.writes import save_tracked

from .models import Document
from .registry import DocumentKind
from .tasks import render_document

# A request still waiting or running after this long lost its worker (stopped mid-render):
# asking again queues a new one instead of leading back to it for ever.
STALE_AFTER = datetime.timedelta(minutes=15)


# The document and its task commit together (the queue is in the same database): never a
# document waiting for a task that was not queued.
@transaction.atomic
def request_document(*, kind: DocumentKind, target, params: dict, title: str, by) -> Document:
    """The user's document for this target and parameters: their identical one still waiting
    or running, or ready with the target unchanged since (same fingerprint); otherwise a new
    one, queued for rendering."""
    fingerprint = kind.fingerprint(target, params, by) if kind.fingerprint else ""
    latest = Document.objects.reusable(
        kind=kind.name, target_id=target.pk, params=params, user=by
    ).first()
    if latest is not None and (
        (latest.in_progress and latest.created_at > timezone.now() - STALE_AFTER)
        or (latest.status == Document.Status.READY and fingerprint == latest.fingerprint != "")
    ):
        return latest
    document = save_tracked(
        Document(
            kind=kind.name,
            target_id=target.pk,
            params=params,
            fingerprint=fingerprint,
            title=title,
            requested_by=by,
        ),
        reason="Document demandé",
        by=by,
    )
    render_document.enqueue(document.pk)
    return document


@transaction.atomic
def retry_document(*, document: Document, by) -> Document:
    """Queue a failed document again."""
    document.status = Document.Status.PENDING
    document.error = ""
    document.started_at = document.finished_at = None
    save_tracked(
        document,
        reason="Nouvelle tentative",
        by=by,
        update_fields=["status", "error", "started_at", "finished_at"],
    )
    render_document.enqueue(document.pk)
    return document
