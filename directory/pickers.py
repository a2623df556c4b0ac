"""Organisation and representative pickers that search the directory (ort_portal.pickers),
and the htmx endpoints suggesting matches while the user types."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone

from ort_portal.access import is_portal_admin
from ort_portal.pickers import LIMIT, SearchChoiceField, SearchMultipleChoiceField

from .models import Organisation, Representative
from .services import representatives_current_first

ORGANISATION_SEARCH = ["name", "siren", "commune__name", "epci__name"]
REPRESENTATIVE_SEARCH = ["first_name", "last_name", "function", "organisation__name"]


def organisation_label(organisation) -> str:
    return organisation.name


def representative_label(representative) -> str:
    label = f"{representative.full_name}, {representative.function} ({representative.organisation})"
    if representative.mandate_end and representative.mandate_end < timezone.localdate():
        return f"{label} – mandat terminé le {representative.mandate_end:%d/%m/%Y}"
    return label


def organisations():
    return Organisation.objects.alphabetical()


def representatives():
    return representatives_current_first(Representative.objects.select_related("organisation"))


def organisation_field(**kwargs) -> SearchChoiceField:
    return SearchChoiceField(
        organisations(),
        search=ORGANISATION_SEARCH,
        describe=organisation_label,
        suggest_url=reverse_lazy("directory:organisation_suggestions"),
        **kwargs,
    )


def organisations_field(**kwargs) -> SearchMultipleChoiceField:
    return SearchMultipleChoiceField(
        organisations(),
        search=ORGANISATION_SEARCH,
        describe=organisation_label,
        suggest_url=reverse_lazy("directory:organisation_suggestions"),
        **kwargs,
    )


def representative_field(**kwargs) -> SearchChoiceField:
    kwargs.setdefault("help_text", "Tapez une partie du nom, de la fonction ou de l’organisation.")
    return SearchChoiceField(
        representatives(),
        search=REPRESENTATIVE_SEARCH,
        describe=representative_label,
        suggest_url=reverse_lazy("directory:representative_suggestions"),
        **kwargs,
    )


def _may_pick(user) -> bool:
    """Those who fill these forms: administrators and chefs de projet."""
    profile = getattr(user, "portal_profile", None)
    return is_portal_admin(user) or (
        user.is_active and profile is not None and profile.role == "chef_de_projet"
    )


def _suggestions(request, field):
    if not _may_pick(request.user):
        raise PermissionDenied("Vous ne pouvez pas consulter l’annuaire.")
    text = next((v for k, v in request.GET.items() if k.endswith("_search")), "")
    text = text.strip()[:100]
    found = list(field.matching(text)[:LIMIT]) if len(text) >= 2 else []
    response = render(
        request,
        "directory/suggestions.html",
        {"labels": [field.describe(item) for item in found]},
    )
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
def organisation_suggestions(request):
    return _suggestions(request, organisation_field())


@login_required
def representative_suggestions(request):
    return _suggestions(request, representative_field())
