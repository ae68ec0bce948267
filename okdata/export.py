"""Export of every stored value with its breakdowns and provenance, safe against formula injection."""

import io

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.models import Agency, Area, ImportBatch, Indicator, Observation

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_frame(s: Session, current_only: bool = True, approved_only: bool = False) -> pd.DataFrame:
    """Every value (the current ones by default; only approved ones if asked) with Swedish column names
    and provenance."""
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    q = (select(Observation, Indicator.code, Indicator.name, ImportBatch, Agency.name)
         .join(Indicator, Indicator.id == Observation.indicator_id)
         .join(ImportBatch, ImportBatch.id == Observation.batch_id)
         .outerjoin(Agency, Agency.id == ImportBatch.agency_id)
         .order_by(Indicator.sort_key, Observation.year, Observation.violence_type, Observation.area_code,
                   Observation.grp, Observation.category, Observation.id))
    if approved_only:
        q = q.where(Observation.is_approved.is_(True))
    elif current_only:
        q = q.where(Observation.is_current.is_(True))
    rows = []
    for o, code, name, b, agency in s.execute(q):
        rows.append({
            "indicator": code, "indicator_name": name, "year": o.year,
            "violence_type": texts.VIOLENCE_TYPES.get(o.violence_type, ""),
            "area": areas.get(o.area_code, o.area_code), "group": o.grp, "category": o.category,
            "value": o.value_num, "text": o.value_text or "", "numerator": o.numerator,
            "denominator": o.denominator, "comment": o.comment,
            "example": texts.YES_NO[bool(o.is_example)],
            "source": texts.EXAMPLE_SOURCE if o.is_example else (o.source or b.file_name),
            "batch": b.id, "batch_kind": texts.BATCH_KINDS.get(b.kind, b.kind), "agency": agency or "",
            "user": b.user_name, "saved_at": b.created_at.strftime("%Y-%m-%d %H:%M") if b.created_at else "",
            "batch_status": texts.BATCH_STATUSES.get(b.status, b.status), "sheet_row": o.sheet_row,
        })
    df = pd.DataFrame(rows, columns=list(texts.EXPORT_COLUMNS))
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
