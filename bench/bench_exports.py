"""Times the dashboards, the maquette financière and every export, with their SQL queries.

Builds a throw-away SQLite database with the demo data, measures, then adds a generated
plan to Libercourt (200 actions, 1,000 funding lines, 200 indicators) and measures again.
Run with `make bench` or `.venv/bin/python bench/bench_exports.py`.
"""

import datetime
import io
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
workdir = tempfile.TemporaryDirectory(prefix="ort-bench-exports-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ort_portal.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from actions.models import Action, Funding, Indicator, Measurement  # noqa: E402
from conventions.models import Convention  # noqa: E402
from directory.models import Organisation  # noqa: E402

REPEAT = 3


def fetch(client, url, params, pdf):
    """The page or export; for a PDF, the user's way: « Préparer le PDF » (POST, rendered at
    once by the immediate task backend of this SQLite database), then its download."""
    if not pdf:
        return client.get(url, params or {})
    prepared = client.post(f"{url}?{urlencode(params or {})}")
    assert prepared.status_code == 302, (url, prepared.status_code)
    return client.get(prepared.url.rstrip("/") + "/telecharger/")


def measure(client, label, url, params=None, pdf=False):
    timings = []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = fetch(client, url, params, pdf)
            timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    size = len(response.content)
    pages = ""
    if response["Content-Type"] == "application/pdf":
        pages = f"  {len(PdfReader(io.BytesIO(response.content)).pages)} pages"
    print(
        f"  {label:<38} {min(timings) * 1000:8.1f} ms  {len(queries.captured_queries):3d} requêtes"
        f"  {size / 1024:8.1f} Kio{pages}"
    )


def run(client, convention, chapeau):
    pk = convention.pk
    measure(client, "tableau de bord (convention)", reverse("reporting:dashboard", args=[pk]))
    measure(client, "tableau de bord (territoire)", reverse("reporting:territory_dashboard"))
    if chapeau is not None:
        measure(
            client,
            "tableau de bord (chapeau Lens-Liévin)",
            reverse("reporting:territory_dashboard"),
            {"convention": chapeau.pk},
        )
    maquette = reverse("reporting:financial_model", args=[pk])
    measure(client, "maquette financière (page)", maquette, {"annee": 2026})
    measure(
        client, "maquette financière XLSX", reverse("reporting:financial_model_xlsx", args=[pk])
    )
    measure(
        client,
        "maquette financière PDF",
        reverse("reporting:financial_model_pdf", args=[pk]),
        {"annee": 2026},
        pdf=True,
    )
    measure(client, "plan d’action CSV", reverse("reporting:plan_csv", args=[pk]))
    measure(client, "plan d’action XLSX", reverse("reporting:plan_xlsx", args=[pk]))
    measure(client, "tableau de bord PDF", reverse("reporting:dashboard_pdf", args=[pk]), pdf=True)


def generate_plan(convention, actions=200, lines_per_action=5):
    axes = list(convention.axes.order_by("number"))
    funders = [
        Organisation.objects.create(name=f"Financeur généré {n}", category="autre")
        for n in range(8)
    ]
    statuses = list(Funding.Status)
    maturities = list(Action.Maturity)
    created = Action.objects.bulk_create(
        Action(
            axis=axes[n % len(axes)],
            code=f"G{n}",
            position=1000 + n,
            title=f"Action générée {n}",
            maturity=maturities[n % len(maturities)],
            has_fiche=n % 3 == 0,
            estimated_cost=Decimal(50_000 + 1_000 * n),
            progress=n % 101,
            start_date=datetime.date(2023, 1, 1),
            end_date=datetime.date(2024 + n % 6, 12, 31),
        )
        for n in range(actions)
    )
    Funding.objects.bulk_create(
        Funding(
            action=action,
            funder=funders[(n + k) % len(funders)],
            year=2023 + k,
            amount=Decimal(5_000 + 100 * n + k),
            status=statuses[(n + k) % len(statuses)],
        )
        for n, action in enumerate(created)
        for k in range(lines_per_action)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(action=action, label="Logements", kind="resultat", target=Decimal(20))
        for action in created
    )
    Measurement.objects.bulk_create(
        Measurement(indicator=indicator, date=datetime.date(2025, 6, 30), value=Decimal(n % 25))
        for n, indicator in enumerate(indicators)
    )
    return len(created), Funding.objects.count()


def main():
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
    chapeau = Convention.objects.get(reference="LENS-LIEVIN-CHAPEAU")
    users = get_user_model().objects
    copil, admin = Client(), Client()
    copil.force_login(users.get(username="copil-libercourt"))
    admin.force_login(users.get(username="admin"))

    actions = Action.objects.filter(axis__convention=libercourt).count()
    print(f"Données de démonstration (Libercourt : {actions} actions, aucun montant)")
    print(" membre du COPIL de Libercourt (ne voit pas la convention chapeau) :")
    run(copil, libercourt, None)
    print(" administrateur :")
    run(admin, libercourt, chapeau)

    made, lines = generate_plan(libercourt)
    total = Action.objects.filter(axis__convention=libercourt).count()
    print(
        f"\nDémo + plan généré (Libercourt : {total} actions dont {made} générées, {lines} lignes)"
    )
    print(" administrateur :")
    run(admin, libercourt, chapeau)


if __name__ == "__main__":
    main()
    workdir.cleanup()
