"""Tableaux de bord of a convention and of a territory, and their PDF.

Every view reaches its convention through get_convention_for_user (404 for outsiders)
or Convention.objects.for_user; the figures come from reporting.dashboards.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from actions.models import Action, Funding
from conventions.access import get_convention_for_user
from conventions.models import Convention
from documents.views import prepare
from governance.models import Committee

from .. import dashboards
from ..charts import MATURITY_SERIES, percent_bar, stacked_bars, status_series

PDF_KIND = "tableau_de_bord"

# Why a chart has nothing to draw (reporting.charts.stacked_bars), said in its place.
NO_FUNDING = "aucun financement des tiers n’est enregistré sur les actions"
NO_ACTION_IN_PLAN = "le plan d’action ne compte encore aucune action"
NO_ACTION_UNDER_CHAPEAU = (
    "ni la convention chapeau ni les conventions qu’elle coiffe ne comptent encore d’action"
)


def with_ratios(indicators):
    """Each indicator with its last value rapportée à sa cible (percent and bar)."""
    for indicator in indicators:
        indicator.ratio = (
            Decimal(indicator.last_value) * 100 / indicator.target
            if indicator.last_value is not None and indicator.target
            else None
        )
        indicator.bar = percent_bar(indicator.ratio)
    return indicators


def _listed(rows, limit, *, grouped=False):
    """Every row and their number or, with a limit, the first rows and the number in all.
    Grouped rows (an aggregate per financeur) are read once: counting them would group
    every line a second time."""
    if limit is None or grouped:
        rows = list(rows)
        return rows[:limit], len(rows)
    return list(rows[:limit]), rows.count()


def dashboard_context(actions, conventions, *, today, limit=None):
    """Every figure of a tableau de bord over some actions (one or several conventions).
    With a `limit`, each list keeps its first rows and `totals` says how many there are."""
    completion = dashboards.completion(actions)
    by_funder, funders = _listed(dashboards.financing_by_funder(actions), limit, grouped=True)
    by_year = list(dashboards.financing_by_year(actions))
    indicators, indicator_count = _listed(dashboards.indicators_with_last_value(actions), limit)
    late, late_count = _listed(dashboards.late_actions(actions, today), limit)
    without_fiche, without_fiche_count = _listed(dashboards.projected_without_fiche(actions), limit)
    committees, committee_count = _listed(Committee.objects.following(conventions), limit)
    return {
        "today": today,
        "completion": completion,
        "realisation_bar": percent_bar(completion.realisation_rate),
        "progress_bar": percent_bar(completion.weighted_progress),
        "financing": actions.financing_totals(),
        "status_totals": dashboards.totals_of(by_year),
        "by_funder": by_funder,
        "by_funder_chart": stacked_bars(
            by_funder, lambda r: r["funder__name"], status_series(), nothing=NO_FUNDING
        ),
        "by_year": by_year,
        "by_year_chart": stacked_bars(
            by_year, dashboards.year_label, status_series(), nothing=NO_FUNDING
        ),
        "indicators": with_ratios(indicators),
        "late_actions": late,
        "without_fiche": without_fiche,
        "committees": committees,
        "totals": {
            "funders": funders,
            "indicators": indicator_count,
            "late": late_count,
            "without_fiche": without_fiche_count,
            "committees": committee_count,
        },
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
    """GET: the page offering to prepare the dashboard's PDF; POST: prepare it."""
    convention = get_convention_for_user(request.user, pk)
    title = f"Tableau de bord – {convention.reference} (PDF)"
    return prepare(request, kind=PDF_KIND, target_id=convention.pk, title=title)
