"""Every URL of the portal, filled with objects of territory A (Libercourt) or of territory B
(territory_b.py), and who may do what with it: the explicit table of
tests/test_access_matrix.py."""

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.a11y.pages import PARAMETER
from tests.a11y.scene import Scene

ROLES = {
    "anonyme": None,
    "cdp_a": "cdp-libercourt",
    "cdp_b": "cdp-lens-lievin",
    "membre_a": "copil-libercourt",
    "admin": "admin",
}


def all_routes():
    """(name, route) of every named URL pattern, walked recursively; the Django admin's
    are checked apart (admin_urls), model by model."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = ":".join(filter(None, [namespace, pattern.name or str(pattern.pattern)]))
                found.append((name, prefix + str(pattern.pattern)))

    walk(get_resolver().url_patterns, "", "")
    return found


def territory_a_providers():
    """Objects of territory A for each path segment before a parameter."""
    scene = Scene("cdp-libercourt")
    providers = dict(scene.providers)
    user = get_user_model().objects.get(username="copil-libercourt")
    providers["utilisateurs"] = lambda chosen: [user.pk]
    return providers


def url_for(name, route, providers):
    kwargs = {}
    for match in PARAMETER.finditer(route):
        before = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        values = providers[before](kwargs)
        kwargs[match.group("name")] = values[0] if values else 0
    return reverse(name, kwargs=kwargs)
