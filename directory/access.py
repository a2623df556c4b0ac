"""The access helpers of the directory (ort_portal.access's shape). The directory is the
administrators': anyone else gets PermissionDenied (403) before any lookup."""

from django.shortcuts import get_object_or_404

from ort_portal.access import require_portal_admin

from .models import Organisation, Representative

ADMIN_ONLY = "L’annuaire est réservé aux administrateurs."


def require_directory_admin(user) -> None:
    require_portal_admin(user, ADMIN_ONLY)


def get_organisation_for_user(user, pk, *, edit=False, queryset=None) -> Organisation:
    require_directory_admin(user)
    return get_object_or_404(queryset if queryset is not None else Organisation.objects, pk=pk)


def get_representative_for_user(user, pk, *, edit=False, queryset=None) -> Representative:
    require_directory_admin(user)
    base = queryset if queryset is not None else Representative.objects.all()
    return get_object_or_404(base.select_related("organisation"), pk=pk)
