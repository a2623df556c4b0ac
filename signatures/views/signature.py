"""The signature page: délibérations, signatures of the parties, prorogation, résiliation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from conventions.access import get_convention_for_user
from directory.services import signing_candidates

from ..access import get_signatory_for_user
from ..forms import DeliberationForm, ExtensionForm, SignatureForm, TerminationForm
from ..services import signing
from .common import error_text


def convention_region(convention) -> str:
    """The region of the convention's ville principale ("" when unknown)."""
    return convention.main_commune.region if convention.main_commune_id else ""


def _signature_page(request, convention, *, bound=None, status=200):
    """The signature page; `bound` replaces the blank form of one party or action."""
    bound = bound or {}
    signatories = list(
        convention.signatories.select_related(
            "organisation", "representative", "deliberation"
        ).order_by("order", "pk")
    )
    region = convention_region(convention)
    candidates = signing_candidates(signatories, region=region)
    rows = []
    for signatory in signatories:
        deliberation = getattr(signatory, "deliberation", None)
        rows.append(
            {
                "signatory": signatory,
                "deliberation": deliberation,
                "signature_form": bound.get(("sign", signatory.pk))
                or SignatureForm(
                    signatory=signatory,
                    candidates=candidates[signatory.pk],
                    region=region,
                    prefix=f"s{signatory.pk}",
                ),
                "deliberation_form": bound.get(("deliberation", signatory.pk))
                or DeliberationForm(instance=deliberation, prefix=f"d{signatory.pk}"),
            }
        )
    missing = []
    if convention.is_ort:
        missing = signing.ort_missing_parties(
            parties=[
                {
                    "signs": s.signs,
                    "category": s.organisation.category,
                    "commune_id": s.organisation.commune_id,
                }
                for s in signatories
            ],
            main_commune_id=convention.main_commune_id,
            main_commune_name=str(convention.main_commune or ""),
        )
    can_edit = request.user.has_perm("conventions.edit_convention", convention)
    context = {
        "title": f"Signature – {convention.reference}",
        "convention": convention,
        "rows": rows,
        "ort_missing": missing,
        "can_edit": can_edit,
        "can_sign": convention.status in (convention.Status.PROJET, convention.Status.EN_SIGNATURE),
        "extension_form": bound.get("extension") or ExtensionForm(),
        "termination_form": bound.get("termination") or TerminationForm(),
    }
    return render(request, "signatures/signature.html", context, status=status)


@login_required
def signature(request, pk):
    convention = get_convention_for_user(request.user, pk)
    return _signature_page(request, convention)


@login_required
@require_POST
def sign(request, pk, signatory_pk):
    signatory = get_signatory_for_user(request.user, pk, signatory_pk, edit=True)
    convention = signatory.convention
    region = convention_region(convention)
    form = SignatureForm(
        request.POST,
        signatory=signatory,
        candidates=signing_candidates([signatory], region=region)[signatory.pk],
        region=region,
        prefix=f"s{signatory.pk}",
    )
    if form.is_valid():
        try:
            convention = signing.sign_convention(
                signatory=signatory, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, f"Signature de {signatory.organisation} enregistrée.")
            if convention.is_signed:
                messages.success(request, "Toutes les parties ont signé : la version 1 est gelée.")
            return redirect("signatures:signature", pk=convention.pk)
    return _signature_page(request, convention, bound={("sign", signatory.pk): form}, status=400)


@login_required
@require_POST
def deliberation(request, pk, signatory_pk):
    signatory = get_signatory_for_user(request.user, pk, signatory_pk, edit=True)
    convention = signatory.convention
    existing = getattr(signatory, "deliberation", None)
    form = DeliberationForm(request.POST, instance=existing, prefix=f"d{signatory.pk}")
    if form.is_valid():
        try:
            signing.record_deliberation(signatory=signatory, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, f"Délibération de {signatory.organisation} enregistrée.")
            return redirect("signatures:signature", pk=convention.pk)
    return _signature_page(
        request, convention, bound={("deliberation", signatory.pk): form}, status=400
    )


@login_required
@require_POST
def extend(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            signing.extend_convention(convention=convention, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("end_date", error_text(error))
        else:
            messages.success(request, "La convention est prorogée.")
            return redirect("signatures:signature", pk=convention.pk)
    return _signature_page(request, convention, bound={"extension": form}, status=400)


@login_required
@require_POST
def terminate(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    form = TerminationForm(request.POST)
    if form.is_valid():
        try:
            signing.terminate_convention(
                convention=convention, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("date", error_text(error))
        else:
            messages.success(request, "La résiliation de la convention est enregistrée.")
            return redirect("signatures:signature", pk=convention.pk)
    return _signature_page(request, convention, bound={"termination": form}, status=400)
