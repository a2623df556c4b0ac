from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import Notice, NoticeOptOut


class ReadOnlyHistoryAdmin(HistoryAdmin):
    """Notices are written by the reminders and their recipients only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(ReadOnlyHistoryAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "emailed_at", "read_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["subject", "recipient__username", "recipient__email"]
    date_hierarchy = "created_at"


@admin.register(NoticeOptOut)
class NoticeOptOutAdmin(ReadOnlyHistoryAdmin):
    list_display = ["user", "kind"]
    list_filter = ["kind"]
