"""Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one
username from one address, that pair is refused for LOGIN_COOLOFF_MINUTES."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' backend for the logins of a web request; an authentication outside a request
    (a management command, the test client's login()) is not a guessing attempt over the
    network and is left to the next backends."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the
    address the outermost of them saw (X-Forwarded-For, which the client cannot forge
    beyond those entries)."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def attempted_username(request, credentials) -> str:
    """The username of a failed login as the attempts table keeps it: cut to a username's
    length, so that a pasted 5,000-character text is counted like any other attempt rather
    than overflowing the column (PostgreSQL refuses it)."""
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return username.replace("\x00", "")[:150]
