"""Filters of the list of conventions, kept in the URL so a filtered list can be shared."""

import django_filters

from directory.models import EPCI, Commune
from ort_portal.filters import SearchFilter
from ort_portal.forms import FilterForm
from ort_portal.widgets import SearchSelect

from .models import Convention


def visible_communes(user):
    """Communes covered by the conventions the user may read."""
    return Commune.objects.filter(conventions__in=Convention.objects.for_user(user)).distinct()


def visible_epcis(user):
    """EPCI of the conventions the user may read."""
    return EPCI.objects.filter(conventions__in=Convention.objects.for_user(user)).distinct()


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
    commune = django_filters.ModelChoiceFilter(
        label="Commune",
        field_name="communes",
        queryset=Commune.objects.none(),
        distinct=True,
        empty_label="Toutes",
        widget=SearchSelect("conventions:commune_search", "Rechercher une commune"),
    )
    epci = django_filters.ModelChoiceFilter(
        label="EPCI",
        field_name="epcis",
        queryset=EPCI.objects.none(),
        distinct=True,
        empty_label="Tous",
        widget=SearchSelect("conventions:epci_search", "Rechercher un EPCI"),
    )
    q = SearchFilter(label="Recherche dans l’intitulé", field_name="title", lookup_expr="icontains")

    class Meta:
        model = Convention
        fields = ["programme", "kind", "status", "departement", "commune", "epci", "q"]
        form = FilterForm

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the territories of conventions the user may read are offered.
        self.filters["commune"].queryset = visible_communes(user)
        self.filters["epci"].queryset = visible_epcis(user)
        self.filters["departement"].extra["choices"] = departement_choices(user)
