"""PDFs prepared off the request path: « Préparer le PDF », the document's page (polled
until ready), the download, who may see it, its failure and its history."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from documents.services import STALE_AFTER
from tests.factories import ArticleFactory, ConventionFactory, ProfileFactory
from tests.pdf_flow import prepare, prepared_pdf
from tests.signatures.test_signature import pdf_text

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@pytest.fixture
def chef(db):
    convention = ConventionFactory(reference="VILLE-ORT")
    ArticleFactory(convention=convention, title="Objet", text="Revitaliser le centre-bourg.")
    user = ProfileFactory(conventions=[convention]).user
    return user, convention


def pdf_url(convention):
    return reverse("signatures:pdf", args=[convention.pk])


def test_the_pdf_page_offers_to_prepare_it_and_writes_nothing_on_get(chef, client):
    user, convention = chef
    client.force_login(user)
    page = client.get(pdf_url(convention)).content.decode()
    assert "Préparer le PDF" in page and 'method="post"' in page
    assert not Document.objects.exists()


def test_prepared_at_once_without_a_worker_then_downloaded(chef, client):
    user, convention = chef
    client.force_login(user)
    document = prepare(client, pdf_url(convention))
    page = client.get(document.get_absolute_url()).content.decode()
    document.refresh_from_db()
    assert document.status == Document.Status.READY
    assert 'role="status"' in page and "PDF prêt" in page
    assert f"Télécharger le PDF ({document.size_kb} ko)" in page
    assert "hx-trigger" not in page  # nothing left to poll

    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="ville-ort.pdf"'
    text = pdf_text(response.content)
    assert "VILLE-ORT" in text and "Revitaliser le centre-bourg." in text

    history = list(document.history.order_by("history_id"))
    assert [row.status for row in history] == ["en_attente", "en_cours", "pret"]
    assert {row.history_user for row in history} == {user}
    assert history[0].history_change_reason == "Document demandé"


def test_an_identical_request_reuses_the_ready_document_until_the_convention_changes(chef, client):
    user, convention = chef
    client.force_login(user)
    first = prepare(client, pdf_url(convention))
    assert prepare(client, pdf_url(convention)) == first
    ArticleFactory(convention=convention, title="Durée", text="Cinq ans.")
    second = prepare(client, pdf_url(convention))
    assert second != first
    assert "Cinq ans." in pdf_text(bytes(Document.objects.get(pk=second.pk).content))


def test_a_request_whose_worker_stopped_is_not_reused_for_ever(chef, client, database_queue):
    """Waiting for a worker, the request is reused; left « en cours » by a worker stopped
    mid-render for more than STALE_AFTER, asking again queues a new one."""
    user, convention = chef
    client.force_login(user)
    first = prepare(client, pdf_url(convention))
    assert prepare(client, pdf_url(convention)) == first
    Document.objects.filter(pk=first.pk).update(
        status=Document.Status.RUNNING, created_at=timezone.now() - STALE_AFTER
    )
    second = prepare(client, pdf_url(convention))
    assert second != first
    assert second.status == Document.Status.PENDING


def test_another_user_never_sees_nor_downloads_the_document(chef, client):
    user, convention = chef
    client.force_login(user)
    document = prepare(client, pdf_url(convention))
    colleague = ProfileFactory(conventions=[convention]).user  # reads the same convention
    client.force_login(colleague)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert client.post(reverse("documents:retry", args=[document.pk])).status_code == 404


def test_the_download_needs_the_target_still_readable(chef, client):
    user, convention = chef
    client.force_login(user)
    document = prepare(client, pdf_url(convention))
    user.portal_profile.conventions.clear()
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_another_territory_cannot_request_the_pdf(chef, client):
    _, convention = chef
    other = ProfileFactory(conventions=[ConventionFactory()]).user
    client.force_login(other)
    for url in (pdf_url(convention), reverse("reporting:dashboard_pdf", args=[convention.pk])):
        assert client.post(url).status_code == 404
    assert not Document.objects.exists()


def test_a_failed_rendering_says_so_in_french_and_can_be_retried(chef, client, monkeypatch):
    user, convention = chef
    client.force_login(user)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("signatures.pdf_documents.render_pdf", broken)
    document = prepare(client, pdf_url(convention))
    response = client.get(document.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Échec de la préparation" in page and "Le PDF n’a pas pu être préparé." in page
    assert "disk full" not in page
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 302

    monkeypatch.undo()
    response = client.post(reverse("documents:retry", args=[document.pk]))
    assert response.url == document.get_absolute_url()
    document.refresh_from_db()
    assert document.status == Document.Status.READY and document.error == ""
    assert document.history.filter(history_change_reason="Nouvelle tentative").exists()


def test_the_maquette_pdf_keeps_its_year(chef, client):
    user, convention = chef
    client.force_login(user)
    url = reverse("reporting:financial_model_pdf", args=[convention.pk]) + "?annee=2027"
    response = prepared_pdf(client, url)
    assert "2027" in pdf_text(response.content)
    assert Document.objects.get().params == {"annee": 2027}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": settings.TASK_QUEUES}}


def run_worker():
    call_command("db_worker", "--queue-name", "pdf", batch=True, reload=False, verbosity=0)


# The worker commits each task it claims, as in production: no test transaction around it.
@pytest.mark.django_db(transaction=True)
def test_with_a_queue_the_page_polls_until_a_worker_has_rendered_it(chef, client, database_queue):
    user, convention = chef
    client.force_login(user)
    document = prepare(client, pdf_url(convention))
    page = client.get(document.get_absolute_url()).content.decode()
    assert "PDF en préparation" in page and "En attente" in page
    poll = f"{document.get_absolute_url()}?etat=en_attente"
    assert f'hx-get="{poll}"' in page and 'hx-trigger="every 2s"' in page
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 302
    # Unchanged state: the poll swaps nothing, so the live region stays silent.
    assert client.get(poll, headers={"HX-Request": "true"}).status_code == 204
    # The user asks again while it waits: the same document.
    assert prepare(client, pdf_url(convention)) == document

    run_worker()
    response = client.get(poll, headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert f"Télécharger le PDF ({Document.objects.get().size_kb} ko)" in fragment
    assert 'id="document-poller" hx-swap-oob="true"' in fragment  # polling stops
    assert "hx-trigger" not in fragment and "<h1>" not in fragment
    download = client.get(reverse("documents:download", args=[document.pk]))
    assert "VILLE-ORT" in pdf_text(download.content)


def test_old_documents_are_pruned_with_their_history(chef, client):
    """prune_documents deletes the generated PDFs older than --min-age-days (a deletion row
    in the history each), keeps the recent ones and never touches a signed version."""
    user, convention = chef
    client.force_login(user)
    old = prepare(client, pdf_url(convention))
    Document.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    ArticleFactory(convention=convention, title="Durée", text="Cinq ans.")
    recent = prepare(client, pdf_url(convention))
    out = io.StringIO()
    call_command("prune_documents", "--min-age-days", "7", stdout=out)
    assert out.getvalue().strip() == "1 document(s) généré(s) supprimé(s)."
    assert list(Document.objects.values_list("pk", flat=True)) == [recent.pk]
    deleted = Document.history.filter(id=old.pk, history_type="-").get()
    assert deleted.history_change_reason == "Document de plus de 7 jours supprimé"
    assert client.get(old.get_absolute_url()).status_code == 404
