"""Figures of the tableau de bord and the maquette financière, computed in the database.

Every function takes a QuerySet (of conventions or actions) and returns aggregated
rows: the number of SQL queries does not depend on the number of actions or funding
lines. Shared by the pages, the PDFs and the spreadsheet exports so that they always
show the same totals.

Rules: abandoned actions are left out of the taux de réalisation and of every financial
figure (Libercourt art. 6.8 and 8); what a funding line counts as (financing, loan, own
share, pending, « à préciser ») is actions.financing, the one home of that rule.
The maquette financière and the consolidation are reporting.maquette.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from actions import financing
from actions.models import Action, Axis, Funding, Indicator, Measurement
from conventions.models import Convention
from ort_portal.collation import french

ZERO = financing.ZERO
MONEY = financing.MONEY
STATUSES = list(Funding.Status)
money_sum = financing.money_sum


def status_sums(condition: Q | None = None) -> dict:
    """Per request status, the third parties' financing; then the rule's figures: total
    financing (acquired + pending), loans, own share, lines « à préciser » (a count)."""
    condition = condition if condition is not None else Q()
    rule = financing.line_conditions()
    third = rule["third_party"] & condition
    sums = {
        status.value: money_sum("amount", third & Q(status=status))
        for status in STATUSES
        if status != Funding.Status.REFUSE
    }
    return sums | {
        Funding.Status.REFUSE.value: money_sum("amount", rule["refused"] & condition),
        "total": money_sum("amount", third),
        "loans": money_sum("amount", rule["loans"] & condition),
        "owner_share": money_sum("amount", rule["owner_share"] & condition),
        "unknown": Count("pk", filter=rule["unknown"] & condition),
    }


# Scopes


def actions_of(conventions: QuerySet) -> QuerySet:
    """Every action of the given conventions, abandoned ones included."""
    return Action.objects.filter(axis__convention__in=conventions)


def live_actions(actions: QuerySet) -> QuerySet:
    """Actions still in the plan: everything but the abandoned ones."""
    return actions.live()


def fundings_of(actions: QuerySet) -> QuerySet:
    """Funding lines of the actions still in the plan."""
    return Funding.objects.filter(action__in=live_actions(actions))


def convention_lines(conventions: QuerySet) -> QuerySet:
    """fundings_of(actions_of(conventions)), filtered through the joins rather than by
    `action IN (subquery)`: PostgreSQL then reads the conventions' lines by index instead
    of joining the 200,000 lines of the country before keeping some (EXPLAIN ANALYZE of
    a maquette's rows: 260 ms → 1 ms)."""
    return Funding.objects.filter(action__axis__convention__in=conventions).exclude(
        action__maturity=Action.Maturity.ABANDONNEE
    )


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


def with_maturity_counts(conventions) -> list:
    """The conventions of a page, each with its actions counted per maturity, as
    maturity_counts names them: one grouped query over the page's conventions (over a
    whole national list, the join counted 50,000 actions to show 20 rows)."""
    conventions = list(conventions)
    counts: dict[int, dict[str, int]] = {convention.pk: {} for convention in conventions}
    rows = (
        Action.objects.filter(axis__convention__in=list(counts))
        .values("axis__convention", "maturity")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["axis__convention"]][row["maturity"]] = row["n"]
    for convention in conventions:
        convention.actions_total = sum(counts[convention.pk].values())
        for maturity in Action.Maturity.values:
            setattr(convention, f"actions_{maturity}", counts[convention.pk].get(maturity, 0))
    return conventions


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
    def uncosted(self) -> int:
        """Actions still in the plan without an estimated cost."""
        return self.counted - self.costed

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


def financing_totals(actions: QuerySet) -> dict:
    """The status table's totals row over every line of the actions still in the plan."""
    return fundings_of(actions).aggregate(**status_sums())


def totals_of(rows: list[dict]) -> dict:
    """The totals row of a status table from its rows (status_sums add up): every line
    counts in exactly one row of the table by year, so its rows give the totals without
    another pass over the lines."""
    keys = [*(status.value for status in STATUSES), "total", "loans", "owner_share"]
    totals = {key: sum((row[key] for row in rows), ZERO) for key in keys}
    return totals | {"unknown": sum(row["unknown"] for row in rows)}


def financing_by_funder(actions: QuerySet) -> QuerySet:
    """Per financeur: amounts per request status and the total excluding refusals."""
    return (
        fundings_of(actions)
        .values("funder_id", "funder__name")
        .annotate(**status_sums())
        .order_by("-total", french("funder__name"))
    )


def financing_by_year(actions: QuerySet) -> QuerySet:
    """Per year: amounts per request status and the rule's figures; the lines given over a
    period or with no year come last, on a row of their own (year None)."""
    return (
        fundings_of(actions)
        .values("year")
        .annotate(**status_sums())
        .order_by(F("year").asc(nulls_last=True))
    )


def year_label(row) -> str:
    return str(row["year"]) if row["year"] else "Pluriannuel ou sans année"


# Territory


def _per_convention(lines: QuerySet, condition: Q):
    """A subquery: the sum of the lines of OuterRef's convention meeting `condition`."""
    summed = (
        lines.filter(condition)
        .order_by()
        .values("action__axis__convention")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return Coalesce(Subquery(summed, output_field=MONEY), Value(ZERO), output_field=MONEY)


def conventions_with_figures(conventions: QuerySet) -> QuerySet:
    """Conventions with their actions per maturity, cost, financing and loans (subqueries,
    so that counting actions and summing funding lines do not multiply each other)."""
    live = Action.objects.filter(axis__convention=OuterRef("pk")).live()
    cost = live.order_by().values("axis__convention").annotate(s=Sum("estimated_cost")).values("s")
    # The lines' own filter on the convention: an OuterRef("pk") nested in `action__in=live`
    # would name the funding line, not the convention.
    lines = Funding.objects.filter(action__axis__convention=OuterRef("pk")).exclude(
        action__maturity=Action.Maturity.ABANDONNEE
    )
    rule = financing.line_conditions()
    unknown = (
        lines.filter(rule["unknown"])
        .order_by()
        .values("action__axis__convention")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Counted by subqueries too: joined to the actions, every subquery above would run
    # once per action row instead of once per convention (EXPLAIN: 220 loops for 5 rows).
    of_convention = Action.objects.filter(axis__convention=OuterRef("pk")).order_by()

    def counted(*conditions):
        per_convention = of_convention.filter(*conditions).values("axis__convention")
        return Coalesce(Subquery(per_convention.annotate(n=Count("pk")).values("n")), Value(0))

    return conventions.annotate(
        actions_total=counted(),
        **{
            f"actions_{maturity}": counted(Q(maturity=maturity))
            for maturity in Action.Maturity.values
        },
        cost=Coalesce(Subquery(cost, output_field=MONEY), Value(ZERO), output_field=MONEY),
        funded=_per_convention(lines, rule["third_party"]),
        loans=_per_convention(lines, rule["loans"]),
        unknown_amounts=Coalesce(Subquery(unknown), Value(0)),
    )


def with_figures(conventions) -> list:
    """The conventions given (a page of them), each with its figures, in their order: the
    sums run for the rows shown only, never for every convention of the country."""
    ids = [convention.pk for convention in conventions]
    figures = conventions_with_figures(Convention.objects.filter(pk__in=ids)).in_bulk(ids)
    return [figures[pk] for pk in ids]
