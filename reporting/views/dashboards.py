"""Tableaux de bord of a convention and of a territory, and their PDF.

Every view reaches its convention through get_convention_for_user (404 for outsiders)
or Convention.objects.for_user; the figures come from reporting.dashboards.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.utils import timezone

from actions.models import Action, Funding
from conventions.access import get_convention_for_user
from conventions.models import Convention
from governance.models import Committee
from ort_portal import documents
from ort_portal.pdf import render_pdf

from .. import dashboards
from .common import export_filename

# Chart colours: each at least 3:1 against the page background (WCAG 1.4.11), segments
# apart by a gap. The SVG `fill` is the light theme's (PDF); reporting/dashboard.css gives
# each class its light and dark theme colour.
STATUS_COLOURS = {
    Funding.Status.PREVU: "#695240",
    Funding.Status.SOLLICITE: "#00799f",
    Funding.Status.ACQUIS: "#000091",
    Funding.Status.VERSE: "#18753c",
    Funding.Status.REFUSE: "#ce0500",
}
MATURITY_COLOURS = {
    Action.Maturity.EN_COURS: "#000091",
    Action.Maturity.PROJETEE: "#00799f",
    Action.Maturity.EN_REFLEXION: "#b34000",
    Action.Maturity.EN_MATURATION: "#a558a0",
    Action.Maturity.REALISEE: "#18753c",
    Action.Maturity.ABANDONNEE: "#666666",
}
SEGMENT_GAP = Decimal("0.4")  # in percent of the bar, between two segments


# Charts: SVG geometry computed from aggregated rows (readable without JavaScript; the
# same figures are always given in a table beside the chart).


def stacked_bars(rows, label, series):
    """Horizontal stacked bars, in percent of the largest bar.

    series: (key, label, colour, css class) tuples; each row gives one value per key.
    """
    rows = list(rows)
    largest = max((sum(_value(row, key) for key, *_ in series) for row in rows), default=0)
    bars = []
    for row in rows:
        x = Decimal(0)
        segments = []
        for key, name, colour, css in series:
            value = _value(row, key)
            if value and largest:
                width = Decimal(value) * 100 / Decimal(largest)
                drawn = max(width - SEGMENT_GAP, min(width, Decimal("0.5")))
                segments.append({"x": x, "width": drawn, "fill": colour, "css": css, "name": name})
                x += width
        bars.append({"label": label(row), "segments": segments})
    legend = [{"name": name, "fill": colour, "css": css} for _, name, colour, css in series]
    return {"bars": bars, "legend": legend}


def _value(row, key):
    value = row[key] if isinstance(row, dict) else getattr(row, key)
    return value or 0


def percent_bar(value):
    """One bar from 0 to 100 % (values above 100 are drawn full)."""
    if value is None:
        return None
    return min(max(Decimal(value), Decimal(0)), Decimal(100))


def status_series(include_refused=True):
    order = [Funding.Status.PREVU, Funding.Status.SOLLICITE, Funding.Status.ACQUIS]
    order += [Funding.Status.VERSE] + ([Funding.Status.REFUSE] if include_refused else [])
    return [
        (status.value, status.label, STATUS_COLOURS[status], f"ort-fill--status-{status.value}")
        for status in order
    ]


MATURITY_SERIES = [
    (
        f"actions_{maturity.value}",
        maturity.label,
        MATURITY_COLOURS[maturity],
        f"ort-fill--maturity-{maturity.value}",
    )
    for maturity in Action.Maturity
]


def committees_of(conventions):
    """Comités following the conventions, with their rhythm (last, next, last 12 months)."""
    followed = Committee.objects.filter(conventions__in=conventions).values("pk")
    # Only the followed conventions in scope: a comité may also follow another territory's.
    in_scope = Convention.objects.filter(pk__in=conventions.values("pk")).order_by("reference")
    return (
        Committee.objects.filter(pk__in=followed)
        .with_rhythm()
        .prefetch_related(Prefetch("conventions", queryset=in_scope))
        .order_by("name")
    )


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
        "financing": dashboards.financing(actions),
        "by_funder": by_funder,
        "by_funder_chart": stacked_bars(by_funder, lambda r: r["funder__name"], status_series()),
        "by_year": by_year,
        "by_year_chart": stacked_bars(by_year, lambda r: str(r["year"]), status_series()),
        "indicators": indicators,
        "late_actions": list(dashboards.late_actions(actions, today)),
        "without_fiche": list(dashboards.projected_without_fiche(actions)),
        "committees": list(committees_of(conventions)),
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
            "conventions_chart": stacked_bars(rows, lambda c: c.reference, MATURITY_SERIES),
            "show_convention": True,
        }
    else:
        axes = list(dashboards.axes_with_maturity_counts(convention))
        context |= {
            "axes": axes,
            "axes_chart": stacked_bars(axes, lambda a: f"Axe {a.number}", MATURITY_SERIES),
        }
    if convention.kind == Convention.Kind.CHAPEAU:
        actions = dashboards.actions_of(conventions)
    else:
        actions = dashboards.actions_of_convention(convention)
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
    return documents.start(
        request,
        kind="dashboard",
        object_id=convention.pk,
        title=f"Tableau de bord de la convention {convention.reference} (PDF)",
    )


def render_dashboard(object_id, *, user) -> documents.Rendered:
    """The tableau de bord as a PDF, rendered by the task worker."""
    convention = get_convention_for_user(user, object_id)
    context = convention_dashboard_context(convention, user) | {
        "exported_at": timezone.localtime()
    }
    content = render_pdf("reporting/pdf/dashboard.html", context)
    return documents.Rendered(content, export_filename(convention, "tableau-de-bord", "pdf"))
