"""Measures every page of issue 14 on the database of DATABASE_URL (run by bench_scale.py).

For each page: SQL queries, p50 and p95 of the response time, database time (sum of the
queries' times), HTML size. Prints one JSON object per line.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ort_portal.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.scale_targets import pick_targets  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
BUDGET = float(os.environ.get("BENCH_PAGE_SECONDS", "20"))


def measure(client, label, url, data=None):
    timings, db_times = [], []
    started = time.perf_counter()
    while len(timings) < RUNS and (len(timings) < 3 or time.perf_counter() - started < BUDGET):
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            response = client.get(url, data or {})
            timings.append(time.perf_counter() - begin)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} answered {response.status_code}")
        db_times.append(sum(float(q["time"]) for q in queries.captured_queries))
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "page": label,
        "queries": len(queries.captured_queries),
        "runs": len(timings),
        "p50_ms": statistics.median(timings) * 1000,
        "p95_ms": p95 * 1000,
        "db_ms": statistics.median(db_times) * 1000,
        "kib": len(response.content) / 1024,
    }


def client_for(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def pages(targets):
    convention, action, committee = targets.convention, targets.action, targets.committee
    admin, national, chef = (
        client_for(targets.superuser),
        client_for(targets.national),
        client_for(targets.chef),
    )
    dashboard = reverse("reporting:territory_dashboard")
    two_filters = {"programme": "pvd", "departement": targets.departement}
    return [
        (national, "tableau de bord national", dashboard, None),
        (
            national,
            "tableau de bord départemental",
            dashboard,
            {"departement": targets.departement},
        ),
        (chef, "formulaire des financements", reverse("actions:fundings", args=[action.pk]), None),
        (chef, "modification de la fiche", reverse("actions:edit", args=[action.pk]), None),
        (chef, "page du comité", reverse("governance:committee_detail", args=[committee.pk]), None),
        (national, "accueil « Mes conventions »", reverse("reporting:home"), None),
        (national, "liste des comités", reverse("governance:committee_list"), None),
        (national, "conventions, deux filtres", reverse("reporting:list"), two_filters),
        (
            chef,
            "maquette financière",
            reverse("reporting:financial_model", args=[convention.pk]),
            None,
        ),
        (
            chef,
            "indicateurs (tableau de bord)",
            reverse("reporting:dashboard", args=[convention.pk]),
            None,
        ),
        (chef, "page de la convention", reverse("conventions:detail", args=[convention.pk]), None),
        (chef, "plan d’action", reverse("actions:plan", args=[convention.pk]), None),
        (chef, "historique", reverse("conventions:history", args=[convention.pk]), None),
        (admin, "admin : actions (référence)", "/admin/actions/action/", None),
    ]


def main():
    targets = pick_targets()
    only = os.environ.get("BENCH_ONLY")
    for client, label, url, data in pages(targets):
        if only and only not in label:
            continue
        print(json.dumps(measure(client, label, url, data)), flush=True)


if __name__ == "__main__":
    main()
