"""Plan d'action files (XLSX, CSV): their columns, and how a cell is read.

Pure functions: reading a file gives raw rows (text cells, JSON-safe so the parsed file
can wait in the session for the person's confirmation); parsing a cell gives a value or
raises PlanValueError with the French message shown next to the line and column.
"""

import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import load_workbook

from actions.models import Action, Funding
from ort_portal.numbers import NumberError, parse_number

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
PENDING = "pending"  # an amount still « à préciser »
FORMULA_TRIGGERS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    example: str = ""
    aliases: tuple[str, ...] = ()


COLUMNS = [
    Column("axis", "Axe", "1"),
    Column("code", "Numéro", "1.1"),
    Column("title", "Action", "Réhabilitation de la halle du marché"),
    Column("maturity", "Maturité", "Projetée"),
    Column("has_fiche", "Fiche-action", "oui"),
    Column(
        "owner",
        "Maître d’ouvrage",
        "Commune de Libercourt ; EPF Hauts-de-France (acquisition, 2025–2026)",
        ("Maîtres d’ouvrage",),
    ),
    Column("start", "Début", "01/03/2025"),
    Column("end", "Fin", "31/12/2026"),
    Column("cost", "Coût estimatif HT (€)", "1 500 000,00"),
    Column("funder", "Financeur", "Région Hauts-de-France"),
    Column("nature", "Nature", "Subvention"),
    Column("amount", "Montant (€)", "300 000"),
    Column("status", "État de la demande", "Sollicité"),
    Column("year", "Année", "2025"),
    Column("period", "Période", "", ("Période pluriannuelle",)),
    Column("indicator", "Indicateur", "Surface commerciale rénovée (m²)"),
    # Only in the portal's own export: read so that it re-imports to no change.
    Column("progress", "Avancement (%)"),
]
TEMPLATE_COLUMNS = [column for column in COLUMNS if column.key != "progress"]
REQUIRED = ("axis", "code", "title")
HEADER_OF = {column.key: column.header for column in COLUMNS}


class PlanFileError(Exception):
    """The file as a whole cannot be read (the message is French, for the upload field)."""


class PlanValueError(ValueError):
    """One cell cannot be read (the message is French)."""


def normalise(text) -> str:
    """Lower case, no accents, straight apostrophes, single spaces: how labels are compared."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.replace("’", "'").lower().split())


KEY_OF_HEADER = {
    normalise(header): column.key
    for column in COLUMNS
    for header in (column.header, *column.aliases)
}


# Reading a file


def cell_text(value) -> str:
    """A cell as JSON-safe text: dates in ISO form, numbers as written by Python; a text
    the export protected from formulas ('=…) loses its protecting quote."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM) first, else Windows-1252."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def csv_grid(content: bytes) -> list[list]:
    text = decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";"
    # The standard csv module, not tablib: the export's preamble lines are shorter than
    # its rows, and tablib.Dataset refuses rows of unequal length (InvalidDimensions).
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def xlsx_grid(content: bytes) -> list[list]:
    """The first sheet's cells. data_only=False: a formula comes as its text (=…), never as
    a value computed by a spreadsheet (tablib's XLSX loader forces data_only=True)."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise PlanFileError("Le fichier n’est pas un classeur XLSX lisible.") from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 50)]
    finally:
        workbook.close()


def find_header(grid: list[list]) -> tuple[int, dict[str, int]]:
    """The index of the header row (the first with Axe, Numéro and Action) and the
    column index of each known header; other columns (computed totals…) are ignored."""
    for index, row in enumerate(grid[:30]):
        columns = {}
        for position, value in enumerate(row):
            key = KEY_OF_HEADER.get(normalise(value))
            if key and key not in columns:
                columns[key] = position
        if all(key in columns for key in REQUIRED):
            return index, columns
    raise PlanFileError(
        "Aucune ligne d’en-têtes trouvée : il faut au moins les colonnes "
        "« Axe », « Numéro » et « Action » (téléchargez le modèle)."
    )


def read_rows(content: bytes, filename: str) -> dict:
    """{"columns": [keys], "rows": [{"line": n, key: text…}]} from an XLSX or CSV file;
    blank lines and the export's totals line are skipped."""
    if len(content) > MAX_BYTES:
        raise PlanFileError("Le fichier dépasse 2 Mo.")
    if content.startswith(b"PK"):
        grid = xlsx_grid(content)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise PlanFileError("Le fichier n’est pas un classeur XLSX lisible.")
    else:
        grid = csv_grid(content)
    header_index, columns = find_header(grid)
    rows = []
    for index in range(header_index + 1, len(grid)):
        row = grid[index]
        cells = {
            key: cell_text(row[position]) if position < len(row) else ""
            for key, position in columns.items()
        }
        if not any(cells.values()) or is_totals_line(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise PlanFileError(f"Le fichier dépasse {MAX_ROWS} lignes.")
        rows.append({"line": index + 1, **cells})
    if not rows:
        raise PlanFileError("Le fichier ne contient aucune ligne d’action sous ses en-têtes.")
    return {"columns": list(columns), "rows": rows}


def is_totals_line(cells: dict) -> bool:
    return normalise(cells.get("axis")).startswith("total") and not cells.get("code")


# Reading a cell


def parse_decimal(text: str) -> Decimal | None:
    """French or plain numbers (ort_portal.numbers): « 1 500,50 », « 1500.50 », « 1 500 € »."""
    try:
        value = parse_number(text)
    except NumberError as error:
        raise PlanValueError(str(error)) from error
    if value is None:
        return None
    value = value.quantize(Decimal("0.01"))
    if value < 0:
        raise PlanValueError("Un montant ne peut pas être négatif.")
    if value >= Decimal("1e12"):
        raise PlanValueError("Ce montant est trop grand.")
    return value


PENDING_WORDS = ("a preciser", "montant a preciser", "sollicite", "?", "nc")


def parse_amount(text: str) -> Decimal | str:
    """A financing amount: empty, « sollicité » or « à préciser » means pending (PENDING)."""
    if not text or normalise(text) in PENDING_WORDS:
        return PENDING
    return parse_decimal(text)


PERIOD = re.compile(r"^(\d{4})\s*(?:-|–|—|à|a)\s*(\d{4})$")


def parse_period(text: str) -> tuple[int, int] | None:
    """A multi-year period: « 2025-2027 », « 2025–2027 », « 2025 à 2027 »."""
    text = (text or "").strip()
    if not text:
        return None
    match = PERIOD.match(text)
    if not match or not 2000 <= int(match[1]) <= int(match[2]) <= 2100:
        raise PlanValueError(f"« {text} » n’est pas une période (exemple : 2025-2027).")
    return int(match[1]), int(match[2])


@dataclass(frozen=True)
class OwnerEntry:
    """One maître d'ouvrage of the « Maître d’ouvrage » cell: « Nom (phase, 50 %, 2025–2026) »."""

    name: str
    phase: str = ""
    share: Decimal | None = None
    period_start: int | None = None
    period_end: int | None = None


OWNER = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<details>[^()]*)\))?$")
SHARE = re.compile(r"^(\d+(?:[.,]\d+)?)\s*%$")
OWNER_PERIOD = re.compile(r"^(\d{4}|…)\s*[–-]\s*(\d{4}|…)$")


def parse_owners(text: str) -> list[OwnerEntry]:
    """The maîtres d'ouvrage of an action, separated by « ; »: the first is the main one,
    the others come with their phase, share (%) and period, as ActionOwner.describe()
    writes them."""
    entries = []
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        match = OWNER.match(part.strip())
        if match is None:
            raise PlanValueError(f"« {part.strip()} » : écrivez « Nom (phase, part %, années) ».")
        entries.append(_owner_entry(match["name"].strip(), match["details"] or ""))
    return entries


def _owner_entry(name: str, details: str) -> OwnerEntry:
    phase, values = [], {}
    for item in (piece.strip() for piece in details.split(", ") if piece.strip()):
        share, period = SHARE.match(item), OWNER_PERIOD.match(item)
        if share:
            values["share"] = Decimal(share[1].replace(",", "."))
        elif period:
            values["period_start"] = None if period[1] == "…" else int(period[1])
            values["period_end"] = None if period[2] == "…" else int(period[2])
        else:
            phase.append(item)
    return OwnerEntry(name=name, phase=", ".join(phase), **values)


EXCEL_EPOCH = datetime.date(1899, 12, 30)


def parse_date(text: str) -> datetime.date | None:
    """dd/mm/yyyy, yyyy-mm-dd, or an Excel serial day number."""
    text = (text or "").strip()
    if not text:
        return None
    formats = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")
    for pattern in formats:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    if text.isdigit() and 20000 <= int(text) <= 80000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(text))
    raise PlanValueError(f"« {text} » n’est pas une date (attendu : jj/mm/aaaa).")


def choice_parser(choices, what: str):
    labels = {}
    for value, label in choices:
        labels[normalise(value)] = value
        labels[normalise(label)] = value
        labels[normalise(label.split(" /")[0])] = value

    def parse(text: str, default=None):
        if not (text or "").strip():
            return default
        value = labels.get(normalise(text))
        if value is None:
            known = ", ".join(label for _, label in choices)
            raise PlanValueError(f"{what} « {text} » inconnue (attendu : {known}).")
        return value

    return parse


parse_maturity = choice_parser(Action.Maturity.choices, "Maturité")
parse_nature = choice_parser(Funding.Nature.choices, "Nature")
parse_status = choice_parser(Funding.Status.choices, "État de la demande")


def parse_yes_no(text: str) -> bool:
    value = normalise(text)
    if value in ("oui", "o", "x", "1", "vrai", "true", "yes"):
        return True
    if value in ("", "non", "n", "0", "faux", "false", "no"):
        return False
    raise PlanValueError(f"« {text} » : indiquez oui ou non.")


def parse_integer(text: str, low: int, high: int, what: str) -> int | None:
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or not low <= int(text) <= high:
        raise PlanValueError(f"« {text} » : {what} attendu entre {low} et {high}.")
    return int(text)
