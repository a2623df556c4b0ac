"""The plan de financement of a fiche-action laid out for display (reading only); what
the lines amount to is actions.financing.figures_of."""

from dataclasses import dataclass, field
from decimal import Decimal

from .financing import FINANCING, Figures, figure_of, figures_of
from .models import Action, Funding

WITHOUT_YEAR = "Pluriannuel ou sans année"


@dataclass
class FunderRow:
    funder: str
    amounts: list[Decimal | None]
    total: Decimal


@dataclass
class FinancingSummary:
    """Third parties' financing per financeur × year (a column for the lines given over a
    period or with no year), every line listed, and the figures of the one rule."""

    lines: list[Funding]
    figures: Figures
    columns: list = field(default_factory=list)
    rows: list[FunderRow] = field(default_factory=list)
    column_totals: list[Decimal] = field(default_factory=list)


def _column(line: Funding):
    return line.year if line.year else WITHOUT_YEAR


def financing_summary(action: Action) -> FinancingSummary:
    """From fundings already loaded (Action.objects.for_fiche())."""
    lines = sorted(
        action.fundings.all(),
        key=lambda f: (f.year or f.period_start or 9999, f.funder.name, f.pk),
    )
    summary = FinancingSummary(lines=lines, figures=figures_of(action.estimated_cost, lines))
    grid = [line for line in lines if figure_of(line) in FINANCING]
    years = sorted({line.year for line in grid if line.year})
    summary.columns = years + ([WITHOUT_YEAR] if any(not line.year for line in grid) else [])
    by_funder: dict[str, dict] = {}
    for line in grid:
        cells = by_funder.setdefault(line.funder.name, {})
        cells[_column(line)] = cells.get(_column(line), Decimal("0")) + line.amount
    for funder in sorted(by_funder):
        cells = by_funder[funder]
        summary.rows.append(
            FunderRow(
                funder=funder,
                amounts=[cells.get(column) for column in summary.columns],
                total=sum(cells.values(), Decimal("0")),
            )
        )
    summary.column_totals = [
        sum((f.amount for f in grid if _column(f) == column), Decimal("0"))
        for column in summary.columns
    ]
    return summary
