"""The convention as a PDF, from its current state."""

from django.contrib.auth.decorators import login_required

from conventions.access import get_convention_for_user
from ort_portal import documents
from ort_portal.pdf import render_pdf

from ..snapshot.build import snapshot_of
from ..snapshot.present import pdf_context


def render_convention(object_id, *, user) -> documents.Rendered:
    """The current state; "document de travail" until the convention is signed (rendered
    by the task worker, the user's access checked again there)."""
    convention = get_convention_for_user(user, object_id)
    context = pdf_context(snapshot_of(convention), working_copy=not convention.is_signed)
    content = render_pdf("signatures/pdf/convention.html", context)
    return documents.Rendered(content, f"{convention.reference}.pdf")


@login_required
def convention_pdf(request, pk):
    convention = get_convention_for_user(request.user, pk)
    return documents.start(
        request,
        kind="convention",
        object_id=convention.pk,
        title=f"PDF de la convention {convention.reference}",
    )
