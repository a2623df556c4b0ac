"""Filters of the plan d'action, kept in the URL so a filtered plan can be shared."""

import django_filters
from django import forms
from django.db.models import Q

from directory.models import Organisation
from ort_portal.filters import SearchFilter
from ort_portal.forms import FilterForm

from .models import Action, Axis


class YesNoSelect(forms.Select):
    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", "Toutes"), ("true", "Oui"), ("false", "Non")])


class ActionFilter(django_filters.FilterSet):
    axis = django_filters.ModelChoiceFilter(
        label="Axe", queryset=Axis.objects.none(), empty_label="Tous"
    )
    maturity = django_filters.ChoiceFilter(
        label="Maturité", choices=Action.Maturity.choices, empty_label="Toutes"
    )
    project_owner = django_filters.ModelChoiceFilter(
        label="Maître d’ouvrage",
        queryset=Organisation.objects.none(),
        method="filter_owner",
        empty_label="Tous",
    )
    funder = django_filters.ModelChoiceFilter(
        label="Financeur",
        queryset=Organisation.objects.none(),
        method="filter_funder",
        empty_label="Tous",
    )
    has_fiche = django_filters.BooleanFilter(label="Fiche-action", widget=YesNoSelect)
    late = django_filters.BooleanFilter(
        label="En retard (fin dépassée, ni réalisée ni abandonnée)",
        method="filter_late",
        widget=YesNoSelect,
    )
    q = SearchFilter(label="Recherche dans l’intitulé ou le numéro", method="filter_text")

    class Meta:
        model = Action
        fields = ["axis", "maturity", "project_owner", "funder", "has_fiche", "late", "q"]
        form = FilterForm

    def __init__(self, *args, convention, **kwargs):
        super().__init__(*args, **kwargs)
        in_plan = Action.objects.filter(axis__convention=convention)
        self.filters["axis"].queryset = convention.axes.all()
        self.filters["project_owner"].queryset = Organisation.objects.filter(
            Q(pk__in=in_plan.values("project_owner"))
            | Q(pk__in=in_plan.values("co_owners__organisation"))
        )
        self.filters["funder"].queryset = Organisation.objects.filter(
            pk__in=in_plan.values("fundings__funder")
        )

    def filter_owner(self, queryset, name, value):
        """The main maître d'ouvrage or another one (ActionOwner)."""
        owned = Action.objects.filter(Q(project_owner=value) | Q(co_owners__organisation=value))
        return queryset.filter(pk__in=owned.values("pk"))

    def filter_funder(self, queryset, name, value):
        return queryset.filter(pk__in=Action.objects.filter(fundings__funder=value).values("pk"))

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        late = Action.objects.late().values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(code__icontains=value))
