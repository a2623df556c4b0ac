from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import ProConnectIdentity, Profile


@admin.register(Profile)
class ProfileAdmin(HistoryAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    filter_horizontal = ["conventions", "communes", "epcis"]
    autocomplete_fields = ["representative"]


@admin.register(ProConnectIdentity)
class ProConnectIdentityAdmin(HistoryAdmin):
    """Written by the ProConnect sign-in only."""

    list_display = ["user", "siret"]
    search_fields = ["user__username", "user__email", "siret"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
