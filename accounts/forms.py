"""Forms of the user pages; they validate input, the services write."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from dsfr.forms import DsfrBaseForm

from conventions.models import Convention
from directory.models import EPCI, Commune, Representative
from directory.services import representatives_current_first

from .models import Profile


class RepresentativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.designation} ({obj.organisation})"


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
