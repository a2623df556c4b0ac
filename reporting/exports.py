"""Spreadsheet exports: the maquette financière (XLSX) and the plan d'action (CSV, XLSX).

Each file states the convention's reference and its export date. The figures come from
reporting.dashboards (maquette) and ActionQuerySet.for_plan (plan), like the pages.
"""

import csv
import datetime
import io
from decimal import Decimal
from itertools import groupby

from django.db.models import F
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actions.models import Action, Funding
from conventions.models import Convention

from . import dashboards
from .maquette import build_maquette

EURO_FORMAT = "#,##0.00 €"
HEADER_FILL = PatternFill("solid", fgColor="EEEEF6")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
FIRST_DATA_ROW = 5  # rows 1-3: title, reference and date, note; row 4: column headers


def convention_actions(convention: Convention):
    return dashboards.actions_of(Convention.objects.filter(pk=convention.pk))


def _preamble(sheet, title: str, convention: Convention, exported_at: datetime.datetime, note=""):
    sheet["A1"] = title
    sheet["A1"].font = TITLE
    sheet["A2"] = (
        f"Convention {convention.reference} – {convention.title} – "
        f"exporté le {exported_at:%d/%m/%Y à %H:%M}"
    )
    sheet["A3"] = note


def _header(sheet, labels: list[str], widths: list[int]):
    row = FIRST_DATA_ROW - 1
    for column, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        cell = sheet.cell(row=row, column=column, value=label)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _text(sheet, row: int, column: int, value):
    """A cell for text a user typed: stored as text, never read as a formula, so a title
    like =HYPERLINK(…) cannot run in the spreadsheet of whoever opens the export."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _money(cell):
    cell.number_format = EURO_FORMAT
    return cell


def _sum_row(sheet, row: int, first_column: int, last_column: int, first_row: int, label: str):
    """A totals row: one SUM formula per money column over the data rows above it."""
    sheet.cell(row=row, column=1, value=label).font = BOLD
    for column in range(first_column, last_column + 1):
        letter = get_column_letter(column)
        formula = f"=SUM({letter}{first_row}:{letter}{row - 1})" if row > first_row else 0
        cell = _money(sheet.cell(row=row, column=column, value=formula))
        cell.font = BOLD


def _action_label(row) -> str:
    return f"{row['action__code']} {row['action__title']}".strip()


NOTE = (
    "Montants en euros. Les demandes refusées sont exclues des totaux ; les prêts et avances "
    "remboursables sont totalisés à part ; une demande au montant à préciser n’est comptée "
    "dans aucun total."
)
YEAR_STATUSES = [
    Funding.Status.PREVU,
    Funding.Status.SOLLICITE,
    Funding.Status.ACQUIS,
    Funding.Status.REFUSE,
    Funding.Status.VERSE,
]


def _column_label(year) -> str:
    return str(year) if year else "Pluriannuel ou sans année"


def maquette_workbook(convention: Convention, *, exported_at: datetime.datetime) -> bytes:
    """The maquette financière: a summary sheet (years in columns) and one sheet per year
    (request statuses in columns). What each line counts as is actions.financing: the
    totals of the summary are the rule's figures, written as values."""
    actions = convention_actions(convention)
    conventions = Convention.objects.filter(pk=convention.pk)
    maquette = build_maquette(actions, dashboards.convention_lines(conventions))
    workbook = Workbook()
    workbook.properties.title = f"Maquette financière {convention.reference}"
    workbook.properties.creator = "Portail ORT"
    summary = workbook.active
    summary.title = "Synthèse"
    _preamble(summary, "Maquette financière pluriannuelle", convention, exported_at, NOTE)
    row = _maquette_rows(summary, maquette)
    row = _maquette_totals(summary, row, maquette) + 1
    row = _figures_block(summary, row, maquette.figures) + 1
    row = _totals_block(
        summary, row, "Totaux par financeur", maquette.by_funder, maquette.years, "funder__name"
    )
    _totals_block(
        summary, row + 1, "Totaux par axe", maquette.by_axis, maquette.years, "action__axis__title"
    )
    for year, lines in groupby(_year_lines(actions), key=lambda line: line["year"]):
        _year_sheet(workbook, convention, exported_at, year, list(lines))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _maquette_rows(sheet, maquette) -> int:
    """One row per action × financeur × nature; the row total adds its years."""
    years = maquette.years
    labels = ["Axe", "Action", "Maître d’ouvrage", "Financeur", "Nature"]
    labels += [_column_label(y) for y in years]
    _header(sheet, [*labels, "Total"], [8, 50, 28, 28, 22] + [15] * (len(years) + 1))
    row = FIRST_DATA_ROW
    for line in maquette.rows:
        sheet.cell(row=row, column=1, value=line["action__axis__number"])
        _text(sheet, row, 2, _action_label(line))
        _text(sheet, row, 3, line["action__project_owner__name"] or "")
        _text(sheet, row, 4, line["funder__name"])
        _text(sheet, row, 5, line["nature_label"])
        for offset, cell in enumerate(line["cells"]):
            pending = cell["parts"] and all(amount is None for *_, amount in cell["parts"])
            value = "à préciser" if pending else cell["total"] or 0
            _money(_text(sheet, row, 6 + offset, value))
        first, last = get_column_letter(6), get_column_letter(5 + len(years))
        total = f"=SUM({first}{row}:{last}{row})" if years else 0
        _money(sheet.cell(row=row, column=6 + len(years), value=total))
        row += 1
    return row


def _maquette_totals(sheet, row: int, maquette) -> int:
    """The third parties' financing per column, from the rule (never a SUM over rows of
    mixed natures: a loan row is not financing)."""
    sheet.cell(row=row, column=1, value="Total des financements des tiers").font = BOLD
    values = [*maquette.year_totals, maquette.total]
    for offset, value in enumerate(values):
        _money(sheet.cell(row=row, column=6 + offset, value=value)).font = BOLD
    return row + 1


FIGURE_ROWS = [
    ("Coût estimatif des actions", "cost"),
    ("Financements des tiers", "financing"),
    ("dont acquis ou versés", "acquired"),
    ("dont prévus ou sollicités", "pending"),
    ("Prêts et avances remboursables (à part)", "loans"),
    ("Part déclarée des maîtres d’ouvrage", "owner_share"),
    ("Reste à charge des maîtres d’ouvrage", "remaining_charge"),
    ("Demandes au montant à préciser (nombre)", "unknown"),
]


def _figures_block(sheet, row: int, figures) -> int:
    sheet.cell(row=row, column=1, value="Plan de financement").font = BOLD
    for label, name in FIGURE_ROWS:
        row += 1
        _text(sheet, row, 2, label)
        cell = sheet.cell(row=row, column=6, value=getattr(figures, name))
        if name != "unknown":
            _money(cell)
    return row + 1


def _year_lines(actions):
    """The funding lines per year and action × financeur, with the rule's sums."""
    return (
        dashboards.fundings_of(actions)
        .values(
            "year",
            "action__axis__number",
            "action__code",
            "action__title",
            "action__project_owner__name",
            "funder__name",
        )
        .annotate(**dashboards.status_sums())
        .order_by(
            F("year").asc(nulls_last=True),
            "action__axis__number",
            "action__position",
            "action__code",
            "funder__name",
        )
    )


def _year_sheet(workbook, convention, exported_at, year, lines):
    sheet = workbook.create_sheet(str(year) if year else "Pluriannuel")
    title = f"Maquette financière – {'année ' + str(year) if year else 'pluriannuel ou sans année'}"
    _preamble(sheet, title, convention, exported_at, NOTE)
    extra = ["Financements des tiers", "Prêts et avances (à part)", "Part des maîtres d’ouvrage"]
    _header(
        sheet,
        ["Axe", "Action", "Maître d’ouvrage", "Financeur"]
        + [status.label for status in YEAR_STATUSES]
        + [*extra, "Montants à préciser"],
        [8, 50, 28, 28] + [15] * (len(YEAR_STATUSES) + 4),
    )
    row = FIRST_DATA_ROW
    for line in lines:
        sheet.cell(row=row, column=1, value=line["action__axis__number"])
        _text(sheet, row, 2, _action_label(line))
        _text(sheet, row, 3, line["action__project_owner__name"] or "")
        _text(sheet, row, 4, line["funder__name"])
        for offset, status in enumerate(YEAR_STATUSES):
            _money(sheet.cell(row=row, column=5 + offset, value=line[status.value]))
        # Prévu + sollicité + acquis + versé: everything but the refused column (H).
        _money(sheet.cell(row=row, column=10, value=f"=SUM(E{row}:G{row})+I{row}"))
        _money(sheet.cell(row=row, column=11, value=line["loans"]))
        _money(sheet.cell(row=row, column=12, value=line["owner_share"]))
        sheet.cell(row=row, column=13, value=line["unknown"])
        row += 1
    _sum_row(sheet, row, 5, 12, FIRST_DATA_ROW, f"Total {year or 'pluriannuel'}")


def _totals_block(sheet, row: int, title: str, grid: list[dict], years, label_key: str) -> int:
    sheet.cell(row=row, column=1, value=title).font = BOLD
    row += 1
    for line in grid:
        _text(sheet, row, 2, line[label_key])
        for offset, value in enumerate(line["years"]):
            _money(sheet.cell(row=row, column=6 + offset, value=value))
        _money(sheet.cell(row=row, column=6 + len(years), value=line["total"]))
        row += 1
    return row


# Plan d'action

PLAN_COLUMNS = [
    "Axe",
    "Intitulé de l’axe",
    "Numéro",
    "Action",
    "Maturité",
    "Fiche-action",
    "Maître d’ouvrage",
    "Début",
    "Fin",
    "Coût estimatif HT (€)",
    "Avancement (%)",
    "Financements hors refusés (€)",
    "dont acquis ou versés (€)",
    "Prêts et avances, à part (€)",
    "Reste à charge (€)",
    "Montants à préciser",
]
MONEY_COLUMNS = (10, 12, 13, 14, 15)


def plan_actions(convention: Convention):
    return Action.objects.filter(axis__convention=convention).for_plan()


def _plan_values(action: Action) -> list:
    figures = action.figures
    owners = [action.project_owner.name] if action.project_owner else []
    owners += [str(co_owner) for co_owner in action.co_owners.all()]
    return [
        action.axis.number,
        action.axis.title,
        action.code,
        action.title,
        action.get_maturity_display(),
        "oui" if action.has_fiche else "non",
        " ; ".join(owners),
        action.start_date,
        action.end_date,
        action.estimated_cost,
        action.progress,
        figures.financing,
        figures.acquired,
        figures.loans,
        figures.remaining_charge,
        figures.unknown,
    ]


def french_csv_value(value) -> str:
    """Decimal comma, dd/mm/yyyy dates: what a French spreadsheet reads as numbers and dates."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    text = str(value)
    # Typed text starting like a formula is prefixed so the spreadsheet shows it as text.
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def plan_csv(convention: Convention, *, exported_at: datetime.datetime) -> bytes:
    """The plan d'action as CSV: UTF-8 with BOM, ';' separator, decimal comma; a first
    line states the convention and the export date, the second line is empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            f"Plan d’action de la convention {convention.reference}",
            french_csv_value(convention.title),
            f"exporté le {exported_at:%d/%m/%Y à %H:%M}",
        ]
    )
    writer.writerow([])
    writer.writerow(PLAN_COLUMNS)
    for action in plan_actions(convention):
        writer.writerow([french_csv_value(value) for value in _plan_values(action)])
    return buffer.getvalue().encode("utf-8-sig")


def plan_workbook(convention: Convention, *, exported_at: datetime.datetime) -> bytes:
    """The plan d'action as XLSX, for transmission to the ANCT (Libercourt art. 4)."""
    workbook = Workbook()
    workbook.properties.title = f"Plan d’action {convention.reference}"
    workbook.properties.creator = "Portail ORT"
    sheet = workbook.active
    sheet.title = "Plan d’action"
    _preamble(sheet, "Plan d’action", convention, exported_at, "Montants en euros HT.")
    _header(sheet, PLAN_COLUMNS, [6, 30, 10, 50, 18, 10, 28, 11, 11, 16, 12, 18, 18, 18, 18, 12])
    row = FIRST_DATA_ROW
    actions = plan_actions(convention)
    for action in actions:
        for column, value in enumerate(_plan_values(action), start=1):
            cell = _text(sheet, row, column, value)
            if isinstance(value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
            elif column in MONEY_COLUMNS:
                _money(cell)
        row += 1
    # As on the tableau de bord, abandoned actions stay listed but out of the totals: the
    # totals are the rule's figures (actions.financing), written as values.
    sheet.cell(row=row, column=1, value="Total hors actions abandonnées").font = BOLD
    figures = actions.financing_totals()
    totals = [figures.cost, None, figures.financing, figures.acquired, figures.loans]
    totals += [figures.remaining_charge, figures.unknown]
    for column, value in zip((10, 11, 12, 13, 14, 15, 16), totals, strict=True):
        if value is not None:
            cell = sheet.cell(row=row, column=column, value=value)
            cell.font = BOLD
            if column in MONEY_COLUMNS:
                _money(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
