"""Avenants: opening, the draft edited part by part, the comité's avis, signatures, PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from conventions.access import get_convention_for_user
from conventions.models import Amendment
from documents.views import prepare

from ..access import get_amendment_for_user
from ..forms import (
    DRAFT_FORMSETS,
    AmendmentForm,
    AmendmentSignatureForm,
    AvisForm,
    DurationDraftForm,
    TermsDraftForm,
    draft_initial,
)
from ..pdf_documents import AMENDMENT, adopted_context
from ..services import amendments as services
from ..services import drafting
from ..services.validation import problems_by_part
from .common import error_text

# Session key: the avenant just opened, whose page focuses and announces it once.
OPENED_AMENDMENT = "ort_opened_amendment"


@login_required
@require_POST
def amendment_create(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    form = AmendmentForm(request.POST)
    if form.is_valid():
        try:
            amendment = services.create_amendment(
                convention=convention, object=form.cleaned_data["object"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            # The avenant's page takes the focus on its heading and announces the opening
            # (once: a reload does not announce it again).
            request.session[OPENED_AMENDMENT] = amendment.pk
            return redirect("signatures:amendment", pk=convention.pk, number=amendment.number)
    else:
        messages.error(request, "Indiquez l’objet de l’avenant.")
    return redirect("signatures:versions", pk=convention.pk)


DRAFT_FORMS = {"terms": TermsDraftForm, "duration": DurationDraftForm}


def _draft_forms(amendment, bound_part=None, bound_form=None, *, user=None):
    axes_with_actions = [
        axis["id"] for axis in amendment.base["axes"] if axis["actions"] and axis["id"]
    ]
    forms = {}
    for part, formset_class in DRAFT_FORMSETS.items():
        kwargs = {"axes_with_actions": axes_with_actions} if part == "axes" else {}
        if part == "parties":
            kwargs["user"] = user  # never another territory's people (directory's for_user)
        forms[part] = formset_class(
            initial=draft_initial(amendment.draft, part), prefix=part, **kwargs
        )
    for part, form_class in DRAFT_FORMS.items():
        forms[part] = form_class(initial=draft_initial(amendment.draft, part), prefix=part)
    forms["terms"].initial["signature_place"] = (
        amendment.signature_place or amendment.draft["convention"]["signature_place"]
    )
    if bound_part:
        forms[bound_part] = bound_form
    return forms


DRAFT_SECTIONS = {
    "terms": ("Intitulé, statut ORT et préambule", "Enregistrer les termes"),
    "articles": ("Articles", "Enregistrer les articles"),
    "axes": ("Axes et objectifs", "Enregistrer les axes et objectifs"),
    "sectors": ("Secteurs d’intervention", "Enregistrer les secteurs"),
    "duration": ("Durée", "Enregistrer la durée"),
    "parties": ("Parties", "Enregistrer les parties"),
}


def _draft_sections(amendment, bound, *, user=None):
    """The editor's parts, each with its form and, next to it, what keeps the draft from
    being signed and what the last save refused."""
    forms = _draft_forms(amendment, bound.get("part"), bound.get("form"), user=user)
    problems = problems_by_part(amendment.draft)
    save_errors = bound.get("save_errors", {})
    return [
        {
            "part": part,
            "heading": heading,
            "button": button,
            "form": forms[part],
            "is_formset": part in DRAFT_FORMSETS,
            "problems": [problem.message for problem in problems.get(part, [])],
            "save_errors": save_errors.get(part, []),
            # The part just refused stays unfolded, with its errors next to the fields.
            "open": part == bound.get("part"),
        }
        for part, (heading, button) in DRAFT_SECTIONS.items()
    ]


def _amendment_page(request, convention, amendment, *, bound=None, status=200, opened=False):
    bound = bound or {}
    signatures = list(amendment.signatures.select_related("organisation", "representative"))
    unsigned = services.parties_to_sign(amendment, signatures)
    is_draft = bool(amendment.draft) and amendment.status != Amendment.Status.SIGNE
    is_draft = is_draft and not signatures
    context = {
        "title": f"Avenant n° {amendment.number} – {convention.reference}",
        "convention": convention,
        "amendment": amendment,
        **adopted_context(amendment),
        "signatures": signatures,
        "unsigned": unsigned,
        "decisions": amendment.decisions.select_related("meeting__committee"),
        "is_draft": is_draft,
        "opened": opened,
        "can_edit": request.user.has_perm("conventions.edit_convention", convention),
        "sections": _draft_sections(amendment, bound, user=request.user) if is_draft else [],
        "avis_form": bound.get("avis") or AvisForm(convention=convention),
        "signature_form": bound.get("signature")
        or AmendmentSignatureForm(parties=unsigned, user=request.user),
    }
    return render(request, "signatures/amendment.html", context, status=status)


@login_required
def amendment(request, pk, number):
    amendment = get_amendment_for_user(request.user, pk, number)
    convention = amendment.convention
    opened = request.session.pop(OPENED_AMENDMENT, None) == amendment.pk
    return _amendment_page(request, convention, amendment, opened=opened)


def _bound_draft_form(amendment, part, data, *, user=None):
    if part in DRAFT_FORMS:
        return DRAFT_FORMS[part](data, prefix=part)
    kwargs = {"user": user} if part == "parties" else {}
    if part == "axes":
        kwargs["axes_with_actions"] = [
            axis["id"] for axis in amendment.base["axes"] if axis["actions"] and axis["id"]
        ]
    return DRAFT_FORMSETS[part](
        data, initial=draft_initial(amendment.draft, part), prefix=part, **kwargs
    )


@login_required
@require_POST
def amendment_draft(request, pk, number, part):
    amendment = get_amendment_for_user(request.user, pk, number, edit=True)
    convention = amendment.convention
    if part not in drafting.DRAFT_PARTS or not amendment.draft:
        raise Http404("Partie inconnue.")
    form = _bound_draft_form(amendment, part, request.POST, user=request.user)
    bound = {"part": part, "form": form}
    if form.is_valid():
        values = form.cleaned_data if part in DRAFT_FORMS else form.values()
        try:
            drafting.update_amendment_draft(
                amendment=amendment, part=part, values=values, by=request.user
            )
        except ValidationError as error:
            bound["save_errors"] = {part: _place_errors(form, error)}
        else:
            messages.success(request, "Le projet d’avenant est enregistré.")
            return redirect("signatures:amendment", pk=convention.pk, number=amendment.number)
    return _amendment_page(request, convention, amendment, bound=bound, status=400)


def _place_errors(form, error) -> list[str]:
    """A refusal of the service next to its field when the form has it; the rest is shown
    above the part's form."""
    if not hasattr(error, "error_dict"):
        return error.messages
    rest = []
    for field, field_errors in error.message_dict.items():
        if field in getattr(form, "fields", {}):
            form.add_error(field, field_errors)
        else:
            rest += field_errors
    return rest


@login_required
@require_POST
def amendment_avis(request, pk, number):
    amendment = get_amendment_for_user(request.user, pk, number, edit=True)
    convention = amendment.convention
    form = AvisForm(request.POST, convention=convention)
    if form.is_valid():
        try:
            services.link_amendment_avis(
                amendment=amendment, decision=form.cleaned_data["decision"], by=request.user
            )
        except ValidationError as error:
            form.add_error("decision", error_text(error))
        else:
            messages.success(request, "L’avis du comité est rattaché à l’avenant.")
            return redirect("signatures:amendment", pk=convention.pk, number=amendment.number)
    return _amendment_page(request, convention, amendment, bound={"avis": form}, status=400)


@login_required
@require_POST
def amendment_sign(request, pk, number):
    amendment = get_amendment_for_user(request.user, pk, number, edit=True)
    convention = amendment.convention
    form = AmendmentSignatureForm(
        request.POST, parties=services.parties_to_sign(amendment), user=request.user
    )
    if form.is_valid():
        try:
            amendment = services.sign_amendment(
                amendment=amendment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(
                request, f"Signature de {form.cleaned_data['organisation']} enregistrée."
            )
            if amendment.status == Amendment.Status.SIGNE:
                messages.success(
                    request,
                    "L’avenant est signé : la convention est modifiée "
                    "et une nouvelle version est gelée.",
                )
            return redirect("signatures:amendment", pk=convention.pk, number=amendment.number)
    return _amendment_page(request, convention, amendment, bound={"signature": form}, status=400)


@login_required
def amendment_pdf(request, pk, number):
    """The avenant's own document (its object and its changes): GET offers to prepare it."""
    amendment = get_amendment_for_user(request.user, pk, number)
    if not amendment.draft:
        raise Http404("Cet avenant n’a pas été rédigé dans le portail.")
    title = f"Avenant n° {amendment.number} – {amendment.convention.reference} (PDF)"
    return prepare(request, kind=AMENDMENT, target_id=amendment.pk, title=title)
