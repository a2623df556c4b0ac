from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import AmendmentSignature, SignedVersion, SignedVersionPDF


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
    list_select_related = ["convention", "archive"]
    exclude = ["content"]
    readonly_fields = ["pdf_sha256"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("archive__pdf")

    @admin.display(description="empreinte SHA-256 du PDF/A")
    def pdf_sha256(self, version):
        return version.archive.sha256 if version.pdf_ready else "en préparation"


@admin.register(SignedVersionPDF)
class SignedVersionPDFAdmin(ReadOnlyAdmin):
    list_display = ["version", "sha256", "created_at"]
    list_select_related = ["version__convention"]
    exclude = ["pdf"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("pdf")


@admin.register(AmendmentSignature)
class AmendmentSignatureAdmin(ReadOnlyAdmin):
    list_display = ["amendment", "organisation", "representative", "signature_date"]
    list_select_related = ["amendment__convention", "organisation", "representative"]
