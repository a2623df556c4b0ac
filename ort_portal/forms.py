"""Form bases shared by the apps."""

from decimal import Decimal

from django import forms
from django.db import models
from dsfr.forms import DsfrBaseForm, DsfrBoundField

from .numbers import NumberError, parse_number
from .widgets import DecimalInput

INPUT_SNIPPET = "dsfr/form_field_snippets/input_snippet.html"


class UnmarkedBoundField(DsfrBoundField):
    """A field whose label does not say « (Optionnel) »."""

    @property
    def template_name(self):
        name = super().template_name
        return "ort_portal/forms/unmarked_field.html" if name == INPUT_SNIPPET else name


class FilterForm(DsfrBaseForm):
    """The form of a list's filters. Every filter is optional, so no label says so (the
    portal marks optional fields everywhere else, DSFR_MARK_OPTIONAL_FIELDS); an empty
    filter reads « Tous » or « Toutes » (ALL_CHOICES)."""

    bound_field_class = UnmarkedBoundField


class FrenchDecimalField(forms.DecimalField):
    """A decimal typed the French way or not (ort_portal.numbers.parse_number): « 1 500,50 »,
    « 1500.50 », « 1 500 € »; anything else is refused with a French message, the text
    typed kept in the field. Rendered as « 1500,50 » so that it reads back the same."""

    widget = DecimalInput

    def to_python(self, value):
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_number(value)
        except NumberError as error:
            raise forms.ValidationError(str(error), code="invalid") from error
        if number is None:
            return None
        self.validate_digits(number)
        return number

    def validate_digits(self, number: Decimal):
        """The field's max_digits / decimal_places, in French."""
        _, digits, exponent = number.as_tuple()
        decimals = max(0, -exponent)
        if self.decimal_places is not None and decimals > self.decimal_places:
            raise forms.ValidationError(
                f"Indiquez au plus {self.decimal_places} chiffres après la virgule.",
                code="max_decimal_places",
            )
        whole = len(digits) - decimals
        if self.max_digits is not None and whole > self.max_digits - (self.decimal_places or 0):
            raise forms.ValidationError("Ce nombre est trop grand.", code="max_whole_digits")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:f}".replace(".", ",")
        return value

    def widget_attrs(self, widget):
        # No min/max/step attributes: they belong to type=number inputs.
        return forms.Field.widget_attrs(self, widget)


def french_decimal_formfield(model_field, **kwargs):
    """ModelForm formfield_callback: every DecimalField of a model becomes a
    FrenchDecimalField."""
    if isinstance(model_field, models.DecimalField):
        return model_field.formfield(form_class=FrenchDecimalField, **kwargs)
    return model_field.formfield(**kwargs)
