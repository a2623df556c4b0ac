"""Filters of the list of conventions, kept in the URL so a filtered list can be shared."""

import django_filters
from dsfr.forms import DsfrBaseForm

from .models import EPCI, Commune, Convention


class ConventionFilter(django_filters.FilterSet):
    programme = django_filters.ChoiceFilter(
        label="Programme", choices=Convention.Programme.choices, empty_label="Tous"
    )
    kind = django_filters.ChoiceFilter(
        label="Type", choices=Convention.Kind.choices, empty_label="Tous"
    )
    status = django_filters.ChoiceFilter(
        label="Statut", choices=Convention.Status.choices, empty_label="Tous"
    )
    departement = django_filters.ChoiceFilter(
        label="Département", field_name="communes__departement", choices=[], distinct=True
    )
    commune = django_filters.ModelChoiceFilter(
        label="Commune", field_name="communes", queryset=Commune.objects.none(), distinct=True
    )
    epci = django_filters.ModelChoiceFilter(
        label="EPCI", field_name="epcis", queryset=EPCI.objects.none(), distinct=True
    )
    q = django_filters.CharFilter(
        label="Recherche dans l’intitulé", field_name="title", lookup_expr="icontains"
    )

    class Meta:
        model = Convention
        fields = ["programme", "kind", "status", "departement", "commune", "epci", "q"]
        form = DsfrBaseForm

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the territories of conventions the user may read are offered.
        visible = Convention.objects.for_user(user)
        communes = Commune.objects.filter(conventions__in=visible).distinct()
        self.filters["commune"].queryset = communes
        self.filters["epci"].queryset = EPCI.objects.filter(conventions__in=visible).distinct()
        departements = communes.order_by("departement").values_list("departement", flat=True)
        self.filters["departement"].extra["choices"] = [
            (code, code) for code in dict.fromkeys(departements)
        ]
