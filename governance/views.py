from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from conventions.access import get_convention_for_user
from documents.views import prepare
from ort_portal.pagination import page_title, paginate
from ort_portal.pdf import download_response
from ort_portal.writes import write_or_form_error

from . import services
from .access import (
    get_committee_for_user,
    get_decision_for_user,
    get_meeting_for_user,
    get_member_for_user,
)
from .forms import AttendanceForm, CommitteeMemberForm, DecisionForm, MeetingForm
from .models import Committee, Meeting

PARIS = ZoneInfo("Europe/Paris")
RECORD_PDF_KIND = "releve_de_decisions"
COMMITTEE_PAGE_SIZE = 20


@login_required
def committee_list(request):
    committees = Committee.objects.for_user(request.user)
    pages = paginate(request, committees.for_listing(request.user), COMMITTEE_PAGE_SIZE)
    return render(
        request,
        "governance/committee_list.html",
        {
            "title": page_title("Comités", pages["page_obj"]),
            "committees": pages["page_obj"].object_list,
            "behind_count": committees.behind_rhythm().count(),
            **pages,
        },
    )


@login_required
def convention_committees(request, pk):
    convention = get_convention_for_user(request.user, pk)
    committees = Committee.objects.filter(conventions=convention).for_listing(request.user)
    return render(
        request,
        "governance/committee_list.html",
        {
            "title": f"Comités – {convention.reference}",
            "convention": convention,
            "committees": committees,
        },
    )


def _committee_context(request, committee, **forms):
    can_edit = request.user.has_perm("governance.edit_committee", committee)
    meetings = committee.meetings.annotate(
        decision_count=Count("decisions", distinct=True),
        attendance_count=Count("attendances", distinct=True),
    ).order_by("-starts_at")
    context = {
        "title": str(committee),
        "committee": committee,
        "meetings": meetings,
        "members": services.seats_with_successors(committee),
        "now": timezone.now(),
        "can_edit": can_edit,
    }
    if can_edit:
        context["meeting_form"] = forms.get("meeting_form") or MeetingForm()
        context["member_form"] = forms.get("member_form") or CommitteeMemberForm(
            committee=committee, user=request.user
        )
    return context


@login_required
def committee_detail(request, pk):
    committee = get_committee_for_user(
        request.user, pk, queryset=Committee.objects.for_listing(request.user)
    )
    return render(
        request, "governance/committee_detail.html", _committee_context(request, committee)
    )


@login_required
def meeting_create(request, pk):
    committee = get_committee_for_user(request.user, pk, edit=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.plan_meeting(committee=committee, **form.cleaned_data)
        messages.success(request, "La séance est planifiée.")
        return redirect("governance:meeting_detail", meeting.pk)
    return render(
        request,
        "governance/meeting_form.html",
        {"title": f"Planifier une séance – {committee}", "committee": committee, "form": form},
    )


@login_required
def member_add(request, pk):
    committee = get_committee_for_user(request.user, pk, edit=True)
    form = CommitteeMemberForm(request.POST or None, committee=committee, user=request.user)
    member = None
    if request.method == "POST" and form.is_valid():
        member = write_or_form_error(
            form,
            lambda: services.add_member(committee=committee, **form.cleaned_data),
            message="Ce membre vient d’être ajouté au comité.",
        )
    if member is not None:
        messages.success(request, "Le membre est ajouté au comité.")
        return redirect("governance:committee_detail", committee.pk)
    return render(
        request,
        "governance/member_form.html",
        {"title": f"Ajouter un membre – {committee}", "committee": committee, "form": form},
    )


@login_required
@require_POST
def member_hand_over(request, pk):
    member = get_member_for_user(request.user, pk, edit=True)
    committee = member.committee
    successor = services.successor_of(member)
    if successor is None:
        messages.error(request, "Aucun successeur en fonction n’est enregistré pour ce siège.")
    else:
        services.hand_over_seat(member=member, successor=successor)
        messages.success(
            request,
            f"{successor.full_name} siège désormais à la place de "
            f"{member.representative.full_name}.",
        )
    return redirect("governance:committee_detail", committee.pk)


def _meeting_context(request, meeting, *, decision_form=None):
    can_edit = request.user.has_perm("governance.edit_committee", meeting.committee)
    context = {
        "title": f"Séance – {meeting_label(meeting)}",
        "meeting": meeting,
        "committee": meeting.committee,
        "can_edit": can_edit,
    }
    if can_edit:
        context["decision_form"] = decision_form or DecisionForm(
            committee=meeting.committee, user=request.user
        )
    return context


@login_required
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(
        request.user, pk, queryset=Meeting.objects.with_record(request.user)
    )
    return render(request, "governance/meeting_detail.html", _meeting_context(request, meeting))


@login_required
def meeting_edit(request, pk):
    meeting = get_meeting_for_user(request.user, pk, edit=True)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.update_meeting(meeting=meeting, **form.cleaned_data)
        messages.success(request, "La séance est modifiée.")
        return redirect("governance:meeting_detail", meeting.pk)
    return render(
        request,
        "governance/meeting_form.html",
        {
            "title": f"Modifier la séance – {meeting_label(meeting)}",
            "committee": meeting.committee,
            "meeting": meeting,
            "form": form,
        },
    )


@login_required
def meeting_attendance(request, pk):
    meeting = get_meeting_for_user(
        request.user, pk, edit=True, queryset=Meeting.objects.with_record(request.user)
    )
    members = (
        meeting.committee.members.filter(
            Q(pk__in=meeting.committee.members.in_office(timezone.localdate(meeting.starts_at)))
            | Q(attendances__meeting=meeting)
        )
        .distinct()
        .select_related("representative", "organisation")
    )
    form = AttendanceForm(request.POST or None, meeting=meeting, members=members)
    if request.method == "POST" and form.is_valid():
        services.record_attendance(meeting=meeting, **form.presences())
        messages.success(request, "Les présences sont enregistrées.")
        return redirect("governance:meeting_detail", meeting.pk)
    return render(
        request,
        "governance/attendance_form.html",
        {"title": f"Présences – {meeting_label(meeting)}", "meeting": meeting, "form": form},
    )


@login_required
def decision_create(request, pk):
    """Adds a line to the relevé; with htmx, answers the relevé region of the séance page."""
    meeting = get_meeting_for_user(request.user, pk, edit=True)
    form = DecisionForm(request.POST or None, committee=meeting.committee, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.record_decision(meeting=meeting, **form.cleaned_data)
        if not request.htmx:
            messages.success(request, "La décision est ajoutée au relevé.")
            return redirect("governance:meeting_detail", meeting.pk)
        form = None
    if request.htmx and request.method == "POST":
        meeting = Meeting.objects.with_record(request.user).get(pk=meeting.pk)
        response = render(
            request,
            "governance/meeting_detail.html#decisions",
            _meeting_context(request, meeting, decision_form=form),
        )
    else:
        response = render(
            request,
            "governance/decision_form.html",
            {
                "title": f"Ajouter une décision – {meeting_label(meeting)}",
                "meeting": meeting,
                "form": form,
            },
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def decision_delete(request, pk):
    decision = get_decision_for_user(request.user, pk, edit=True)
    services.delete_decision(decision=decision)
    messages.success(request, "La décision est retirée du relevé.")
    return redirect("governance:meeting_detail", decision.meeting_id)


@login_required
def meeting_pdf(request, pk):
    """GET: the page offering to prepare the relevé de décisions; POST: prepare it."""
    meeting = get_meeting_for_user(request.user, pk)
    title = f"Relevé de décisions – {meeting_label(meeting)} (PDF)"
    return prepare(request, kind=RECORD_PDF_KIND, target_id=meeting.pk, title=title)


@login_required
def committee_ics(request, pk):
    """The séances of a comité as an iCalendar file; each séance keeps its UID across exports
    so a calendar application updates rather than duplicates it."""
    committee = get_committee_for_user(request.user, pk)
    calendar = Calendar()
    calendar.add("prodid", "-//Portail ORT//Séances de comité//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(committee))
    stamp = timezone.now()
    for meeting in committee.meetings.order_by("starts_at"):
        event = Event()
        event.add("uid", f"seance-{meeting.pk}@portail-ort")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(meeting.starts_at, PARIS))
        if meeting.ends_at:
            event.add("dtend", timezone.localtime(meeting.ends_at, PARIS))
        event.add("summary", f"{committee.name}")
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.agenda:
            event.add("description", meeting.agenda)
        event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    filename = f"seances-{slugify(committee.name)[:60] or committee.pk}.ics"
    return download_response(calendar.to_ical(), "text/calendar; charset=utf-8", filename)


def meeting_label(meeting) -> str:
    """« séance du 12/03/2026, Comité de projet … »: the date first, so that a page title
    cut to its length (base.html) still tells two séances apart."""
    return f"{timezone.localtime(meeting.starts_at):%d/%m/%Y}, {meeting.committee}"
