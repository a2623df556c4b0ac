"""ProConnect, the identity federation of State agents (OpenID Connect), via mozilla-django-oidc.

An agent signs in with ProConnect only into an account that an administrator created with the
same e-mail address: no account is ever created here, so nobody reaches a territory by
themselves. ProConnect's userinfo answer is a signed JWT (application/jwt): the library checks
its signature against the provider's JWKS; the backend also checks that it describes the
person of the ID token.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.crypto import get_random_string
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
    OIDCLogoutView,
)

from . import services

logger = logging.getLogger(__name__)

UNKNOWN_AGENT = (
    "Aucun compte du portail ne correspond à l’adresse {email}. Demandez à l’administrateur "
    "du portail de votre territoire de vous créer un compte avec cette adresse, puis "
    "reconnectez-vous avec ProConnect."
)
DUPLICATE_EMAIL = (
    "Plusieurs comptes du portail portent l’adresse {email} : l’administrateur du portail doit "
    "n’en garder qu’un avant que vous puissiez vous connecter avec ProConnect."
)
FAILED = (
    "La connexion avec ProConnect n’a pas abouti. Réessayez, ou connectez-vous avec votre "
    "identifiant."
)


class ProConnectBackend(OIDCAuthenticationBackend):
    def get_userinfo(self, access_token, id_token, payload):
        claims = super().get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: the userinfo must be about the ID token's subject.
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("ProConnect userinfo is about another subject")
        return claims

    def filter_users_by_claims(self, claims):
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def get_or_create_user(self, access_token, id_token, payload):
        """The one active account with the agent's e-mail address; never a new one."""
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("ProConnect claims verification failed")
        users = list(self.filter_users_by_claims(claims)[:2])
        if len(users) == 1:
            return self.update_user(users[0], claims)
        message = UNKNOWN_AGENT if not users else DUPLICATE_EMAIL
        self.request.proconnect_refusal = message.format(email=claims["email"])
        logger.warning("ProConnect login refused: %d accounts for this e-mail", len(users))
        return None

    def update_user(self, user, claims):
        services.record_proconnect_identity(
            user=user, subject=claims["sub"], siret=claims.get("siret")
        )
        return user


class ProConnectEnabledMixin:
    def dispatch(self, request, *args, **kwargs):
        if not settings.PROCONNECT_ENABLED:
            raise Http404("ProConnect n’est pas configuré sur ce portail.")
        return super().dispatch(request, *args, **kwargs)


class ProConnectLoginView(ProConnectEnabledMixin, OIDCAuthenticationRequestView):
    pass


class ProConnectCallbackView(ProConnectEnabledMixin, OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)

    def login_failure(self):
        messages.error(self.request, getattr(self.request, "proconnect_refusal", FAILED))
        return super().login_failure()


class LoginView(auth_views.LoginView):
    """Identifier and password for everyone; the ProConnect button for agents when set up."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, proconnect=settings.PROCONNECT_ENABLED)


class LogoutView(OIDCLogoutView):
    """The portal's logout: also ends the ProConnect session of an agent who came through it
    (settings.OIDC_OP_LOGOUT_URL_METHOD)."""


def provider_logout_url(request):
    """ProConnect's end_session URL for a session opened through it, else the login page."""
    id_token = request.session.get("oidc_id_token")
    login_url = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    if not (settings.PROCONNECT_ENABLED and id_token):
        return login_url
    query = urlencode(
        {
            "id_token_hint": id_token,
            "state": get_random_string(32),
            "post_logout_redirect_uri": login_url,
        }
    )
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"
