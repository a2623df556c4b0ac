"""The page following a document's preparation, and its download (its requester only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.cache import patch_vary_headers

from .models import Document
from .pdf import download_response


def _document_of(user, pk) -> Document:
    """The document if this user asked for it (404 otherwise, hiding its existence)."""
    return get_object_or_404(Document.objects.defer("content"), pk=pk, requested_by=user)


@login_required
def document_status(request, pk):
    document = _document_of(request.user, pk)
    template = "ort_portal/document.html"
    if request.htmx:
        template += "#progress"
    response = render(request, template, {"title": document.title, "document": document})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def document_file(request, pk):
    document = _document_of(request.user, pk)
    if document.status != Document.Status.READY:
        raise Http404("Le document n’est pas prêt.")
    content = Document.objects.values_list("content", flat=True).get(pk=document.pk)
    return download_response(bytes(content), document.content_type, document.filename)


app_name = "documents"
urlpatterns = [
    path("documents/<uuid:pk>/", document_status, name="status"),
    path("documents/<uuid:pk>/fichier/", document_file, name="file"),
]
