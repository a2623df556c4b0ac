"""User pages: administrators create accounts and set roles and territories."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts.forms import UserAccessForm
from accounts.models import Profile
from conventions.models import Convention
from tests.factories import ProfileFactory

DEMO_PASSWORD = "portail-ort-demo"


@pytest.fixture
def admin_browser(client, demo):
    client.login(username="admin", password=DEMO_PASSWORD)
    return client


def test_chef_de_projet_cannot_create_users(client, demo):
    client.login(username="cdp-libercourt", password=DEMO_PASSWORD)
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "intrus",
            "password": "Un-mot-de-passe-solide-42",
            "first_name": "In",
            "last_name": "Trus",
            "role": "admin",
        },
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="intrus").exists()


def test_admin_creates_a_chef_de_projet_who_sees_their_territory_at_once(
    admin_browser, client, demo
):
    libercourt = Convention.objects.get(reference="LIBERCOURT-ORT")
    commune = libercourt.communes.get()
    response = admin_browser.post(
        reverse("accounts:user_create"),
        {
            "username": "nouvelle-cdp",
            "password": "Revitalisation-2026!",
            "first_name": "Nadia",
            "last_name": "Leroy",
            "email": "nadia@example.org",
            "role": "chef_de_projet",
            "communes": [commune.pk],
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="nouvelle-cdp")
    assert user.portal_profile.role == Profile.Role.CHEF_DE_PROJET
    assert Profile.history.filter(user_id=user.pk).first().history_user.username == "admin"

    client.logout()
    client.login(username="nouvelle-cdp", password="Revitalisation-2026!")
    home = client.get(reverse("reporting:home")).content.decode()
    assert "Libercourt" in home and "Lens" not in home


def test_role_and_territory_changes_apply_at_once(admin_browser, demo):
    user = ProfileFactory(role=Profile.Role.MEMBRE_COMITE).user
    client = Client()
    client.force_login(user)
    assert "Liévin" not in client.get(reverse("reporting:home")).content.decode()

    lens_lievin = Convention.objects.get(reference="LENS-LIEVIN-ACV")
    initial = UserAccessForm.initial_for(user)
    admin_browser.post(
        reverse("accounts:user_edit", args=[user.pk]),
        {
            "first_name": initial["first_name"],
            "last_name": initial["last_name"],
            "role": "membre_comite",
            "conventions": [lens_lievin.pk],
        },
    )
    assert lens_lievin.title in client.get(reverse("reporting:home")).content.decode()
    assert not user.has_perm("conventions.edit_convention", lens_lievin)

    admin_browser.post(reverse("accounts:user_set_active", args=[user.pk]), {})
    user.refresh_from_db()
    assert not user.is_active
    assert client.get(reverse("reporting:home")).status_code == 302  # logged out: inactive accounts
