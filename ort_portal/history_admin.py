"""The admin base class of every domain model: django-simple-history's, hardened."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """Shows an object's history, never writes from it; refuses to delete what a signed
    document or a comité's decision refers to (deletion_refusals).

    django-simple-history's page of a past version saves a POST with the view permission
    only. The portal disables reverting (SIMPLE_HISTORY_REVERT_DISABLED): a past version
    is read, changes go through the change form and its permissions.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Une version passée se consulte, elle ne se restaure pas.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def deletion_refusals(self, obj) -> list[str]:
        """Why `obj` may not be deleted, in French: each sentence names what refers to it
        and what to do instead. The admin shows them on its refusal page."""
        return []

    def get_deleted_objects(self, objs, request):
        # Both the delete page and the « supprimer les objets sélectionnés » action ask this
        # before deleting; anything in `protected` makes them refuse.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [reason for obj in objs for reason in self.deletion_refusals(obj)]
        return deleted, counts, perms_needed, [*protected, *refusals]
