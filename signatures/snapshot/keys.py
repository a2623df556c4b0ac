"""Keys that tell the rows of two snapshots apart.

A row of the live convention keeps its database id in every snapshot. A row added in an
avenant's draft has no id until the avenant is signed: it carries a draft key instead
(given once by the draft editor and kept on every later save), so that two new articles,
objectives or secteurs are never taken for the same row.
"""

import uuid


def new_draft_key() -> str:
    return f"nouveau-{uuid.uuid4().hex[:12]}"


def with_draft_key(item: dict, key: str | None = None) -> dict:
    """The draft row with its key: none for a live row, its own (or a new one) otherwise."""
    if item.get("id") is not None:
        return {name: value for name, value in item.items() if name != "draft_key"}
    return {**item, "draft_key": key or item.get("draft_key") or new_draft_key()}


def row_key(item: dict, index: int, field: str = "id"):
    """The id (or `field`), else the draft key, else the row's place: drafts saved before
    draft keys existed still list every new row."""
    value = item.get(field)
    if value is not None:
        return value
    return item.get("draft_key") or f"nouveau-{index}"


def keyed(items: list, field: str = "id") -> dict:
    return {row_key(item, index, field): item for index, item in enumerate(items)}
