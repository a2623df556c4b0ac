"""Signed versions are immutable and served byte-for-byte; the versions page lists them."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from conventions.models import Convention
from directory.models import Organisation, Representative
from signatures.models import SignedVersion, SignedVersionPDF
from signatures.services import amendments, freezing
from signatures.tasks import render_signed_version_pdf

from .test_signature import LIBERCOURT


@pytest.fixture
def version(demo, demo_user):
    convention = Convention.objects.get(reference=LIBERCOURT)
    return freezing.freeze_initial_version(convention=convention, by=demo_user("admin"))


def test_a_signed_version_can_be_neither_updated_nor_deleted(version):
    version.signed_on = datetime.date(2000, 1, 1)
    with pytest.raises(ValidationError, match="ne peut pas être modifiée"):
        version.save()
    with pytest.raises(ValidationError, match="ne peut pas être supprimée"):
        version.delete()
    assert SignedVersion.objects.get(pk=version.pk).signed_on != datetime.date(2000, 1, 1)


def test_its_pdf_can_be_neither_updated_nor_deleted(version):
    archive = SignedVersionPDF.objects.get(version=version)
    archive.sha256 = "0" * 64
    with pytest.raises(ValidationError, match="ne peut pas être modifié"):
        archive.save()
    with pytest.raises(ValidationError, match="ne peut pas être supprimé"):
        archive.delete()
    with pytest.raises(ValidationError, match="ne peut pas être modifié"):
        SignedVersionPDF.objects.filter(pk=archive.pk).update(sha256="0" * 64)
    with pytest.raises(ValidationError, match="ne peut pas être supprimé"):
        SignedVersionPDF.objects.filter(pk=archive.pk).delete()
    stored = SignedVersionPDF.objects.get(pk=archive.pk)
    assert stored.sha256 == hashlib.sha256(bytes(stored.pdf)).hexdigest()


def test_a_second_rendering_task_keeps_the_stored_pdf(version):
    stored = SignedVersionPDF.objects.get(version=version).sha256
    assert render_signed_version_pdf.call(version.pk) == "already rendered"
    assert SignedVersionPDF.objects.get(version=version).sha256 == stored


def test_the_admin_shows_signed_versions_read_only(version, demo_user, client):
    client.force_login(demo_user("admin"))
    change_url = reverse("admin:signatures_signedversion_change", args=[version.pk])
    page = client.get(change_url).content.decode()
    assert version.archive.sha256 in page and 'name="_save"' not in page
    response = client.post(change_url, {"signed_on": "2000-01-01"})
    assert response.status_code == 403
    delete_url = reverse("admin:signatures_signedversion_delete", args=[version.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert SignedVersion.objects.filter(pk=version.pk).exists()


def test_version_pdf_is_served_byte_for_byte(version, demo_user, client):
    client.force_login(demo_user("copil-libercourt"))
    url = reverse("signatures:version_pdf", args=[version.convention_id, 1])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(version.archive.pdf)
    assert hashlib.sha256(response.content).hexdigest() == version.archive.sha256
    client.force_login(demo_user("cdp-lens-lievin"))
    assert client.get(url).status_code == 404


def test_versions_page_lists_dates_signatories_and_hash(version, demo_user, client):
    client.force_login(demo_user("copil-libercourt"))
    page = client.get(reverse("signatures:versions", args=[version.convention_id])).content
    page = page.decode()
    assert "Version 1 (convention initiale)" in page
    assert "18 janvier 2023" in page
    assert version.archive.sha256 in page
    assert "PDF/A en préparation" not in page and "hx-trigger" not in page
    assert "M. Jean-François RAFFY" in page
    assert "Rédiger un avenant" not in page  # a comité member reads only


def test_versions_page_queries_do_not_grow_with_versions(
    version, demo_user, client, django_assert_max_num_queries
):
    client.force_login(demo_user("cdp-libercourt"))
    url = reverse("signatures:versions", args=[version.convention_id])
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    convention = version.convention
    amendment = amendments.create_amendment(convention=convention, object="Mise à jour", by=None)
    for party in amendments.amendment_signing_parties(amendment):
        amendments.sign_amendment(
            amendment=amendment,
            organisation=Organisation.objects.get(pk=party["organisation_id"]),
            representative=Representative.objects.get(pk=party["representative"]["id"]),
            signature_date=convention.signature_date,
        )
    assert convention.signed_versions.count() == 2
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_bulk_writes_cannot_change_a_signed_version(version):
    with pytest.raises(ValidationError, match="ne peut pas être modifiée"):
        SignedVersion.objects.filter(pk=version.pk).update(schema_version=0)
    with pytest.raises(ValidationError, match="ne peut pas être supprimée"):
        SignedVersion.objects.filter(pk=version.pk).delete()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
def test_postgresql_refuses_to_change_a_signed_version(version):
    with (
        pytest.raises(DatabaseError, match="ni modifiée ni supprimée"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE signatures_signedversion SET schema_version = %s WHERE id = %s",
            [0, version.pk],
        )
