"""Figures of the territory and national tableaux de bord: summaries aggregated in SQL.

A national scope holds every PVD and ACV convention (about 1,250 conventions, 50,000
actions, 200,000 funding lines): these functions return totals grouped by programme,
région or département and counts, in a fixed number of queries; the rows behind a count
are listed on paginated drill-down pages. The financing figures use the rules of
reporting.dashboards (refusals and abandoned actions left out), never a copy.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from actions.models import Action, Indicator, Measurement
from conventions.models import Convention
from directory.departements import DEPARTEMENTS, REGIONS, departement_label
from governance.models import Committee

from . import dashboards

SUMMARY_ROWS = 10


@dataclass
class Breakdown:
    """Conventions, actions per maturity, cost and financing: of one convention, or added up
    over a programme, a région or a département."""

    key: str
    label: str = ""
    conventions: int = 0
    actions: dict = field(default_factory=dict)
    cost: Decimal = dashboards.ZERO
    funded: Decimal = dashboards.ZERO
    programme: str = ""
    departement: str = ""

    @property
    def actions_total(self) -> int:
        return sum(self.actions.values())

    def __getattr__(self, name):
        # actions_<maturity>, as the maturity tables and charts read them
        if name.startswith("actions_"):
            return self.actions.get(name.removeprefix("actions_"), 0)
        raise AttributeError(name)

    def add(self, other: "Breakdown"):
        self.conventions += other.conventions
        for maturity, count in other.actions.items():
            self.actions[maturity] = self.actions.get(maturity, 0) + count
        self.cost += other.cost
        self.funded += other.funded


def convention_figures(conventions: QuerySet) -> dict[int, Breakdown]:
    """Per convention: its programme and département (of its ville principale, else of the
    first commune it covers), actions per maturity, cost and financing of the actions still
    in the plan (reporting.dashboards rules). Four grouped queries whatever the scope."""
    rows = {
        item["pk"]: Breakdown(
            key=str(item["pk"]),
            conventions=1,
            programme=item["programme"],
            departement=item["main_commune__departement"] or "",
        )
        for item in conventions.order_by().values("pk", "programme", "main_commune__departement")
    }
    _covered_departements(rows)
    actions = dashboards.actions_of(conventions)
    grouped = actions.order_by().values("axis__convention_id", "maturity")
    for item in grouped.annotate(n=Count("pk"), cost=dashboards.money_sum("estimated_cost")):
        row = rows.get(item["axis__convention_id"])
        if row is None:
            continue
        row.actions[item["maturity"]] = item["n"]
        if item["maturity"] != Action.Maturity.ABANDONNEE:
            row.cost += item["cost"]
    funded = dashboards.fundings_of(actions).order_by().values("action__axis__convention_id")
    for item in funded.annotate(funded=dashboards.money_sum(condition=dashboards.NOT_REFUSED)):
        if item["action__axis__convention_id"] in rows:
            rows[item["action__axis__convention_id"]].funded = item["funded"]
    return rows


def _covered_departements(rows: dict[int, Breakdown]):
    """The département of the first covered commune, for conventions without a ville
    principale (a chapeau over an EPCI)."""
    missing = [pk for pk, row in rows.items() if not row.departement]
    if not missing:
        return
    links = (
        Convention.communes.through.objects.filter(convention_id__in=missing)
        .order_by("commune__departement")
        .values_list("convention_id", "commune__departement")
    )
    for pk, departement in links:
        rows[pk].departement = rows[pk].departement or departement


def grouped(figures: dict[int, Breakdown], key, label) -> list[Breakdown]:
    """The conventions' figures added up per key(row) (no query)."""
    groups: dict[str, Breakdown] = {}
    for row in figures.values():
        value = key(row)
        groups.setdefault(value, Breakdown(key=value, label=label(value))).add(row)
    return sorted(groups.values(), key=lambda r: r.label)


def by_programme(figures) -> list[Breakdown]:
    labels = dict(Convention.Programme.choices)
    return grouped(figures, lambda r: r.programme, lambda v: labels.get(v, v))


def by_departement(figures) -> list[Breakdown]:
    return sorted(
        grouped(figures, lambda r: r.departement, departement_label),
        key=lambda r: (r.key not in DEPARTEMENTS, r.key),
    )


def by_region(figures) -> list[Breakdown]:
    return grouped(
        figures,
        lambda r: DEPARTEMENTS.get(r.departement, (None, ""))[1],
        lambda code: REGIONS.get(code, "Région inconnue"),
    )


@dataclass(frozen=True)
class Counts:
    late: int
    without_fiche: int
    indicators: int
    measured_indicators: int
    committees: int
    committees_behind: int


def counts(actions: QuerySet, conventions: QuerySet, *, today: datetime.date) -> Counts:
    """How many rows each drill-down page lists, in three queries."""
    late = Action.objects.late_condition(today)
    projected = Q(maturity=Action.Maturity.PROJETEE, has_fiche=False)
    action_counts = actions.aggregate(
        late=Count("pk", filter=late), without_fiche=Count("pk", filter=projected)
    )
    measured = Exists(Measurement.objects.filter(indicator=OuterRef("pk")))
    indicator_counts = (
        Indicator.objects.filter(action__in=actions)
        .annotate(measured=measured)
        .aggregate(indicators=Count("pk"), measured_indicators=Count("pk", filter=Q(measured=True)))
    )
    committees = followed_committees(conventions).with_rhythm()
    committee_counts = committees.aggregate(
        committees=Count("pk"),
        committees_behind=Count(
            "pk",
            filter=Q(expected_meetings_per_year__isnull=False)
            & Q(meetings_last_12_months__lt=F("expected_meetings_per_year")),
        ),
    )
    return Counts(**action_counts, **indicator_counts, **committee_counts)


def followed_committees(conventions: QuerySet) -> QuerySet:
    """Comités following at least one of the conventions."""
    return Committee.objects.filter(
        pk__in=Committee.objects.filter(conventions__in=conventions).values("pk")
    )


def with_figures(conventions) -> list:
    """The conventions of one page with their figures (convention_figures), computed for
    these conventions only, in the page's order."""
    conventions = list(conventions)
    figures = convention_figures(Convention.objects.filter(pk__in=[c.pk for c in conventions]))
    for convention in conventions:
        row = figures[convention.pk]
        for maturity in Action.Maturity.values:
            setattr(convention, f"actions_{maturity}", row.actions.get(maturity, 0))
        convention.actions_total = row.actions_total
        convention.cost, convention.funded = row.cost, row.funded
    return conventions
