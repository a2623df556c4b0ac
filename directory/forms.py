"""Forms of the directory; they validate input, the services write."""

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from ort_portal.dates import PlausibleDatesMixin
from ort_portal.widgets import DateInput

from .models import Organisation, Representative, Territory
from .services import OVERLAP_MESSAGE, overlapping_mandates


class OrganisationForm(forms.ModelForm, DsfrBaseForm):
    """An organisation; a chef de projet adds only local ones, of a commune or EPCI of their
    territory (financeur, maître d'ouvrage, partner)."""

    class Meta:
        model = Organisation
        fields = ["name", "category", "siren", "commune", "epci", "region"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.territory = Territory.of(user)
        if self.territory is not None:
            self.fields["commune"].queryset = self.territory.communes
            self.fields["epci"].queryset = self.territory.epcis
            self.fields["commune"].help_text = "Une commune de votre territoire."
            self.fields["epci"].help_text = "Ou un EPCI de votre territoire."
            del self.fields["region"]

    def clean(self):
        cleaned = super().clean()
        if self.territory is not None and not (cleaned.get("commune") or cleaned.get("epci")):
            self.add_error(
                "commune",
                "Rattachez l’organisation à une commune ou à un EPCI de votre territoire ; "
                "un organisme national ou régional est ajouté par un administrateur.",
            )
        return cleaned

    def clean_siren(self):
        siren = self.cleaned_data["siren"].replace(" ", "")
        others = Organisation.objects.exclude(pk=self.instance.pk)
        if siren and others.filter(siren=siren).exists():
            holder = others.get(siren=siren)
            raise forms.ValidationError(f"Le SIREN {siren} est déjà celui de « {holder} ».")
        return siren


class RepresentativeForm(PlausibleDatesMixin, forms.ModelForm, DsfrBaseForm):
    """A representative of `organisation`; two mandates of the same fonction may not overlap."""

    class Meta:
        model = Representative
        fields = [
            "civility",
            "first_name",
            "last_name",
            "function",
            "region",
            "mandate_start",
            "mandate_end",
        ]
        widgets = {"mandate_start": DateInput(), "mandate_end": DateInput()}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("function") and "mandate_start" not in self.errors:
            clash = overlapping_mandates(
                organisation=self.organisation,
                function=cleaned["function"],
                start=cleaned.get("mandate_start"),
                end=cleaned.get("mandate_end"),
                region=cleaned.get("region", ""),
                exclude=self.instance,
            ).first()
            if clash is not None:
                self.add_error(
                    "mandate_start",
                    OVERLAP_MESSAGE.format(name=clash.full_name, function=clash.function),
                )
        return cleaned


class ReplaceRepresentativeForm(PlausibleDatesMixin, DsfrBaseForm):
    """The successor of a representative (new mayor after the municipal elections)."""

    civility = forms.ChoiceField(
        label="Civilité", choices=[("", "—"), *Representative.Civility.choices], required=False
    )
    first_name = forms.CharField(label="Prénom", max_length=100, required=False)
    last_name = forms.CharField(
        label="Nom",
        max_length=100,
        required=False,
        help_text="Facultatif quand la convention ne nomme que la fonction.",
    )
    function = forms.CharField(label="Fonction", max_length=255)
    starts_on = forms.DateField(
        label="Début du nouveau mandat",
        widget=DateInput(),
        help_text="Le mandat précédent se termine la veille.",
    )

    def __init__(self, *args, previous: Representative, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous
        self.fields["function"].initial = previous.function
        self.fields["starts_on"].initial = timezone.localdate()

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        start = self.previous.mandate_start
        if start and starts_on <= start:
            raise forms.ValidationError(
                f"Le nouveau mandat doit commencer après le {start:%d/%m/%Y}, début du mandat de "
                f"{self.previous.full_name}."
            )
        return starts_on
