"""Reading the official files: INSEE's CSV (comma), ANCT's CSV (semicolon, UTF-8 with BOM)
and INSEE's XLSX, whose header row comes after a few title rows."""

import csv
import datetime
import io
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook

EPCI_SHEET = "Composition_communale"


class ReferentialFileError(Exception):
    """The file cannot be read as the expected referential (message in French)."""


def read_rows(path: Path, *, required: set[str], sheet: str | None = None) -> list[dict]:
    """The rows of a CSV or XLSX file as dicts keyed by the header's column names; the
    header is the first row holding every `required` column."""
    path = Path(path)
    if not path.exists():
        raise ReferentialFileError(f"Fichier introuvable : {path}")
    is_xlsx = path.suffix.lower() in (".xlsx", ".xlsm")
    rows = _xlsx_rows(path, sheet) if is_xlsx else _csv_rows(path)
    return _with_header(rows, required, path)


def _csv_rows(path: Path) -> Iterator[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[list[str]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet and sheet not in workbook.sheetnames:
            raise ReferentialFileError(
                f"La feuille « {sheet} » manque dans {path.name} "
                f"(feuilles : {', '.join(workbook.sheetnames)})."
            )
        worksheet = workbook[sheet] if sheet else workbook.active
        for row in worksheet.iter_rows(values_only=True):
            yield ["" if cell is None else str(cell) for cell in row]
    finally:
        workbook.close()


def _with_header(rows: Iterator[list[str]], required: set[str], path: Path) -> list[dict]:
    header = None
    records = []
    for row in rows:
        cells = [cell.strip() for cell in row]
        if header is None:
            if required <= set(cells):
                header = cells
            continue
        if any(cells):
            records.append(dict(zip(header, cells, strict=False)))
    if header is None:
        raise ReferentialFileError(
            f"{path.name} : colonnes attendues introuvables ({', '.join(sorted(required))})."
        )
    return records


def split_ids(cell: str) -> list[str]:
    """The ids of a cell of the ANCT crossing table: several are separated by " ; "."""
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def parse_date(value: str) -> datetime.date | None:
    """ISO (2021-03-15), French (15/03/2021) or a spreadsheet's date-time; None if empty."""
    value = (value or "").strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ReferentialFileError(f"Date illisible : « {value} ».")
