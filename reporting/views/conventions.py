"""« Mes conventions » and the list of every convention the user may read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from conventions.filters import ConventionFilter
from conventions.models import Convention
from ort_portal.pagination import page_title, paginate

from ..dashboards import with_maturity_counts

LIST_PAGE_SIZE = 20


@login_required
def home(request):
    conventions = (
        Convention.objects.for_user(request.user)
        .select_related("main_commune", "parent")
        .prefetch_related("communes")
        .order_by("title", "pk")
    )
    pages = paginate(request, conventions, LIST_PAGE_SIZE)
    page = pages["page_obj"]
    page.object_list = with_maturity_counts(page.object_list)
    return render(
        request,
        "reporting/home.html",
        {"title": page_title("Mes conventions", pages["page_obj"]), **pages},
    )


@login_required
def convention_list(request):
    filterset = ConventionFilter(
        request.GET or None,
        queryset=Convention.objects.for_user(request.user)
        .select_related("main_commune")
        .prefetch_related("communes", "epcis")
        .order_by("title", "pk"),
        user=request.user,
    )
    pages = paginate(request, filterset.qs, LIST_PAGE_SIZE)
    page = pages["page_obj"]
    page.object_list = with_maturity_counts(page.object_list)
    filtered = filterset.is_valid() and any(filterset.form.cleaned_data.values())
    title = "Rechercher une convention"
    if filtered:
        title = f"Conventions filtrées ({pages['page_obj'].paginator.count})"
    return render(
        request,
        "reporting/list.html",
        {
            "title": page_title(title, pages["page_obj"]),
            "filtered": filtered,
            "filter": filterset,
            **pages,
        },
    )
