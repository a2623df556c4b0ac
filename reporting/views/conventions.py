"""« Mes conventions » and the list of every convention the user may read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from actions.models import Action
from conventions.filters import ConventionFilter
from conventions.models import Convention

from ..dashboards import maturity_counts

LIST_PAGE_SIZE = 20


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
        "reporting/home.html",
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
    filtered = filterset.is_valid() and any(filterset.form.cleaned_data.values())
    title = "Rechercher une convention"
    if filtered:
        title = f"Conventions filtrées ({page.paginator.count})"
    if page.paginator.num_pages > 1:
        title += f", page {page.number} sur {page.paginator.num_pages}"
    return render(
        request,
        "reporting/list.html",
        {
            "title": title,
            "filtered": filtered,
            "filter": filterset,
            "page_obj": page,
            "query": query.urlencode(),
        },
    )
