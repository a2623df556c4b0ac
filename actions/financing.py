"""The financing plan of a fiche-action, summarised for display (reading only)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .models import Action, Funding


@dataclass
class FunderRow:
    funder: str
    amounts: list[Decimal | None]
    total: Decimal


@dataclass
class FinancingSummary:
    """Per financeur × year, from fundings already loaded (Action.objects.for_fiche()).

    Refused requests finance nothing: they are listed with the lines but left out of
    every total. The two remaining figures follow the tableau de bord (reporting.dashboards):
    the reste à financer is the cost minus the financing; the reste à charge of the
    maître d'ouvrage is the cost minus the financing brought by third parties (its own
    contributions, funding lines whose financeur is the maître d'ouvrage, stay at its charge).
    """

    lines: list[Funding]
    years: list[int] = field(default_factory=list)
    rows: list[FunderRow] = field(default_factory=list)
    year_totals: list[Decimal] = field(default_factory=list)
    total: Decimal = Decimal("0")
    acquired: Decimal = Decimal("0")
    refused: Decimal = Decimal("0")
    own_contributions: Decimal = Decimal("0")
    cost: Decimal | None = None

    @property
    def remaining(self):
        """Reste à financer: estimated cost minus the counted financing."""
        return None if self.cost is None else self.cost - self.total

    @property
    def owners_share(self):
        """Reste à charge du maître d'ouvrage: cost minus the third parties' financing."""
        return None if self.cost is None else self.cost - self.total + self.own_contributions

    @property
    def acquired_percent(self):
        return round(self.acquired * 100 / self.total) if self.total else 0


def financing_summary(action: Action) -> FinancingSummary:
    lines = sorted(action.fundings.all(), key=lambda f: (f.year, f.funder.name, f.pk))
    summary = FinancingSummary(lines=lines, cost=action.estimated_cost)
    counted = [line for line in lines if line.status != Funding.Status.REFUSE]
    summary.refused = sum((f.amount for f in lines if f not in counted), Decimal("0"))
    summary.years = sorted({line.year for line in counted})
    by_funder: dict[str, dict[int, Decimal]] = {}
    for line in counted:
        cells = by_funder.setdefault(line.funder.name, {})
        cells[line.year] = cells.get(line.year, Decimal("0")) + line.amount
        if line.status in (Funding.Status.ACQUIS, Funding.Status.VERSE):
            summary.acquired += line.amount
        if action.project_owner_id and line.funder_id == action.project_owner_id:
            summary.own_contributions += line.amount
    for funder in sorted(by_funder):
        cells = by_funder[funder]
        summary.rows.append(
            FunderRow(
                funder=funder,
                amounts=[cells.get(year) for year in summary.years],
                total=sum(cells.values(), Decimal("0")),
            )
        )
    summary.year_totals = [
        sum((f.amount for f in counted if f.year == year), Decimal("0")) for year in summary.years
    ]
    summary.total = sum(summary.year_totals, Decimal("0"))
    return summary
