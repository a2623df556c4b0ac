"""Filters of the territory dashboard, kept in the URL."""

import django_filters

from conventions.filters import departement_choices, filter_programme
from conventions.models import Convention
from directory.departements import DEPARTEMENTS, REGIONS
from ort_portal.forms import FilterForm


class TerritoryFilter(django_filters.FilterSet):
    programme = django_filters.ChoiceFilter(
        label="Programme",
        choices=Convention.Programme.choices,
        method=filter_programme,
        empty_label="Tous",
    )
    region = django_filters.ChoiceFilter(
        label="Région", choices=[], method="filter_region", empty_label="Toutes"
    )
    departement = django_filters.ChoiceFilter(
        label="Département", choices=[], method="filter_departement", empty_label="Tous"
    )
    status = django_filters.ChoiceFilter(
        label="Statut", choices=Convention.Status.choices, empty_label="Tous"
    )

    class Meta:
        model = Convention
        form = FilterForm
        fields = ["programme", "region", "departement", "status"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        departements = departement_choices(user)
        self.filters["departement"].extra["choices"] = departements
        regions = {DEPARTEMENTS[code][1] for code, _ in departements if code in DEPARTEMENTS}
        self.filters["region"].extra["choices"] = sorted(
            ((code, REGIONS[code]) for code in regions), key=lambda choice: choice[1]
        )

    def filter_departement(self, queryset, name, value):
        covering = Convention.objects.filter(communes__departement=value).values("pk")
        return queryset.filter(pk__in=covering)

    def filter_region(self, queryset, name, value):
        codes = [code for code, (_, region) in DEPARTEMENTS.items() if region == value]
        covering = Convention.objects.filter(communes__departement__in=codes).values("pk")
        return queryset.filter(pk__in=covering)
