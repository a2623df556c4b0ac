"""ProConnect login against a local OpenID provider (tests/accounts/oidc_provider.py)."""

import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model

from tests.factories import UserFactory

from .oidc_provider import CLIENT_ID, CLIENT_SECRET, Agent, Provider

EMAIL = "agathe.prefete@pas-de-calais.gouv.fr"


@pytest.fixture
def provider(settings):
    provider = Provider().start()
    settings.PROCONNECT_URL = provider.url
    settings.PROCONNECT_ENABLED = True
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider.url}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider.url}/jwks"
    settings.OIDC_OP_LOGOUT_ENDPOINT = f"{provider.url}/session/end"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.proconnect.ProConnectBackend",
    ]
    provider.agent = Agent(email=EMAIL)
    yield provider
    provider.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(client, next_url="/conventions/"):
    """The agent clicks the ProConnect button and consents at the provider."""
    to_provider = client.get("/oidc/connexion/", {"next": next_url})
    assert to_provider.status_code == 302
    try:
        urllib.request.build_opener(NoRedirect).open(to_provider["Location"], timeout=10)
    except urllib.error.HTTPError as redirect:
        back = urlsplit(redirect.headers["Location"])
    return client.get(back.path, parse_qs(back.query))


@pytest.mark.django_db
def test_an_agent_with_an_account_signs_in_and_lands_where_they_were_going(client, provider):
    agent = UserFactory(email=EMAIL.upper(), first_name="Agathe", last_name="Préfète")

    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/conventions/"
    assert client.get("/conventions/").context["user"] == agent
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_an_unknown_agent_is_refused_in_french_and_no_account_is_created(client, provider):
    UserFactory(email="quelquun.dautre@example.org")

    response = sign_in(client)

    assert response["Location"] == "/connexion/"
    page = client.get("/connexion/")
    assert f"Aucun compte du portail ne correspond à l’adresse {EMAIL}" in page.content.decode()
    assert not page.context["user"].is_authenticated
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_a_deactivated_account_is_refused(client, provider):
    UserFactory(email=EMAIL, is_active=False)

    sign_in(client)

    assert not client.get("/connexion/").context["user"].is_authenticated


@pytest.mark.django_db
def test_userinfo_is_a_jwt_checked_against_the_provider_keys(client, provider):
    UserFactory(email=EMAIL)
    provider.userinfo_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    response = sign_in(client)

    assert response["Location"] == "/connexion/"
    assert "n’a pas abouti" in client.get("/connexion/").content.decode()
    assert not client.get("/connexion/").context["user"].is_authenticated


@pytest.mark.django_db
def test_userinfo_about_another_person_is_refused(client, provider):
    UserFactory(email=EMAIL)
    provider.userinfo_subject_override = "quelqu-un-d-autre"

    sign_in(client)

    assert not client.get("/connexion/").context["user"].is_authenticated


@pytest.mark.django_db
def test_logging_out_also_ends_the_proconnect_session(client, provider):
    UserFactory(email=EMAIL)
    sign_in(client)
    id_token = client.session["oidc_id_token"]

    response = client.post("/deconnexion/")

    end_session = urlsplit(response["Location"])
    assert f"{end_session.scheme}://{end_session.netloc}{end_session.path}" == (
        f"{provider.url}/session/end"
    )
    query = parse_qs(end_session.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/connexion/"]
    assert query["state"]
    assert not client.get("/connexion/").context["user"].is_authenticated


@pytest.mark.django_db
def test_a_password_account_logs_out_to_the_login_page(client, provider):
    client.force_login(UserFactory())

    assert client.post("/deconnexion/")["Location"] == "http://testserver/connexion/"


@pytest.mark.django_db
def test_the_login_page_offers_proconnect_only_when_it_is_configured(client, settings):
    settings.PROCONNECT_ENABLED = False
    assert "ProConnect" not in client.get("/connexion/").content.decode()
    assert client.get("/oidc/connexion/").status_code == 404

    settings.PROCONNECT_ENABLED = True
    page = client.get("/connexion/?next=/conventions/").content.decode()
    assert "S’identifier avec" in page and "ProConnect" in page
    assert 'action="/oidc/connexion/"' in page
    assert "Mot de passe" in page


@pytest.mark.django_db
def test_the_siret_is_shown_to_the_admin_who_grants_the_role(client, provider, admin_user):
    agent = UserFactory(username="agathe", email=EMAIL)
    sign_in(client)
    client.logout()

    client.force_login(admin_user)
    users_page = client.get("/annuaire/utilisateurs/").content.decode()
    access_page = client.get(f"/annuaire/utilisateurs/{agent.pk}/").content.decode()

    assert "SIRET 130 026 032 00016" in users_page
    assert "SIRET de son organisation : 130 026 032 00016" in access_page
    identity = agent.proconnect_identity
    assert identity.history.get().history_user == agent


@pytest.mark.django_db
def test_a_new_siret_is_recorded_and_a_missing_one_said_so(client, provider, admin_user):
    agent = UserFactory(email=EMAIL)
    sign_in(client)
    provider.agent.siret = None
    sign_in(client)

    assert agent.proconnect_identity.siret == ""
    assert agent.proconnect_identity.history.count() == 2
    client.force_login(admin_user)
    page = client.get(f"/annuaire/utilisateurs/{agent.pk}/").content.decode()
    assert "ProConnect, qui n’a pas transmis de SIRET" in page


@pytest.mark.django_db
def test_signing_in_again_with_the_same_siret_writes_no_history(client, provider):
    agent = UserFactory(email=EMAIL)
    sign_in(client)
    sign_in(client)

    assert agent.proconnect_identity.history.count() == 1
