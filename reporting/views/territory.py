"""Tableau de bord of a territory — up to every convention of the country — and its
drill-down pages.

The dashboard shows summaries aggregated in SQL (reporting.territory): totals per programme,
région and département, the first rows of each list and how many there are; each list is
then read page by page on its drill-down page, with the same filters.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from actions.models import Action
from conventions.access import get_convention_for_user
from conventions.models import Convention
from governance.models import Committee

from .. import dashboards, territory
from ..charts import MATURITY_SERIES, percent_bar, stacked_bars, status_series
from ..filters import TerritoryFilter

PAGE_SIZE = 25


def territory_scope(request):
    """The conventions of the territory dashboard and, for a chapeau, the chapeau itself."""
    conventions = Convention.objects.for_user(request.user)
    chapeau = None
    requested = request.GET.get("convention")
    if requested:
        if not requested.isdigit():
            raise Http404("Convention inconnue.")
        chapeau = get_convention_for_user(request.user, int(requested))
        conventions = conventions.filter(Q(pk=chapeau.pk) | Q(parent=chapeau.pk))
    return chapeau, conventions


def _filtered(request):
    chapeau, conventions = territory_scope(request)
    filterset = TerritoryFilter(request.GET, queryset=conventions, user=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return chapeau, filterset, query.urlencode()


def _filter_context(request, chapeau, filterset) -> dict:
    """What the folded filters need: whether some apply, how to clear them, the chapeau."""
    clear_url = request.path + (f"?convention={chapeau.pk}" if chapeau else "")
    return {
        "filtered": filterset.is_valid() and any(filterset.form.cleaned_data.values()),
        "clear_url": clear_url,
        "filter_hidden": [("convention", chapeau.pk)] if chapeau else [],
    }


@login_required
def territory_dashboard(request):
    chapeau, filterset, query = _filtered(request)
    scope = filterset.qs
    actions = dashboards.actions_of(scope)
    today = timezone.localdate()
    completion = dashboards.completion(actions)
    by_funder = list(dashboards.financing_by_funder(actions)[: territory.SUMMARY_ROWS])
    by_year = list(dashboards.financing_by_year(actions))
    figures = territory.convention_figures(scope)
    departements = territory.by_departement(figures)
    title = (
        f"Vue d’ensemble du territoire – {chapeau.reference}"
        if chapeau
        else "Tableau de bord des conventions"
    )
    filters = _filter_context(request, chapeau, filterset)
    if filters["filtered"]:
        count = len(figures)
        title += f" (filtré, {count} convention{'s' if count > 1 else ''})"
    context = {
        **filters,
        "title": title,
        "chapeau": chapeau,
        "filter": filterset,
        "query": query,
        "today": today,
        "completion": completion,
        "realisation_bar": percent_bar(completion.realisation_rate),
        "progress_bar": percent_bar(completion.weighted_progress),
        "financing": dashboards.financing(actions),
        "by_funder": by_funder,
        "by_funder_chart": stacked_bars(by_funder, lambda r: r["funder__name"], status_series()),
        "by_year": by_year,
        "by_year_chart": stacked_bars(by_year, lambda r: str(r["year"]), status_series()),
        "programmes": territory.by_programme(figures),
        "regions": territory.by_region(figures),
        "departements": departements,
        "departements_chart": stacked_bars(departements, lambda r: r.label, MATURITY_SERIES),
        "counts": territory.counts(actions, scope, today=today),
        "late_actions": list(dashboards.late_actions(actions, today)[: territory.SUMMARY_ROWS]),
        "maturities": Action.Maturity,
        "chapeaux": list(
            Convention.objects.for_user(request.user)
            .filter(kind=Convention.Kind.CHAPEAU)
            .order_by("title")
            .values("pk", "reference")[:50]
        ),
    }
    return render(request, "reporting/dashboard/territory.html", context)


def _with_ratios(indicators):
    """Each indicator's last value as a share of its target, with its bar."""
    indicators = list(indicators)
    for indicator in indicators:
        indicator.ratio = (
            Decimal(indicator.last_value) * 100 / indicator.target
            if indicator.last_value is not None and indicator.target
            else None
        )
        indicator.bar = percent_bar(indicator.ratio)
    return indicators


DRILL_DOWNS = {
    "conventions": "Conventions",
    "actions-en-retard": "Actions en retard",
    "actions-sans-fiche": "Actions projetées sans fiche-action",
    "indicateurs": "Indicateurs",
    "comites": "Comités",
    "financeurs": "Financements par financeur",
}


def drill_down_rows(what, scope, *, today):
    """The rows of a drill-down page, as a queryset the paginator slices."""
    actions = dashboards.actions_of(scope)
    if what == "conventions":
        return scope.select_related("main_commune").order_by("title", "pk")
    if what == "actions-en-retard":
        return dashboards.late_actions(actions, today)
    if what == "actions-sans-fiche":
        return dashboards.projected_without_fiche(actions)
    if what == "indicateurs":
        return dashboards.indicators_with_last_value(actions)
    if what == "comites":
        return Committee.objects.following(scope)
    return dashboards.financing_by_funder(actions)


@login_required
def territory_details(request, what):
    if what not in DRILL_DOWNS:
        raise Http404("Page inconnue.")
    chapeau, filterset, query = _filtered(request)
    today = timezone.localdate()
    rows = drill_down_rows(what, filterset.qs, today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    if what == "conventions":
        page.object_list = territory.with_figures(page.object_list)
    if what == "indicateurs":
        page.object_list = _with_ratios(page.object_list)
    return render(
        request,
        "reporting/dashboard/details.html",
        {
            **_filter_context(request, chapeau, filterset),
            "title": f"{DRILL_DOWNS[what]} – tableau de bord",
            "heading": DRILL_DOWNS[what],
            "what": what,
            "chapeau": chapeau,
            "filter": filterset,
            "query": query,
            "page_obj": page,
            "today": today,
            "statuses": dashboards.Funding.Status,
            "maturities": Action.Maturity,
        },
    )
