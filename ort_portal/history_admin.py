"""The admin base class of every domain model: django-simple-history's, hardened."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """Shows an object's history, never writes from it.

    django-simple-history's page of a past version saves a POST with the view permission
    only. The portal disables reverting (SIMPLE_HISTORY_REVERT_DISABLED): a past version
    is read, changes go through the change form and its permissions.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Une version passée se consulte, elle ne se restaure pas.")
        return super().history_form_view(request, object_id, version_id, extra_context)
