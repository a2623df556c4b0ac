"""Run by bench_scale.py in a process of its own: generate the data set if the database
has none, time every page, open sessions for the load test; writes JSON to argv[2]."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ort_portal.settings")
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
SESSIONS = 10  # chefs de projet and readers each, shared by the 50 virtual users


def setup(scale: float) -> str:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from demo.dataset import already_generated, generate

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if already_generated():
        return "jeu de données existant réutilisé"
    outcome = generate(scale=scale, seed=1)
    return f"généré en {outcome.seconds:.0f} s ({outcome.history_rows} lignes d’historique)"


def time_page(client, url: str) -> dict:
    """RUNS requests after a warm-up: wall time, database time and queries of each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    walls, dbs, queries = [], [], 0
    for _ in range(RUNS):
        spent = [0.0]

        def timer(execute, sql, params, many, context, spent=spent):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                spent[0] += time.perf_counter() - start

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = client.get(url)
            walls.append((time.perf_counter() - start) * 1000)
        dbs.append(spent[0] * 1000)
        queries = len(captured)
    return {
        "status": response.status_code,
        "queries": queries,
        "p50": statistics.median(walls),
        "p95": statistics.quantiles(walls, n=20)[-1] if RUNS > 1 else walls[0],
        "db": statistics.median(dbs),
        "kib": len(response.content) / 1024,
    }


def targets():
    """A chef de projet's convention (signed, with a comité), one of its actions, its
    département; the administrator for the national views."""
    from django.contrib.auth import get_user_model

    from actions.models import Action
    from conventions.models import Convention

    User = get_user_model()
    chef = User.objects.get(username="synth-cdp-0001")
    mine = Convention.objects.filter(profiles__user=chef).order_by("reference")
    convention = mine.filter(status__in=Convention.SIGNED_STATUSES).first() or mine.first()
    action = Action.objects.filter(axis__convention=convention).order_by("pk").first()
    return {
        "admin": User.objects.get(username="synth-admin"),
        "chef": chef,
        "convention": convention,
        "action": action,
        "committee": convention.committees.order_by("pk").first(),
        "departement": convention.main_commune.departement,
    }


def pages(t) -> list[tuple[str, str, str]]:
    c, a = t["convention"].pk, t["action"].pk
    return [
        ("Tableau de bord national", "admin", "/tableau-de-bord/"),
        (
            "Tableau de bord d’un département",
            "admin",
            f"/tableau-de-bord/?departement={t['departement']}",
        ),
        ("Indicateurs du territoire (chef de projet)", "chef", "/tableau-de-bord/"),
        ("Accueil « Mes conventions »", "chef", "/"),
        (
            "Liste des conventions, deux filtres",
            "admin",
            "/conventions/?programme=pvd&status=en_vigueur",
        ),
        ("Page d’une convention", "chef", f"/conventions/{c}/"),
        ("Plan d’action", "chef", f"/conventions/{c}/plan-action/"),
        ("Tableau de bord d’une convention", "chef", f"/conventions/{c}/tableau-de-bord/"),
        ("Maquette financière", "chef", f"/conventions/{c}/maquette-financiere/"),
        ("Historique d’une convention", "chef", f"/conventions/{c}/historique/"),
        ("Formulaire de la fiche-action", "chef", f"/actions/{a}/modifier/"),
        ("Formulaire des financements", "chef", f"/actions/{a}/financements/"),
        ("Page d’un comité", "chef", f"/comites/{t['committee'].pk}/"),
        ("Liste des comités", "chef", "/comites/"),
        ("Admin : liste des actions (référence)", "admin", "/admin/actions/action/"),
    ]


def sessions() -> dict:
    """Logged-in sessions for the load test, with what each user may open."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from actions.models import Action
    from conventions.models import Convention

    found = {"chefs": [], "readers": []}
    users = get_user_model().objects.order_by("username")
    for kind, prefix in (("chefs", "synth-cdp-"), ("readers", "synth-lecteur-")):
        for user in users.filter(username__startswith=prefix)[:SESSIONS]:
            client = Client()
            client.force_login(user)
            conventions = list(
                Convention.objects.filter(profiles__user=user).values_list("pk", flat=True)
            )
            actions = Action.objects.filter(axis__convention__in=conventions).order_by("pk")
            found[kind].append(
                {
                    "cookie": client.cookies["sessionid"].value,
                    "conventions": conventions,
                    "actions": list(actions.values_list("pk", flat=True)[:40]),
                }
            )
    return found


def main():
    from django.test import Client

    summary = setup(float(sys.argv[1]))
    t = targets()
    clients = {}
    for role in ("admin", "chef"):
        clients[role] = Client()
        clients[role].force_login(t[role])
    rows = [{"label": label, **time_page(clients[who], url)} for label, who, url in pages(t)]
    result = {"summary": summary, "rows": rows, "sessions": sessions()}
    Path(sys.argv[2]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
