"""Filters of the territory dashboard, kept in the URL."""

import django_filters

from conventions.filters import departement_choices, filter_programme
from conventions.models import Convention
from ort_portal.forms import FilterForm


class TerritoryFilter(django_filters.FilterSet):
    """The conventions of the territory dashboard, with the list's rules
    (conventions.filters: programme including chapeaux, départements the user sees)."""

    programme = django_filters.ChoiceFilter(
        label="Programme",
        choices=Convention.Programme.choices,
        method=filter_programme,
        empty_label="Tous",
    )
    departement = django_filters.ChoiceFilter(
        label="Département",
        choices=[],
        method="filter_departement",
        empty_label="Tous",
    )
    status = django_filters.ChoiceFilter(
        label="Statut", choices=Convention.Status.choices, empty_label="Tous"
    )

    class Meta:
        model = Convention
        form = FilterForm
        fields = ["programme", "departement", "status"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["departement"].extra["choices"] = departement_choices(user)

    def filter_departement(self, queryset, name, value):
        covering = Convention.objects.filter(communes__departement=value).values("pk")
        return queryset.filter(pk__in=covering)
