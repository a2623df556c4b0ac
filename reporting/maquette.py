"""The maquette financière (art. 6.8): the multi-year grid of every funding line, and the
annual consolidation "au 31 décembre" from the history.

What a line counts as is actions.financing: the grid shows every line (its nature beside
the financeur), the totals per year, financeur and axis add up the third parties'
financing only; loans and the maîtres d'ouvrage's own funds are totalled apart, and a
line « à préciser » is shown as such and counted in no sum.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import timezone

from actions import financing
from actions.models import Action, Funding
from ort_portal.collation import french

from .dashboards import ZERO, fundings_of, status_sums

WITHOUT_YEAR = None  # the column of lines given over a period, or with no year
RULE = financing.line_conditions()
THIRD_PARTY = RULE["third_party"]
ROW_FIELDS = (
    "action_id",
    "action__code",
    "action__title",
    "action__axis__number",
    "action__axis__title",
    "action__axis__convention__reference",
    "action__project_owner__name",
    "action__estimated_cost",
    "funder_id",
    "funder__name",
    "nature",
)
ROW_ORDER = (
    "action__axis__convention__reference",
    "action__axis__number",
    "action__position",
    "action__code",
    "action_id",
    "funder__name",
    "nature",
)


@dataclass
class Maquette:
    years: list  # years, then WITHOUT_YEAR when some line has none
    rows: list[dict]
    by_funder: list[dict]
    by_axis: list[dict]
    year_totals: list[Decimal]
    total: Decimal
    figures: financing.Figures
    loans: list[dict]


def columns_of(lines: QuerySet) -> list:
    """The years the lines span (every year between the first and the last), then the
    column of the lines without a year when there are some."""
    bounds = lines.aggregate(
        first=Min("year"), last=Max("year"), without=Count("pk", filter=Q(year=None))
    )
    columns = [] if bounds["first"] is None else list(range(bounds["first"], bounds["last"] + 1))
    return columns + ([WITHOUT_YEAR] if bounds["without"] else [])


def _cells(lines: QuerySet) -> dict:
    """The parts of each cell (status, label, amount or None) and its counted total."""
    parts: dict[tuple, list] = {}
    by_status = lines.values(
        "action_id", "funder_id", "nature", "year", "status", "amount"
    ).order_by("status", "pk")
    for line in by_status:
        key = (line["action_id"], line["funder_id"], line["nature"], line["year"])
        label = Funding.Status(line["status"]).label
        parts.setdefault(key, []).append((line["status"], label, line["amount"]))
    totals = {
        (c["action_id"], c["funder_id"], c["nature"], c["year"]): c["total"]
        for c in lines.values("action_id", "funder_id", "nature", "year")
        .annotate(total=financing.money_sum(condition=RULE["counted"]))
        .order_by()
    }
    return {"parts": parts, "totals": totals}


def maquette_rows(lines: QuerySet, columns: list) -> list[dict]:
    """One row per action × financeur × nature, one cell per column."""
    cells = _cells(lines)
    rows = list(
        lines.values(*ROW_FIELDS)
        .annotate(total=financing.money_sum(condition=RULE["counted"]))
        .order_by(*ROW_ORDER)
    )
    for row in rows:
        key = (row["action_id"], row["funder_id"], row["nature"])
        row["nature_label"] = Funding.Nature(row["nature"]).label
        row["category"] = financing.NATURE_CATEGORY[row["nature"]]
        row["cells"] = [
            {
                "year": column,
                "total": cells["totals"].get((*key, column)),
                "parts": cells["parts"].get((*key, column), []),
            }
            for column in columns
        ]
    return rows


def grid(lines: QuerySet, key_fields: tuple, label_fields: tuple, columns: list) -> list:
    """Third parties' financing per key (financeur, axis), one value per column."""
    per_column = (
        lines.values(*key_fields, "year")
        .annotate(total=financing.money_sum(condition=THIRD_PARTY))
        .order_by()
    )
    values = {(*(row[f] for f in key_fields), row["year"]): row["total"] for row in per_column}
    rows = list(
        lines.filter(THIRD_PARTY)
        .values(*key_fields, *label_fields)
        .annotate(total=financing.money_sum(condition=THIRD_PARTY))
        .order_by(*(french(f) if f.endswith("name") else f for f in key_fields + label_fields))
    )
    for row in rows:
        key = tuple(row[f] for f in key_fields)
        row["years"] = [values.get((*key, column), ZERO) for column in columns]
    return rows


def build_maquette(actions: QuerySet, lines: QuerySet | None = None) -> Maquette:
    """The multi-year maquette financière of the actions still in the plan, from grouped
    queries; Python only lays the aggregated figures out. `lines`: their funding lines
    when the caller can name them faster (dashboards.convention_lines)."""
    lines = fundings_of(actions) if lines is None else lines
    columns = columns_of(lines)
    per_column = {
        row["year"]: row["total"]
        for row in lines.values("year")
        .annotate(total=financing.money_sum(condition=THIRD_PARTY))
        .order_by()
    }
    axis_keys = ("action__axis__convention__reference", "action__axis__number")
    return Maquette(
        years=columns,
        rows=maquette_rows(lines, columns),
        by_funder=grid(lines, ("funder_id",), ("funder__name",), columns),
        by_axis=grid(lines, axis_keys, ("action__axis__title",), columns),
        year_totals=[per_column.get(column, ZERO) for column in columns],
        total=lines.aggregate(total=financing.money_sum(condition=THIRD_PARTY))["total"],
        figures=actions.financing_totals(),
        loans=list(
            lines.filter(RULE["loans"])
            .values("action__code", "action__title", "funder__name", "nature")
            .annotate(total=financing.money_sum())
            .order_by("action__axis__number", "action__position", "funder__name")
        ),
    )


# Consolidation at 31 December


def year_end(year: int) -> datetime.datetime:
    """The last instant of 31 December of the year, in the portal's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date(year, 12, 31), datetime.time.max)
    )


def _last_rows(history: QuerySet, moment: datetime.datetime) -> QuerySet:
    """The last history row of each object recorded by `moment` (deleted ones excluded)."""
    last = (
        history.filter(history_date__lte=moment)
        .order_by()
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    return history.model.objects.filter(history_id__in=last).exclude(history_type="-")


def fundings_as_of(actions: QuerySet, moment: datetime.datetime) -> QuerySet:
    """The funding lines of the actions as they all stood at `moment`, from the history
    (django-simple-history): each line's last recorded state, lines deleted by then left
    out, and only the actions not abandoned by then. A request refused or an action
    abandoned in January does not change the consolidation of the 31 December before."""
    action_ids = actions.values("pk")
    live_then = (
        _last_rows(Action.history.filter(id__in=action_ids), moment)
        .exclude(maturity=Action.Maturity.ABANDONNEE)
        .values("id")
    )
    lines = Funding.history.filter(
        id__in=Funding.history.filter(action_id__in=action_ids).values("id")
    )
    return _last_rows(lines, moment).filter(action_id__in=live_then)


def _consolidation_sums(year: int) -> dict:
    """The year's amounts per status, and the cumulative financing up to that year. A
    line over a period counts in the year its period ends (its total is then known)."""
    of_year = Q(year=year) | Q(year=None, period_end=year)
    return status_sums(of_year) | {
        "cumulative": financing.money_sum(condition=THIRD_PARTY),
    }


def _until(lines: QuerySet, year: int) -> QuerySet:
    return lines.filter(Q(year__lte=year) | Q(year=None, period_end__lte=year))


def consolidation(actions: QuerySet, year: int) -> QuerySet:
    """Annual consolidation "au 31 décembre" of a year, per financeur (art. 6.8), as
    recorded in the portal on that day (fundings_as_of)."""
    return (
        _until(fundings_as_of(actions, year_end(year)), year)
        .values("funder_id", "funder__name")
        .annotate(**_consolidation_sums(year))
        .filter(Q(total__gt=0) | Q(refuse__gt=0) | Q(cumulative__gt=0) | Q(loans__gt=0))
        .order_by(french("funder__name"))
    )


def consolidation_totals(actions: QuerySet, year: int) -> dict:
    """The consolidation's totals over every financeur, in one query."""
    lines = _until(fundings_as_of(actions, year_end(year)), year)
    return lines.aggregate(**_consolidation_sums(year))
