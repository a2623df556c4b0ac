"""The admin shows a convention's status and, once signed, its signed content read-only:
they change through the signature workflow and avenants only (issue 10)."""

from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import Amendment, Article, Convention, Deliberation, InterventionSector, Signatory

# What the parties signed: frozen once the convention is signed.
SIGNED_CONTENT = [
    "title",
    "kind",
    "programme",
    "is_ort",
    "parent",
    "main_commune",
    "communes",
    "epcis",
    "preamble",
    "signature_place",
    "signature_date",
    "effective_date",
    "duration_years",
    "end_date",
    "duration_note",
    "ort_perimeter_homologation_date",
    "ort_perimeter_homologation_act",
    "termination_date",
    "termination_reason",
]


def _signed(convention):
    """From the first signature on (résiliée included), the text is what parties signed."""
    return (
        convention is not None
        and convention.pk is not None
        and convention.status != Convention.Status.PROJET
    )


class SignedContentMixin:
    """Rows of a signed convention (`convention_of(obj)`) are read, never written here."""

    @staticmethod
    def convention_of(obj):
        return obj.convention if obj is not None else None

    def has_change_permission(self, request, obj=None):
        if _signed(self.convention_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "convention":
            kwargs["queryset"] = Convention.objects.filter(status=Convention.Status.PROJET)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        if _signed(self.convention_of(obj)):
            return False
        return super().has_delete_permission(request, obj)


class SignedInlineMixin:
    """Inlines of a signed convention (obj is the convention) are read-only."""

    def has_add_permission(self, request, obj=None):
        return not _signed(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _signed(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _signed(obj) and super().has_delete_permission(request, obj)


class ArticleInline(SignedInlineMixin, admin.StackedInline):
    model = Article
    extra = 0


class SectorInline(SignedInlineMixin, admin.StackedInline):
    model = InterventionSector
    extra = 0


class SignatoryInline(SignedInlineMixin, admin.TabularInline):
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

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status"]
        if _signed(obj):
            readonly += SIGNED_CONTENT
        return readonly

    def deletion_refusals(self, obj):
        signed = obj.signatories.filter(signature_date__isnull=False).select_related("organisation")
        return [
            f"« {s.organisation} » a signé la convention « {obj} » le {s.signature_date:%d/%m/%Y}"
            " : une convention signée se résilie, elle ne se supprime pas."
            for s in signed
        ]


@admin.register(Article)
class ArticleAdmin(SignedContentMixin, HistoryAdmin):
    list_display = ["convention", "number", "title"]
    list_filter = ["convention"]


@admin.register(InterventionSector)
class InterventionSectorAdmin(SignedContentMixin, HistoryAdmin):
    list_display = ["name", "convention"]
    search_fields = ["name"]


class DeliberationInline(admin.StackedInline):
    model = Deliberation
    extra = 0

    def has_change_permission(self, request, obj=None):
        return not _signed(obj and obj.convention) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return not _signed(obj and obj.convention) and super().has_add_permission(request, obj)


@admin.register(Signatory)
class SignatoryAdmin(SignedContentMixin, HistoryAdmin):
    list_display = ["convention", "organisation", "representative", "role", "signature_date"]
    list_filter = ["role", "convention"]
    list_select_related = ["convention", "organisation", "representative"]
    autocomplete_fields = ["organisation", "representative"]
    inlines = [DeliberationInline]

    def deletion_refusals(self, obj):
        if obj.signature_date is None:
            return []
        return [
            f"« {obj.organisation} » a signé la convention le {obj.signature_date:%d/%m/%Y} : "
            "sa signature et ses délibérations ne peuvent pas être supprimées."
        ]


@admin.register(Deliberation)
class DeliberationAdmin(SignedContentMixin, HistoryAdmin):
    list_display = ["body", "date", "outcome", "signatory"]

    @staticmethod
    def convention_of(obj):
        return obj.signatory.convention if obj is not None else None

    def deletion_refusals(self, obj):
        if obj.signatory.signature_date is None:
            return []
        return [
            f"La délibération « {obj} » précède une signature enregistrée : elle ne peut pas "
            "être supprimée."
        ]


@admin.register(Amendment)
class AmendmentAdmin(HistoryAdmin):
    """The draft, its base and the status belong to the avenant workflow; a signed avenant
    is read only."""

    list_display = ["convention", "number", "status", "signature_date"]
    list_filter = ["status"]
    readonly_fields = ["status", "draft", "base"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == Amendment.Status.SIGNE:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == Amendment.Status.SIGNE:
            return False
        return super().has_delete_permission(request, obj)
