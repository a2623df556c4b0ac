from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import EPCI, Commune, Organisation, Representative


@admin.register(Commune)
class CommuneAdmin(HistoryAdmin):
    list_display = ["name", "insee_code", "departement"]
    search_fields = ["name", "insee_code"]
    list_filter = ["departement"]


@admin.register(EPCI)
class EPCIAdmin(HistoryAdmin):
    list_display = ["name", "siren", "nature"]
    search_fields = ["name", "siren"]
    filter_horizontal = ["communes"]


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "category", "siren"]
    list_filter = ["category"]
    search_fields = ["name", "siren"]
    autocomplete_fields = ["commune", "epci"]
    inlines = [RepresentativeInline]


@admin.register(Representative)
class RepresentativeAdmin(HistoryAdmin):
    list_display = ["last_name", "first_name", "function", "organisation", "mandate_start"]
    search_fields = ["last_name", "first_name", "function", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
