"""Fast inserts for the national dataset: PostgreSQL's COPY, bulk_create elsewhere.

At national scale the dataset has some two million rows (with their history): building a
model instance per history row and compiling INSERTs dominated the generation. On
PostgreSQL, keys are drawn from the table's sequence and rows are streamed with COPY; the
objects end up exactly as bulk_create leaves them (pk set, saved state).
"""

from django.db import connection, models

BATCH_SIZE = 2000


def _copy_supported() -> bool:
    return connection.vendor == "postgresql"


def _new_ids(table: str, count: int, column: str = "id") -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(table: str, columns: list[str], rows) -> None:
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _value(field, obj):
    value = field.pre_save(obj, True)
    if isinstance(field, models.JSONField):
        return field.get_db_prep_save(value, connection)
    return value


def insert(model, objs: list) -> list:
    """Insert the objects; each gets its pk."""
    if not _copy_supported():
        return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    for obj in objs:  # foreign keys to objects inserted since they were assigned
        obj._prepare_related_fields_for_save(operation_name="insert")
    for obj, pk in zip(objs, _new_ids(meta.db_table, len(objs), meta.pk.column), strict=True):
        obj.pk = pk
    copy_rows(
        meta.db_table,
        [meta.pk.column] + [f.column for f in fields],
        ([obj.pk] + [_value(f, obj) for f in fields] for obj in objs),
    )
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def insert_history(model, objs: list, *, update: bool, reason: str) -> dict[int, int]:
    """One history row per object, as it is now; returns {object pk: history_id}."""
    historical = model.history.model
    history_type = "~" if update else "+"
    if not _copy_supported():
        rows = model.history.bulk_history_create(
            objs, batch_size=BATCH_SIZE, update=update, default_change_reason=reason
        )
        return {row.id: row.history_id for row in rows}
    meta = historical._meta
    tracked = historical.tracked_fields
    ids = _new_ids(meta.db_table, len(objs), "history_id")
    columns = [f.column for f in tracked] + [
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user_id",
    ]

    def row(obj, history_id):
        user = getattr(obj, "_history_user", None)
        return [getattr(obj, f.attname) for f in tracked] + [
            history_id,
            obj._history_date,
            getattr(obj, "_change_reason", "") or reason,
            history_type,
            user.pk if user is not None else None,
        ]

    copy_rows(meta.db_table, columns, (row(o, i) for o, i in zip(objs, ids, strict=True)))
    return {obj.pk: history_id for obj, history_id in zip(objs, ids, strict=True)}


def insert_links(through, source: str, target: str, pairs: list[tuple]) -> list[int]:
    """Many-to-many rows (owner, target); returns their ids in order."""
    if not _copy_supported():
        links = through.objects.bulk_create(
            [through(**{f"{source}_id": a.pk, f"{target}_id": b.pk}) for a, b in pairs],
            batch_size=BATCH_SIZE,
        )
        return [link.pk for link in links]
    meta = through._meta
    ids = _new_ids(meta.db_table, len(pairs))
    columns = ["id", meta.get_field(source).column, meta.get_field(target).column]
    copy_rows(
        meta.db_table, columns, ([i, a.pk, b.pk] for i, (a, b) in zip(ids, pairs, strict=True))
    )
    return ids


def insert_link_history(historical, source: str, target: str, rows: list[tuple]) -> None:
    """Rows of a many-to-many history: (link id, history_id, owner pk, target pk)."""
    if not _copy_supported():
        historical.objects.bulk_create(
            [
                historical(id=link, history_id=history, **{f"{source}_id": a, f"{target}_id": b})
                for link, history, a, b in rows
            ],
            batch_size=BATCH_SIZE,
        )
        return
    meta = historical._meta
    ids = _new_ids(meta.db_table, len(rows), "m2m_history_id")
    columns = [
        "m2m_history_id",
        "id",
        "history_id",
        meta.get_field(source).column,
        meta.get_field(target).column,
    ]
    copy_rows(meta.db_table, columns, ([i, *r] for i, r in zip(ids, rows, strict=True)))
