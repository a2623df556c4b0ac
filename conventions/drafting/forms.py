"""Forms of the draft page; they validate input, drafting.services writes."""

from django import forms
from dsfr.forms import DsfrBaseForm

from directory.models import Commune, Organisation, Representative, Territory
from ort_portal.widgets import SearchSelect, Textarea

from ..models import Article, Convention, InterventionSector, Signatory

PROGRAMME_CHOICES = [
    (Convention.Programme.PVD, "Petites villes de demain (PVD)"),
    (Convention.Programme.ACV, "Action Cœur de Ville (ACV)"),
    (Convention.Programme.PVD_ACV, "PVD et ACV (convention chapeau intercommunale)"),
    (Convention.Programme.ORT, "ORT seule, hors programme"),
]


def commune_lookup(value: str, allowed) -> Commune:
    """The commune named by its INSEE code or its exact name among `allowed`."""
    value = value.strip()
    found = list(allowed.filter(insee_code=value.upper())[:1]) or list(
        allowed.filter(name__iexact=value)[:2]
    )
    if not found:
        raise forms.ValidationError(
            f"Aucune commune de votre territoire ne répond à « {value} » : donnez son code "
            "INSEE (par exemple 34142) ou son nom exact."
        )
    if len(found) > 1:
        raise forms.ValidationError(
            f"Plusieurs communes s’appellent « {value} » : donnez son code INSEE."
        )
    return found[0]


class ConventionForm(forms.ModelForm, DsfrBaseForm):
    """The convention's general information; on creation, its programme and ville principale."""

    commune = forms.CharField(
        label="Ville principale (code INSEE ou nom)",
        max_length=200,
        help_text="La commune doit être de votre territoire, par exemple « 34142 » ou « Lodève ».",
    )

    class Meta:
        model = Convention
        fields = [
            "programme",
            "kind",
            "is_ort",
            "title",
            "preamble",
            "signature_place",
            "duration_years",
            "duration_note",
        ]
        widgets = {"preamble": Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = PROGRAMME_CHOICES
        self.fields["programme"].help_text = "Le programme propose ses axes types."
        territory = Territory.of(user)
        self.communes = Commune.objects.all() if territory is None else territory.communes
        if self.instance.pk:
            del self.fields["commune"]
        else:
            self.order_fields(["programme", "kind", "is_ort", "commune"])

    def clean_commune(self):
        return commune_lookup(self.cleaned_data["commune"], self.communes)

    def save(self, commit=True):
        if "commune" in self.cleaned_data:
            self.instance.main_commune = self.cleaned_data["commune"]
        return super().save(commit=commit)


ORGANISATION_SEARCH = "directory:organisation_search"


def scoped_choices(form, user):
    """Organisation and representative pickers of a form, scoped to the user's territory
    (directory's for_user): never another territory's people. They search
    (ort_portal.pickers), the territory's organisations first."""
    for name in ("organisation", "acting_for"):
        if name in form.fields:
            form.fields[name].queryset = Organisation.objects.for_user(user)
    if "representative" in form.fields:
        form.fields["representative"].queryset = (
            Representative.objects.for_user(user).current().select_related("organisation")
        )


class PartyForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = Signatory
        fields = ["organisation", "role", "representative", "capacity", "acting_for", "order"]
        help_texts = {
            "representative": "Une personne, ou seulement une fonction (« Préfet du Haut-Rhin ») "
            "quand la convention ne nomme personne.",
            "role": "« En présence de » : assiste sans signer.",
            "order": "Rang dans la liste des parties.",
        }
        widgets = {
            "organisation": SearchSelect(ORGANISATION_SEARCH, "Rechercher une organisation"),
            "representative": SearchSelect(
                "directory:current_representative_search", "Rechercher un représentant"
            ),
            "acting_for": SearchSelect(
                ORGANISATION_SEARCH, "Rechercher l’organisation « pour le compte de »"
            ),
        }

    def __init__(self, *args, convention, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.convention = convention
        self.instance.convention = convention
        scoped_choices(self, user)

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        representative = cleaned.get("representative")
        others = Signatory.objects.filter(convention=self.convention).exclude(pk=self.instance.pk)
        if organisation and others.filter(organisation=organisation).exists():
            self.add_error("organisation", "Cette organisation est déjà partie à la convention.")
        if (
            organisation
            and representative
            and representative.organisation_id != organisation.pk
            and not cleaned.get("capacity")
        ):
            self.add_error(
                "capacity",
                f"{representative.designation} ne relève pas de {organisation} : écrivez à "
                "quel titre il ou elle signe (« en qualité de délégué local de l’Anah »).",
            )
        return cleaned


class ArticleForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = Article
        fields = ["number", "title", "text"]
        widgets = {"text": Textarea(attrs={"rows": 4})}
        help_texts = {"number": "« 4 » pour un article, « 4.1 » pour un sous-article."}

    def __init__(self, *args, convention, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convention = convention

    def clean_number(self):
        number = self.cleaned_data["number"].strip().rstrip(".")
        parts = number.split(".") if number else []
        if len(parts) > 2 or not all(part.isdigit() and int(part) < 100 for part in parts):
            raise forms.ValidationError("Un numéro d’article s’écrit « 4 » ou « 4.1 ».")
        return number


class SectorForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = InterventionSector
        fields = ["name", "kind", "description"]
        widgets = {"description": Textarea(attrs={"rows": 3})}

    def __init__(self, *args, convention, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.convention = convention
