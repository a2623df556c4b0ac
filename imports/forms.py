"""Forms of the convention draft review: the draft is the initial data, the person corrects it."""

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from actions.models import Action
from conventions.models import Convention, Signatory
from directory.models import Commune, Organisation, Representative
from ort_portal.dates import PlausibleDatesMixin
from ort_portal.widgets import DateInput, Textarea

from .draft import GROUP_BENEFICIARIES, GROUP_LOCAL_PARTNERS, ConventionDraft
from .pdf_text import MAX_PDF_BYTES

MAX_TEXT_CHARACTERS = 400_000


class SourceForm(DsfrBaseForm):
    """The convention's PDF (a text PDF) or its pasted text."""

    pdf = forms.FileField(
        label="PDF de la convention",
        required=False,
        help_text="Un PDF contenant du texte (pas un document scanné), 20 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    text = forms.CharField(
        label="ou texte de la convention",
        required=False,
        max_length=MAX_TEXT_CHARACTERS,
        widget=Textarea(attrs={"rows": 12}),
        help_text="Collez le texte complet, de l’intitulé jusqu’aux signatures.",
    )

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if pdf and pdf.size > MAX_PDF_BYTES:
            raise ValidationError("Le fichier dépasse 20 Mo.")
        return pdf

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("pdf") and not (cleaned.get("text") or "").strip():
            raise ValidationError("Déposez le PDF de la convention ou collez son texte.")
        return cleaned


class ConventionReviewForm(PlausibleDatesMixin, DsfrBaseForm):
    title = forms.CharField(label="Intitulé", max_length=500)
    kind = forms.ChoiceField(label="Type de convention", choices=Convention.Kind.choices)
    programme = forms.ChoiceField(label="Programme", choices=Convention.Programme.choices)
    is_ort = forms.BooleanField(label="Valant ORT", required=False)
    main_commune = forms.CharField(
        label="Ville principale (code INSEE)",
        max_length=5,
        help_text="Le code officiel géographique de la commune, par exemple 62907.",
    )
    signature_place = forms.CharField(label="Lieu de signature", max_length=200, required=False)
    signature_date = forms.DateField(
        label="Date de signature",
        required=False,
        widget=DateInput(),
        help_text="Laissée vide si le texte ne la donne pas.",
    )
    duration_years = forms.IntegerField(
        label="Durée (années)", min_value=1, max_value=30, required=False
    )
    duration_note = forms.CharField(label="Durée telle qu’écrite", max_length=500, required=False)
    preamble = forms.CharField(
        label="Préambule", required=False, widget=Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The communes the user may create a convention for (None: every commune).
        self.communes = communes

    def clean_main_commune(self):
        code = self.cleaned_data["main_commune"].strip().upper()
        allowed = self.communes if self.communes is not None else Commune.objects.all()
        commune = allowed.filter(insee_code=code).first()
        if commune is None:
            if Commune.objects.filter(insee_code=code).exists():
                raise ValidationError("Cette commune n’est pas dans votre territoire.")
            raise ValidationError("Aucune commune du référentiel ne porte ce code INSEE.")
        return commune


class PartyForm(DsfrBaseForm):
    include = forms.BooleanField(label="Retenir", required=False, initial=True)
    organisation = forms.CharField(label="Organisation", max_length=255)
    category = forms.ChoiceField(label="Catégorie", choices=Organisation.Category.choices)
    role = forms.ChoiceField(label="Qualité", choices=Signatory.Role.choices)
    civility = forms.ChoiceField(
        label="Civilité",
        choices=[("", "—"), *Representative.Civility.choices],
        required=False,
    )
    person = forms.CharField(label="Représentant (prénom NOM)", max_length=200, required=False)
    capacity = forms.CharField(label="Fonction", max_length=255, required=False)
    unsure = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("include") and cleaned.get("person") and not cleaned.get("capacity"):
            self.add_error("capacity", "Indiquez la fonction du représentant.")
        if cleaned.get("person") and len(cleaned["person"].split()) < 2:
            self.add_error("person", "Indiquez le prénom et le nom, par exemple « Jeanne MARTIN ».")
        return cleaned


class ArticleForm(DsfrBaseForm):
    include = forms.BooleanField(label="Retenir", required=False, initial=True)
    number = forms.RegexField(
        label="Numéro",
        regex=r"^\d{1,3}(\.\d{1,3}){0,2}$",
        max_length=20,
        error_messages={"invalid": "Un numéro comme 4 ou 4.1."},
    )
    title = forms.CharField(label="Titre", max_length=300)
    text = forms.CharField(label="Texte", required=False, widget=Textarea(attrs={"rows": 3}))
    unsure = forms.CharField(required=False, widget=forms.HiddenInput)


class AxisForm(DsfrBaseForm):
    include = forms.BooleanField(label="Retenir", required=False, initial=True)
    number = forms.IntegerField(label="Numéro", min_value=1, max_value=99)
    title = forms.CharField(label="Intitulé", max_length=500)
    objectives = forms.CharField(
        label="Objectifs (un par ligne)",
        required=False,
        widget=Textarea(attrs={"rows": 4}),
    )
    unsure = forms.CharField(required=False, widget=forms.HiddenInput)


class ActionForm(DsfrBaseForm):
    include = forms.BooleanField(label="Retenir", required=False, initial=True)
    axis = forms.IntegerField(label="Axe", min_value=1, max_value=99)
    title = forms.CharField(label="Intitulé", max_length=500)
    maturity = forms.ChoiceField(
        label="Maturité",
        choices=[
            (value, label)
            for value, label in Action.Maturity.choices
            if value in ("en_cours", "projetee", "en_reflexion", "en_maturation")
        ],
    )
    has_fiche = forms.BooleanField(label="Fiche-action", required=False)
    unsure = forms.CharField(required=False, widget=forms.HiddenInput)


def _formset(form, max_num):
    return forms.formset_factory(form, extra=0, max_num=max_num, validate_max=True)


PartyFormSet = _formset(PartyForm, 40)
ArticleFormSet = _formset(ArticleForm, 120)
AxisFormSet = _formset(AxisForm, 20)
ActionFormSet = _formset(ActionForm, 400)

ROLE_OF_GROUP = {
    GROUP_BENEFICIARIES: Signatory.Role.COLLECTIVITE,
    GROUP_LOCAL_PARTNERS: Signatory.Role.PARTENAIRE_LOCAL,
}
# Organisation names as conventions write them → category and, for the State, role.
CATEGORY_WORDS = [
    ("commune", Organisation.Category.COMMUNE),
    ("ville de", Organisation.Category.COMMUNE),
    ("communauté", Organisation.Category.EPCI),
    ("métropole", Organisation.Category.EPCI),
    ("agence nationale de l’habitat", Organisation.Category.ANAH),
    ("agence nationale de l'habitat", Organisation.Category.ANAH),
    ("anah", Organisation.Category.ANAH),
    ("caisse des dépôts", Organisation.Category.CDC),
    ("banque des territoires", Organisation.Category.CDC),
    ("foncier", Organisation.Category.EPF),
    ("région", Organisation.Category.REGION),
    ("département", Organisation.Category.DEPARTEMENT),
    ("habitat", Organisation.Category.BAILLEUR_SOCIAL),
    ("mobilités", Organisation.Category.AOM),
    ("chambre", Organisation.Category.CHAMBRE_CONSULAIRE),
    ("anct", Organisation.Category.ANCT),
]


def guess_category(name: str) -> str:
    lowered = name.lower()
    if lowered in ("etat", "état") or lowered.startswith(("etat ", "état ")):
        return Organisation.Category.ETAT
    for word, category in CATEGORY_WORDS:
        if word in lowered:
            return category
    return Organisation.Category.AUTRE


def guess_role(group: str, category: str) -> str:
    if category == Organisation.Category.ETAT:
        return Signatory.Role.ETAT
    return ROLE_OF_GROUP.get(group, Signatory.Role.PARTENAIRE_FINANCIER)


KINDS = {
    ("chapeau", ""): Convention.Kind.CHAPEAU,
    ("adhesion", "pvd"): Convention.Kind.ADHESION_PVD,
    ("cadre", "pvd"): Convention.Kind.CADRE_OPERATIONNELLE_PVD,
    ("cadre", "acv"): Convention.Kind.CADRE_ACV,
}


def initial_from_draft(draft: ConventionDraft) -> dict:
    """Initial data of the review forms, from the extracted draft."""
    return {
        "convention": _initial_convention(draft),
        "parties": [_initial_party(party) for party in draft.parties],
        "articles": [
            {
                "include": True,
                "number": article.number,
                "title": article.title or f"Article {article.number}",
                "text": article.body,
                "unsure": "; ".join(article.unsure),
            }
            for article in draft.articles
        ],
        "axes": [
            {
                "include": True,
                "number": axis.number,
                "title": axis.title,
                "objectives": "\n".join(axis.objectives),
                "unsure": "; ".join(axis.unsure),
            }
            for axis in draft.axes
        ],
        "actions": [
            {
                "include": True,
                "axis": axis.number,
                "title": action.title,
                "maturity": action.maturity,
                "has_fiche": action.has_fiche,
                "unsure": "; ".join(action.unsure),
            }
            for axis in draft.axes
            for action in axis.actions
        ],
    }


def _initial_convention(draft: ConventionDraft) -> dict:
    programme = "" if draft.kind == "chapeau" else draft.programme
    return {
        "title": draft.title,
        "kind": KINDS.get((draft.kind, programme), ""),
        "programme": draft.programme,
        "is_ort": draft.is_ort,
        "signature_place": draft.signature_place,
        "signature_date": draft.signature_date,
        "duration_years": draft.duration_years,
        "duration_note": draft.duration_note,
        "preamble": draft.preamble,
    }


def _initial_party(party) -> dict:
    category = guess_category(party.organisation)
    return {
        "include": True,
        "organisation": party.organisation,
        "category": category,
        "role": guess_role(party.group, category),
        "civility": party.civility,
        "person": party.person,
        "capacity": party.capacity,
        "unsure": "; ".join(party.unsure),
    }
