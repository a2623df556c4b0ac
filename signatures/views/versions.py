"""Signed versions: the list, the initial freeze, their PDF and their comparison."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from conventions.access import get_convention_for_user
from conventions.models import Amendment
from ort_portal.params import int_param
from ort_portal.pdf import pdf_response

from ..access import get_signed_version_for_user
from ..forms import AmendmentForm
from ..models import SignedVersion
from ..services import freezing
from ..snapshot.diff import diff_snapshots
from ..snapshot.signed_amendments import typed
from .common import error_text


@login_required
def versions(request, pk):
    convention = get_convention_for_user(request.user, pk)
    signed_versions = list(convention.signed_versions.listing())
    pending = [version for version in signed_versions if not version.pdf_ready]
    if request.htmx and "attente" in request.GET:
        return _pdf_ready(request, convention, signed_versions)
    for version in signed_versions:
        # Each version lists its avenants' own signatures beside the original ones.
        version.avenants = typed(version.content.get("amendments", []))
    amendments = list(convention.amendments.order_by("number"))
    response = render(
        request,
        "signatures/versions.html",
        {
            "title": f"Versions signées et avenants – {convention.reference}",
            "convention": convention,
            "versions": signed_versions,
            "pending": pending,
            "amendments": amendments,
            "open_amendment": next(
                (a for a in amendments if a.status != Amendment.Status.SIGNE), None
            ),
            "can_edit": request.user.has_perm("conventions.edit_convention", convention),
            "amendment_form": AmendmentForm(),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _pdf_ready(request, convention, signed_versions):
    """The poll of the versions page while a PDF/A is rendered by a worker: nothing (204)
    until one it waits for is ready, then that version's fingerprint and link, announced
    once, and the polling of those still waiting."""
    waiting = {int_param(number) for number in request.GET.getlist("attente")}
    ready = [v for v in signed_versions if v.number in waiting and v.pdf_ready]
    if not ready:
        response = HttpResponse(status=204)
    else:
        pending = [v for v in signed_versions if v.number in waiting and not v.pdf_ready]
        context = {"convention": convention, "ready": ready, "pending": pending}
        response = render(request, "signatures/versions.html#pdf_ready", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def freeze_initial(request, pk):
    convention = get_convention_for_user(request.user, pk, edit=True)
    try:
        version = freezing.freeze_initial_version(convention=convention, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, f"Version {version.number} enregistrée.")
    return redirect("signatures:versions", pk=convention.pk)


@login_required
def version_pdf(request, pk, number):
    version = get_signed_version_for_user(
        request.user, pk, number, queryset=SignedVersion.objects.select_related("archive")
    )
    if not version.pdf_ready:
        # Its JSON is frozen; a worker is still rendering the PDF/A from it.
        return render(
            request,
            "signatures/version_pdf_pending.html",
            {
                "title": f"Version {version.number} – {version.convention.reference}",
                "version": version,
                "convention": version.convention,
            },
        )
    return pdf_response(
        bytes(version.archive.pdf), f"{version.convention.reference}-version-{version.number}"
    )


@login_required
def compare(request, pk):
    convention = get_convention_for_user(request.user, pk)
    numbers = list(convention.signed_versions.order_by("number").values_list("number", flat=True))
    before_number = int_param(request.GET.get("de"))
    after_number = int_param(request.GET.get("a"))
    if before_number is None or after_number is None:
        before_number, after_number = (
            (numbers[-2], numbers[-1]) if len(numbers) > 1 else (None, None)
        )
    pair = {
        v.number: v
        for v in convention.signed_versions.filter(number__in=[before_number, after_number])
    }
    if before_number is not None and (before_number not in pair or after_number not in pair):
        raise Http404("Version inconnue.")
    diff = None
    if before_number is not None:
        diff = diff_snapshots(pair[before_number].content, pair[after_number].content)
    return render(
        request,
        "signatures/compare.html",
        {
            "title": f"Comparer les versions – {convention.reference}",
            "convention": convention,
            "numbers": numbers,
            "before": pair.get(before_number),
            "after": pair.get(after_number),
            "diff": diff,
        },
    )
