"""National scale (issue 14): every listed page, the PDFs and exports, and a load test, on
PostgreSQL at scale 0.01 and 1.0 of the « démo nationale ».

The two databases (BENCH_DATABASE, default ort_scale, and its _small twin) are generated
once and reused while their marker matches (scale_dataset.py). The load test runs gunicorn
and locust on 127.0.0.1 only, 50 users for 60 s. Figures are printed, never asserted.

Environment: BENCH_SCALES (default "0.01,1.0"), BENCH_SEED (1), BENCH_SKIP ("load", "exports"
or "pages", comma-separated), BENCH_POSTGRES (server URL without database).
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench import scale_dataset  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE = os.environ.get("BENCH_DATABASE", "ort_scale")
SCALES = [float(s) for s in os.environ.get("BENCH_SCALES", "0.01,1.0").split(",")]
SEED = int(os.environ.get("BENCH_SEED", "1"))
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
EXPORTS = [
    "convention-libercourt",
    "version-libercourt",
    "convention-plan",
    "dashboard-pdf",
    "maquette-pdf",
    "maquette-xlsx",
    "plan-csv",
    "plan-xlsx",
]
LOAD_USERS, LOAD_SECONDS, WORKERS = 50, 60, 3


def database_for(scale: float) -> str:
    return DATABASE if scale >= 1 else f"{DATABASE}_small"


def run_json(script: str, env: dict, *args) -> list:
    """The JSON lines a bench script prints."""
    return [json.loads(line) for line in run(script, env, *args).splitlines() if line[:1] in "{["]


def run(script: str, env: dict, *args) -> str:
    result = subprocess.run(
        [PYTHON, str(BASE_DIR / "bench" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
    )
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"{script} a échoué")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def load_test(env: dict) -> dict:
    """gunicorn (3 sync workers, DEBUG off) and a headless locust run, both on 127.0.0.1."""
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="ort-bench-load-"))
    sessions = workdir / "sessions.json"
    server_env = {
        **env,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    # Sessions signed with the server's key.
    sessions.write_text(run("scale_sessions.py", {**env, "SECRET_KEY": server_env["SECRET_KEY"]}))
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "ort_portal.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}"]
        + ["--timeout", "30", "--log-level", "warning"],
        env=server_env,
        cwd=BASE_DIR,
    )
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        subprocess.run(
            [str(BIN / "locust"), "-f", str(BASE_DIR / "bench" / "locustfile.py"), "--headless"]
            + ["-u", str(LOAD_USERS), "-r", "25", "-t", f"{LOAD_SECONDS}s", "--stop-timeout", "5"]
            + [
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(workdir / "load"),
                "--only-summary",
            ],
            env={**env, "BENCH_SESSIONS": str(sessions)},
            cwd=BASE_DIR,
            check=False,
            timeout=LOAD_SECONDS + 60,
            capture_output=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return _aggregated(workdir / "load_stats.csv")


def _aggregated(path: Path) -> dict:
    import csv

    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "slowest": sorted(
            (
                (float(row["95%"]), row["Name"])
                for row in rows
                if row["Name"] != "Aggregated" and row["95%"] not in ("N/A", "")
            ),
            reverse=True,
        )[:3],
    }


def print_pages(results: dict):
    scales = list(results)
    print("\nPages (requêtes SQL, p50 / p95 en ms, temps SQL en ms, page ÷ SQL, taille en Kio)")
    header = f"{'page':<34}" + "".join(f" | {'échelle ' + str(s):^44}" for s in scales)
    print(header)
    print("-" * len(header))
    labels = [row["page"] for row in next(iter(results.values()))["pages"]]
    for label in labels:
        line = f"{label:<34}"
        for scale in scales:
            row = next((r for r in results[scale]["pages"] if r["page"] == label), None)
            if row is None:
                line += f" | {'—':^44}"
                continue
            ratio = row["p50_ms"] / row["db_ms"] if row["db_ms"] else 0
            line += (
                f" | {row['queries']:3d} q {row['p50_ms']:7.0f} {row['p95_ms']:7.0f}"
                f" {row['db_ms']:6.0f} {ratio:5.1f}× {row['kib']:7.0f} Kio"
            )
        print(line)


def print_exports(results: dict):
    print("\nPDF et exports (meilleur de 3, pages, pages/s, pic mémoire du processus)")
    for scale, result in results.items():
        for row in result.get("exports", []):
            pages = (
                f"{row['pages']:3d} p {row['pages_per_s']:5.1f} p/s" if row["pages"] else " " * 15
            )
            print(
                f"  {scale:<5} {row['export']:<38} {row['seconds'] * 1000:7.0f} ms {pages}"
                f" {row['peak_mib']:6.0f} Mio {row['kib']:7.0f} Kio"
            )


def main():
    results = {}
    for scale in SCALES:
        print(f"== échelle {scale}")
        url = scale_dataset.ensure(database_for(scale), scale=scale, seed=SEED)
        env = {**os.environ, "DATABASE_URL": url}
        results[scale] = {}
        if "pages" not in SKIP:
            results[scale]["pages"] = run_json("scale_pages.py", env)
        if "exports" not in SKIP:
            results[scale]["exports"] = [
                run_json("scale_exports.py", env, key)[0] for key in EXPORTS
            ]
        if "load" not in SKIP and scale == max(SCALES):
            results[scale]["load"] = load_test(env)
        Path(tempfile.gettempdir(), "ort-bench-scale.json").write_text(json.dumps(results))
    if "pages" not in SKIP:
        print_pages(results)
    if "exports" not in SKIP:
        print_exports(results)
    for scale, result in results.items():
        if "load" in result:
            load = result["load"]
            print(
                f"\nCharge à l’échelle {scale} ({LOAD_USERS} utilisateurs, {LOAD_SECONDS} s, "
                f"gunicorn {WORKERS} workers) : {load['rps']:.1f} req/s, {load['requests']} "
                f"requêtes, {load['errors']} erreurs, p50 {load['p50']:.0f} ms, "
                f"p95 {load['p95']:.0f} ms, p99 {load['p99']:.0f} ms"
            )
            print(
                "  p95 les plus lents : " + ", ".join(f"{n} {t:.0f} ms" for t, n in load["slowest"])
            )
    Path(tempfile.gettempdir(), "ort-bench-scale.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
