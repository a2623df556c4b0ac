from django.contrib import admin
from django.db.models import Q

from ort_portal.history_admin import HistoryAdmin

from .models import Attendance, Committee, CommitteeMember, Decision, Meeting


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0
    autocomplete_fields = ["representative", "organisation"]


@admin.register(Committee)
class CommitteeAdmin(HistoryAdmin):
    list_display = ["name", "kind", "expected_meetings_per_year"]
    list_filter = ["kind"]
    filter_horizontal = ["conventions"]
    inlines = [CommitteeMemberInline]

    def deletion_refusals(self, obj):
        recorded = obj.meetings.filter(Q(decisions__isnull=False) | Q(attendances__isnull=False))
        return [
            f"La séance « {meeting} » du comité « {obj} » a des présences ou des décisions "
            "enregistrées : elles restent au relevé, le comité ne peut pas être supprimé."
            for meeting in recorded.distinct()
        ]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(HistoryAdmin):
    list_display = ["committee", "representative", "organisation", "label", "role"]
    list_select_related = ["committee", "representative", "organisation"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    filter_horizontal = ["actions"]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["committee", "starts_at", "place"]
    list_filter = ["committee"]
    inlines = [AttendanceInline, DecisionInline]

    def deletion_refusals(self, obj):
        if obj.decisions.exists() or obj.attendances.exists():
            return [
                f"La séance « {obj} » a des présences ou des décisions enregistrées : "
                "son relevé ne peut pas être supprimé."
            ]
        return []


@admin.register(Attendance)
class AttendanceAdmin(HistoryAdmin):
    list_display = ["meeting", "member", "guest_name", "status"]


@admin.register(Decision)
class DecisionAdmin(HistoryAdmin):
    list_display = ["meeting", "kind", "text"]
    list_filter = ["kind"]
    filter_horizontal = ["actions"]
