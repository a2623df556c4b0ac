from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import Amendment, Article, Convention, Deliberation, InterventionSector, Signatory


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
