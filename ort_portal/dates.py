"""Plausible dates: every date typed in the portal lies between 1900 and 2100.

Year 1 or 9999 is a typing slip, and at those edges the time zone conversion of a séance or
the duration added to a signature date overflows. Every form with a date or date-time field
mixes in PlausibleDatesMixin (tests/ort_portal/test_dates.py checks that none is missed).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError

FIRST_YEAR = 1900
LAST_YEAR = 2100
MESSAGE = f"Saisissez une date comprise entre {FIRST_YEAR} et {LAST_YEAR}."


def validate_plausible_date(value: datetime.date | datetime.datetime | None) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(MESSAGE, code="implausible_date")


def is_date_field(field: forms.Field) -> bool:
    return isinstance(field, forms.DateField | forms.DateTimeField)


def bound_dates(form: forms.BaseForm) -> None:
    """Give every date field of `form` the plausible range, in the browser's picker too."""
    for field in form.fields.values():
        if not is_date_field(field) or validate_plausible_date in field.validators:
            continue
        field.validators.append(validate_plausible_date)
        with_time = isinstance(field, forms.DateTimeField)
        field.widget.attrs.setdefault(
            "min", f"{FIRST_YEAR}-01-01" + ("T00:00" if with_time else "")
        )
        field.widget.attrs.setdefault("max", f"{LAST_YEAR}-12-31" + ("T23:59" if with_time else ""))


class PlausibleDatesMixin:
    """A form whose date and date-time fields accept only plausible dates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self)
