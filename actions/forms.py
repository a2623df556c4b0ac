"""Forms of the plan d'action: they validate input, the services write."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from dsfr.forms import DsfrBaseForm

from directory.models import Organisation
from ort_portal.dates import PlausibleDatesMixin
from ort_portal.forms import french_decimal_formfield
from ort_portal.widgets import DateInput, SearchSelect, SearchSelectMultiple, Textarea

from .models import Action, ActionOwner, Funding, Indicator, Measurement


class VersionForm(DsfrBaseForm):
    """The version of the action the editor loaded, to detect a concurrent save."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


ORGANISATION_SEARCH = "directory:organisation_search"


def organisations_for(user, keep=()):
    """The organisations a user may pick (directory.OrganisationQuerySet.for_user: never
    another territory's local ones), plus those the record already names."""
    keep = [pk for pk in keep if pk is not None]
    return Organisation.objects.filter(
        Q(pk__in=Organisation.objects.for_user(user).values("pk")) | Q(pk__in=keep)
    )


def _not_negative(value, message):
    if value is not None and value < Decimal("0"):
        raise forms.ValidationError(message)
    return value


class ActionForm(PlausibleDatesMixin, forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Action
        formfield_callback = french_decimal_formfield
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
            "project_owner": SearchSelect(ORGANISATION_SEARCH, "Rechercher un maître d’ouvrage"),
            "partners": SearchSelectMultiple(ORGANISATION_SEARCH, "Rechercher un partenaire"),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": Textarea(attrs={"rows": 4}),
            "objectives": Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, convention, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = convention.axes.all()
        self.fields["sector"].queryset = convention.sectors.all()
        named = [self.instance.project_owner_id]
        if self.instance.pk:
            named += [partner.pk for partner in self.instance.partners.all()]
        self.fields["project_owner"].queryset = organisations_for(user, named)
        self.fields["partners"].queryset = organisations_for(user, named)
        self.fields["partners"].required = False
        self.fields["partners"].help_text = (
            "Plusieurs choix possibles (Ctrl ou Maj + clic) ; "
            "les partenaires choisis restent en tête de la liste après une recherche."
        )
        # An edit without the version it started from could overwrite a concurrent save.
        self.fields["version"].required = self.instance.pk is not None

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


def _plausible_year(year):
    if year is not None and not 2000 <= year <= 2100:
        raise forms.ValidationError("L’année doit être comprise entre 2000 et 2100.")
    return year


class FundingForm(forms.ModelForm, DsfrBaseForm):
    """A line of the plan de financement: an amount or none yet (« à préciser »), a year,
    a period (a multi-year total) or neither."""

    class Meta:
        model = Funding
        formfield_callback = french_decimal_formfield
        fields = [
            "funder",
            "year",
            "period_start",
            "period_end",
            "amount",
            "nature",
            "section",
            "status",
            "comment",
        ]
        widgets = {"funder": SearchSelect(ORGANISATION_SEARCH, "Rechercher un financeur")}

    def __init__(self, *args, funders=None, funder_labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        if funders is not None:
            # The formset's queryset for every line: validated with one query per line,
            # never listed (the picker searches).
            self.fields["funder"].queryset = funders
        # The names of the lines' funders, already read with the lines: no query per line.
        self.fields["funder"].widget.labels = funder_labels or {}
        self.fields["amount"].help_text = "Laissez vide si le montant est à préciser."
        self.fields["year"].help_text = "Ou une période, ou rien."

    def clean_amount(self):
        return _not_negative(
            self.cleaned_data.get("amount"), "Le montant d’un financement ne peut pas être négatif."
        )

    def clean_year(self):
        return _plausible_year(self.cleaned_data.get("year"))

    def clean_period_start(self):
        return _plausible_year(self.cleaned_data.get("period_start"))

    def clean_period_end(self):
        return _plausible_year(self.cleaned_data.get("period_end"))

    def clean(self):
        cleaned = super().clean()
        year, start, end = (cleaned.get(k) for k in ("year", "period_start", "period_end"))
        if year and (start or end):
            self.add_error("year", "Indiquez une année ou une période, pas les deux.")
        elif bool(start) != bool(end):
            field = "period_end" if start else "period_start"
            self.add_error(field, "Une période a une année de début et une année de fin.")
        elif start and end and end < start:
            self.add_error("period_end", f"La période finit ({end}) avant de commencer ({start}).")
        return cleaned


class BaseFundingFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        lines = self.get_queryset()
        self.funder_labels = {line.funder_id: line.funder.name for line in lines}
        self.funders = organisations_for(user, list(self.funder_labels))

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "funders": self.funders,
            "funder_labels": self.funder_labels,
        }

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


class IndicatorForm(PlausibleDatesMixin, forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Indicator
        formfield_callback = french_decimal_formfield
        fields = ["label", "kind", "unit", "baseline", "target", "target_date"]
        widgets = {"target_date": DateInput()}


class MeasurementForm(PlausibleDatesMixin, forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Measurement
        formfield_callback = french_decimal_formfield
        fields = ["date", "value", "comment"]
        widgets = {"date": DateInput()}


class ActionOwnerForm(forms.ModelForm, DsfrBaseForm):
    """Another maître d'ouvrage of the action: its share or its phase, over a period."""

    class Meta:
        model = ActionOwner
        formfield_callback = french_decimal_formfield
        fields = ["organisation", "phase", "share", "period_start", "period_end"]
        widgets = {
            "organisation": SearchSelect(ORGANISATION_SEARCH, "Rechercher un maître d’ouvrage")
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        named = [self.instance.organisation_id] if self.instance.pk else []
        self.fields["organisation"].queryset = organisations_for(user, named)

    def clean_share(self):
        share = self.cleaned_data.get("share")
        if share is not None and not Decimal("0") <= share <= Decimal("100"):
            raise forms.ValidationError("La part est un pourcentage entre 0 et 100.")
        return share

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", f"La période finit ({end}) avant de commencer ({start}).")
        return cleaned


ActionOwnerFormSet = forms.inlineformset_factory(
    Action, ActionOwner, form=ActionOwnerForm, extra=1, can_delete=True
)
