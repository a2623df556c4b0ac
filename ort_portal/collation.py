"""French alphabetical order of names, blind to accents and case (« État » and
« Établissement » among the E, not after Z), the same on PostgreSQL and SQLite.

PostgreSQL (built with ICU, as Debian's is) ships the ICU collation `fr-x-icu`; SQLite
gets a collation of the same name from `register_sqlite_collation`, so that one
expression, `french(field)`, orders alike on both.
"""

import unicodedata

from django.db.models.functions import Collate

FRENCH = "fr-x-icu"


def sort_key(text: str) -> tuple[str, str]:
    """Letters without their accents, case folded; the text itself breaks ties."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return base, text


def french(expression):
    return Collate(expression, FRENCH)


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(FRENCH, _compare)
