"""Forms of the plan d'action: they validate input, the services write."""

from decimal import Decimal

from django import forms
from dsfr.forms import DsfrBaseForm

from directory.models import Organisation
from ort_portal.widgets import DateInput

from .models import Action, Funding, Indicator, Measurement


class VersionForm(DsfrBaseForm):
    """The version of the action the editor loaded, to detect a concurrent save."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _not_negative(value, message):
    if value is not None and value < Decimal("0"):
        raise forms.ValidationError(message)
    return value


class ActionForm(forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Action
        fields = [
            "axis",
            "code",
            "title",
            "maturity",
            "has_fiche",
            "project_owner",
            "partners",
            "sector",
            "location",
            "description",
            "objectives",
            "start_date",
            "end_date",
            "estimated_cost",
            "progress",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, convention, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = convention.axes.all()
        self.fields["sector"].queryset = convention.sectors.all()
        self.fields["partners"].required = False
        self.fields["partners"].help_text = "Plusieurs choix possibles (Ctrl ou Maj + clic)."

    def cleaned_data_for_model(self):
        """The cleaned values of the model's own columns (no version, no many-to-many)."""
        columns = {f.name for f in Action._meta.concrete_fields}
        return {name: value for name, value in self.cleaned_data.items() if name in columns}

    def clean_estimated_cost(self):
        return _not_negative(
            self.cleaned_data.get("estimated_cost"), "Le coût estimatif ne peut pas être négatif."
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date",
                f"La date de fin ({end:%d/%m/%Y}) précède la date de début ({start:%d/%m/%Y}).",
            )
        return cleaned


class MaturityForm(DsfrBaseForm):
    maturity = forms.ChoiceField(label="Maturité", choices=Action.Maturity.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MoveForm(DsfrBaseForm):
    direction = forms.ChoiceField(choices=[("up", "Monter"), ("down", "Descendre")])


class FundingForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = Funding
        fields = ["funder", "year", "amount", "nature", "section", "status", "comment"]

    def __init__(self, *args, funder_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if funder_choices is not None:
            # One list of organisations for every line instead of a query per line.
            self.fields["funder"].choices = funder_choices

    def clean_amount(self):
        return _not_negative(
            self.cleaned_data.get("amount"), "Le montant d’un financement ne peut pas être négatif."
        )

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError("L’année doit être comprise entre 2000 et 2100.")
        return year


class BaseFundingFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.funder_choices = [("", "---------")] + [
            (organisation.pk, organisation.name)
            for organisation in Organisation.objects.only("pk", "name").alphabetical()
        ]

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "funder_choices": self.funder_choices}

    def lines(self):
        """The lines as they will be after saving: kept and new ones, not deleted ones."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.instance.pk is not None or form.has_changed())
        ]


FundingFormSet = forms.modelformset_factory(
    Funding, form=FundingForm, formset=BaseFundingFormSet, extra=2, can_delete=True
)


class IndicatorForm(forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Indicator
        fields = ["label", "kind", "unit", "baseline", "target", "target_date"]
        widgets = {"target_date": DateInput()}


class MeasurementForm(forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Measurement
        fields = ["date", "value", "comment"]
        widgets = {"date": DateInput()}
