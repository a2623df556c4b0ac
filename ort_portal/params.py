"""Numbers read from a query string."""

MAX_ID = 2**63 - 1  # the largest primary key or integer column value of the databases


def int_param(value: str | None) -> int | None:
    """`value` as a number when it is plain ASCII digits that fit a database integer, else
    None: « ² » passes str.isdigit() but not int(), and 10²⁰ overflows SQLite's integers."""
    if value and value.isascii() and value.isdecimal() and int(value) <= MAX_ID:
        return int(value)
    return None
