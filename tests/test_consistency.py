"""Project-wide rules: every domain model is history-tracked and has an admin page."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from tests.factories import AmendmentFactory, OrganisationFactory

DOMAIN_APPS = ["directory", "accounts", "conventions", "actions", "governance", "signatures"]


def domain_models():
    for label in DOMAIN_APPS:
        for model in apps.get_app_config(label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


@pytest.mark.parametrize("model", list(domain_models()), ids=lambda m: m.__name__)
def test_every_domain_model_is_history_tracked(model):
    assert hasattr(model, "history"), f"{model.__name__} has no HistoricalRecords"


@pytest.mark.parametrize("model", list(domain_models()), ids=lambda m: m.__name__)
def test_every_domain_model_has_an_admin_with_its_history(model):
    model_admin = admin.site._registry.get(model)
    assert model_admin is not None, f"{model.__name__} is not in the admin"
    assert hasattr(model_admin, "history_view"), f"{model.__name__}'s admin shows no history"


@pytest.mark.parametrize("model", list(domain_models()), ids=lambda m: m.__name__)
def test_every_domain_model_has_a_french_name(model):
    assert "verbose_name" in model._meta.original_attrs, model.__name__


@pytest.mark.django_db
def test_no_version_can_be_restored_or_saved_from_the_admin_history(client, admin_user):
    signature_model = apps.get_model("signatures", "AmendmentSignature")
    signature = signature_model.objects.create(
        amendment=AmendmentFactory(),
        organisation=OrganisationFactory(),
        signature_date="2026-02-01",
    )
    past = signature.history.latest()
    client.force_login(admin_user)
    url = reverse(
        "admin:signatures_amendmentsignature_simple_history", args=[signature.pk, past.pk]
    )
    assert client.get(url).status_code == 200  # a past version can be read
    response = client.post(
        url,
        {
            "amendment": signature.amendment_id,
            "organisation": signature.organisation_id,
            "signature_date": "2020-01-01",
        },
    )
    assert response.status_code == 403
    signature.refresh_from_db()
    assert str(signature.signature_date) == "2026-02-01"


def test_no_template_comment_spans_lines():
    """{# … #} is a one-line comment in Django: over two lines it is printed on the page."""
    roots = [Path(settings.BASE_DIR) / name for name in ("templates", *DOMAIN_APPS, "reporting")]
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for root in roots
        for path in root.rglob("*.html")
        if any("\n" in body for body in re.findall(r"\{#(.*?)#\}", path.read_text(), re.S))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_pages_print_no_template_syntax(client, demo_user):
    client.force_login(demo_user("admin"))
    for url in ("/", "/conventions/", "/tableau-de-bord/", "/comites/"):
        page = client.get(url).content.decode()
        assert "{#" not in page and "{%" not in page, url
