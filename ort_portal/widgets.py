"""Form widgets shared by every app: the browser's own date and date-time pickers.

Values are rendered in the ISO formats those inputs require, whatever the active locale.
"""

from django import forms
from django.urls import reverse
from django.utils.http import urlencode

from .pickers import sign_kept

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


class SearchSelect(forms.Select):
    """A select holding only the chosen option, filled by a search (ort_portal.pickers):
    a page no longer lists thousands of organisations. The field keeps its queryset, so
    validation is unchanged; the options rendered are read with one query (or none when
    `labels` already names the chosen ones)."""

    template_name = "ort_portal/widgets/search_select.html"

    def __init__(self, url_name, search_label, attrs=None, labels=None):
        super().__init__(attrs)
        self.url_name = url_name
        self.search_label = search_label
        self.labels = labels or {}

    def _chosen(self, value):
        ids = [str(v) for v in value if v is not None and str(v).isdigit() and len(str(v)) < 19]
        if not ids:
            return []
        known = {str(pk): label for pk, label in self.labels.items()}
        missing = [i for i in ids if i not in known]
        if missing:
            field = self.choices.field
            for obj in self.choices.queryset.filter(pk__in=missing):
                known[str(obj.pk)] = field.label_from_instance(obj)
        return [(i, known[i]) for i in ids if i in known]

    def optgroups(self, name, value, attrs=None):
        self.chosen = self._chosen(value)
        options = []
        empty_label = getattr(self.choices.field, "empty_label", None)
        if not self.allow_multiple_selected and empty_label is not None:
            options.append(self.create_option(name, "", empty_label, not self.chosen, 0))
        for pk, label in self.chosen:
            options.append(self.create_option(name, pk, label, True, len(options)))
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        params = {"champ": name}
        empty_label = getattr(self.choices.field, "empty_label", None)
        if not self.allow_multiple_selected and empty_label is not None:
            params["vide"] = empty_label
        if self.chosen:
            params["garder"] = sign_kept(pk for pk, _ in self.chosen)
        select_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["attrs"]["id"] = select_id
        context["picker"] = {
            "url": f"{reverse(self.url_name)}?{urlencode(params)}",
            "label": self.search_label,
            "search_id": f"{select_id}-recherche",
            "status_id": f"{select_id}-statut",
            "select_id": select_id,
        }
        return context


class SearchSelectMultiple(SearchSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        return forms.SelectMultiple.value_from_datadict(self, data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return False
