"""Hostile input on every form of the portal (hypothesis): strings, numbers and dates at
their edges, posted by an administrator to each form found on the portal's pages. Never a
server error, never a partial write (the rows of every table are counted before and after a
refused form), and a refusal speaks French. Kept small for CI: MAX_EXAMPLES per form."""

import os

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.a11y.scene import complete_demo
from tests.access.forms import page_forms
from tests.access.matrix import all_routes, territory_a_providers, url_for

pytestmark = pytest.mark.django_db

# FORMS_MAX_EXAMPLES=100 for a deeper search on a developer's machine.
MAX_EXAMPLES = int(os.environ.get("FORMS_MAX_EXAMPLES", "15"))
# Forms that only act (no typed input) or whose work is a PDF: covered by the access matrix.
SKIPPED = {"accounts:logout", "signatures:freeze_initial", "notifications:mark_read"}
SKIPPED |= {
    "signatures:pdf",
    "signatures:amendment_pdf",
    "reporting:dashboard_pdf",
    "reporting:financial_model_pdf",
    "governance:meeting_pdf",
    "documents:retry",
}
HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "-Infinity",
    "99999999999999999999999999",
    "-0.000000000000000000001",
    "12,5",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "31/12/2025",
    "x" * 5000,
    "'; DROP TABLE actions_action; --",
    "<script>alert(1)</script>",
    "a\x00b",
    "%_%",
    "../../etc/passwd",
    "🏛️ Hôtel de ville — « test »",
]
ENGLISH = ["This field", "Enter a ", "Ensure this", "Select a valid", "is not a valid"]


def hostile_value(form_field):
    hostile = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
    if form_field.options:
        return st.one_of(st.sampled_from(form_field.options), hostile)
    return st.one_of(st.just(form_field.value), hostile)


PORTAL_APPS = {"directory", "accounts", "conventions", "actions", "governance", "signatures"}
PORTAL_APPS |= {"imports", "notifications", "auth"}


def row_counts():
    """The number of rows of every table of the portal, in one query."""
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PORTAL_APPS
    )
    counts = ", ".join(f'(SELECT COUNT(*) FROM "{table}")' for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def discovered_forms(client):
    """Each form of the portal once, keyed by the URL name it posts to."""
    found = {}
    providers = territory_a_providers()
    for name, route in all_routes():
        if name.startswith("admin:") or route.endswith((".pdf", ".xlsx", ".csv", ".ics", "/pdf/")):
            continue
        page = url_for(name, route, providers)
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for form in page_forms(page, response.text):
            try:
                target = resolve(form.action.split("?")[0]).view_name
            except Resolver404:
                continue
            if target not in SKIPPED:
                found.setdefault(target, form)
    return found


@pytest.fixture
def admin_client(demo):
    complete_demo()
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def post_rolled_back(client, url, data):
    with transaction.atomic():
        before = row_counts()
        response = client.post(url, data)
        after = row_counts()
        transaction.set_rollback(True)
    return response, before, after


def test_hostile_input_on_every_form(admin_client):
    forms = discovered_forms(admin_client)
    assert len(forms) >= 25, sorted(forms)
    failures, examples = [], []
    for name, form in sorted(forms.items()):
        hostile_posts(admin_client, name, form, failures, examples)()
    print(f"hypothesis: {len(examples)} examples on {len(forms)} forms")
    assert not failures, "\n".join(failures[:30])


def hostile_posts(client, name, form, failures, examples):
    fields = {key: hostile_value(f) for key, f in form.fields.items()}
    fields.pop("csrfmiddlewaretoken", None)

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.fixed_dictionaries(fields))
    def post(data):
        examples.append(name)
        response, before, after = post_rolled_back(client, form.action, data)
        text = response.content.decode(errors="replace") if response.status_code < 300 else ""
        if response.status_code >= 500:
            failures.append(f"{name}: {response.status_code} with {data!r:.300}")
        elif response.status_code in (200, 400) and before != after and _refused(text):
            changed = {k for k in before if before[k] != after[k]}
            failures.append(f"{name}: refused but wrote {changed} with {data!r:.300}")
        elif english := [e for e in ENGLISH if e in text]:
            failures.append(f"{name}: message in English {english}")

    return post


def _refused(text):
    return "fr-error-text" in text or "fr-alert--error" in text or "fr-message--error" in text
