# Signature workflow, avenants, signed versions and PDF exports of conventions.
from django.urls import path

from . import signature_views as views

urlpatterns = [
    path("conventions/<int:pk>/signature/", views.signature, name="signature"),
    path("conventions/<int:pk>/signature/<int:signatory_pk>/signer/", views.sign, name="sign"),
    path(
        "conventions/<int:pk>/signature/<int:signatory_pk>/deliberation/",
        views.deliberation,
        name="deliberation",
    ),
    path("conventions/<int:pk>/prorogation/", views.extend, name="extend"),
    path("conventions/<int:pk>/resiliation/", views.terminate, name="terminate"),
    path("conventions/<int:pk>/pdf/", views.convention_pdf, name="pdf"),
    path("conventions/<int:pk>/versions/", views.versions, name="versions"),
    path("conventions/<int:pk>/versions/geler/", views.freeze_initial, name="freeze_initial"),
    path("conventions/<int:pk>/versions/comparer/", views.compare, name="compare"),
    path("conventions/<int:pk>/versions/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("conventions/<int:pk>/avenants/", views.amendment_create, name="amendment_create"),
    path("conventions/<int:pk>/avenants/<int:number>/", views.amendment, name="amendment"),
    path(
        "conventions/<int:pk>/avenants/<int:number>/projet/<slug:part>/",
        views.amendment_draft,
        name="amendment_draft",
    ),
    path(
        "conventions/<int:pk>/avenants/<int:number>/avis/",
        views.amendment_avis,
        name="amendment_avis",
    ),
    path(
        "conventions/<int:pk>/avenants/<int:number>/signer/",
        views.amendment_sign,
        name="amendment_sign",
    ),
    path(
        "conventions/<int:pk>/avenants/<int:number>/pdf/",
        views.amendment_pdf,
        name="amendment_pdf",
    ),
]
