"""On PostgreSQL, the database itself refuses to change or delete a signed version
(SQLite relies on the model layer: its test flush deletes rows one table at a time)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION signatures_signedversion_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Une version signée ne peut être ni modifiée ni supprimée.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER signatures_signedversion_immutable
    BEFORE UPDATE OR DELETE ON signatures_signedversion
    FOR EACH ROW EXECUTE FUNCTION signatures_signedversion_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS signatures_signedversion_immutable ON signatures_signedversion;
DROP FUNCTION IF EXISTS signatures_signedversion_immutable();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("signatures", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
