"""Who may open or post to every URL of the portal: anonymous, chef de projet of territory
A (Libercourt), chef de projet of territory B (Lens-Liévin), comité member of A,
administrator; GET, GET from htmx and an empty POST, on objects of territory A, then on
objects of territory B. Every answer is below 500 and the one this explicit table gives
(written for A's objects; on B's, the two chefs de projet swap their answers and A's comité
member is an outsider); a URL missing from the table fails the test. The Django admin's URLs
follow one rule, checked for every model."""

from collections import Counter

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.a11y.scene import complete_demo
from tests.access.matrix import ROLES, all_routes, territory_a_providers, url_for
from tests.access.territory_b import complete_territory_b, territory_b_providers

pytestmark = pytest.mark.django_db

L = "login"  # redirected to the login page
#           anonyme, cdp A, cdp B, membre A, admin
PUBLIC = (200, 200, 200, 200, 200)
SIGNED_IN = (L, 200, 200, 200, 200)
READ_A = (L, 200, 404, 200, 200)
EDIT_A = (L, 200, 404, 403, 200)
DONE_A = (L, 302, 404, 403, 302)  # an action on A, then a redirect
REFUSED_A = (L, 400, 404, 403, 400)  # an action on A, its empty form refused
CHEFS = (L, 200, 200, 403, 200)  # chefs de projet and administrators, no territory yet
POST_ONLY_A = (L, 405, 404, 403, 405)  # a POST-only URL of A: B does not learn it exists
SIGNED_A = (L, 409, 404, 403, 409)  # A's convention is signed: only an avenant changes it
DIRECTORY = (L, 403, 403, 403, 200)
DIRECTORY_DONE = (L, 403, 403, 403, 302)
SIGNED_IN_DONE = (L, 302, 302, 302, 302)
POST_ONLY = (L, 405, 405, 405, 405)
NOT_ALLOWED = (405, 405, 405, 405, 405)
NOT_FOUND = (404, 404, 404, 404, 404)  # ProConnect is off unless configured
PREPARED_A = (L, 302, 404, 302, 302)  # « Préparer le PDF » of A, then the document's page
OWN = (L, 200, 404, 404, 404)  # chef de projet A's generated document: theirs alone
OWN_DONE = (L, 302, 404, 404, 404)

# URL name: (GET, with or without htmx; empty POST)
TABLE = {
    "accessibility": (PUBLIC, PUBLIC),
    "health": (PUBLIC, NOT_ALLOWED),
    "accounts:login": (PUBLIC, PUBLIC),
    "accounts:logout": (NOT_ALLOWED, SIGNED_IN_DONE),
    "accounts:proconnect_login": (NOT_FOUND, NOT_FOUND),
    "accounts:proconnect_callback": (NOT_FOUND, NOT_FOUND),
    "accounts:password_change": (SIGNED_IN, SIGNED_IN),
    "accounts:password_change_done": (SIGNED_IN, POST_ONLY),
    "accounts:password_reset": (PUBLIC, PUBLIC),
    "accounts:password_reset_done": (PUBLIC, NOT_ALLOWED),
    "accounts:password_reset_confirm": (PUBLIC, PUBLIC),
    "accounts:password_reset_complete": (PUBLIC, NOT_ALLOWED),
    "accounts:users": (DIRECTORY, DIRECTORY),
    "accounts:user_create": (DIRECTORY, DIRECTORY),
    "accounts:user_edit": (DIRECTORY, DIRECTORY),
    "accounts:user_set_active": (POST_ONLY, DIRECTORY_DONE),
    # Chefs de projet open the directory of their territory; the organisation of territory A
    # filled in here is a national body (Caisse des Dépôts), which they read but do not edit.
    "directory:organisations": (CHEFS, CHEFS),
    "directory:organisation_create": (CHEFS, CHEFS),
    "directory:organisation": (CHEFS, CHEFS),
    "directory:organisation_edit": (DIRECTORY, DIRECTORY),
    "directory:representative_create": (DIRECTORY, DIRECTORY),
    "directory:representative_edit": (DIRECTORY, DIRECTORY),
    "directory:representative_replace": (DIRECTORY, DIRECTORY),
    # The pickers' searches: every signed-in user, each finding what for_user lets them see.
    "directory:organisation_search": (SIGNED_IN, POST_ONLY),
    "directory:representative_search": (SIGNED_IN, POST_ONLY),
    "directory:current_representative_search": (SIGNED_IN, POST_ONLY),
    "conventions:commune_search": (SIGNED_IN, POST_ONLY),
    "conventions:epci_search": (SIGNED_IN, POST_ONLY),
    "reporting:home": (SIGNED_IN, SIGNED_IN),
    "reporting:list": (SIGNED_IN, SIGNED_IN),
    "reporting:territory_dashboard": (SIGNED_IN, SIGNED_IN),
    "reporting:territory_section": (SIGNED_IN, SIGNED_IN),
    "reporting:dashboard": (READ_A, READ_A),
    "reporting:dashboard_pdf": (READ_A, PREPARED_A),
    "reporting:financial_model": (READ_A, READ_A),
    "reporting:financial_model_xlsx": (READ_A, READ_A),
    "reporting:financial_model_pdf": (READ_A, PREPARED_A),
    "reporting:plan_csv": (READ_A, READ_A),
    "reporting:plan_xlsx": (READ_A, READ_A),
    "conventions:create": (CHEFS, CHEFS),
    "conventions:draft": (EDIT_A, EDIT_A),
    "conventions:draft_general": (POST_ONLY, REFUSED_A),
    "conventions:draft_add": (POST_ONLY_A, REFUSED_A),
    "conventions:draft_edit": (SIGNED_A, REFUSED_A),
    "conventions:draft_delete": (POST_ONLY, SIGNED_A),
    "actions:axes_from_programme": (POST_ONLY, SIGNED_A),
    "conventions:detail": (READ_A, READ_A),
    "conventions:history": (READ_A, READ_A),
    "signatures:signature": (READ_A, READ_A),
    "signatures:sign": (POST_ONLY, REFUSED_A),
    "signatures:deliberation": (POST_ONLY, REFUSED_A),
    "signatures:extend": (POST_ONLY, REFUSED_A),
    "signatures:terminate": (POST_ONLY, REFUSED_A),
    "signatures:pdf": (READ_A, PREPARED_A),
    "signatures:versions": (READ_A, READ_A),
    "signatures:freeze_initial": (POST_ONLY, DONE_A),
    "signatures:compare": (READ_A, READ_A),
    "signatures:version_pdf": (READ_A, READ_A),
    "signatures:amendment_create": (POST_ONLY, DONE_A),
    "signatures:amendment": (READ_A, READ_A),
    "signatures:amendment_draft": (POST_ONLY, REFUSED_A),
    "signatures:amendment_avis": (POST_ONLY, REFUSED_A),
    "signatures:amendment_sign": (POST_ONLY, REFUSED_A),
    "signatures:amendment_pdf": (READ_A, PREPARED_A),
    "actions:plan": (READ_A, READ_A),
    "actions:create": (EDIT_A, EDIT_A),
    "actions:detail": (READ_A, READ_A),
    "actions:edit": (EDIT_A, EDIT_A),
    "actions:maturity": (EDIT_A, EDIT_A),
    "actions:move": (POST_ONLY, DONE_A),
    "actions:fundings": (EDIT_A, EDIT_A),
    "actions:indicator_create": (EDIT_A, EDIT_A),
    "actions:measurement_create": (EDIT_A, EDIT_A),
    "governance:committee_list": (SIGNED_IN, SIGNED_IN),
    "governance:convention_committees": (READ_A, READ_A),
    "governance:committee_detail": (READ_A, READ_A),
    "governance:committee_ics": (READ_A, READ_A),
    "governance:meeting_create": (EDIT_A, EDIT_A),
    "governance:member_add": (EDIT_A, EDIT_A),
    "governance:member_hand_over": (POST_ONLY, DONE_A),
    "governance:meeting_detail": (READ_A, READ_A),
    "governance:meeting_edit": (EDIT_A, EDIT_A),
    "governance:meeting_attendance": (EDIT_A, EDIT_A),
    "governance:decision_create": (EDIT_A, EDIT_A),
    "governance:meeting_pdf": (READ_A, PREPARED_A),
    "governance:decision_delete": (POST_ONLY, DONE_A),
    "imports:convention_from_text": (CHEFS, CHEFS),
    "imports:plan_import": (EDIT_A, EDIT_A),
    "imports:plan_import_confirm": (POST_ONLY, DONE_A),
    "imports:plan_template": (SIGNED_IN, SIGNED_IN),
    "notifications:list": (SIGNED_IN, SIGNED_IN),
    "notifications:mark_read": (POST_ONLY, SIGNED_IN_DONE),
    "documents:detail": (OWN, POST_ONLY),
    "documents:download": (OWN, POST_ONLY),
    "documents:retry": (POST_ONLY, OWN_DONE),
    "notifications:preferences": (SIGNED_IN, SIGNED_IN),
}

ADMIN_PAGES = ("changelist", "add", "change", "history", "delete")


@pytest.fixture
def clients(demo):
    complete_demo()
    complete_territory_b()
    made = {}
    for role, username in ROLES.items():
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        made[role] = client
    return made


def _request(client, method, url, **headers):
    """One request, its writes rolled back and the client's cookies put back (a logout or
    a password change would end the session of the next requests)."""
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    with transaction.atomic():
        response = getattr(client, method)(url, headers=headers)
        transaction.set_rollback(True)
    client.cookies.clear()
    for key, value in cookies.items():
        client.cookies[key] = value
    return response


def _outcome(response, login="/connexion/"):
    if response.status_code == 302 and response.url.startswith(login):
        return L
    return response.status_code


def _portal_routes():
    return [(name, route) for name, route in all_routes() if not name.startswith("admin:")]


def test_every_url_of_the_portal_is_in_the_table():
    assert {name for name, _ in _portal_routes()} == set(TABLE)


def on_territory_b(expected):
    """The table's answer for A's objects, turned into the answer for B's: chef de projet A
    gets what B got and the reverse; where B was kept out of A (404), so is A's member."""
    anonymous, chef_a, chef_b, member_a, admin = expected
    return (anonymous, chef_b, chef_a, 404 if chef_b == 404 else member_a, admin)


# On B's objects the organisation filled in is B's own (the Communauté d'agglomération de
# Lens-Liévin), which its chef de projet reads and edits, with its representatives, and A's
# does not; on A's, it is a national body that chefs de projet read only.
OWN_B = (L, 403, 200, 403, 200)
ON_B = {
    name: (OWN_B, OWN_B)
    for name in (
        "directory:organisation",
        "directory:organisation_edit",
        "directory:representative_create",
        "directory:representative_edit",
        "directory:representative_replace",
    )
}
PROVIDERS = {"A": territory_a_providers, "B": territory_b_providers}


def expected_answers(name, territory):
    """(GET, POST) answers of the five roles for the URL filled with the territory's objects."""
    if territory == "A":
        return TABLE[name]
    return ON_B.get(name) or tuple(on_territory_b(answers) for answers in TABLE[name])


@pytest.mark.parametrize("territory", PROVIDERS)
def test_every_url_answers_each_role_as_the_table_says(clients, territory):
    providers = PROVIDERS[territory]()
    wrong, counts = [], Counter()
    requests = (("get", {}), ("get", {"HX-Request": "true"}), ("post", {}))
    for name, route in _portal_routes():
        url = url_for(name, route, providers)
        get_expected, post_expected = expected_answers(name, territory)
        for method, headers in requests:
            expected = post_expected if method == "post" else get_expected
            for role, wanted in zip(ROLES, expected, strict=True):
                outcome = _outcome(_request(clients[role], method, url, **headers))
                counts[method + ("_htmx" if headers else "")] += 1
                if outcome != wanted:
                    wrong.append(
                        f"{name} {url} {method}{' htmx' if headers else ''} {role}: "
                        f"{outcome}, expected {wanted}"
                    )
    print(
        f"access matrix, territory {territory}: {len(TABLE)} URL patterns × {len(ROLES)} "
        f"roles × 3 = {counts}"
    )
    assert not wrong, "\n".join(wrong)


def _admin_urls():
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        obj = model._default_manager.order_by("pk").first()
        for page in ADMIN_PAGES:
            args = [] if page in ("changelist", "add") else [obj.pk if obj else 0]
            yield reverse("admin:{}_{}_{}".format(*info, page), args=args)
    yield reverse("admin:index")
    yield from (reverse("admin:app_list", args=[label]) for label in _admin_app_labels())


def _admin_app_labels():
    return sorted({model._meta.app_label for model in admin.site._registry})


def test_the_admin_is_for_staff_only(clients):
    """Every page of every model in the admin: the staff's, a login page for the others."""
    wrong, count = [], 0
    for url in _admin_urls():
        for role, client in clients.items():
            for method in ("get", "post"):
                response = _request(client, method, url)
                count += 1
                outcome = _outcome(response, login="/admin/login/")
                staff = role == "admin"
                if response.status_code >= 500 or (outcome == L) == staff:
                    wrong.append(f"{url} {method} {role}: {response.status_code}")
    print(f"admin: {count} requests")
    assert not wrong, "\n".join(wrong)
