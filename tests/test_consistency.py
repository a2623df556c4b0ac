"""Project-wide rules: every domain model is history-tracked and has an admin page."""

import pytest
from django.apps import apps
from django.contrib import admin

DOMAIN_APPS = ["conventions", "actions", "governance"]


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
