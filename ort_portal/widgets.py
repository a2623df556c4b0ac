"""Form widgets shared by every app: the browser's own date and date-time pickers.

Values are rendered in the ISO formats those inputs require, whatever the active locale.
"""

from django import forms

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATE_FORMAT)


class DateTimeLocalInput(forms.DateTimeInput):
    """A date and an hour, in the user's time zone (the form field converts it)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


class DecimalInput(forms.TextInput):
    """A text input for an amount: a French number (« 1 500,50 ») is not refused or
    multiplied by a browser's number locale, as type=number inputs do; mobile keyboards
    still show digits (inputmode=decimal)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class Textarea(forms.Textarea):
    """A textarea whose value keeps the line breaks as stored (\\n): browsers send \\r\\n,
    which would otherwise read as a change of every multi-paragraph text."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value
