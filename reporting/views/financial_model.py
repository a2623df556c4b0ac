"""The maquette financière (consolidation at 31 December) and its exports (PDF, XLSX, CSV)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from actions.models import Funding
from conventions.access import get_convention_for_user
from conventions.models import Convention
from documents.views import prepare
from ort_portal.pdf import download_response

from .. import dashboards, exports, maquette
from ..forms import YearForm, chosen_year
from .common import XLSX_TYPE, export_filename

PDF_KIND = "maquette_financiere"


def financial_model_context(convention, year):
    conventions = Convention.objects.filter(pk=convention.pk)
    actions = dashboards.actions_of(conventions)
    return {
        "title": f"Maquette financière – {convention.reference}",
        "convention": convention,
        "year": year,
        "year_end": datetime.date(year, 12, 31),
        "maquette": maquette.build_maquette(actions, dashboards.convention_lines(conventions)),
        "consolidation": list(maquette.consolidation(actions, year)),
        "consolidation_totals": maquette.consolidation_totals(actions, year),
        "statuses": Funding.Status,
    }


@login_required
def financial_model(request, pk):
    convention = get_convention_for_user(request.user, pk)
    year = chosen_year(request)
    context = financial_model_context(convention, year)
    context["year_form"] = YearForm(initial={"annee": year})
    return render(request, "reporting/financial_model/page.html", context)


@login_required
def financial_model_pdf(request, pk):
    """GET: the page offering to prepare the maquette's PDF for ?annee; POST: prepare it."""
    convention = get_convention_for_user(request.user, pk)
    year = chosen_year(request)
    title = f"Maquette financière {year} – {convention.reference} (PDF)"
    return prepare(
        request, kind=PDF_KIND, target_id=convention.pk, params={"annee": year}, title=title
    )


@login_required
def financial_model_xlsx(request, pk):
    convention = get_convention_for_user(request.user, pk)
    content = exports.maquette_workbook(convention, exported_at=timezone.localtime())
    return download_response(
        content, XLSX_TYPE, export_filename(convention, "maquette-financiere", "xlsx")
    )


@login_required
def plan_csv(request, pk):
    convention = get_convention_for_user(request.user, pk)
    content = exports.plan_csv(convention, exported_at=timezone.localtime())
    return download_response(
        content, "text/csv; charset=utf-8", export_filename(convention, "plan", "csv")
    )


@login_required
def plan_xlsx(request, pk):
    convention = get_convention_for_user(request.user, pk)
    content = exports.plan_workbook(convention, exported_at=timezone.localtime())
    return download_response(content, XLSX_TYPE, export_filename(convention, "plan", "xlsx"))
