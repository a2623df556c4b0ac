"""Error pages in French, in the site's layout, with a way back home."""

import pytest
from django.test import Client
from django.urls import reverse

from ort_portal.views import server_error

pytestmark = pytest.mark.django_db


def test_not_found_page(client, owner):
    client.force_login(owner)
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert 'class="fr-header' in response.text and "Retour à l’accueil" in response.text


def test_forbidden_page(client, reader, convention):
    client.force_login(reader)
    response = client.post(reverse("governance:member_add", args=[_committee(convention).pk]))
    assert response.status_code == 403
    assert "Accès refusé" in response.text and "Retour à l’accueil" in response.text


def _committee(convention):
    from tests import factories as f

    return f.CommitteeFactory(conventions=[convention])


def test_server_error_page_renders_without_request_context(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()
    assert "Retour à l’accueil" in response.content.decode()


def test_an_unexpected_exception_answers_the_french_500(monkeypatch, owner):
    def boom(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr("ort_portal.views.render", boom)
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    response = client.get(reverse("accessibility"))
    assert response.status_code == 500
    assert "Erreur inattendue" in response.text
