"""The PDFs and exports the scale benchmark renders, each a function of the targets.

PDFs are rendered as the task worker renders them (ort_portal.documents), spreadsheets
and CSV as their views answer them."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from conventions.models import Convention
from ort_portal import documents
from ort_portal.pdf import render_pdf
from signatures.snapshot.build import snapshot_of
from signatures.snapshot.present import pdf_context


def _admin():
    return get_user_model().objects.get(username="admin")


def _get(url):
    client = Client()
    client.force_login(_admin())
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return b"".join(response) if response.streaming else response.content


def _document(kind, object_id, **options):
    return documents.RENDERERS[kind](object_id, user=_admin(), **options).content


def libercourt():
    return Convention.objects.get(reference="LIBERCOURT-ORT")


def _signed_version(convention):
    context = pdf_context(snapshot_of(convention), version_number=1)
    return render_pdf("signatures/pdf/convention.html", context, archive=True)


RENDERERS = {
    "convention-libercourt": (
        "PDF convention Libercourt",
        lambda t: _document("convention", libercourt().pk),
    ),
    "convention-plan": (
        "PDF convention (plan de 60 actions)",
        lambda t: _document("convention", t.convention.pk),
    ),
    "version-libercourt": (
        "PDF/A-3a version signée Libercourt",
        lambda t: _signed_version(libercourt()),
    ),
    "dashboard-pdf": (
        "PDF tableau de bord",
        lambda t: _document("dashboard", t.convention.pk),
    ),
    "maquette-pdf": (
        "PDF maquette financière",
        lambda t: _document("financial_model", t.convention.pk, year=2025),
    ),
    "maquette-xlsx": (
        "XLSX maquette financière",
        lambda t: _get(reverse("reporting:financial_model_xlsx", args=[t.convention.pk])),
    ),
    "plan-csv": (
        "CSV plan d’action",
        lambda t: _get(reverse("reporting:plan_csv", args=[t.convention.pk])),
    ),
    "plan-xlsx": (
        "XLSX plan d’action",
        lambda t: _get(reverse("reporting:plan_xlsx", args=[t.convention.pk])),
    ),
}
