"""The access helpers of the signature workflow (ort_portal.access's shape). Avenants and
signed versions are numbered within their convention, so they are reached by the
convention's pk and their number, with the convention's read and edit rights."""

from django.shortcuts import get_object_or_404

from conventions.access import get_convention_for_user
from conventions.models import Amendment, Signatory

from .models import SignedVersion


def get_amendment_for_user(user, pk, number, *, edit=False, queryset=None) -> Amendment:
    """The avenant `number` of convention `pk` (its `convention` already loaded)."""
    convention = get_convention_for_user(user, pk, edit=edit)
    base = queryset if queryset is not None else Amendment.objects.all()
    amendment = get_object_or_404(base.filter(convention=convention), number=number)
    amendment.convention = convention
    return amendment


def get_signed_version_for_user(user, pk, number, *, edit=False, queryset=None) -> SignedVersion:
    """The signed version `number` of convention `pk` (its `convention` already loaded)."""
    convention = get_convention_for_user(user, pk, edit=edit)
    base = queryset if queryset is not None else SignedVersion.objects.all()
    version = get_object_or_404(base.filter(convention=convention), number=number)
    version.convention = convention
    return version


def get_signatory_for_user(user, pk, signatory_pk, *, edit=False, queryset=None) -> Signatory:
    """The party `signatory_pk` of convention `pk` (its `convention` already loaded)."""
    convention = get_convention_for_user(user, pk, edit=edit)
    base = queryset if queryset is not None else Signatory.objects.all()
    signatory = get_object_or_404(
        base.filter(convention=convention).select_related("organisation"), pk=signatory_pk
    )
    signatory.convention = convention
    return signatory
