"""Export of every stored value with its breakdowns and provenance, safe against formula injection."""

import io

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import catalog_in_force
from okdata.models import Agency, Area, ImportBatch, Indicator, Observation
from okdata.scope import Scope

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"

def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_frame(s: Session, scope: Scope, year: int | None = None, shown: bool = False) -> pd.DataFrame:
    """Every value the scope may read (or, with `shown`, the one per key that the views count; one year if
    given) with Swedish column names and provenance. Columns are selected, not ORM objects, and labels are mapped
    per column."""
    o, b = Observation, ImportBatch
    q = (select(Indicator.code, Indicator.name, o.year, o.violence_type, o.area_code, o.grp, o.category,
                o.value_num, o.value_text, o.numerator, o.denominator, o.comment, o.is_example, o.source,
                b.file_name, b.id, b.kind, Agency.name, b.user_name, b.created_at, b.status, o.sheet_row)
         .join(Indicator, Indicator.id == o.indicator_id)
         .join(b, b.id == o.batch_id)
         .outerjoin(Agency, Agency.id == b.agency_id)
         .order_by(Indicator.sort_key, o.year, o.violence_type, o.area_code, o.grp, o.category, o.id))
    q = q.where(scope.shown(o) if shown else scope.readable(o))
    if year is not None:
        q = q.where(o.year == year)
    raw = pd.DataFrame(s.execute(q).all(), columns=[
        "indicator", "indicator_name", "year", "vt", "area_code", "group", "category", "value", "text", "numerator",
        "denominator", "comment", "is_example", "src", "file_name", "batch", "kind", "agency", "user", "created_at",
        "status", "sheet_row"])
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    example = raw.is_example.astype(bool)
    df = pd.DataFrame({
        "indicator": raw.indicator, "indicator_name": raw.indicator_name, "year": raw.year,
        "violence_type": raw.vt.map(lambda v: texts.VIOLENCE_TYPES.get(v, "")),
        "area": raw.area_code.map(lambda a: areas.get(a, a)), "group": raw.group, "category": raw.category,
        "value": raw.value, "text": raw.text.fillna(""), "numerator": raw.numerator, "denominator": raw.denominator,
        "comment": raw.comment, "example": example.map(texts.YES_NO),
        "source": raw.src.where(raw.src.fillna("") != "", raw.file_name).where(~example, texts.EXAMPLE_SOURCE),
        "batch": raw.batch, "batch_kind": raw.kind.map(lambda k: texts.BATCH_KINDS.get(k, k)),
        "agency": raw.agency.fillna(""), "user": raw.user,
        "saved_at": raw.created_at.map(lambda d: d.strftime("%Y-%m-%d %H:%M") if d is not None else ""),
        "batch_status": raw.status.map(lambda k: texts.BATCH_STATUSES.get(k, k)), "sheet_row": raw.sheet_row,
    }, columns=list(texts.EXPORT_COLUMNS))
    in_force = {int(y): catalog_in_force(s, int(y)) for y in raw.year.unique()}
    df["plan"] = raw.year.map(lambda y: in_force[int(y)][0])
    df["catalog_revision"] = raw.year.map(lambda y: in_force[int(y)][1])
    for c in ("indicator_name", "text", "comment", "source", "user", "category", "agency"):
        df[c] = df[c].map(neutralise)
    return df.rename(columns=texts.EXPORT_COLUMNS)


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so that Excel opens Swedish characters correctly."""
    return df.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame) -> bytes:
    """An .xlsx workbook with one sheet of values; text cells are written as text, never as formulas."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(texts.EXPORT_SHEET)
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append([None if (isinstance(v, float) and pd.isna(v)) else v for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
