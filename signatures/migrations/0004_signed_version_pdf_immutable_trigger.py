"""On PostgreSQL, the database itself refuses to change or delete a signed version's PDF/A,
as it does for the version (migration 0002)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION signatures_signedversionpdf_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Le PDF/A d''une version signée ne peut être ni modifié ni supprimé.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER signatures_signedversionpdf_immutable
    BEFORE UPDATE OR DELETE ON signatures_signedversionpdf
    FOR EACH ROW EXECUTE FUNCTION signatures_signedversionpdf_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS signatures_signedversionpdf_immutable ON signatures_signedversionpdf;
DROP FUNCTION IF EXISTS signatures_signedversionpdf_immutable();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("signatures", "0003_signed_version_pdf_apart")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
