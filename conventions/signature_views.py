"""Signature workflow, avenants, signed versions and PDF exports of a convention."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ort_portal.pdf import pdf_response, render_pdf

from . import services
from .access import get_convention_for_user
from .directory_services import signing_candidates
from .models import Amendment, SignedVersion
from .signature_forms import (
    DRAFT_FORMSETS,
    AmendmentForm,
    AmendmentSignatureForm,
    AvisForm,
    DeliberationForm,
    DurationDraftForm,
    ExtensionForm,
    SignatureForm,
    TerminationForm,
    draft_initial,
)
from .snapshot import diff_snapshots, pdf_context, snapshot_of


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Signature of the convention


def _signature_page(request, convention, *, bound=None, status=200):
    """The signature page; `bound` replaces the blank form of one party or action."""
    bound = bound or {}
    signatories = list(
        convention.signatories.select_related(
            "organisation", "representative", "deliberation"
        ).order_by("order", "pk")
    )
    candidates = signing_candidates(signatories)
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
                    prefix=f"s{signatory.pk}",
                ),
                "deliberation_form": bound.get(("deliberation", signatory.pk))
                or DeliberationForm(instance=deliberation, prefix=f"d{signatory.pk}"),
            }
        )
    missing = []
    if convention.is_ort:
        missing = services.ort_missing_parties(
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
        "title": f"Signature – {convention.title}",
        "convention": convention,
        "rows": rows,
        "ort_missing": missing,
        "can_edit": can_edit,
        "can_sign": convention.status in (convention.Status.PROJET, convention.Status.EN_SIGNATURE),
        "extension_form": bound.get("extension") or ExtensionForm(),
        "termination_form": bound.get("termination") or TerminationForm(),
    }
    return render(request, "conventions/signature/signature.html", context, status=status)


@login_required
def signature(request, pk):
    convention = get_convention_for_user(request.user, pk)
    return _signature_page(request, convention)


@login_required
@require_POST
def sign(request, pk, signatory_pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    signatory = get_object_or_404(
        convention.signatories.select_related("organisation"), pk=signatory_pk
    )
    form = SignatureForm(
        request.POST,
        signatory=signatory,
        candidates=signing_candidates([signatory])[signatory.pk],
        prefix=f"s{signatory.pk}",
    )
    if form.is_valid():
        try:
            convention = services.sign_convention(
                signatory=signatory, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, f"Signature de {signatory.organisation} enregistrée.")
            if convention.is_signed:
                messages.success(request, "Toutes les parties ont signé : la version 1 est gelée.")
            return redirect("conventions:signature", pk=convention.pk)
    return _signature_page(request, convention, bound={("sign", signatory.pk): form}, status=400)


@login_required
@require_POST
def deliberation(request, pk, signatory_pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    signatory = get_object_or_404(
        convention.signatories.select_related("organisation"), pk=signatory_pk
    )
    existing = getattr(signatory, "deliberation", None)
    form = DeliberationForm(request.POST, instance=existing, prefix=f"d{signatory.pk}")
    if form.is_valid():
        try:
            services.record_deliberation(signatory=signatory, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, f"Délibération de {signatory.organisation} enregistrée.")
            return redirect("conventions:signature", pk=convention.pk)
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
            services.extend_convention(convention=convention, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("end_date", _error_text(error))
        else:
            messages.success(request, "La convention est prorogée.")
            return redirect("conventions:signature", pk=convention.pk)
    return _signature_page(request, convention, bound={"extension": form}, status=400)


@login_required
@require_POST
def terminate(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    form = TerminationForm(request.POST)
    if form.is_valid():
        try:
            services.terminate_convention(
                convention=convention, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("date", _error_text(error))
        else:
            messages.success(request, "La résiliation de la convention est enregistrée.")
            return redirect("conventions:signature", pk=convention.pk)
    return _signature_page(request, convention, bound={"termination": form}, status=400)


# Signed versions and PDF


@login_required
def versions(request, pk):
    convention = get_convention_for_user(request.user, pk)
    signed_versions = list(convention.signed_versions.listing())
    amendments = list(convention.amendments.order_by("number"))
    return render(
        request,
        "conventions/versions/versions.html",
        {
            "title": f"Versions signées – {convention.title}",
            "convention": convention,
            "versions": signed_versions,
            "amendments": amendments,
            "open_amendment": next(
                (a for a in amendments if a.status != Amendment.Status.SIGNE), None
            ),
            "can_edit": request.user.has_perm("conventions.edit_convention", convention),
            "amendment_form": AmendmentForm(),
        },
    )


@login_required
@require_POST
def freeze_initial(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    try:
        version = services.freeze_initial_version(convention=convention, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, f"Version {version.number} enregistrée.")
    return redirect("conventions:versions", pk=convention.pk)


@login_required
def version_pdf(request, pk, number):
    convention = get_convention_for_user(request.user, pk)
    version = get_object_or_404(
        SignedVersion.objects.only("pdf", "number"), convention=convention, number=number
    )
    return pdf_response(bytes(version.pdf), f"{convention.reference}-version-{version.number}")


@login_required
def compare(request, pk):
    convention = get_convention_for_user(request.user, pk)
    numbers = list(convention.signed_versions.order_by("number").values_list("number", flat=True))
    try:
        before_number = int(request.GET.get("de", ""))
        after_number = int(request.GET.get("a", ""))
    except ValueError:
        before_number, after_number = (
            (numbers[-2], numbers[-1]) if len(numbers) > 1 else (None, None)
        )
    pair = {
        v.number: v
        for v in convention.signed_versions.defer("pdf").filter(
            number__in=[before_number, after_number]
        )
    }
    if before_number is not None and (before_number not in pair or after_number not in pair):
        raise Http404("Version inconnue.")
    diff = None
    if before_number is not None:
        diff = diff_snapshots(pair[before_number].content, pair[after_number].content)
    return render(
        request,
        "conventions/versions/compare.html",
        {
            "title": f"Comparer les versions – {convention.title}",
            "convention": convention,
            "numbers": numbers,
            "before": pair.get(before_number),
            "after": pair.get(after_number),
            "diff": diff,
        },
    )


@login_required
def convention_pdf(request, pk):
    """The current state; "document de travail" until the convention is signed."""
    convention = get_convention_for_user(request.user, pk)
    context = pdf_context(snapshot_of(convention), working_copy=not convention.is_signed)
    return pdf_response(render_pdf("pdf/convention.html", context), convention.reference)


# Avenants


def _amendment(request, pk, number, *, edit=False):
    convention = get_convention_for_user(request.user, pk, edit=edit)
    return convention, get_object_or_404(convention.amendments, number=number)


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
            messages.error(request, _error_text(error))
        else:
            return redirect("conventions:amendment", pk=convention.pk, number=amendment.number)
    else:
        messages.error(request, "Indiquez l’objet de l’avenant.")
    return redirect("conventions:versions", pk=convention.pk)


def _draft_forms(amendment, bound_part=None, bound_form=None):
    axes_with_actions = [
        axis["id"] for axis in amendment.base["axes"] if axis["actions"] and axis["id"]
    ]
    forms = {}
    for part, formset_class in DRAFT_FORMSETS.items():
        kwargs = {"axes_with_actions": axes_with_actions} if part == "axes" else {}
        forms[part] = formset_class(
            initial=draft_initial(amendment.draft, part), prefix=part, **kwargs
        )
    forms["duration"] = DurationDraftForm(
        initial=draft_initial(amendment.draft, "duration"), prefix="duration"
    )
    if bound_part:
        forms[bound_part] = bound_form
    return forms


def _amendment_page(request, convention, amendment, *, bound=None, status=200):
    bound = bound or {}
    signatures = list(amendment.signatures.select_related("organisation", "representative"))
    signed = {s.organisation_id for s in signatures}
    parties = services.amendment_signing_parties(amendment) if amendment.draft else []
    unsigned = [p["organisation_id"] for p in parties if p["organisation_id"] not in signed]
    is_draft = amendment.status != Amendment.Status.SIGNE and not signatures
    context = {
        "title": f"Avenant n° {amendment.number} – {convention.title}",
        "convention": convention,
        "amendment": amendment,
        "changes": diff_snapshots(amendment.base, amendment.draft) if amendment.draft else None,
        "signatures": signatures,
        "unsigned": [p for p in parties if p["organisation_id"] in unsigned],
        "decisions": amendment.decisions.select_related("meeting__committee"),
        "is_draft": is_draft,
        "can_edit": request.user.has_perm("conventions.edit_convention", convention),
        "forms": _draft_forms(amendment, bound.get("part"), bound.get("form")) if is_draft else {},
        "avis_form": bound.get("avis") or AvisForm(convention=convention),
        "signature_form": bound.get("signature")
        or AmendmentSignatureForm(parties=[p for p in parties if p["organisation_id"] in unsigned]),
    }
    return render(request, "conventions/signature/amendment.html", context, status=status)


@login_required
def amendment(request, pk, number):
    convention, amendment = _amendment(request, pk, number)
    return _amendment_page(request, convention, amendment)


@login_required
@require_POST
def amendment_draft(request, pk, number, part):
    convention, amendment = _amendment(request, pk, number, edit=True)
    if part not in services.DRAFT_PARTS:
        raise Http404("Partie inconnue.")
    if part == "duration":
        form = DurationDraftForm(request.POST, prefix="duration")
    else:
        kwargs = {}
        if part == "axes":
            kwargs["axes_with_actions"] = [
                axis["id"] for axis in amendment.base["axes"] if axis["actions"] and axis["id"]
            ]
        form = DRAFT_FORMSETS[part](
            request.POST, initial=draft_initial(amendment.draft, part), prefix=part, **kwargs
        )
    if form.is_valid():
        values = form.cleaned_data if part == "duration" else form.values()
        try:
            services.update_amendment_draft(
                amendment=amendment, part=part, values=values, by=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "Le projet d’avenant est enregistré.")
        return redirect("conventions:amendment", pk=convention.pk, number=amendment.number)
    return _amendment_page(
        request, convention, amendment, bound={"part": part, "form": form}, status=400
    )


@login_required
@require_POST
def amendment_avis(request, pk, number):
    convention, amendment = _amendment(request, pk, number, edit=True)
    form = AvisForm(request.POST, convention=convention)
    if form.is_valid():
        try:
            services.link_amendment_avis(
                amendment=amendment, decision=form.cleaned_data["decision"], by=request.user
            )
        except ValidationError as error:
            form.add_error("decision", _error_text(error))
        else:
            messages.success(request, "L’avis du comité est rattaché à l’avenant.")
            return redirect("conventions:amendment", pk=convention.pk, number=amendment.number)
    return _amendment_page(request, convention, amendment, bound={"avis": form}, status=400)


@login_required
@require_POST
def amendment_sign(request, pk, number):
    convention, amendment = _amendment(request, pk, number, edit=True)
    signed = set(amendment.signatures.values_list("organisation_id", flat=True))
    unsigned = [
        party
        for party in services.amendment_signing_parties(amendment)
        if party["organisation_id"] not in signed
    ]
    form = AmendmentSignatureForm(request.POST, parties=unsigned)
    if form.is_valid():
        try:
            amendment = services.sign_amendment(
                amendment=amendment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
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
            return redirect("conventions:amendment", pk=convention.pk, number=amendment.number)
    return _amendment_page(request, convention, amendment, bound={"signature": form}, status=400)


@login_required
def amendment_pdf(request, pk, number):
    """The avenant's own document: its object and its changes."""
    convention, amendment = _amendment(request, pk, number)
    if not amendment.draft:
        raise Http404("Cet avenant n’a pas été rédigé dans le portail.")
    context = {
        "title": f"Avenant n° {amendment.number} – {convention.title}",
        "convention": convention,
        "amendment": amendment,
        "changes": diff_snapshots(amendment.base, amendment.draft),
        "signatures": amendment.signatures.select_related("organisation", "representative"),
        "parties": services.amendment_signing_parties(amendment),
    }
    return pdf_response(
        render_pdf("pdf/amendment.html", context),
        f"{convention.reference}-avenant-{amendment.number}",
    )
