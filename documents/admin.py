from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(HistoryAdmin):
    """Documents are requested in the portal's pages; here they are only read."""

    list_display = ["title", "kind", "requested_by", "status", "size", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["requested_by"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
