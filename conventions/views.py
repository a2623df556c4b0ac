from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import render

from actions.dashboards import maturity_counts
from actions.models import Action, Axis, Objective
from governance.models import Committee

from .access import get_convention_for_user
from .filters import ConventionFilter
from .history import HistoryFilterForm, build_history, convention_scope
from .models import Convention, Signatory

LIST_PAGE_SIZE = 20
HISTORY_PAGE_SIZE = 50


@login_required
def home(request):
    conventions = maturity_counts(
        Convention.objects.for_user(request.user)
        .select_related("main_commune", "parent")
        .prefetch_related("communes"),
        "axes__actions",
    ).order_by("title")
    return render(
        request,
        "conventions/home.html",
        {"title": "Mes conventions", "conventions": conventions, "maturities": Action.Maturity},
    )


@login_required
def convention_list(request):
    filterset = ConventionFilter(
        request.GET or None,
        queryset=maturity_counts(
            Convention.objects.for_user(request.user)
            .select_related("main_commune")
            .prefetch_related("communes", "epcis"),
            "axes__actions",
        ).order_by("title"),
        user=request.user,
    )
    page = Paginator(filterset.qs, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "conventions/list.html",
        {
            "title": "Toutes les conventions",
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
        },
    )


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
                    "organisation", "representative", "deliberation"
                ),
            ),
            Prefetch(
                "axes",
                queryset=Axis.objects.prefetch_related(
                    Prefetch("objectives", queryset=Objective.objects.order_by("position"))
                ).annotate(actions_count=Count("actions")),
            ),
            Prefetch(
                "committees", queryset=Committee.objects.with_rhythm().order_by("kind", "name")
            ),
        ),
    )
    return render(
        request,
        "conventions/detail.html",
        {
            "title": convention.title,
            "convention": convention,
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
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "conventions/history.html",
        {
            "title": f"Historique – {convention.title}",
            "convention": convention,
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
        },
    )
