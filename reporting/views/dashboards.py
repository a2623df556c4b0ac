"""Tableaux de bord of a convention and of a territory, and their PDF.

Every view reaches its convention through get_convention_for_user (404 for outsiders)
or Convention.objects.for_user; the figures come from reporting.dashboards.
"""

from decimal import Decimal

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
from ort_portal.params import int_param
from ort_portal.pdf import pdf_response, render_pdf

from .. import dashboards
from ..charts import MATURITY_SERIES, percent_bar, stacked_bars, status_series
from ..filters import TerritoryFilter
from .common import export_filename

# Why a chart has nothing to draw (reporting.charts.stacked_bars), said in its place.
NO_FUNDING = "aucun financement des tiers n’est enregistré sur les actions"
NO_ACTION_IN_PLAN = "le plan d’action ne compte encore aucune action"
NO_ACTION_UNDER_CHAPEAU = (
    "ni la convention chapeau ni les conventions qu’elle coiffe ne comptent encore d’action"
)
NO_ACTION_IN_SELECTION = "les conventions retenues ne comptent aucune action"


def dashboard_context(actions, conventions, *, today):
    """Every figure of a tableau de bord over some actions (one or several conventions)."""
    completion = dashboards.completion(actions)
    by_funder = list(dashboards.financing_by_funder(actions))
    by_year = list(dashboards.financing_by_year(actions))
    indicators = list(dashboards.indicators_with_last_value(actions))
    for indicator in indicators:
        indicator.ratio = (
            Decimal(indicator.last_value) * 100 / indicator.target
            if indicator.last_value is not None and indicator.target
            else None
        )
        indicator.bar = percent_bar(indicator.ratio)
    return {
        "today": today,
        "completion": completion,
        "realisation_bar": percent_bar(completion.realisation_rate),
        "progress_bar": percent_bar(completion.weighted_progress),
        "financing": actions.financing_totals(),
        "status_totals": dashboards.financing_totals(actions),
        "by_funder": by_funder,
        "by_funder_chart": stacked_bars(
            by_funder, lambda r: r["funder__name"], status_series(), nothing=NO_FUNDING
        ),
        "by_year": by_year,
        "by_year_chart": stacked_bars(
            by_year, dashboards.year_label, status_series(), nothing=NO_FUNDING
        ),
        "indicators": indicators,
        "late_actions": list(dashboards.late_actions(actions, today)),
        "without_fiche": list(dashboards.projected_without_fiche(actions)),
        "committees": list(Committee.objects.following(conventions)),
        "statuses": Funding.Status,
        "maturities": Action.Maturity,
    }


def convention_dashboard_context(convention, user):
    """A convention's figures; for a chapeau, those of the chapeau and of the conventions it
    covers that the user may read (its own plan is usually empty: the actions are theirs)."""
    today = timezone.localdate()
    conventions = Convention.objects.filter(pk=convention.pk)
    context = {"title": f"Tableau de bord – {convention.reference}", "convention": convention}
    if convention.kind == Convention.Kind.CHAPEAU:
        conventions = Convention.objects.for_user(user).filter(
            Q(pk=convention.pk) | Q(parent=convention.pk)
        )
        rows = list(dashboards.conventions_with_figures(conventions).order_by("parent_id", "title"))
        context |= {
            "title": f"Tableau de bord consolidé – {convention.reference}",
            "convention_rows": rows,
            "conventions_chart": stacked_bars(
                rows, lambda c: c.reference, MATURITY_SERIES, nothing=NO_ACTION_UNDER_CHAPEAU
            ),
            "show_convention": True,
        }
    else:
        axes = list(dashboards.axes_with_maturity_counts(convention))
        context |= {
            "axes": axes,
            "axes_chart": stacked_bars(
                axes, lambda a: f"Axe {a.number}", MATURITY_SERIES, nothing=NO_ACTION_IN_PLAN
            ),
        }
    actions = dashboards.actions_of(conventions)
    return context | dashboard_context(actions, conventions, today=today)


@login_required
def dashboard(request, pk):
    convention = get_convention_for_user(request.user, pk)
    return render(
        request,
        "reporting/dashboard/convention.html",
        convention_dashboard_context(convention, request.user),
    )


@login_required
def dashboard_pdf(request, pk):
    convention = get_convention_for_user(request.user, pk)
    context = convention_dashboard_context(convention, request.user) | {
        "exported_at": timezone.localtime()
    }
    content = render_pdf("reporting/pdf/dashboard.html", context, request=request)
    return pdf_response(content, export_filename(convention, "tableau-de-bord", "pdf"))


# Territory dashboard


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


@login_required
def territory_dashboard(request):
    chapeau, conventions = territory_scope(request)
    filterset = TerritoryFilter(request.GET, queryset=conventions, user=request.user)
    scope = filterset.qs
    rows = list(dashboards.conventions_with_figures(scope).order_by("parent_id", "title"))
    title = (
        f"Vue d’ensemble du territoire – {chapeau.reference}"
        if chapeau
        else "Tableau de bord des conventions"
    )
    filtered = filterset.is_valid() and any(filterset.form.cleaned_data.values())
    if filtered:
        title += f" (filtré, {len(rows)} convention{'s' if len(rows) > 1 else ''})"
    clear_url = reverse("reporting:territory_dashboard")
    context = {
        "title": title,
        "filtered": filtered,
        "clear_url": f"{clear_url}?convention={chapeau.pk}" if chapeau else clear_url,
        "hidden": [("convention", chapeau.pk)] if chapeau else [],
        "chapeau": chapeau,
        "filter": filterset,
        "convention_rows": rows,
        "conventions_chart": stacked_bars(
            rows, lambda c: c.reference, MATURITY_SERIES, nothing=NO_ACTION_IN_SELECTION
        ),
        "chapeaux": Convention.objects.for_user(request.user)
        .filter(kind=Convention.Kind.CHAPEAU)
        .order_by("title"),
        **dashboard_context(dashboards.actions_of(scope), scope, today=timezone.localdate()),
    }
    return render(request, "reporting/dashboard/territory.html", context)
