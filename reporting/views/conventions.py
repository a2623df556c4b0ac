"""« Mes conventions » and the list of every convention the user may read.

Both are paginated: the page's conventions are chosen first, then only they get their
actions counted (a national administrator reads some 1,250 conventions).
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from actions.models import Action
from conventions.filters import ConventionFilter
from conventions.models import Convention

from ..dashboards import maturity_counts

LIST_PAGE_SIZE = 20


def counted_page(request, conventions, *, related=("communes",)):
    """The requested page of `conventions`, each with its actions counted per maturity."""
    page = Paginator(conventions, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = [convention.pk for convention in page.object_list]
    rows = maturity_counts(
        Convention.objects.filter(pk__in=chosen)
        .select_related("main_commune", "parent")
        .prefetch_related(*related),
        "axes__actions",
    )
    by_pk = {row.pk: row for row in rows}
    page.object_list = [by_pk[pk] for pk in chosen]
    return page


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def home(request):
    conventions = Convention.objects.for_user(request.user).order_by("title", "pk")
    return render(
        request,
        "reporting/home.html",
        {
            "title": "Mes conventions",
            "page_obj": counted_page(request, conventions),
            "query": _query_without_page(request),
            "maturities": Action.Maturity,
        },
    )


@login_required
def convention_list(request):
    filterset = ConventionFilter(
        request.GET or None,
        queryset=Convention.objects.for_user(request.user).order_by("title", "pk"),
        user=request.user,
    )
    page = counted_page(request, filterset.qs, related=("communes", "epcis"))
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
            "query": _query_without_page(request),
        },
    )
