"""Every page a demo role can open, found from the URL configuration and the demo data.

Each named URL of the portal (the Django admin aside: it is Django's own interface) is
filled with demo objects: a parameter is identified by the path segment before it
(`conventions/<pk>` is a convention, `seances/<pk>` a séance…). A new page with a
parameter not listed in PARAMETERS fails the audit until its objects are named here, so
that no page escapes it.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

EXCLUDED_NAMESPACES = {"admin"}
# Pages audited on their own (anonymous) or that only act (POST, redirects); the options
# the pickers' searches answer (ort_portal.pickers) are audited inside the forms that hold
# them (states.py: financing_states).
EXCLUDED_NAMES = {
    "accounts:login",
    "accounts:logout",
    "directory:organisation_search",
    "directory:representative_search",
    "directory:current_representative_search",
    "conventions:commune_search",
    "conventions:epci_search",
}
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    parameters: tuple[tuple[str, str], ...]  # (segment before the parameter, its name)


def routes() -> list[Route]:
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in EXCLUDED_NAMESPACES:
                    continue
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = ":".join(filter(None, [namespace, pattern.name]))
                found.append(_route(name, prefix + str(pattern.pattern)))

    walk(get_resolver().url_patterns, "", "")
    return [route for route in found if route.name not in EXCLUDED_NAMES]


def _route(name, route):
    parameters = []
    for match in PARAMETER.finditer(route):
        before = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        parameters.append((before, match.group("name")))
    return Route(name, route, tuple(parameters))


def urls_for(route: Route, scene) -> list[str]:
    """The URLs of a route for the objects of the scene (a role's demo objects)."""
    if not route.parameters:
        return [reverse(route.name)]
    combinations = [{}]
    for segment, name in route.parameters:
        provider = scene.providers.get(segment)
        if provider is None:
            raise LookupError(
                f"{route.name} ({route.route}): no demo object for the parameter `{name}` "
                f"after `{segment}/`; add a provider for `{segment}` to the accessibility "
                "scene (tests/a11y/scene.py)."
            )
        combinations = [
            {**chosen, name: value} for chosen in combinations for value in provider(chosen)
        ]
    return [reverse(route.name, kwargs=kwargs) for kwargs in combinations]
