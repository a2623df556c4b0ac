"""The convention as a PDF, from its current state."""

from django.contrib.auth.decorators import login_required

from conventions.access import get_convention_for_user
from ort_portal.pdf import pdf_response, render_pdf

from ..snapshot.build import snapshot_of
from ..snapshot.present import pdf_context


@login_required
def convention_pdf(request, pk):
    """The current state; "document de travail" until the convention is signed."""
    convention = get_convention_for_user(request.user, pk)
    context = pdf_context(snapshot_of(convention), working_copy=not convention.is_signed)
    return pdf_response(render_pdf("signatures/pdf/convention.html", context), convention.reference)
