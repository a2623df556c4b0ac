from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import (
    EPCI,
    Amendment,
    AmendmentSignature,
    Article,
    Commune,
    Convention,
    Deliberation,
    InterventionSector,
    Organisation,
    Profile,
    Representative,
    Signatory,
    SignedVersion,
)


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


class ArticleInline(admin.StackedInline):
    model = Article
    extra = 0


class SectorInline(admin.StackedInline):
    model = InterventionSector
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    autocomplete_fields = ["organisation", "representative"]


@admin.register(Convention)
class ConventionAdmin(HistoryAdmin):
    list_display = ["title", "reference", "kind", "programme", "is_ort", "status"]
    list_filter = ["kind", "programme", "status", "is_ort"]
    search_fields = ["title", "reference"]
    filter_horizontal = ["communes", "epcis"]
    autocomplete_fields = ["parent", "main_commune"]
    inlines = [SignatoryInline, ArticleInline, SectorInline]


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    list_display = ["convention", "number", "title"]
    list_filter = ["convention"]


@admin.register(InterventionSector)
class InterventionSectorAdmin(HistoryAdmin):
    list_display = ["name", "convention"]
    search_fields = ["name"]


class DeliberationInline(admin.StackedInline):
    model = Deliberation
    extra = 0


@admin.register(Signatory)
class SignatoryAdmin(HistoryAdmin):
    list_display = ["convention", "organisation", "representative", "role", "signature_date"]
    list_filter = ["role", "convention"]
    list_select_related = ["convention", "organisation", "representative"]
    autocomplete_fields = ["organisation", "representative"]
    inlines = [DeliberationInline]


@admin.register(Deliberation)
class DeliberationAdmin(HistoryAdmin):
    list_display = ["body", "date", "outcome", "signatory"]


@admin.register(Amendment)
class AmendmentAdmin(HistoryAdmin):
    list_display = ["convention", "number", "status", "signature_date"]
    list_filter = ["status"]


@admin.register(Profile)
class ProfileAdmin(HistoryAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    filter_horizontal = ["conventions", "communes", "epcis"]
    autocomplete_fields = ["representative"]


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
