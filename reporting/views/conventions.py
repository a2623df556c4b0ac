"""« Mes conventions » and the list of every convention the user may read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from conventions.filters import ConventionFilter
from conventions.models import Convention
from ort_portal.pagination import page_title, paginate

from ..dashboards import maturity_counts

LIST_PAGE_SIZE = 20


@login_required
def home(request):
    conventions = maturity_counts(
        Convention.objects.for_user(request.user)
        .select_related("main_commune", "parent")
        .prefetch_related("communes"),
        "axes__actions",
    ).order_by("title", "pk")
    pages = paginate(request, conventions, LIST_PAGE_SIZE)
    return render(
        request,
        "reporting/home.html",
        {"title": page_title("Mes conventions", pages["page_obj"]), **pages},
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
    pages = paginate(request, filterset.qs, LIST_PAGE_SIZE)
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
