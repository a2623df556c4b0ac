"""PDFs rendered off the request path: queued for a worker on PostgreSQL, at once on SQLite."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from ort_portal.models import Document
from tests.factories import ProfileFactory

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": settings.TASK_QUEUES}}


def run_worker():
    call_command("db_worker", "--queue-name", "*", batch=True, reload=False, verbosity=0)


def test_without_a_worker_the_pdf_comes_at_once(client, reader, convention):
    client.force_login(reader)
    response = client.get(reverse("signatures:pdf", args=[convention.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# The worker commits each task it claims: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_queued_pdf_page_follows_the_rendering_then_offers_the_file(
    database_queue, client, reader, convention
):
    client.force_login(reader)
    response = client.get(reverse("signatures:pdf", args=[convention.pk]))
    document = Document.objects.get()
    status_url = reverse("documents:status", args=[document.pk])
    assert response.status_code == 302 and response.url == status_url
    waiting = client.get(status_url).content.decode()
    assert "le document se prépare" in waiting
    assert 'hx-trigger="every 1s"' in waiting and 'role="status"' in waiting
    assert "Vérifier si le document est prêt" in waiting  # without JavaScript

    run_worker()
    ready = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "Le document est prêt." in ready and "hx-trigger" not in ready
    download = client.get(reverse("documents:file", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert convention.reference.lower() in download["Content-Disposition"]


@pytest.mark.django_db(transaction=True)
def test_a_document_is_offered_to_its_requester_only(
    database_queue, client, reader, outsider, convention
):
    client.force_login(reader)
    client.get(reverse("reporting:dashboard_pdf", args=[convention.pk]))
    document = Document.objects.get()
    run_worker()
    client.force_login(outsider)
    assert client.get(reverse("documents:status", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:file", args=[document.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_access_lost_before_the_rendering_gives_a_failure_not_the_file(
    database_queue, client, convention
):
    profile = ProfileFactory(conventions=[convention])
    client.force_login(profile.user)
    client.get(reverse("reporting:financial_model_pdf", args=[convention.pk]), {"annee": 2025})
    document = Document.objects.get()
    assert document.options == {"year": 2025}
    profile.conventions.clear()
    run_worker()
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED and document.content is None
    page = client.get(reverse("documents:status", args=[document.pk])).content.decode()
    assert "n’a pas pu être préparé" in page
