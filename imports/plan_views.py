"""Pages of the plan d'action import: upload, preview, confirmation; and the template."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from dsfr.forms import DsfrBaseForm
from openpyxl import Workbook
from openpyxl.styles import Font

from conventions.access import get_convention_for_user

from . import plan
from .plan_import import build_preview
from .plan_write import apply

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PlanFileForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier du plan d’action",
        help_text="XLSX ou CSV (séparateur « ; » ou « , », UTF-8 ou Windows-1252), "
        "2 Mo et 2 000 lignes au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv," + XLSX}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > plan.MAX_BYTES:
            raise ValidationError("Le fichier dépasse 2 Mo.")
        try:
            return plan.read_rows(upload.read(), upload.name)
        except plan.PlanFileError as error:
            raise ValidationError(str(error)) from error


def _session_key(convention) -> str:
    return f"plan-import-{convention.pk}"


def _preview_page(request, convention, parsed, name):
    preview = build_preview(convention, parsed, request.user)
    context = {
        "convention": convention,
        "preview": preview,
        "file_name": name,
        "title": f"Aperçu de l’import du plan d’action – {convention.reference}",
    }
    return render(request, "imports/plan_preview.html", context)


@login_required
def plan_import(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    form = PlanFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parsed = form.cleaned_data["file"]
        name = request.FILES["file"].name
        # Kept server-side until the person confirms: nothing is re-uploaded.
        request.session[_session_key(convention)] = {"parsed": parsed, "name": name}
        return _preview_page(request, convention, parsed, name)
    title = f"Importer un plan d’action – {convention.reference}"
    context = {"convention": convention, "form": form, "title": title}
    return render(request, "imports/plan_upload.html", context)


@login_required
@require_POST
def plan_import_confirm(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    stored = request.session.get(_session_key(convention))
    if stored is None:
        messages.error(request, "Aucun fichier en attente : déposez-le de nouveau.")
        return redirect("imports:plan_import", convention.pk)
    preview = build_preview(convention, stored["parsed"], request.user)
    if preview.errors:
        return _preview_page(request, convention, stored["parsed"], stored["name"])
    counts = apply(preview, by=request.user)
    del request.session[_session_key(convention)]
    messages.success(
        request,
        f"Plan importé : {counts['created']} action(s) créée(s), {counts['updated']} mise(s) "
        f"à jour, {counts['unchanged']} inchangée(s).",
    )
    return redirect("actions:plan", convention.pk)


@login_required
def plan_template(request):
    """The columns and one example row; every cell is text, so nothing is a formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan d’action"
    for index, column in enumerate(plan.TEMPLATE_COLUMNS, start=1):
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = Font(bold=True)
        example = sheet.cell(row=2, column=index, value=column.example)
        example.data_type = "s"
        sheet.column_dimensions[header.column_letter].width = max(14, len(column.header) + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="modele-plan-action.xlsx"'
    return response
