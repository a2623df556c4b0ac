"""`make prod-check`: the production stack on 127.0.0.1, a smoke test through it, then stop.

The stack is the one of production: gunicorn (two processes) and two task workers sharing one
PostgreSQL database (`ort_prodcheck`, recreated), DEBUG=0, static files collected and served
by WhiteNoise, e-mails on the console backend (so the workers print them). The smoke client
plays the TLS reverse proxy (X-Forwarded-Proto: https), so HTTPS redirects and secure cookies
stay on as in production. Exit code 0 when every check passed.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("PRODCHECK_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "ort_prodcheck"
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(port: int) -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"{POSTGRES_URL}/{DATABASE}",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "PORTAL_URL": f"https://127.0.0.1:{port}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DJANGO_SETTINGS_MODULE": "ort_portal.settings",
    }


def recreate_database():
    import psycopg

    try:
        connection = psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True)
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL injoignable ({POSTGRES_URL}, PRODCHECK_POSTGRES_URL) : {error}")
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def prepare(environment):
    """Database, static files and demo data, as an upgrade followed by a first load."""
    os.environ.update(environment)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)


def start(environment, logs: Path) -> list[subprocess.Popen]:
    env = {**os.environ, **environment}
    commands = {"web": [sys.executable, "-m", "gunicorn", "ort_portal.wsgi"]}
    for number in range(1, WORKERS + 1):
        commands[f"worker-{number}"] = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--queue-name",
            "*",
            "--no-reload",
            "--worker-id",
            f"prod-check-{number}",
        ]
    return [
        subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=(logs / f"{name}.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for name, command in commands.items()
    ]


def stop(processes):
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from deploy.smoke import Smoke

    port = free_port()
    environment = production_environment(port)
    logs = Path(tempfile.mkdtemp(prefix="prod-check-"))
    print(f"Base {DATABASE}, gunicorn sur 127.0.0.1:{port}, journaux dans {logs}")
    started = time.monotonic()
    recreate_database()
    prepare(environment)
    elapsed = time.monotonic() - started
    print(f"Base migrée, fichiers statiques collectés, démo chargée ({elapsed:.0f} s)")
    processes = start(environment, logs)
    try:
        passed = Smoke(f"http://127.0.0.1:{port}", logs).run()
    finally:
        stop(processes)
    print(f"{'Réussi' if passed else 'ÉCHEC'} en {time.monotonic() - started:.0f} s")
    if passed:
        shutil.rmtree(logs)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
