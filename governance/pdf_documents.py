"""The relevé de décisions of a séance as a PDF, generated off the request path."""

from django.utils import timezone

from conventions.models import Convention
from documents.registry import DocumentKind, register_document_kind
from ort_portal.pdf import render_pdf

from .access import get_meeting_for_user
from .models import Meeting
from .views import PARIS, RECORD_PDF_KIND, meeting_label


def _meeting(user, pk):
    return get_meeting_for_user(user, pk, queryset=Meeting.objects.with_record(user))


def _render_record(meeting, params, user):
    context = {
        "title": f"Relevé de décisions – {meeting_label(meeting)}",
        "meeting": meeting,
        "committee": meeting.committee,
        "conventions": meeting.committee.conventions.filter(
            pk__in=Convention.objects.for_user(user)
        ).order_by("title"),
        "generated_at": timezone.now(),
    }
    local_start = timezone.localtime(meeting.starts_at, PARIS)
    return (
        render_pdf("pdf/meeting_decisions.html", context),
        f"releve-de-decisions-{local_start:%Y-%m-%d}-{meeting.pk}.pdf",
    )


def register():
    """Called by GovernanceConfig.ready()."""
    register_document_kind(
        DocumentKind(
            name=RECORD_PDF_KIND,
            label="Relevé de décisions (PDF)",
            get_target=_meeting,
            render=_render_record,
            target_url=lambda meeting: meeting.get_absolute_url(),
        )
    )
