"""Backups: pg_dump / pg_restore keeps every row and every signed PDF; dumpdata and
loaddata refuse the portal's data with a clear message (README « Sauvegardes »)."""

import hashlib
import os
import shutil
import subprocess

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from conventions.models import Convention
from ort_portal.backups import REFUSAL
from signatures.services.freezing import freeze_initial_version


@pytest.mark.parametrize("labels", [(), ("conventions",), ("actions.Action",)])
def test_dumpdata_refuses_the_portal_data(db, labels):
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("dumpdata", *labels)


def test_dumpdata_of_django_own_tables_still_works(db, capsys):
    call_command("dumpdata", "contenttypes", "--output", os.devnull)


def test_loaddata_refuses_a_fixture_of_the_portal_and_keeps_nothing(db, tmp_path):
    fixture = tmp_path / "communes.json"
    fixture.write_text(
        '[{"model": "directory.commune", "pk": 1, "fields": {"insee_code": "62907",'
        ' "name": "Lens", "departement": "62"}}]'
    )
    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(fixture))
    assert REFUSAL in str(refused.value)
    from directory.models import Commune

    assert not Commune.objects.exists()


def _env(settings_dict):
    return os.environ | {
        "PGHOST": settings_dict["HOST"] or "127.0.0.1",
        "PGPORT": str(settings_dict["PORT"] or 5432),
        "PGUSER": settings_dict["USER"] or "postgres",
        "PGPASSWORD": settings_dict["PASSWORD"] or "",
    }


def _counts_and_pdfs(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    cursor.execute(
        "SELECT version_id, pdf, sha256 FROM signatures_signedversionpdf ORDER BY version_id"
    )
    pdfs = {pk: (hashlib.sha256(bytes(pdf)).hexdigest(), stored) for pk, pdf, stored in cursor}
    return counts, pdfs


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_pg_dump_and_pg_restore_give_back_the_same_database(demo, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the backup path is PostgreSQL's (DATABASE_URL=postgres://…)")
    freeze_initial_version(convention=Convention.objects.get(reference="LIBERCOURT-ORT"))
    source = connection.settings_dict
    env, target = _env(source), f"{source['NAME']}_restore"
    dump = tmp_path / "portail.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", source["NAME"]], env=env, check=True
    )
    subprocess.run(["dropdb", "--if-exists", target], env=env, check=True)
    subprocess.run(["createdb", target], env=env, check=True)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", f"--dbname={target}", dump], env=env, check=True
        )
        tables = connection.introspection.table_names()
        with connection.cursor() as cursor:
            before = _counts_and_pdfs(cursor, tables)
        conninfo = f"dbname={target} host={env['PGHOST']} port={env['PGPORT']} user={env['PGUSER']}"
        with psycopg.connect(conninfo, password=env["PGPASSWORD"] or None) as restored:
            after = _counts_and_pdfs(restored.cursor(), tables)
    finally:
        subprocess.run(["dropdb", "--if-exists", target], env=env, check=True)
    assert after == before
    counts, pdfs = after
    assert counts["signatures_signedversion"] >= 1 and counts["actions_historicalaction"] > 0
    assert all(computed == stored for computed, stored in pdfs.values())
