"""Forms of the reporting pages (input validation only)."""

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm


class YearForm(DsfrBaseForm):
    annee = forms.IntegerField(
        label="Année de la consolidation au 31 décembre", min_value=2000, max_value=2100
    )


def chosen_year(request) -> int:
    """The ?annee of the consolidation; the current year when absent or invalid."""
    form = YearForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["annee"]
    return timezone.localdate().year
