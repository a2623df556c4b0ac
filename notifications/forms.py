from django import forms
from dsfr.forms import DsfrBaseForm

from .models import Kind


class PreferencesForm(DsfrBaseForm):
    kinds = forms.MultipleChoiceField(
        label="Avis que vous recevez",
        help_text="Décochez un type d’avis pour ne plus le recevoir, ni par courriel ni ici.",
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
