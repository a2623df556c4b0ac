"""French numbers: reading what people type, and the one way amounts are written.

Read: « 1 500,50 », « 1500.50 », « 1 500 € », « 1 500,50 € », « 1.500,50 », with ordinary,
no-break (U+00A0) or narrow no-break (U+202F) spaces. Anything else is refused with a
French message; nothing is silently dropped (a letter, a second comma).
Write: « 1 500,50 € » with a narrow no-break space between thousands, everywhere (pages,
comparisons of signed versions, PDFs, warnings).
"""

import re
from decimal import Decimal, InvalidOperation

SPACES = re.compile(r"[\s\u00a0\u202f]")
PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
GROUPED_DOTS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
THIN = "\u202f"
MESSAGE = "« {} » n’est pas un montant : écrivez par exemple 1 500,50 ou 1500.50."


class NumberError(ValueError):
    """The text is not a number (the message is French, for the field)."""


def parse_number(text: str) -> Decimal | None:
    """The Decimal a French or plain number stands for; None for an empty text."""
    original = str(text or "")
    cleaned = SPACES.sub("", original)
    if cleaned.endswith("€"):
        cleaned = cleaned[:-1]
    if not cleaned:
        return None
    if "," in cleaned:
        if cleaned.count(",") > 1 or ("." in cleaned and not _dots_group(cleaned)):
            raise NumberError(MESSAGE.format(original.strip()))
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1:
        if not GROUPED_DOTS.match(cleaned):
            raise NumberError(MESSAGE.format(original.strip()))
        cleaned = cleaned.replace(".", "")
    if not PLAIN.match(cleaned):
        raise NumberError(MESSAGE.format(original.strip()))
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise NumberError(MESSAGE.format(original.strip())) from error


def _dots_group(text: str) -> bool:
    """« 1.500,50 »: dots only as thousands separators before the decimal comma."""
    return bool(GROUPED_DOTS.match(text.split(",")[0]))


def format_number(value, places: int = 2) -> str:
    """« 1 500,50 » (narrow no-break space between thousands, decimal comma)."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    text = f"{number:,.{places}f}"
    return text.replace(",", THIN).replace(".", ",")


def format_euros(value, places: int = 2) -> str:
    """« 1 500,50 € » (as the pages always wrote it); empty for None: the page says why."""
    text = format_number(value, places)
    return f"{text} €" if text else ""


def format_percent(value, places: int = 0) -> str:
    text = format_number(value, places)
    return f"{text} %" if text else ""
