# Signature workflow, avenants, signed versions and the convention's PDF.
from django.urls import path

from .views import amendments, pdf, signature, versions

app_name = "signatures"

urlpatterns = [
    path("conventions/<int:pk>/signature/", signature.signature, name="signature"),
    path("conventions/<int:pk>/signature/<int:signatory_pk>/signer/", signature.sign, name="sign"),
    path(
        "conventions/<int:pk>/signature/<int:signatory_pk>/deliberation/",
        signature.deliberation,
        name="deliberation",
    ),
    path("conventions/<int:pk>/prorogation/", signature.extend, name="extend"),
    path("conventions/<int:pk>/resiliation/", signature.terminate, name="terminate"),
    path("conventions/<int:pk>/pdf/", pdf.convention_pdf, name="pdf"),
    path("conventions/<int:pk>/versions/", versions.versions, name="versions"),
    path("conventions/<int:pk>/versions/geler/", versions.freeze_initial, name="freeze_initial"),
    path("conventions/<int:pk>/versions/comparer/", versions.compare, name="compare"),
    path(
        "conventions/<int:pk>/versions/<int:number>/pdf/",
        versions.version_pdf,
        name="version_pdf",
    ),
    path("conventions/<int:pk>/avenants/", amendments.amendment_create, name="amendment_create"),
    path("conventions/<int:pk>/avenants/<int:number>/", amendments.amendment, name="amendment"),
    path(
        "conventions/<int:pk>/avenants/<int:number>/projet/<slug:part>/",
        amendments.amendment_draft,
        name="amendment_draft",
    ),
    path(
        "conventions/<int:pk>/avenants/<int:number>/avis/",
        amendments.amendment_avis,
        name="amendment_avis",
    ),
    path(
        "conventions/<int:pk>/avenants/<int:number>/signer/",
        amendments.amendment_sign,
        name="amendment_sign",
    ),
    path(
        "conventions/<int:pk>/avenants/<int:number>/pdf/",
        amendments.amendment_pdf,
        name="amendment_pdf",
    ),
]
