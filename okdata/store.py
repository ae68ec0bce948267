"""Values and measure statuses as an append-only store: batches add rows, flags say which rows count.

A row is never updated in place except for its two flags. `is_current` marks, per key, the newest row
of a live batch (submitted or approved); `is_approved` the newest row of an approved batch. Undoing,
returning or approving a batch changes the batch's status and recomputes the flags of its keys, so the
result is exactly what it would be had the batch never been (or always been) accepted.
"""

from sqlalchemy import text
from sqlmodel import Session

from okdata.db import note_years
from okdata.models import ImportBatch, MeasureStatus, Observation, utcnow

OBSERVATION_KEY = ("indicator_id", "year", "violence_type", "area_code", "grp", "category")
STATUS_KEY = ("measure_id", "agency_id", "year")
LIVE = ("submitted", "approved")


def create_batch(s: Session, kind: str, *, user_name: str = "", status: str = "approved", **fields) -> ImportBatch:
    """A new batch (the provenance record of the rows that follow)."""
    batch = ImportBatch(kind=kind, user_name=user_name, status=status, created_at=utcnow(), **fields)
    s.add(batch)
    s.flush()
    return batch


def add_observations(s: Session, batch: ImportBatch, rows: list[dict]) -> int:
    """Insert value rows for a batch (dicts of Observation fields) and recompute their keys' flags."""
    if not rows:
        return 0
    base = {"violence_type": "", "area_code": "01", "grp": "", "category": "", "comment": "", "source": "",
            "is_example": False, "value_num": None, "value_text": None, "numerator": None, "denominator": None,
            "sheet_row": None}
    return _add_rows(s, batch, Observation.__table__, OBSERVATION_KEY, base, rows)


def add_observation_tuples(s: Session, batch: ImportBatch, columns: tuple[str, ...], rows: list[tuple],
                           superseded: list[int] | None = None) -> int:
    """Like add_observations, for rows given as tuples of `columns` (the fast path of uploads).

    `superseded`: the ids of every current or approved row of these keys, as the caller has established against
    the data version this write transaction still holds; then they are cleared by id and the search for older
    rows is skipped.
    """
    if not rows:
        return 0
    extra = ("is_example", "source", "batch_id", "is_current", "is_approved")
    tail = (False, "", batch.id, *_flags(batch))
    at = columns.index("year")
    note_years(s, {batch.year, *(r[at] for r in rows)})
    _insert_tuples(s, Observation.__table__.name, (*columns, *extra), [(*r, *tail) for r in rows])
    supersede(s, "observation", OBSERVATION_KEY, batch, older=superseded)
    return len(rows)


def _insert_many(s: Session, table, rows: list[dict]) -> None:
    columns = list(rows[0])
    _insert_tuples(s, table.name, columns, [tuple(r[c] for c in columns) for r in rows])


def _insert_tuples(s: Session, table: str, columns, rows: list[tuple]) -> None:
    """One driver-level executemany (SQLAlchemy's per-row parameter processing costs more than the insert)."""
    conn = s.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    conn.exec_driver_sql(sql, rows)


def add_statuses(s: Session, batch: ImportBatch, rows: list[dict]) -> int:
    """Insert measure-status rows for a batch and recompute their keys' flags."""
    if not rows:
        return 0
    base = {"description": "", "is_example": False, "sheet_row": None}
    return _add_rows(s, batch, MeasureStatus.__table__, STATUS_KEY, base, rows)


def add_warnings(s: Session, batch: ImportBatch, warnings: list, confirmed: bool) -> int:
    """Keep the warnings (checks.Problem) said to the uploader of a saved batch, in the order said, and whether they
    were confirmed before the save (on the page) or not (the command line prints them, example data)."""
    if warnings:
        _insert_tuples(s, "batch_warning", ("batch_id", "sheet", "sheet_row", "sheet_column", "code", "message",
                                            "confirmed"),
                       [(batch.id, p.sheet, p.row, p.column or "", p.code, p.message, confirmed) for p in warnings])
    return len(warnings)


def _add_rows(s: Session, batch: ImportBatch, table, key: tuple[str, ...], base: dict, rows: list[dict]) -> int:
    """Insert a batch's rows (dicts over `base`, the table's defaults) with the batch's flags, then clear the
    flags of the older rows of their keys."""
    note_years(s, {batch.year, *(r["year"] for r in rows)})
    current, approved = _flags(batch)
    _insert_many(s, table, [{**base, **r, "batch_id": batch.id, "is_current": current, "is_approved": approved}
                            for r in rows])
    supersede(s, table.name, key, batch)
    return len(rows)


def _flags(batch: ImportBatch) -> tuple[bool, bool]:
    """(is_current, is_approved) of a new batch's rows, set as they are inserted: they are the newest of their
    keys, so they are current when the batch is live and approved when it is approved."""
    return batch.status in LIVE, batch.status == "approved"


def supersede(s: Session, table: str, key: tuple, batch: ImportBatch, older: list[int] | None = None) -> None:
    """Flags after inserting a new batch's rows with their own (`_flags`): the rows they supersede stop being
    current (and approved when the batch is). Same result as refresh_flags, without recomputing every key from
    scratch. `older`: the ids of the current or approved rows of the batch's keys when the caller knows them
    (else they are searched for)."""
    live = batch.status in LIVE
    approved = batch.status == "approved"
    if not live:
        return
    same_key = " AND ".join(f"o.{k} = t.{k}" for k in key)
    cleared = "is_current = FALSE" + (", is_approved = FALSE" if approved else "")
    flagged = "o.is_current" + (" OR o.is_approved" if approved else "")
    if older is not None:
        if older:
            conn = s.connection()
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            conn.exec_driver_sql(f"UPDATE {table} SET {cleared} WHERE id = {mark}", [(i,) for i in sorted(older)])
    else:
        s.execute(text(f"""
        UPDATE {table} SET {cleared}
        WHERE id IN (SELECT o.id FROM {table} t JOIN {table} o ON {same_key}
                     WHERE t.batch_id = :b AND o.batch_id <> :b AND ({flagged}))
    """), {"b": batch.id})


def refresh_flags(s: Session, batch_ids: list[int]) -> None:
    """Recompute is_current and is_approved for every key that rows of these batches touch."""
    ids = ", ".join(str(int(b)) for b in batch_ids)
    note_years(s, [y for (y,) in s.execute(text(
        f"SELECT year FROM import_batch WHERE id IN ({ids}) UNION SELECT DISTINCT year FROM observation "
        f"WHERE batch_id IN ({ids}) UNION SELECT DISTINCT year FROM measure_status WHERE batch_id IN ({ids})"))])
    for table, key in (("observation", OBSERVATION_KEY), ("measure_status", STATUS_KEY)):
        same_key = " AND ".join(f"o2.{k} = {table}.{k}" for k in key)
        touched_key = " AND ".join(f"t.{k} = o.{k}" for k in key)
        s.execute(text(f"""
            UPDATE {table} SET
              is_current = CASE WHEN id = (
                  SELECT max(o2.id) FROM {table} o2 JOIN import_batch b ON b.id = o2.batch_id
                  WHERE {same_key} AND b.status IN ('submitted', 'approved')) THEN TRUE ELSE FALSE END,
              is_approved = CASE WHEN id = (
                  SELECT max(o2.id) FROM {table} o2 JOIN import_batch b ON b.id = o2.batch_id
                  WHERE {same_key} AND b.status = 'approved') THEN TRUE ELSE FALSE END
            WHERE id IN (SELECT o.id FROM {table} t JOIN {table} o ON {touched_key}
                         WHERE t.batch_id IN ({ids}))
        """))


def set_batch_status(s: Session, batch: ImportBatch, status: str) -> None:
    """Move a batch to a new status (approved, returned, rolled_back) and recompute the flags it affects."""
    batch.status = status
    s.add(batch)
    s.flush()
    refresh_flags(s, [batch.id])
