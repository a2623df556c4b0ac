"""Every user changes their password, or resets it by e-mail; wrong passwords are throttled."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_chef_de_projet_changes_their_password(client, owner):
    client.force_login(owner)
    page = client.get(reverse("accounts:password_change"))
    assert "Changer mon mot de passe" in page.text
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD}
        | {"new_password1": "Revitalisation-2027!", "new_password2": "Revitalisation-2027!"},
    )
    assert response.url == reverse("accounts:password_change_done")
    owner.refresh_from_db()
    assert owner.check_password("Revitalisation-2027!")


def test_a_wrong_current_password_is_refused_in_french(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "faux",
            "new_password1": "Abcdef-12345!",
            "new_password2": "Abcdef-12345!",
        },
    )
    assert response.status_code == 200
    assert "ancien mot de passe est incorrect" in response.text


def test_reset_by_email_then_login(client, owner):
    owner.email = "cheffe@example.org"
    owner.save()
    response = client.post(reverse("accounts:password_reset"), {"email": "cheffe@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    (message,) = mail.outbox
    assert message.subject == "Portail ORT : choisir un nouveau mot de passe"
    link = re.search(r"http://testserver(/mot-de-passe/nouveau/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    new = {"new_password1": "Revitalisation-2027!", "new_password2": "Revitalisation-2027!"}
    done = client.post(form_page.redirect_chain[-1][0], new)
    assert done.url == reverse("accounts:password_reset_complete")
    assert client.login(username=owner.username, password="Revitalisation-2027!")


def test_a_used_reset_link_is_refused_in_french(client):
    response = client.get("/mot-de-passe/nouveau/MQ/cle/abc-def/")
    assert "Ce lien n’est plus valable" in response.text


def test_wrong_passwords_lock_the_username_out(client, owner, settings):
    settings.AXES_FAILURE_LIMIT = 3
    login = reverse("accounts:login")
    for _ in range(3):
        client.post(login, {"username": owner.username, "password": "faux"})
    locked = client.post(login, {"username": owner.username, "password": PASSWORD})
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.text
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client, owner, settings):
    settings.AXES_FAILURE_LIMIT = 3
    login = reverse("accounts:login")
    for _ in range(2):
        client.post(login, {"username": owner.username, "password": "faux"})
    assert client.post(login, {"username": owner.username, "password": PASSWORD}).status_code == 302


def test_a_pasted_text_as_username_is_an_ordinary_failed_login(client):
    response = client.post(reverse("accounts:login"), {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect" in response.text
