"""Filters of the list of conventions, kept in the URL so a filtered list can be shared."""

import django_filters
from django.db.models import Q

from directory.models import EPCI, Commune
from ort_portal.forms import FilterForm

from .models import Convention


def visible_communes(user):
    """Communes covered by the conventions the user may read."""
    return Commune.objects.filter(conventions__in=Convention.objects.for_user(user)).distinct()


def departement_choices(user):
    """Départements of the communes the user may see, in order."""
    codes = visible_communes(user).order_by("departement").values_list("departement", flat=True)
    return [(code, code) for code in dict.fromkeys(codes)]


def filter_programme(queryset, name, value):
    """PVD or ACV includes the chapeau conventions over both programmes."""
    if value == Convention.Programme.PVD_ACV:
        return queryset.filter(programme=value)
    return queryset.of_programme(value)


class ConventionFilter(django_filters.FilterSet):
    programme = django_filters.ChoiceFilter(
        label="Programme",
        choices=Convention.Programme.choices,
        empty_label="Tous",
        method=filter_programme,
    )
    kind = django_filters.ChoiceFilter(
        label="Type", choices=Convention.Kind.choices, empty_label="Tous"
    )
    status = django_filters.ChoiceFilter(
        label="Statut", choices=Convention.Status.choices, empty_label="Tous"
    )
    departement = django_filters.ChoiceFilter(
        label="Département",
        field_name="communes__departement",
        choices=[],
        distinct=True,
        empty_label="Tous",
    )
    commune = django_filters.CharFilter(
        label="Commune",
        method="filter_commune",
        help_text="Nom ou code INSEE d’une commune couverte.",
    )
    epci = django_filters.CharFilter(
        label="EPCI", method="filter_epci", help_text="Nom ou SIREN d’un EPCI couvert."
    )
    q = django_filters.CharFilter(
        label="Recherche dans l’intitulé", field_name="title", lookup_expr="icontains"
    )

    class Meta:
        model = Convention
        fields = ["programme", "kind", "status", "departement", "commune", "epci", "q"]
        form = FilterForm

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the départements of conventions the user may read are offered.
        self.filters["departement"].extra["choices"] = departement_choices(user)

    def filter_commune(self, queryset, name, value):
        """Conventions covering a commune whose name contains the text, or whose INSEE code
        it is (searched, not listed: a national instance knows some 1,900 communes)."""
        value = value.strip()
        communes = Commune.objects.filter(Q(name__icontains=value) | Q(insee_code=value))
        return queryset.filter(pk__in=Convention.objects.filter(communes__in=communes).values("pk"))

    def filter_epci(self, queryset, name, value):
        """Conventions covering an EPCI whose name contains the text, or whose SIREN it is."""
        value = value.strip()
        epcis = EPCI.objects.filter(Q(name__icontains=value) | Q(siren=value))
        return queryset.filter(pk__in=Convention.objects.filter(epcis__in=epcis).values("pk"))
