"""The convention page (built from the sections higher apps register) and its history."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from ort_portal.history import HistoryFilterForm, build_history
from ort_portal.pagination import paginate

from .access import get_convention_for_user
from .history import convention_scope
from .models import Convention, Signatory
from .sections import detail_prefetches, detail_sections

HISTORY_PAGE_SIZE = 50


@login_required
def convention_detail(request, pk):
    convention = get_convention_for_user(
        request.user,
        pk,
        queryset=Convention.objects.select_related("main_commune", "parent").prefetch_related(
            "communes",
            "epcis",
            "articles",
            "sectors",
            "amendments",
            Prefetch("children", queryset=Convention.objects.order_by("title")),
            Prefetch(
                "signatories",
                queryset=Signatory.objects.select_related(
                    "organisation", "representative", "deliberation", "acting_for"
                ),
            ),
            *detail_prefetches(),
        ),
    )
    return render(
        request,
        "conventions/detail.html",
        {
            "title": f"Convention {convention.reference}",
            "convention": convention,
            "sections": detail_sections(),
            "can_edit": request.user.has_perm("conventions.edit_convention", convention),
        },
    )


@login_required
def convention_history(request, pk):
    convention = get_convention_for_user(request.user, pk)
    form = HistoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries, authors = build_history(
        convention_scope(convention.pk),
        author=filters.get("author"),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    form.set_authors(authors)
    pages = paginate(request, entries, HISTORY_PAGE_SIZE)
    return render(
        request,
        "conventions/history.html",
        {
            "title": history_title(convention, pages["page_obj"], filtered=any(filters.values())),
            "convention": convention,
            "form": form,
            **pages,
        },
    )


def history_title(convention, page, *, filtered):
    title = f"Historique{' filtré' if filtered else ''} – {convention.reference}"
    if page.paginator.num_pages > 1:
        title += f", page {page.number}/{page.paginator.num_pages}"
    return title
