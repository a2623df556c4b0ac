"""Pages and load at the scale of the country, on PostgreSQL.

For each scale of BENCH_SCALES (default "0.01 1.0"), a database ort_bench_<scale × 100>
is generated once (manage.py generate_dataset, seed 1) and reused afterwards. Each page is
requested BENCH_RUNS times (default 10) with the test client, logged in as a user who
would open it; the table gives the queries, p50 and p95 of the page time, the database
time (every query timed through connection.execute_wrapper) and the page/DB ratio. Then
a load test: gunicorn on 127.0.0.1 (a free port), locust headless, 50 users for 60 s.

Without DATABASE_URL on PostgreSQL, prints that it is skipped.
"""

import csv
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
SCALES = os.environ.get("BENCH_SCALES", "0.01 1.0").split()
LOAD_USERS, LOAD_SECONDS = 50, 60
# Production settings on plain HTTP at 127.0.0.1 (no TLS in front of the bench).
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(40),
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SECURE_HSTS_SECONDS": "0",
}


def database_url(base: str, scale: str) -> str:
    name = f"ort_bench_{round(float(scale) * 100):03d}"
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def ensure_database(url: str):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def collect_static(env: dict):
    """DEBUG=0 serves hashed static names: the manifest must exist (once per checkout)."""
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(command, cwd=ROOT, env=env, check=True)


def measure_pages(env: dict, scale: str, log) -> dict:
    """Generate if needed and time every page, in a process of its own (settings per DB)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        target = out.name
    command = [sys.executable, str(ROOT / "bench" / "scale_pages.py"), scale, target]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=log, stderr=log)
    return json.loads(Path(target).read_text())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: int = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} ne répond pas")


def run_locust(env: dict, sessions: dict, log) -> dict:
    """gunicorn on 127.0.0.1 and locust headless against it; the aggregated figures."""
    port, workdir = free_port(), Path(tempfile.mkdtemp(prefix="bench-locust-"))
    (workdir / "sessions.json").write_text(json.dumps(sessions))
    env = {**env, "WEB_CONCURRENCY": "4", "BENCH_SESSIONS": str(workdir / "sessions.json")}
    server = subprocess.Popen(
        [BIN / "gunicorn", "ort_portal.wsgi", "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/sante/")
        locust = [
            BIN / "locust",
            "-f",
            "bench/locustfile.py",
            "--headless",
            "--only-summary",
            "-u",
            str(LOAD_USERS),
            "-r",
            "10",
            "-t",
            f"{LOAD_SECONDS}s",
            "--stop-timeout",
            "5",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(workdir / "load"),
        ]
        subprocess.run(locust, cwd=ROOT, env=env, stdout=log, stderr=log, timeout=LOAD_SECONDS * 3)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    return aggregated(workdir / "load_stats.csv")


def aggregated(path: Path) -> dict:
    with path.open() as stats:
        row = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": row["50%"],
        "p95": row["95%"],
        "p99": row["99%"],
    }


COLUMNS = f"{'éch.':>5} {'page':<44} {'req.':>5} {'p50 ms':>7} {'p95 ms':>7} {'BD ms':>6}"


def print_table(results: list):
    """One table: every page at every scale, then the load test of each scale."""
    header = f"{COLUMNS} {'page/BD':>7} {'Kio':>5}"
    print(header)
    print("-" * len(header))
    for scale, figures, _ in results:
        for row in figures["rows"]:
            ratio = row["p50"] / row["db"] if row["db"] else float("inf")
            http = "" if row["status"] == 200 else f"  (HTTP {row['status']})"
            print(
                f"{scale:>5} {row['label'][:44]:<44} {row['queries']:>5} {row['p50']:>7.0f} "
                f"{row['p95']:>7.0f} {row['db']:>6.0f} {ratio:>7.1f} {row['kib']:>5.0f}{http}"
            )
    for scale, figures, load in results:
        print(f"Échelle {scale} : {figures['summary']}")
        if load:
            print(
                f"  charge ({LOAD_USERS} utilisateurs, {LOAD_SECONDS} s, 127.0.0.1) : "
                f"{load['requests']} requêtes, {load['rps']:.1f} req/s, p50 {load['p50']} ms, "
                f"p95 {load['p95']} ms, p99 {load['p99']} ms, erreurs {load['failures']}"
            )


def main():
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        print("bench_scale : ignoré (DATABASE_URL ne désigne pas PostgreSQL).")
        return
    log = open(os.environ.get("BENCH_LOG", os.devnull), "a")  # noqa: SIM115
    results = []
    for scale in SCALES:
        url = database_url(base, scale)
        ensure_database(url)
        env = {**os.environ, **SERVER_ENV, "DATABASE_URL": url}
        collect_static(env)
        figures = measure_pages(env, scale, log)
        load = (
            None
            if os.environ.get("BENCH_LOAD") == "0"
            else run_locust(env, figures["sessions"], log)
        )
        results.append((scale, figures, load))
    print_table(results)


if __name__ == "__main__":
    main()
