"""The last signature freezes the version's JSON in its request; the PDF/A-3a follows from
a worker of the pdf queue, and the versions page says so until it is there."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conventions.models import Convention, Signatory
from directory.models import Organisation
from signatures.models import SignedVersion, SignedVersionPDF
from signatures.services import signing
from tests.factories import (
    ArticleFactory,
    ConventionFactory,
    OrganisationFactory,
    ProfileFactory,
    SignatoryFactory,
)

from .test_signature import pdf_text

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
DAY = datetime.date(2024, 3, 14)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": settings.TASK_QUEUES}}


def run_worker():
    call_command("db_worker", "--queue-name", "pdf", batch=True, reload=False, verbosity=0)


def representative_of(signatory):
    return signatory.representative or signatory.organisation.representatives.first()


@pytest.fixture
def one_signature_left(db):
    """A convention whose parties have all signed but the last; its chef de projet."""
    convention = ConventionFactory(reference="MARMANDE-ORT", signature_place="Marmande")
    parties = [
        ("Ville de Marmande", Organisation.Category.COMMUNE, Signatory.Role.COLLECTIVITE),
        ("État", Organisation.Category.ETAT, Signatory.Role.ETAT),
    ]
    for order, (name, category, role) in enumerate(parties, start=1):
        SignatoryFactory(
            convention=convention,
            organisation=OrganisationFactory(name=name, category=category),
            role=role,
            order=order,
        )
    ArticleFactory(convention=convention, position=1, title="Objet", text="Revitaliser.")
    first, last = convention.signatories.order_by("order")
    signing.sign_convention(
        signatory=first, signature_date=DAY, representative=representative_of(first), by=None
    )
    return convention, last, ProfileFactory(conventions=[convention]).user


# The worker commits each task it claims, as in production: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_the_last_signature_freezes_the_json_then_a_worker_renders_the_pdf(
    one_signature_left, database_queue, client
):
    convention, last, chef = one_signature_left
    client.force_login(chef)
    response = client.post(
        reverse("signatures:sign", args=[convention.pk, last.pk]),
        {
            f"s{last.pk}-signature_date": DAY.isoformat(),
            f"s{last.pk}-representative": representative_of(last).pk,
        },
    )
    assert response.status_code == 302
    convention.refresh_from_db()
    assert convention.is_signed

    version = SignedVersion.objects.get(convention=convention)
    assert version.content["convention"]["reference"] == "MARMANDE-ORT"
    assert version.history.get().history_user == chef
    assert not SignedVersionPDF.objects.exists()

    versions_url = reverse("signatures:versions", args=[convention.pk])
    page = client.get(versions_url).content.decode()
    assert page.count("PDF/A en préparation") == 2  # its fingerprint and its file
    poll = f"{versions_url}?attente=1"
    assert f'hx-get="{poll}" hx-trigger="every 2s"' in page
    assert client.get(poll, headers={"HX-Request": "true"}).status_code == 204

    pdf_url = reverse("signatures:version_pdf", args=[convention.pk, 1])
    pending = client.get(pdf_url)
    assert pending.status_code == 200 and pending["Content-Type"].startswith("text/html")
    assert "PDF/A en préparation" in pending.content.decode()

    run_worker()
    archive = SignedVersionPDF.objects.get(version=version)
    assert archive.history.get().history_user == chef
    fragment = client.get(poll, headers={"HX-Request": "true"}).content.decode()
    assert archive.sha256 in fragment
    assert "Le PDF/A de la version 1 est prêt." in fragment
    assert 'id="versions-poller" hx-swap-oob="true"></div>' in fragment  # polling stops
    download = client.get(pdf_url)
    assert download["Content-Type"] == "application/pdf"
    text = pdf_text(download.content)
    assert "MARMANDE-ORT" in text and "version signée n° 1" in text.lower()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
@pytest.mark.django_db
def test_postgresql_refuses_to_change_a_version_pdf(one_signature_left):
    convention, last, _ = one_signature_left
    signing.sign_convention(
        signatory=last, signature_date=DAY, representative=representative_of(last), by=None
    )
    archive = SignedVersionPDF.objects.get(version__convention=convention)
    for sql in (
        "UPDATE signatures_signedversionpdf SET sha256 = 'x' WHERE version_id = %s",
        "DELETE FROM signatures_signedversionpdf WHERE version_id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="ni modifié ni supprimé"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [archive.pk])
    assert Convention.objects.get(pk=convention.pk).is_signed


@pytest.mark.django_db(transaction=True)
def test_a_version_left_without_its_pdf_is_queued_again(one_signature_left, database_queue):
    convention, last, _ = one_signature_left
    signing.sign_convention(
        signatory=last, signature_date=DAY, representative=representative_of(last), by=None
    )
    DBTaskResult.objects.all().delete()  # a worker crashed: its task is lost
    output = io.StringIO()
    call_command("render_version_pdfs", stdout=output)
    assert output.getvalue() == "1 PDF/A de version signée mis en file.\n"
    run_worker()
    assert SignedVersionPDF.objects.filter(version__convention=convention).exists()
    output = io.StringIO()
    call_command("render_version_pdfs", stdout=output)
    assert output.getvalue() == "0 PDF/A de version signée mis en file.\n"
