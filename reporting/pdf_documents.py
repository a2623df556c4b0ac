"""The dashboard's and the maquette financière's PDF, generated off the request path."""

from django.urls import reverse
from django.utils import timezone

from conventions.access import get_convention_for_user
from documents.registry import DocumentKind, register_document_kind
from ort_portal.pdf import render_pdf

from .views import dashboards, financial_model
from .views.common import export_filename


def _render_dashboard(convention, params, user):
    context = dashboards.convention_dashboard_context(convention, user) | {
        "exported_at": timezone.localtime()
    }
    return (
        render_pdf("reporting/pdf/dashboard.html", context),
        export_filename(convention, "tableau-de-bord", "pdf"),
    )


def _render_financial_model(convention, params, user):
    context = financial_model.financial_model_context(convention, params["annee"])
    context["exported_at"] = timezone.localtime()
    return (
        render_pdf("reporting/pdf/financial_model.html", context),
        export_filename(convention, "maquette-financiere", "pdf"),
    )


def register():
    """Called by ReportingConfig.ready()."""
    register_document_kind(
        DocumentKind(
            name=dashboards.PDF_KIND,
            label="Tableau de bord (PDF)",
            get_target=get_convention_for_user,
            render=_render_dashboard,
            target_url=lambda convention: reverse("reporting:dashboard", args=[convention.pk]),
        )
    )
    register_document_kind(
        DocumentKind(
            name=financial_model.PDF_KIND,
            label="Maquette financière (PDF)",
            get_target=get_convention_for_user,
            render=_render_financial_model,
            target_url=lambda convention: reverse(
                "reporting:financial_model", args=[convention.pk]
            ),
        )
    )
