"""Forms of the signature workflow and of avenants (input validation only)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from dsfr.forms import DsfrBaseForm

from conventions.models import Convention, Deliberation, InterventionSector, Signatory
from directory.models import Organisation, Representative
from directory.pickers import representative_label
from directory.services import proposed_signer
from governance.models import Decision
from ort_portal.dates import PlausibleDatesMixin
from ort_portal.widgets import DateInput, SearchSelect, Textarea


def _representative_label(representative) -> str:
    label = f"{representative.designation}"
    return f"{label} (mandat terminé)" if representative.out_of_office else label


class SignatureForm(PlausibleDatesMixin, DsfrBaseForm):
    signature_date = forms.DateField(label="Date de signature", widget=DateInput())
    representative = forms.TypedChoiceField(label="Représentant ayant signé", coerce=int)

    def __init__(self, *args, signatory, candidates, region="", **kwargs):
        """candidates: who may sign for the party, in office first
        (directory.services.signing_candidates, loaded once for the whole page); region:
        the convention's, whose directeur régional is proposed."""
        super().__init__(*args, **kwargs)
        self.candidates = {r.pk: r for r in candidates}
        field = self.fields["representative"]
        field.choices = [(r.pk, _representative_label(r)) for r in candidates]
        proposed = proposed_signer(signatory, candidates, region=region)
        field.initial = proposed.pk if proposed else None

    def clean_representative(self):
        return self.candidates[self.cleaned_data["representative"]]


class DeliberationForm(PlausibleDatesMixin, DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Deliberation
        fields = ["body", "date", "reference", "outcome"]
        widgets = {"date": DateInput()}


class ExtensionForm(PlausibleDatesMixin, DsfrBaseForm):
    end_date = forms.DateField(label="Nouvelle date de fin", widget=DateInput())


class TerminationForm(PlausibleDatesMixin, DsfrBaseForm):
    date = forms.DateField(label="Date de la résiliation", widget=DateInput())
    reason = forms.CharField(label="Motif", widget=Textarea(attrs={"rows": 3}))


class AmendmentForm(DsfrBaseForm):
    object = forms.CharField(
        label="Objet de l’avenant", widget=Textarea(attrs={"rows": 3}), max_length=2000
    )


# The avenant's draft, edited part by part; NEW_ROWS empty rows let one save add several
# articles, axes, secteurs or parties.

NEW_ROWS = 3


class DraftRowForm(DsfrBaseForm):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    draft_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)


class TermsDraftForm(PlausibleDatesMixin, DsfrBaseForm):
    title = forms.CharField(label="Intitulé de la convention", max_length=500)
    kind = forms.ChoiceField(label="Type de convention", choices=Convention.Kind.choices)
    is_ort = forms.BooleanField(
        label="Valant opération de revitalisation de territoire (ORT)",
        required=False,
        help_text="Article L303-2 du code de la construction et de l’habitation.",
    )
    ort_perimeter_homologation_date = forms.DateField(
        label="Homologation du périmètre ORT le", widget=DateInput(), required=False
    )
    ort_perimeter_homologation_act = forms.CharField(
        label="Acte d’homologation du périmètre ORT", max_length=255, required=False
    )
    preamble = forms.CharField(
        label="Préambule", widget=Textarea(attrs={"rows": 4}), required=False
    )
    signature_place = forms.CharField(
        label="Lieu de signature de l’avenant", max_length=200, required=False
    )


class ArticleDraftForm(DraftRowForm):
    number = forms.CharField(label="Numéro", max_length=20, required=False)
    title = forms.CharField(label="Titre", max_length=300)
    text = forms.CharField(label="Texte", widget=Textarea(attrs={"rows": 6}), required=False)


class AxisDraftForm(DraftRowForm):
    number = forms.IntegerField(label="Numéro", min_value=1, max_value=99)
    title = forms.CharField(label="Intitulé", max_length=500)
    objectives = forms.CharField(
        label="Objectifs (un par ligne)",
        widget=Textarea(attrs={"rows": 5}),
        required=False,
    )

    def clean_objectives(self):
        lines = self.cleaned_data["objectives"].splitlines()
        return [line.strip() for line in lines if line.strip()]


class SectorDraftForm(DraftRowForm):
    name = forms.CharField(label="Nom", max_length=255)
    kind = forms.ChoiceField(
        label="Nature",
        choices=InterventionSector.Kind.choices,
        initial=InterventionSector.Kind.SECTEUR,
    )
    description = forms.CharField(
        label="Description", widget=Textarea(attrs={"rows": 3}), required=False
    )


class RepresentativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return representative_label(obj)


class PartyDraftForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        widget=SearchSelect("directory:organisation_search", "Rechercher une organisation"),
    )
    role = forms.ChoiceField(label="Qualité", choices=Signatory.Role.choices)
    representative = RepresentativeChoiceField(
        label="Représentant (nouvelle partie)",
        queryset=Representative.objects.none(),
        required=False,
        widget=SearchSelect("directory:representative_search", "Rechercher un représentant"),
    )

    def __init__(self, *args, organisations, representatives, labels, **kwargs):
        """organisations and representatives: the querysets PartyFormSet scopes for every
        row; labels: the names of the rows' initial choices, read once for the formset."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["representative"].queryset = representatives
        self.fields["organisation"].widget.labels = labels["organisations"]
        self.fields["representative"].widget.labels = labels["representatives"]

    def clean(self):
        data = super().clean()
        representative, organisation = data.get("representative"), data.get("organisation")
        if representative and organisation and representative.organisation_id != organisation.pk:
            self.add_error("representative", f"Ce représentant n’engage pas {organisation}.")
        return data


class DraftFormSet(forms.BaseFormSet):
    """Rows of a draft part; deleted and empty extra rows are left out of values()."""

    unique_field = None
    unique_message = ""

    def clean(self):
        if any(self.errors):
            return
        if self.unique_field:
            seen = set()
            for form in self.kept_forms():
                value = form.cleaned_data[self.unique_field]
                if value in seen:
                    raise ValidationError(self.unique_message)
                seen.add(value)

    def kept_forms(self):
        return [
            form
            for form in self.forms
            if form.has_changed() or form.initial
            if not (self.can_delete and self._should_delete_form(form))
            if form.cleaned_data
        ]

    def values(self):
        return [form.cleaned_data for form in self.kept_forms()]


class AxisFormSet(DraftFormSet):
    unique_field = "number"
    unique_message = "Deux axes portent le même numéro."

    def __init__(self, *args, axes_with_actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.axes_with_actions = set(axes_with_actions)

    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.cleaned_data.get("id") in self.axes_with_actions:
                form.add_error(
                    None,
                    "Cet axe porte des actions : rattachez-les à un autre axe avant de le retirer.",
                )
                raise ValidationError("Un axe retiré porte encore des actions.")


class PartyFormSet(DraftFormSet):
    unique_field = "organisation"
    unique_message = "Une organisation figure deux fois parmi les parties."

    def __init__(self, *args, user=None, **kwargs):
        """With `user`, only the organisations and people the user may see (directory's
        for_user): a chef de projet never sees another territory's people. They are picked
        through a search (ort_portal.pickers), never listed."""
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.all()
        representatives = Representative.objects.select_related("organisation")
        if user is not None:
            organisations = organisations.for_user(user)
            representatives = representatives.for_user(user)
        rows = self.initial or []
        named = {row.get("organisation") for row in rows} - {None}
        people = {row.get("representative") for row in rows} - {None}
        # One query each for the names of every row's initial choices.
        self.choices = {
            "organisations": organisations,
            "representatives": representatives,
            "labels": {
                "organisations": dict(organisations.filter(pk__in=named).values_list("pk", "name")),
                "representatives": {
                    r.pk: representative_label(r) for r in representatives.filter(pk__in=people)
                },
            },
        }

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **self.choices}


DRAFT_FORMSETS = {
    "articles": forms.formset_factory(
        ArticleDraftForm, formset=DraftFormSet, extra=NEW_ROWS, can_delete=True
    ),
    "axes": forms.formset_factory(
        AxisDraftForm, formset=AxisFormSet, extra=NEW_ROWS, can_delete=True
    ),
    "sectors": forms.formset_factory(
        SectorDraftForm, formset=DraftFormSet, extra=NEW_ROWS, can_delete=True
    ),
    "parties": forms.formset_factory(
        PartyDraftForm, formset=PartyFormSet, extra=NEW_ROWS, can_delete=True
    ),
}


class DurationDraftForm(PlausibleDatesMixin, DsfrBaseForm):
    duration_years = forms.IntegerField(
        label="Durée (années)", min_value=1, max_value=50, required=False
    )
    end_date = forms.DateField(label="Date de fin explicite", widget=DateInput(), required=False)
    duration_note = forms.CharField(label="Durée telle qu’écrite", max_length=500, required=False)


def draft_initial(draft: dict, part: str):
    """Initial data of a part's form(set) from the avenant's draft JSON."""
    conv = draft["convention"]
    if part == "terms":
        return {name: conv.get(name) for name in TermsDraftForm.base_fields}
    if part == "articles":
        return [dict(a) for a in draft["articles"]]
    if part == "axes":
        return [
            {
                "id": axis["id"],
                "draft_key": axis.get("draft_key"),
                "number": axis["number"],
                "title": axis["title"],
                "objectives": "\n".join(o["text"] for o in axis["objectives"]),
            }
            for axis in draft["axes"]
        ]
    if part == "sectors":
        return [{"kind": InterventionSector.Kind.SECTEUR, **s} for s in draft["sectors"]]
    if part == "parties":
        return [
            {
                "organisation": p["organisation_id"],
                "role": p["role"],
                "representative": p["representative"]["id"] if p["representative"] else None,
            }
            for p in draft["parties"]
        ]
    return {
        "duration_years": conv["duration_years"],
        "end_date": conv["end_date"],
        "duration_note": conv["duration_note"],
    }


class AvisForm(DsfrBaseForm):
    decision = forms.ModelChoiceField(label="Avis du comité", queryset=None)

    def __init__(self, *args, convention, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            Decision.objects.filter(
                kind=Decision.Kind.AVIS_AVENANT, meeting__committee__conventions=convention
            )
            .select_related("meeting__committee")
            .order_by("-meeting__starts_at")
        )


class AmendmentSignatureForm(PlausibleDatesMixin, DsfrBaseForm):
    organisation = forms.ModelChoiceField(label="Partie qui signe", queryset=None)
    representative = forms.ModelChoiceField(
        label="Représentant ayant signé",
        queryset=Representative.objects.select_related("organisation").order_by("last_name"),
    )
    signature_date = forms.DateField(label="Date de signature", widget=DateInput())

    def __init__(self, *args, parties, user=None, **kwargs):
        """parties: the draft's parties that have not signed the avenant yet; with `user`,
        only the people the user may see."""
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["representative"].queryset = self.fields[
                "representative"
            ].queryset.for_user(user)
        organisation_ids = [party["organisation_id"] for party in parties]
        self.named = {
            party["organisation_id"]: party["representative"]["id"]
            for party in parties
            if party["representative"]
        }
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=organisation_ids
        ).alphabetical()
        self.fields["representative"].queryset = self.fields["representative"].queryset.filter(
            Q(organisation__in=organisation_ids) | Q(pk__in=self.named.values())
        )

    def clean(self):
        data = super().clean()
        representative, organisation = data.get("representative"), data.get("organisation")
        if (
            representative
            and organisation
            and representative.organisation_id != organisation.pk
            and self.named.get(organisation.pk) != representative.pk
        ):
            self.add_error("representative", f"Ce représentant n’engage pas {organisation}.")
        return data
