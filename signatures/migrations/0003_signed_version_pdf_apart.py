"""A signed version's PDF/A moves to its own insert-only table, so that a task can add it
after the version (its JSON) is frozen; the files already rendered are copied over."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def copy_rendered_files(apps, schema_editor):
    SignedVersion = apps.get_model("signatures", "SignedVersion")
    SignedVersionPDF = apps.get_model("signatures", "SignedVersionPDF")
    for version in SignedVersion.objects.only("pdf", "pdf_sha256").iterator(chunk_size=50):
        SignedVersionPDF.objects.create(
            version_id=version.pk, pdf=version.pdf, sha256=version.pdf_sha256
        )


class Migration(migrations.Migration):

    dependencies = [
        ('signatures', '0002_signed_version_immutable_trigger'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SignedVersionPDF',
            fields=[
                ('version', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, primary_key=True, related_name='archive', serialize=False, to='signatures.signedversion', verbose_name='version signée')),
                ('pdf', models.BinaryField(verbose_name='PDF/A-3a')),
                ('sha256', models.CharField(max_length=64, verbose_name='empreinte SHA-256 du PDF')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='produit le')),
            ],
            options={
                'verbose_name': 'PDF/A d’une version signée',
                'verbose_name_plural': 'PDF/A des versions signées',
            },
        ),
        migrations.RunPython(copy_rendered_files, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='historicalsignedversion',
            name='pdf_sha256',
        ),
        migrations.RemoveField(
            model_name='signedversion',
            name='pdf',
        ),
        migrations.RemoveField(
            model_name='signedversion',
            name='pdf_sha256',
        ),
        migrations.CreateModel(
            name='HistoricalSignedVersionPDF',
            fields=[
                ('sha256', models.CharField(max_length=64, verbose_name='empreinte SHA-256 du PDF')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='produit le')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='signatures.signedversion', verbose_name='version signée')),
            ],
            options={
                'verbose_name': 'historical PDF/A d’une version signée',
                'verbose_name_plural': 'historical PDF/A des versions signées',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
