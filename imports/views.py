import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from directory.models import Commune

from . import services
from .access import creatable_communes
from .convention_text import draft_from_text
from .forms import (
    ActionFormSet,
    ArticleFormSet,
    AxisFormSet,
    ConventionReviewForm,
    PartyFormSet,
    SourceForm,
    initial_from_draft,
)
from .pdf_text import UnreadablePdf, text_of_pdf

TITLE = "Importer une convention depuis son texte"


def review_forms(data, communes, initial=None):
    initial = initial or {}
    return {
        "convention": ConventionReviewForm(
            data, communes=communes, initial=initial.get("convention"), prefix="convention"
        ),
        "parties": PartyFormSet(data, initial=initial.get("parties"), prefix="parties"),
        "articles": ArticleFormSet(data, initial=initial.get("articles"), prefix="articles"),
        "axes": AxisFormSet(data, initial=initial.get("axes"), prefix="axes"),
        "actions": ActionFormSet(data, initial=initial.get("actions"), prefix="actions"),
    }


def guess_main_commune(draft, communes) -> str:
    """The INSEE code of the first party "Commune de X" found among the user's communes."""
    allowed = communes if communes is not None else Commune.objects.all()
    for party in draft.parties:
        name = re.sub(r"^(commune|ville) de\s+", "", party.organisation, flags=re.IGNORECASE)
        if name != party.organisation:
            commune = allowed.filter(name__iexact=name.strip()).first()
            if commune is not None:
                return commune.insee_code
    return ""


def _kept(formset):
    return [form.cleaned_data for form in formset.forms if form.cleaned_data.get("include")]


def reviewed_draft(forms):
    """The reviewed draft's data when every form is valid and the parts agree, else None
    (errors are added next to the fields, and above the page for the whole draft)."""
    if not all(form.is_valid() for form in forms.values()):
        return None
    data = {name: _kept(forms[name]) for name in ("parties", "articles", "axes", "actions")}
    axis_numbers = [axis["number"] for axis in data["axes"]]
    errors = []
    if not data["parties"]:
        errors.append("Retenez au moins une partie.")
    if len(axis_numbers) != len(set(axis_numbers)):
        errors.append("Deux axes retenus portent le même numéro.")
    for index, form in enumerate(forms["actions"].forms):
        if form.cleaned_data.get("include") and form.cleaned_data["axis"] not in axis_numbers:
            form.add_error("axis", "Cet axe n’est pas retenu dans le projet.")
            errors.append(f"L’action n° {index + 1} renvoie à un axe non retenu.")
    if errors:
        forms["convention"].add_error(None, ValidationError(errors))
        return None
    data["convention"] = dict(forms["convention"].cleaned_data)
    return data


@login_required
def convention_from_text(request):
    communes = creatable_communes(request.user)
    if request.method == "POST" and "confirm" in request.POST:
        forms = review_forms(request.POST, communes)
        data = reviewed_draft(forms)
        if data is not None:
            convention = services.create_convention_from_review(by=request.user, **data)
            messages.success(
                request, "La convention est créée en projet : relisez-la avant signature."
            )
            return redirect("conventions:detail", convention.pk)
        return render(request, "imports/review.html", {"title": TITLE, **forms})
    source = SourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and source.is_valid():
        text = source.cleaned_data["text"]
        try:
            if source.cleaned_data["pdf"]:
                text = text_of_pdf(source.cleaned_data["pdf"].read())
        except UnreadablePdf as error:
            source.add_error("pdf", str(error))
        else:
            draft = draft_from_text(text)
            initial = initial_from_draft(draft)
            initial["convention"]["main_commune"] = guess_main_commune(draft, communes)
            forms = review_forms(None, communes, initial)
            return render(request, "imports/review.html", {"title": TITLE, "draft": draft, **forms})
    return render(request, "imports/source.html", {"title": TITLE, "form": source})
