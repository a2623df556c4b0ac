"""The PostgreSQL databases of the scale benchmark, generated once and reused.

A database is (re)generated only when its marker — a COMMENT ON DATABASE naming the scale,
the seed and a digest of the generator — is missing or differs, or when its migrations no
longer apply (migrations regenerated from scratch); new migrations are applied in place.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PYTHON = sys.executable


def code_digest() -> str:
    """Digest of what shapes the data: the generator."""
    files = sorted(BASE_DIR.glob("demo/national/*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _admin():
    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


def marker_of(name: str) -> dict | None:
    with _admin() as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    if row is None or not row[0]:
        return None
    try:
        return json.loads(row[0])
    except ValueError:
        return None


def database_url(name: str) -> str:
    return f"{SERVER}/{name}"


def ensure(name: str, *, scale: float, seed: int) -> str:
    """The URL of a database holding the demo and the démo nationale at scale/seed."""
    wanted = {"scale": scale, "seed": seed, "code": code_digest()}
    env = {**os.environ, "DATABASE_URL": database_url(name)}
    manage = [PYTHON, str(BASE_DIR / "manage.py")]
    if marker_of(name) == wanted:
        migrated = subprocess.run(
            manage + ["migrate", "--noinput", "-v0"], env=env, cwd=BASE_DIR, capture_output=True
        )
        if migrated.returncode == 0:
            print(f"  {name} : démo nationale déjà générée (échelle {scale}, graine {seed})")
            return database_url(name)
    print(f"  {name} : génération de la démo nationale (échelle {scale}, graine {seed})…")
    with _admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo"],
        ["generate_dataset", "--scale", str(scale), "--seed", str(seed)],
    ):
        subprocess.run(manage + command, env=env, check=True, cwd=BASE_DIR)
    with psycopg.connect(database_url(name), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    with _admin() as connection:
        comment = json.dumps(wanted).replace("'", "''")
        connection.execute(f"COMMENT ON DATABASE \"{name}\" IS '{comment}'")
    return database_url(name)
