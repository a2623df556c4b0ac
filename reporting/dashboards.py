"""Figures of the tableau de bord and the maquette financière, computed in the database.

Every function takes a QuerySet (of conventions or actions) and returns aggregated
rows: the number of SQL queries does not depend on the number of actions or funding
lines. Shared by the pages, the PDFs and the spreadsheet exports so that they always
show the same totals.

Rules (Libercourt art. 6.8 and art. 8):
- abandoned actions are left out of the taux de réalisation and of every financial
  figure (their cost and funding lines are no longer part of the plan);
- refused requests are shown but never counted in a financing total;
- the reste à charge of the maîtres d'ouvrage is the cost minus the financing brought
  by third parties (their own contributions, declared as funding lines whose
  financeur is the action's maître d'ouvrage, stay at their charge).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from actions.models import Action, Axis, Funding, Indicator, Measurement
from conventions.models import Convention
from ort_portal.collation import french

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=20, decimal_places=2)
STATUSES = list(Funding.Status)
NOT_REFUSED = ~Q(status=Funding.Status.REFUSE)


def money_sum(field="amount", condition=None):
    """Sum of an amount column, 0 rather than NULL when no row matches."""
    return Coalesce(Sum(field, filter=condition), Value(ZERO), output_field=MONEY)


def status_sums(prefix=""):
    """One conditional Sum per request status plus the total excluding refusals."""
    sums = {
        status.value: money_sum(f"{prefix}amount", Q(**{f"{prefix}status": status}))
        for status in STATUSES
    }
    sums["total"] = money_sum(f"{prefix}amount", ~Q(**{f"{prefix}status": Funding.Status.REFUSE}))
    return sums


# Scopes


def actions_of(conventions: QuerySet) -> QuerySet:
    """Every action of the given conventions, abandoned ones included."""
    return Action.objects.filter(axis__convention__in=conventions)


def live_actions(actions: QuerySet) -> QuerySet:
    """Actions still in the plan: everything but the abandoned ones."""
    return actions.exclude(maturity=Action.Maturity.ABANDONNEE)


def fundings_of(actions: QuerySet) -> QuerySet:
    """Funding lines of the actions still in the plan."""
    return Funding.objects.filter(action__in=live_actions(actions))


# Actions


def maturity_counts(queryset: QuerySet, relation: str) -> QuerySet:
    """Annotate each row (axis or convention) with its number of actions per maturity."""
    return queryset.annotate(
        actions_total=Count(relation, distinct=True),
        **{
            f"actions_{maturity}": Count(
                relation, filter=Q(**{f"{relation}__maturity": maturity}), distinct=True
            )
            for maturity in Action.Maturity.values
        },
    )


def axes_with_maturity_counts(convention: Convention) -> QuerySet:
    """The convention's axes, each with its actions counted per maturity."""
    return maturity_counts(Axis.objects.filter(convention=convention), "actions").order_by("number")


def progress_of_action():
    """An action's progress, a realised action counting as 100 %."""
    return Case(
        When(maturity=Action.Maturity.REALISEE, then=Value(100)),
        default=F("progress"),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Completion:
    total: int
    abandoned: int
    realised: int
    costed: int
    cost: Decimal
    weighted_progress_sum: Decimal

    @property
    def counted(self) -> int:
        """Actions counted in the taux de réalisation: all but the abandoned ones."""
        return self.total - self.abandoned

    @property
    def realisation_rate(self) -> Decimal | None:
        """Share of actions réalisées among the actions still in the plan."""
        if not self.counted:
            return None
        return Decimal(self.realised * 100) / self.counted

    @property
    def weighted_progress(self) -> Decimal | None:
        """Progress of the actions with a cost, each weighted by its estimated cost."""
        if not self.cost:
            return None
        return self.weighted_progress_sum / self.cost


def completion(actions: QuerySet) -> Completion:
    """Taux de réalisation (count and cost-weighted progress) in one query."""
    live = ~Q(maturity=Action.Maturity.ABANDONNEE)
    costed = live & Q(estimated_cost__isnull=False)
    figures = actions.aggregate(
        total=Count("pk"),
        abandoned=Count("pk", filter=Q(maturity=Action.Maturity.ABANDONNEE)),
        realised=Count("pk", filter=Q(maturity=Action.Maturity.REALISEE)),
        costed=Count("pk", filter=costed),
        cost=money_sum("estimated_cost", costed),
        weighted_progress_sum=Coalesce(
            Sum(
                ExpressionWrapper(F("estimated_cost") * progress_of_action(), output_field=MONEY),
                filter=costed,
            ),
            Value(ZERO),
            output_field=MONEY,
        ),
    )
    return Completion(**figures)


def late_actions(actions: QuerySet, today: datetime.date) -> QuerySet:
    """Actions whose end date has passed and that are neither réalisées nor abandonnées."""
    return (
        actions.late(today)
        .select_related("axis__convention", "project_owner")
        .order_by("end_date", "axis__number", "position")
    )


def projected_without_fiche(actions: QuerySet) -> QuerySet:
    """Projected actions that have no fiche-action yet (they need one to be validated)."""
    return (
        actions.filter(maturity=Action.Maturity.PROJETEE, has_fiche=False)
        .select_related("axis__convention", "project_owner")
        .order_by("axis__convention__title", "axis__number", "position")
    )


def indicators_with_last_value(actions: QuerySet) -> QuerySet:
    """Indicators of the actions with their last measured value and its date."""
    last = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-date")
    return (
        Indicator.objects.filter(action__in=actions)
        .select_related("action__axis__convention")
        .annotate(
            last_value=Subquery(last.values("value")[:1]),
            last_date=Subquery(last.values("date")[:1]),
        )
        .order_by("action__axis__convention__title", "action__axis__number", "action__position")
    )


# Financing


@dataclass(frozen=True)
class Financing:
    cost: Decimal
    uncosted_actions: int
    prevu: Decimal
    sollicite: Decimal
    acquis: Decimal
    refuse: Decimal
    verse: Decimal
    total: Decimal
    own_contributions: Decimal
    costed_total: Decimal
    costed_own_contributions: Decimal

    @property
    def remaining(self) -> Decimal:
        """Reste à financer: cost minus the financing (not refused) of the costed actions.

        The financing of an action with no estimated cost cannot reduce a cost that is
        not counted, so it is left out here (the fiche says "inconnu" for such an action).
        """
        return self.cost - self.costed_total

    @property
    def owners_share(self) -> Decimal:
        """Reste à charge des maîtres d'ouvrage: cost minus third-party financing."""
        return self.cost - (self.costed_total - self.costed_own_contributions)


def financing(actions: QuerySet) -> Financing:
    """Cost and financing of the actions still in the plan, in two queries."""
    live = live_actions(actions)
    costs = live.aggregate(
        cost=money_sum("estimated_cost"),
        uncosted_actions=Count("pk", filter=Q(estimated_cost__isnull=True)),
    )
    own = NOT_REFUSED & Q(funder_id=F("action__project_owner_id"))
    costed = Q(action__estimated_cost__isnull=False)
    sums = Funding.objects.filter(action__in=live).aggregate(
        **status_sums(),
        own_contributions=money_sum("amount", own),
        costed_total=money_sum("amount", NOT_REFUSED & costed),
        costed_own_contributions=money_sum("amount", own & costed),
    )
    return Financing(**costs, **sums)


def financing_by_funder(actions: QuerySet) -> QuerySet:
    """Per financeur: amounts per request status and the total excluding refusals."""
    return (
        fundings_of(actions)
        .values("funder_id", "funder__name")
        .annotate(**status_sums())
        .order_by("-total", french("funder__name"))
    )


def financing_by_year(actions: QuerySet) -> QuerySet:
    """Per year: amounts per request status and the total excluding refusals."""
    return fundings_of(actions).values("year").annotate(**status_sums()).order_by("year")


# Maquette financière


def funding_years(actions: QuerySet) -> range:
    """The years the funding lines span (empty range without funding)."""
    bounds = fundings_of(actions).aggregate(first=Min("year"), last=Max("year"))
    if bounds["first"] is None:
        return range(0)
    return range(bounds["first"], bounds["last"] + 1)


def _maquette_key(row):
    return (row["action_id"], row["funder_id"])


def build_maquette(actions: QuerySet) -> "Maquette":
    """The multi-year maquette financière: rows action × financeur, columns per year.

    Seven grouped queries; Python only lays the aggregated figures out in a grid.
    """
    funded = fundings_of(actions)
    years = funding_years(actions)
    by_status = (
        funded.values("action_id", "funder_id", "year", "status")
        .annotate(amount_sum=Sum("amount"))
        .order_by("year", "status")
    )
    by_year = (
        funded.values("action_id", "funder_id", "year")
        .annotate(total=money_sum(condition=NOT_REFUSED))
        .order_by()
    )
    rows = list(
        funded.values(
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
        )
        .annotate(total=money_sum(condition=NOT_REFUSED))
        .order_by(
            "action__axis__convention__reference",
            "action__axis__number",
            "action__position",
            "action__code",
            "action_id",
            "funder__name",
        )
    )
    parts: dict[tuple, list] = {}
    for cell in by_status:
        key = (cell["action_id"], cell["funder_id"], cell["year"])
        parts.setdefault(key, []).append(
            (cell["status"], Funding.Status(cell["status"]).label, cell["amount_sum"])
        )
    cell_totals = {(c["action_id"], c["funder_id"], c["year"]): c["total"] for c in by_year}
    for row in rows:
        row["cells"] = [
            {
                "year": year,
                "total": cell_totals.get((*_maquette_key(row), year)),
                "parts": parts.get((*_maquette_key(row), year), []),
            }
            for year in years
        ]
    by_funder = _grid(
        funded.values("funder_id", "funder__name", "year")
        .annotate(total=money_sum(condition=NOT_REFUSED))
        .order_by(french("funder__name"), "year"),
        funded.values("funder_id", "funder__name")
        .annotate(total=money_sum(condition=NOT_REFUSED))
        .order_by(french("funder__name")),
        ("funder_id",),
        years,
    )
    axis_fields = ("action__axis__convention__reference", "action__axis__number")
    by_axis = _grid(
        funded.values(*axis_fields, "year")
        .annotate(total=money_sum(condition=NOT_REFUSED))
        .order_by(*axis_fields, "year"),
        funded.values(*axis_fields, "action__axis__title")
        .annotate(total=money_sum(condition=NOT_REFUSED))
        .order_by(*axis_fields),
        axis_fields,
        years,
    )
    year_totals = {row["year"]: row["total"] for row in financing_by_year(actions)}
    overall = funded.aggregate(total=money_sum(condition=NOT_REFUSED))["total"]
    return Maquette(
        years=list(years),
        rows=rows,
        by_funder=by_funder,
        by_axis=by_axis,
        year_totals=[year_totals.get(year, ZERO) for year in years],
        total=overall,
    )


def _grid(per_year: QuerySet, totals: QuerySet, key_fields: tuple, years: range) -> list[dict]:
    """Lay grouped per-year totals out as rows with one value per year."""
    values = {(*(row[f] for f in key_fields), row["year"]): row["total"] for row in per_year}
    grid = list(totals)
    for row in grid:
        key = tuple(row[f] for f in key_fields)
        row["years"] = [values.get((*key, year), ZERO) for year in years]
    return grid


@dataclass
class Maquette:
    years: list[int]
    rows: list[dict]
    by_funder: list[dict]
    by_axis: list[dict]
    year_totals: list[Decimal]
    total: Decimal


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


def consolidation(actions: QuerySet, year: int) -> QuerySet:
    """Annual consolidation "au 31 décembre" of a year, per financeur (art. 6.8).

    For each financeur: the year's amounts per request status, and the cumulative
    financing (excluding refusals) of every year up to that 31 December, as recorded in
    the portal on that day (fundings_as_of).
    """
    of_year = Q(year=year)
    return (
        fundings_as_of(actions, year_end(year))
        .filter(year__lte=year)
        .values("funder_id", "funder__name")
        .annotate(
            **{
                status.value: money_sum(condition=of_year & Q(status=status)) for status in STATUSES
            },
            total=money_sum(condition=of_year & NOT_REFUSED),
            cumulative=money_sum(condition=NOT_REFUSED),
        )
        .filter(Q(total__gt=0) | Q(refuse__gt=0) | Q(cumulative__gt=0))
        .order_by(french("funder__name"))
    )


def consolidation_totals(actions: QuerySet, year: int) -> dict:
    """The consolidation's totals over every financeur, in one query."""
    of_year = Q(year=year)
    return (
        fundings_as_of(actions, year_end(year))
        .filter(year__lte=year)
        .aggregate(
            **{
                status.value: money_sum(condition=of_year & Q(status=status)) for status in STATUSES
            },
            total=money_sum(condition=of_year & NOT_REFUSED),
            cumulative=money_sum(condition=NOT_REFUSED),
        )
    )


# Territory


def conventions_with_figures(conventions: QuerySet) -> QuerySet:
    """Conventions with their actions per maturity, cost and financing (subqueries, so
    that counting actions and summing funding lines do not multiply each other)."""
    live = Action.objects.filter(axis__convention=OuterRef("pk")).exclude(
        maturity=Action.Maturity.ABANDONNEE
    )
    cost = live.order_by().values("axis__convention").annotate(s=Sum("estimated_cost")).values("s")
    funded = (
        Funding.objects.filter(action__axis__convention=OuterRef("pk"))
        .exclude(action__maturity=Action.Maturity.ABANDONNEE)
        .filter(NOT_REFUSED)
        .order_by()
        .values("action__axis__convention")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return maturity_counts(conventions, "axes__actions").annotate(
        cost=Coalesce(Subquery(cost, output_field=MONEY), Value(ZERO), output_field=MONEY),
        funded=Coalesce(Subquery(funded, output_field=MONEY), Value(ZERO), output_field=MONEY),
    )
