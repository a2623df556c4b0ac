"""The PDFs and exports the scale benchmark renders, each a function of the targets."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from conventions.models import Convention
from conventions.snapshot import pdf_context, snapshot_of
from ort_portal.pdf import render_pdf


def _get(url, username="admin"):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return b"".join(response) if response.streaming else response.content


def libercourt():
    return Convention.objects.get(reference="LIBERCOURT-ORT")


def _signed_version(convention):
    context = pdf_context(snapshot_of(convention), version_number=1)
    return render_pdf("pdf/convention.html", context, archive=True)


RENDERERS = {
    "convention-libercourt": (
        "PDF convention Libercourt",
        lambda t: _get(reverse("conventions:pdf", args=[libercourt().pk])),
    ),
    "convention-plan": (
        "PDF convention (plan de 60 actions)",
        lambda t: _get(reverse("conventions:pdf", args=[t.convention.pk])),
    ),
    "version-libercourt": (
        "PDF/A-3a version signée Libercourt",
        lambda t: _signed_version(libercourt()),
    ),
    "dashboard-pdf": (
        "PDF tableau de bord",
        lambda t: _get(reverse("actions:dashboard_pdf", args=[t.convention.pk])),
    ),
    "maquette-pdf": (
        "PDF maquette financière",
        lambda t: _get(reverse("actions:financial_model_pdf", args=[t.convention.pk])),
    ),
    "maquette-xlsx": (
        "XLSX maquette financière",
        lambda t: _get(reverse("actions:financial_model_xlsx", args=[t.convention.pk])),
    ),
    "plan-csv": (
        "CSV plan d’action",
        lambda t: _get(reverse("actions:plan_csv", args=[t.convention.pk])),
    ),
    "plan-xlsx": (
        "XLSX plan d’action",
        lambda t: _get(reverse("actions:plan_xlsx", args=[t.convention.pk])),
    ),
}
