"""The territory dashboard: every convention the user may read, or a chapeau and the
conventions it covers.

A national user reads 1,250 conventions and 50,000 actions: the dashboard shows the totals
and the first rows of each list, and each list has its own page, paginated, with the same
filters (`tableau-de-bord/<liste>/`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Funding
from conventions.access import get_convention_for_user
from conventions.models import Convention
from governance.models import Committee
from ort_portal.pagination import page_title, paginate, query_without_page
from ort_portal.params import int_param

from .. import dashboards
from ..charts import MATURITY_SERIES, stacked_bars
from ..filters import TerritoryFilter
from .dashboards import dashboard_context, with_ratios

SUMMARY_ROWS = 10  # rows of each list on the dashboard itself
SECTION_PAGE_SIZE = 50
# Why the chart of the conventions shown has nothing to draw (reporting.charts.stacked_bars).
NO_ACTION_SHOWN = "les conventions affichées ne comptent aucune action"


def territory_scope(request):
    """The conventions of the territory dashboard and, for a chapeau, the chapeau itself."""
    conventions = Convention.objects.for_user(request.user)
    chapeau = None
    requested = request.GET.get("convention")
    if requested:
        if (requested_pk := int_param(requested)) is None:
            raise Http404("Convention inconnue.")
        chapeau = get_convention_for_user(request.user, requested_pk)
        conventions = conventions.filter(Q(pk=chapeau.pk) | Q(parent=chapeau.pk))
    return chapeau, conventions


def filtered_scope(request):
    """The scope, its filters (kept in the URL) and whether any filter is set; the scope is
    read once as a list of conventions (pinned)."""
    chapeau, conventions = territory_scope(request)
    filterset = TerritoryFilter(request.GET, queryset=conventions, user=request.user)
    filtered = filterset.is_valid() and any(filterset.form.cleaned_data.values())
    return chapeau, filterset, filtered, pinned(filterset.qs)


def pinned(conventions):
    """The same conventions, named by their ids. A user's territory (profile conventions,
    communes or EPCI, OR-ed) is a condition PostgreSQL cannot estimate: nested in each
    aggregate, it took 5,470 axes for the 25 of a chef de projet and scanned the 200,000
    funding lines of the country (EXPLAIN ANALYZE); a list of ids takes the indexes."""
    return Convention.objects.filter(pk__in=list(conventions.values_list("pk", flat=True)))


def convention_rows(scope):
    """The conventions in the order of the dashboard; their figures come with the page
    shown (dashboards.with_figures)."""
    return scope.select_related(None).order_by("parent_id", "title", "pk")


@login_required
def territory_dashboard(request):
    chapeau, filterset, filtered, scope = filtered_scope(request)
    rows = dashboards.with_figures(convention_rows(scope)[:SUMMARY_ROWS])
    convention_count = scope.count()
    title = (
        f"Vue d’ensemble du territoire – {chapeau.reference}"
        if chapeau
        else "Tableau de bord des conventions"
    )
    if filtered:
        title += f" (filtré, {convention_count} convention{'s' if convention_count > 1 else ''})"
    clear_url = reverse("reporting:territory_dashboard")
    context = {
        "title": title,
        "filtered": filtered,
        "clear_url": f"{clear_url}?convention={chapeau.pk}" if chapeau else clear_url,
        "hidden": [("convention", chapeau.pk)] if chapeau else [],
        "chapeau": chapeau,
        "filter": filterset,
        "convention_rows": rows,
        "convention_count": convention_count,
        "conventions_chart": stacked_bars(
            rows, lambda c: c.reference, MATURITY_SERIES, nothing=NO_ACTION_SHOWN
        ),
        "chapeaux": Convention.objects.for_user(request.user)
        .filter(kind=Convention.Kind.CHAPEAU)
        .order_by("title"),
        "query": query_without_page(request),
        **dashboard_context(
            dashboards.actions_of(scope),
            scope,
            today=timezone.localdate(),
            limit=SUMMARY_ROWS,
        ),
    }
    return render(request, "reporting/dashboard/territory.html", context)


# The lists of the dashboard, each on its own page


@dataclass(frozen=True)
class Section:
    title: str  # « Actions en retard »: the page's heading, and the link's words
    rows: Callable  # (conventions, today) -> the rows, in their order
    shown: Callable = list  # the page's rows -> the rows with what the table shows of them


def _actions(rows):
    return lambda scope, today: rows(dashboards.actions_of(scope), today)


SECTIONS = {
    "conventions": Section(
        "Conventions", lambda scope, today: convention_rows(scope), dashboards.with_figures
    ),
    "financeurs": Section(
        "Financements par financeur",
        _actions(lambda actions, today: dashboards.financing_by_funder(actions)),
    ),
    "indicateurs": Section(
        "Indicateurs",
        _actions(lambda actions, today: dashboards.indicators_with_last_value(actions)),
        lambda indicators: with_ratios(list(indicators)),
    ),
    "actions-en-retard": Section("Actions en retard", _actions(dashboards.late_actions)),
    "actions-sans-fiche": Section(
        "Actions projetées sans fiche-action",
        _actions(lambda actions, today: dashboards.projected_without_fiche(actions)),
    ),
    "comites": Section(
        "Comités", lambda scope, today: Committee.objects.following(scope).order_by("name", "pk")
    ),
}


@login_required
def territory_section(request, section):
    if section not in SECTIONS:
        raise Http404("Liste inconnue.")
    chapeau, filterset, filtered, scope = filtered_scope(request)
    today = timezone.localdate()
    pages = paginate(request, SECTIONS[section].rows(scope, today), SECTION_PAGE_SIZE)
    extra = {"rows": SECTIONS[section].shown(pages["page_obj"].object_list)}
    if section == "financeurs":
        extra["status_totals"] = dashboards.financing_totals(dashboards.actions_of(scope))
    heading = SECTIONS[section].title
    where = f" – {chapeau.reference}" if chapeau else ""
    filters = " (filtré)" if filtered else ""
    dashboard_url = reverse("reporting:territory_dashboard")
    if pages["query"]:
        dashboard_url += f"?{pages['query']}"
    return render(
        request,
        "reporting/dashboard/section.html",
        {
            "title": page_title(f"{heading}{filters}{where} – tableau de bord", pages["page_obj"]),
            "heading": heading,
            "section": section,
            "chapeau": chapeau,
            "filtered": filtered,
            "dashboard_url": dashboard_url,
            "today": today,
            "statuses": Funding.Status,
            "maturities": Action.Maturity,
            **pages,
            **extra,
        },
    )
