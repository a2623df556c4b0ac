"""Forms of the directory; they validate input, the services write."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from .directory_services import OVERLAP_MESSAGE, overlapping_mandates, representatives_current_first
from .models import EPCI, Commune, Convention, Organisation, Profile, Representative

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = Organisation
        fields = ["name", "category", "siren", "commune", "epci"]

    def clean_siren(self):
        siren = self.cleaned_data["siren"].replace(" ", "")
        others = Organisation.objects.exclude(pk=self.instance.pk)
        if siren and others.filter(siren=siren).exists():
            holder = others.get(siren=siren)
            raise forms.ValidationError(f"Le SIREN {siren} est déjà celui de « {holder} ».")
        return siren


class RepresentativeForm(forms.ModelForm, DsfrBaseForm):
    """A representative of `organisation`; two mandates of the same fonction may not overlap."""

    class Meta:
        model = Representative
        fields = ["civility", "first_name", "last_name", "function", "mandate_start", "mandate_end"]
        widgets = {"mandate_start": DATE_WIDGET, "mandate_end": DATE_WIDGET}

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
                exclude=self.instance,
            ).first()
            if clash is not None:
                self.add_error(
                    "mandate_start",
                    OVERLAP_MESSAGE.format(name=clash.full_name, function=clash.function),
                )
        return cleaned


class ReplaceRepresentativeForm(DsfrBaseForm):
    """The successor of a representative (new mayor after the municipal elections)."""

    civility = forms.ChoiceField(label="Civilité", choices=Representative.Civility.choices)
    first_name = forms.CharField(label="Prénom", max_length=100)
    last_name = forms.CharField(label="Nom", max_length=100)
    function = forms.CharField(label="Fonction", max_length=255)
    starts_on = forms.DateField(
        label="Début du nouveau mandat",
        widget=DATE_WIDGET,
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


class RepresentativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, {obj.function} ({obj.organisation})"


class UserAccessForm(DsfrBaseForm):
    """Role and the conventions or territories a user acts on (Profile)."""

    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(label="Adresse électronique", required=False)
    role = forms.ChoiceField(label="Rôle", choices=Profile.Role.choices)
    conventions = forms.ModelMultipleChoiceField(
        label="Conventions",
        queryset=Convention.objects.order_by("title"),
        required=False,
        help_text="Conventions ouvertes à l’utilisateur, quel que soit son territoire.",
    )
    communes = forms.ModelMultipleChoiceField(
        label="Communes",
        queryset=Commune.objects.order_by("name"),
        required=False,
        help_text="Chef de projet : les conventions couvrant ces communes.",
    )
    epcis = forms.ModelMultipleChoiceField(
        label="EPCI",
        queryset=EPCI.objects.order_by("name"),
        required=False,
        help_text="Chef de projet : les conventions couvrant ces EPCI.",
    )
    representative = RepresentativeChoiceField(
        label="Représentant",
        queryset=Representative.objects.none(),
        required=False,
        help_text="Membre de comité : les conventions suivies par les comités où il siège.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = representatives_current_first(
            Representative.objects.select_related("organisation")
        )

    @classmethod
    def initial_for(cls, user):
        profile = getattr(user, "portal_profile", None)
        initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
        if profile is not None:
            initial |= {
                "role": profile.role,
                "conventions": list(profile.conventions.all()),
                "communes": list(profile.communes.all()),
                "epcis": list(profile.epcis.all()),
                "representative": profile.representative,
            }
        return initial


class UserCreateForm(UserAccessForm):
    username = forms.CharField(label="Identifiant", max_length=150)
    password = forms.CharField(
        label="Mot de passe initial",
        widget=forms.PasswordInput(render_value=True),
        help_text="À transmettre à l’utilisateur, qui le changera.",
    )

    field_order = ["username", "password", "first_name", "last_name", "email", "role"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Cet identifiant est déjà utilisé.")
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            user = get_user_model()(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
