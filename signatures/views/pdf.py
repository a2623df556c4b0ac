"""The convention as a PDF, from its current state, prepared off the request path."""

from django.contrib.auth.decorators import login_required

from conventions.access import get_convention_for_user
from documents.views import prepare

from ..pdf_documents import CONVENTION


@login_required
def convention_pdf(request, pk):
    """GET: the page offering to prepare the PDF; POST: prepare it."""
    convention = get_convention_for_user(request.user, pk)
    title = f"Convention {convention.reference} (PDF)"
    return prepare(request, kind=CONVENTION, target_id=convention.pk, title=title)
