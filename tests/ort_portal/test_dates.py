"""Every form of the portal with a date field accepts only plausible dates."""

import datetime
import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError

from ort_portal.dates import PlausibleDatesMixin, is_date_field, validate_plausible_date

PORTAL_APPS = [c.name for c in apps.get_app_configs() if "site-packages" not in c.path]


def portal_forms():
    for app in PORTAL_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)
    seen, stack = set(), [forms.BaseForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.split(".")[0] in PORTAL_APPS and sub not in seen:
                seen.add(sub)
                yield sub


def test_every_portal_form_with_a_date_bounds_it():
    with_dates = [
        form for form in portal_forms() if any(map(is_date_field, form.base_fields.values()))
    ]
    assert len(with_dates) >= 12
    unbounded = [
        form.__qualname__ for form in with_dates if not issubclass(form, PlausibleDatesMixin)
    ]
    assert unbounded == []


@pytest.mark.parametrize("year", [1, 1899, 2101, 9999])
def test_implausible_years_are_refused_in_french(year):
    with pytest.raises(ValidationError, match="comprise entre 1900 et 2100"):
        validate_plausible_date(datetime.date(year, 1, 1))


def test_plausible_dates_pass():
    validate_plausible_date(datetime.date(1900, 1, 1))
    validate_plausible_date(datetime.datetime(2100, 12, 31, 23, 59))
