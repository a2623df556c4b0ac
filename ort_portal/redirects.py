"""Where to go after a form: the `next` parameter, only when it is a path on this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, default: str) -> str:
    """The `next` of the POST or the query string when it is a path of this site (it starts
    with « / » and names no other host), otherwise `default`. A bare word such as « home »
    is refused rather than resolved as a URL name: resolving it could fail after the write."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
