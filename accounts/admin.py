from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import Profile


@admin.register(Profile)
class ProfileAdmin(HistoryAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    filter_horizontal = ["conventions", "communes", "epcis"]
    autocomplete_fields = ["representative"]
