"""A generated document's page (its state, polled with htmx until ready), its download and
its retry; `prepare` is the page of each app's PDF URL, whose POST requests the document."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_POST

from ort_portal.pdf import pdf_response

from . import services
from .models import Document
from .registry import document_kind


def prepare(request, *, kind: str, target_id: int, params=None, title: str):
    """GET: the page offering « Préparer le PDF »; POST: request the document (or reuse the
    user's identical one) and go to its page. The kind's get_target checks the user's
    access again, as the task and the download do."""
    document_type = document_kind(kind)
    target = document_type.get_target(request.user, target_id)
    params = params or {}
    if request.method == "POST":
        document = services.request_document(
            kind=document_type, target=target, params=params, title=title, by=request.user
        )
        return redirect(document)
    return render(
        request,
        "documents/prepare.html",
        {"title": title, "target_url": document_type.target_url(target)},
    )


def _document_for_user(user, pk, *, content=False):
    """The user's own document whose target they still read (404 otherwise)."""
    queryset = Document.objects.for_user(user)
    if not content:
        queryset = queryset.defer("content")
    document = get_object_or_404(queryset, pk=pk)
    target = document_kind(document.kind).get_target(user, document.target_id)
    return document, target


@login_required
@require_GET
def detail(request, pk):
    document, target = _document_for_user(request.user, pk)
    context = {
        "title": document.title,
        "document": document,
        "target_url": document_kind(document.kind).target_url(target),
    }
    if request.htmx:
        # The poll says which state the page shows: nothing to swap while it is unchanged,
        # so the live region announces each change once.
        if request.GET.get("etat") == document.status:
            response = HttpResponse(status=204)
        else:
            response = render(request, "documents/document.html#poll", context)
    else:
        response = render(request, "documents/document.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def download(request, pk):
    document, _ = _document_for_user(request.user, pk, content=True)
    if document.status != Document.Status.READY:
        return redirect(document)
    return pdf_response(bytes(document.content), document.filename)


@login_required
@require_POST
def retry(request, pk):
    document, _ = _document_for_user(request.user, pk)
    if document.status == Document.Status.FAILED:
        services.retry_document(document=document, by=request.user)
    return redirect(document)
