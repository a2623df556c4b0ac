from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import AmendmentSignature, SignedVersion


class ReadOnlyAdmin(HistoryAdmin):
    """What the signature workflow records is never added, edited nor deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignedVersion)
class SignedVersionAdmin(ReadOnlyAdmin):
    list_display = ["convention", "number", "signed_on", "pdf_sha256"]
    list_select_related = ["convention"]
    exclude = ["pdf", "content"]


@admin.register(AmendmentSignature)
class AmendmentSignatureAdmin(ReadOnlyAdmin):
    list_display = ["amendment", "organisation", "representative", "signature_date"]
    list_select_related = ["amendment__convention", "organisation", "representative"]
