"""Rendering a requested document, on the "pdf" queue (a db_worker process on PostgreSQL,
the requesting process itself on SQLite)."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.tasks import task
from django.utils import timezone

from ort_portal.writes import save_tracked

from .models import Document
from .registry import document_kind

logger = logging.getLogger(__name__)

RENDER_FAILED = (
    "Le PDF n’a pas pu être préparé. Réessayez ; si l’erreur persiste, "
    "signalez-la à l’équipe du portail."
)
ACCESS_LOST = "Vous n’avez plus accès à l’objet de ce document : il n’a pas été préparé."


@task(queue_name="pdf")
def render_document(document_id: int) -> str:
    """Render the document as its requester sees the target now; a failure is recorded on
    the document (shown to the user with a retry button), never raised."""
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status != Document.Status.PENDING:
            return document.status if document else "absent"
        document.status = Document.Status.RUNNING
        document.started_at = timezone.now()
        save_tracked(
            document,
            reason="Préparation commencée",
            by=document.requested_by,
            update_fields=["status", "started_at"],
        )
    try:
        kind = document_kind(document.kind)
        target = kind.get_target(document.requested_by, document.target_id)
        content, filename = kind.render(target, document.params, document.requested_by)
    except (Http404, PermissionDenied):
        return _fail(document, ACCESS_LOST)
    except Exception:
        logger.exception("Document %s (%s) not rendered", document.pk, document.kind)
        return _fail(document, RENDER_FAILED)
    document.status = Document.Status.READY
    document.content = content
    document.filename = filename
    document.size = len(content)
    document.finished_at = timezone.now()
    save_tracked(
        document,
        reason="Document prêt",
        by=document.requested_by,
        update_fields=["status", "content", "filename", "size", "finished_at"],
    )
    return document.status


def _fail(document, message):
    document.status = Document.Status.FAILED
    document.error = message
    document.finished_at = timezone.now()
    save_tracked(
        document,
        reason="Échec de la préparation",
        by=document.requested_by,
        update_fields=["status", "error", "finished_at"],
    )
    return document.status
