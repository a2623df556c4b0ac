from django.contrib import admin

from ort_portal.history_admin import HistoryAdmin

from .models import (
    Action,
    ActionOwner,
    Axis,
    AxisTemplate,
    Funding,
    Indicator,
    Measurement,
    Objective,
)


@admin.register(AxisTemplate)
class AxisTemplateAdmin(HistoryAdmin):
    list_display = ["programme", "number", "title"]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(Axis)
class AxisAdmin(HistoryAdmin):
    list_display = ["convention", "number", "title"]
    list_filter = ["convention"]
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(HistoryAdmin):
    list_display = ["axis", "position", "text"]


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0
    autocomplete_fields = ["funder"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Action)
class ActionAdmin(HistoryAdmin):
    list_display = ["code", "title", "axis", "maturity", "has_fiche", "progress"]
    list_filter = ["maturity", "has_fiche", "axis__convention"]
    search_fields = ["title", "code"]
    list_select_related = ["axis", "axis__convention"]
    autocomplete_fields = ["project_owner", "partners"]
    inlines = [FundingInline, IndicatorInline]

    def deletion_refusals(self, obj):
        return [
            f"L’action « {obj} » est citée par la décision « {decision} » : marquez-la "
            "« abandonnée » plutôt que de la supprimer."
            for decision in obj.decisions.select_related("meeting__committee")
        ]


@admin.register(ActionOwner)
class ActionOwnerAdmin(HistoryAdmin):
    list_display = ["action", "organisation", "phase", "share", "period_start", "period_end"]
    list_select_related = ["action", "organisation"]
    autocomplete_fields = ["action", "organisation"]


@admin.register(Funding)
class FundingAdmin(HistoryAdmin):
    list_display = ["action", "funder", "year", "period_start", "period_end", "amount", "status"]
    list_filter = ["status", "nature", "year"]
    list_select_related = ["action", "funder"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["label", "action", "kind", "target"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(HistoryAdmin):
    list_display = ["indicator", "date", "value"]
