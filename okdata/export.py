"""Export of every stored value with its breakdowns and provenance, safe against formula injection; the values
behind a view's table, one row per value in full precision, and the three files each table offers (issue 20)."""

import io
import math
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd
from sqlalchemy import bindparam, select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import area_names, catalog_in_force, from_catalog, indicator_refs, pin_year
from okdata.db import fetch, tuples
from okdata.explore import DIMENSIONS, TOTALS
from okdata.file_text import NOT_TYPED, file_safe
from okdata.formatting import SMALL_COUNT, exact_digits, fmt_time
from okdata.models import Agency, Area, ImportBatch, Indicator, Observation
from okdata.population import populations
from okdata.scope import Scope, visible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"


def file_text(value):
    """A text that a file cannot carry, or that turns the text's direction (a text saved before those were dropped
    as typed), made safe (`file_safe`); anything else as it is."""
    return file_safe(value, NOT_TYPED) if isinstance(value, str) else value


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP), made safe for a
    file first (`file_text`): for CSV, which has no other way to say "text", and tables on screen (whose own
    download is a CSV). A workbook marks such a cell as text instead (`sheet_value`)."""
    value = file_text(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def sheet_value(ws, value):
    """`value` for a row of the openpyxl sheet `ws` (write-only or not): a text made safe for a file and, when a
    spreadsheet would run it as a formula, a text cell with Excel's quote prefix, which shows the text as it was
    typed (an apostrophe in the text itself showed in the cell and came back with a re-upload) and keeps it text
    when the cell is edited."""
    value = file_text(value)
    if not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # openpyxl takes a text starting with '=' for a formula
    cell.quotePrefix = True
    return cell


def _quote_style(ws) -> int:
    """The workbook's style index of a quoted text cell (`sheet_value`), for cells written as XML."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value="")
    cell.quotePrefix = True
    return cell.style_id


def neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with every text neutralised (`neutralise`) for a CSV file, its headings too (a column may be named by
    a catalog text, such as an indicator's unit); the same frame when it has no text to change."""
    columns = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c].dtype)]
    headings = safe_headings(df.columns)
    if not columns and headings is None:
        return df
    out = df.copy()
    for c in columns:
        out[c] = _each_once(out[c], neutralise)
    if headings is not None:
        out.columns = headings
    return out


def safe_headings(columns) -> list | None:
    """The column headings with every text that a spreadsheet would run neutralised, or None when none needs it."""
    shown = [neutralise(c) if isinstance(c, str) else c for c in columns]
    return None if all(a == b for a, b in zip(shown, columns)) else shown


def source_label(is_example: bool, source: str, batch_id: int | None = None, approved: bool = True) -> str:
    """Where a value comes from, as shown beside it: Exempeldata, its published source, or the upload; and, for a
    value a Samordnare sees from a return not yet approved ("Visa även inskickade"), that it is not approved."""
    if is_example:
        label = texts.EXAMPLE_DATA
    elif source:
        label = source
    else:
        label = texts.UPLOADED_VALUE + (f" ({texts.TRENDS['batch'].format(id=int(batch_id))})"
                                        if batch_id is not None else "")
    return label if approved else f"{label} – {texts.NOT_APPROVED}"


def export_frame(s: Session, scope: Scope, year: int | None = None, shown: bool = False,
                 versions: bool = False) -> pd.DataFrame:
    """Every value the scope may read: the approved one of each key and those waiting for review (with `shown`,
    the one per key that the views count; with `versions`, every stored version the scope may read, also earlier,
    replaced, returned and undone ones), one year if given, with Swedish column names, provenance and whether the
    views show it. Columns are selected, not ORM objects, and labels are mapped per column."""
    o, b = Observation, ImportBatch
    q = (select(Indicator.code, Indicator.name, o.year, o.violence_type, o.area_code, o.grp, o.category,
                o.value_num, o.value_text, o.numerator, o.denominator, o.comment, o.is_example, o.source,
                b.file_name, b.id, b.kind, Agency.name, b.user_name, b.created_at, b.status, o.sheet_row,
                scope.shown(o))
         .join(Indicator, Indicator.id == o.indicator_id)
         .join(b, b.id == o.batch_id)
         .outerjoin(Agency, Agency.id == b.agency_id)
         .order_by(Indicator.sort_key, o.year, o.violence_type, o.area_code, o.grp, o.category, o.id))
    q = q.where(scope.shown(o) if shown else scope.stored(o) if versions else scope.readable(o))
    if year is not None:
        q = q.where(o.year == year)
    raw = pd.DataFrame(tuples(s.execute(q)), columns=[
        "indicator", "indicator_name", "year", "vt", "area_code", "group", "category", "value", "text", "numerator",
        "denominator", "comment", "is_example", "src", "file_name", "batch", "kind", "agency", "user", "created_at",
        "status", "sheet_row", "shown"])
    areas = dict(s.execute(select(Area.code, Area.name)).all())
    example = raw.is_example.astype(bool)
    df = pd.DataFrame({
        "indicator": raw.indicator, "indicator_name": raw.indicator_name, "year": raw.year,
        "violence_type": _each_once(raw.vt, lambda v: texts.VIOLENCE_TYPES.get(v, "")),
        "area": _each_once(raw.area_code, lambda a: areas.get(a, a)), "group": raw.group, "category": raw.category,
        "value": raw.value, "text": raw.text.fillna(""), "numerator": raw.numerator, "denominator": raw.denominator,
        "comment": raw.comment, "example": _each_once(example, texts.YES_NO.get),
        "source": raw.src.where(raw.src.fillna("") != "", raw.file_name).where(~example, texts.EXAMPLE_SOURCE),
        "batch": raw.batch, "batch_kind": _each_once(raw.kind, lambda k: texts.BATCH_KINDS.get(k, k)),
        "agency": raw.agency.fillna(""), "user": raw.user,
        "saved_at": _each_once(raw.created_at, lambda d: fmt_time(d) if d is not None else ""),
        "batch_status": _each_once(raw.status, lambda k: texts.BATCH_STATUSES.get(k, k)), "sheet_row": raw.sheet_row,
        "shown": _each_once(raw.shown.astype(bool), texts.YES_NO.get),
    }, columns=list(texts.EXPORT_COLUMNS))
    # each value under its own year's name (today's name was given to every year, and a publication froze it)
    names = _refs_by_year(s, raw.year.unique())
    df["indicator_name"] = [names[y].get(c, (n,))[0] for y, c, n in zip(raw.year, raw.indicator, raw.indicator_name)]
    in_force = {int(y): catalog_in_force(s, int(y)) for y in raw.year.unique()}
    df["plan"] = _each_once(raw.year, lambda y: in_force[int(y)][0])
    df["catalog_revision"] = _each_once(raw.year, lambda y: in_force[int(y)][1])
    for c in ("indicator_name", "text", "comment", "source", "user", "category", "agency"):
        df[c] = _each_once(df[c], file_text)
    return df.rename(columns=texts.EXPORT_COLUMNS)


def _each_once(values: pd.Series, fn: Callable) -> pd.Series:
    """`fn` of every value, called once per distinct value: an export's columns repeat some hundred names, codes
    and times over tens of thousands of rows (a call per row took 1,1 s of a year's 77 000 on 1 000 000 values)."""
    distinct = values.drop_duplicates()
    return values.map(dict(zip(distinct, map(fn, distinct))))


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM so that Excel opens Swedish characters correctly; texts `neutralised`."""
    return _plain_numbers(neutralised(df), ".").to_csv(index=False).encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame) -> bytes:
    """An .xlsx workbook with one sheet of values: numbers stored as numbers, text cells as text (never a
    formula, `sheet_value`), nothing for a missing value."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    return with_rows(wb, wb.create_sheet(texts.EXPORT_SHEET), df)


# --- Many rows in an .xlsx ----------------------------------------------------------------------------------

ROWS_PER_PIECE = 5_000
CELL_CHARS = 32_767  # the most a cell holds: Excel repairs a file with a longer one (openpyxl cut them too)
SHEET_ROWS = 1_048_576  # the rows a sheet holds, its heading row included


def with_rows(workbook, sheet, df: pd.DataFrame) -> bytes:
    """`workbook` (openpyxl, write-only) as .xlsx bytes, with the heading (`df`'s columns) and the rows of `df` in
    `sheet`, an empty sheet of it. openpyxl writes the workbook (its sheets, widths and styles) and the rows are
    written into the sheet's XML a piece at a time: through openpyxl's cells a year's 77 000 rows × 23 columns on
    1 000 000 values took 12 s, 7 µs a cell (issue 16). Cells as `_cells` says. Rows beyond what a sheet holds
    continue on sheets of their own right after it, '<name> (2)' and so on, each with the heading: Excel opens
    no more of a sheet than SHEET_ROWS rows (an export of every value with its history has more)."""
    per_sheet = SHEET_ROWS - 1
    sheets = [sheet]
    for n in range(2, max(1, -(-len(df) // per_sheet)) + 1):
        sheets.append(workbook.create_sheet(f"{sheet.title[:25]} ({n})", workbook.index(sheet) + n - 1))
    for ws in sheets:
        ws.append([sheet_value(ws, str(c)) for c in df.columns])
    quoted = _quote_style(sheet)
    saved = io.BytesIO()
    workbook.save(saved)
    parts = {ws.path.lstrip("/"): df.iloc[k * per_sheet:(k + 1) * per_sheet] for k, ws in enumerate(sheets)}
    out = io.BytesIO()
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename not in parts:
                dst.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>", 1)
            with dst.open(info.filename, "w") as f:
                f.write(head)
                for piece in _rows(parts[info.filename], 2, quoted):
                    f.write(piece)
                f.write(b"</sheetData>" + tail)
    return out.getvalue()


def _rows(df: pd.DataFrame, first: int, quoted: int) -> Iterator[bytes]:
    """The XML of `df`'s rows from row number `first`, ROWS_PER_PIECE rows at a time, made a column at a time
    (`quoted`: the style of a quoted text cell)."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(n + 1) for n in range(df.shape[1])]
    for start in range(0, len(df), ROWS_PER_PIECE):
        piece = df.iloc[start:start + ROWS_PER_PIECE]
        numbers = [str(n) for n in range(first + start, first + start + len(piece))]
        columns = [_cells(piece.iloc[:, n].tolist(), letter, numbers, quoted) for n, letter in enumerate(letters)]
        yield "".join(f'<row r="{number}">{"".join(cells)}</row>'
                      for number, *cells in zip(numbers, *columns)).encode()


def _cells(values: list, letter: str, numbers: list[str], quoted: int) -> list[str]:
    """One column's cells: a number as a number (every digit Python's repr keeps), True/False as a truth value,
    text as text (made safe for a file, at most CELL_CHARS, escaped; one a spreadsheet would run as a formula in
    the `quoted` style, as `sheet_value` writes it), nothing for a missing or infinite value."""
    out = []
    text: dict[str, str] = {}  # a column repeats its texts (names, sources, areas): each made safe once
    for value, number in zip(values, numbers):
        ref = letter + number
        if isinstance(value, str):
            safe = text.get(value)
            if safe is None:
                clean = file_text(value)[:CELL_CHARS]
                style = f' s="{quoted}"' if clean.startswith(FORMULA_STARTS) else ""
                safe = text[value] = style + ' t="inlineStr"><is><t xml:space="preserve">' + (
                    clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
            out.append(f'<c r="{ref}"{safe}</t></is></c>')
        elif isinstance(value, (bool, np.bool_)):
            out.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, (int, np.integer)):
            out.append(f'<c r="{ref}"><v>{int(value)}</v></c>')
        elif isinstance(value, (float, np.floating)) and math.isfinite(value):
            out.append(f'<c r="{ref}"><v>{float(value)!r}</v></c>')
        elif value is not None and not isinstance(value, float) and not pd.isna(value):
            out.append(_cells([str(value)], letter, [number], quoted)[0])  # a date or anything else: as its text
        else:
            out.append("")
    return out


# --- The values behind a view's table (issue 20) ------------------------------------------------------------

VALUE_COLUMNS = list(texts.VALUE_COLUMNS)


def hides_small(kind: str, per_capita: bool) -> bool:
    """Whether values of an indicator below 5 are hidden when asked: counts of people or events in the population
    only (the catalog's per_100k), which may identify someone in a small municipality. A share or a rate counts
    nobody, and a count of municipalities taking part (4.3a) or of trained course leaders (7.1a) points out no one
    at risk."""
    return kind == "count" and bool(per_capita)


def is_small(value: float, kind: str, per_capita: bool) -> bool:
    """A count of people or events from 1 to 4 (see hides_small)."""
    return hides_small(kind, per_capita) and 0 < value < SMALL_COUNT


@dataclass(frozen=True)
class ValueRows:
    """The values behind a table or chart for its files: one record per value in full precision, in VALUE_COLUMNS
    order. Kept as read (stored_values' rows, with the area names and the populations they need) and made into
    records and a DataFrame only when a file is asked for (`records`, `frame`): a view offers files beside every
    chart and most are never downloaded (issue 16)."""

    stored: tuple[tuple, ...]
    areas: dict[str, str]
    populations: dict[int, dict]  # {year: {area: (population, method)}}, for values per 100 000 inhabitants
    per_capita: bool = False
    suppress: bool = False

    def __len__(self) -> int:
        return len(self.stored)

    def _shown(self, kind: str, people: bool, year: int, area: str, value, num, den, unit):
        """A stored value as shown: per 100 000 inhabitants when asked (counts of people or events), hidden when
        a small count is suppressed. Returns value, numerator, denominator, rated, hidden, unit."""
        rated = kind == "rate"
        hidden = self.suppress and value is not None and is_small(value, kind, people)
        if self.per_capita and people and value is not None:
            pop = self.populations.get(year, {}).get(area, (None, None))[0]
            if pop:  # a hidden count too is in the unit of the rows around it (its value and count are dropped)
                value, num, den, rated = value / pop * 100_000, value, pop, True
                unit = texts.COMPARISONS["per_capita_unit"]
        if hidden:
            value = num = None
        return value, num, den, rated, hidden, unit

    @cached_property
    def records(self) -> tuple[tuple, ...]:
        """See value_records."""
        rows = []
        for (code, name, unit, kind, people, year, vt, area, grp, category, value, text, num, den, example, source,
             batch, _, approved) in self.stored:
            value, num, den, rated, hidden, unit = self._shown(kind, people, year, area, value, num, den, unit)
            rows.append((code, name, unit, int(year), texts.VIOLENCE_TYPE_SHORT.get(vt, vt) if vt else "", area,
                         self.areas.get(area, area), grp, category, value, text or "", num, den, rated, hidden,
                         bool(example), source_label(bool(example), source or "", batch, bool(approved))))
        return tuple(rows)

    def cells(self) -> dict[tuple[str, int], tuple[float | None, bool, str]]:
        """(area, year) → (value as shown, hidden, its kind: "rate" when per 100 000) of every value: what a table
        of areas by year shows, without making the files' records."""
        out = {}
        for _, _, unit, kind, people, year, _, area, _, _, value, _, num, den, *_ in self.stored:
            shown, _, _, rated, hidden, _ = self._shown(kind, people, year, area, value, num, den, unit)
            out[(area, int(year))] = (shown, hidden, "rate" if rated else kind)
        return out

    def frame(self) -> pd.DataFrame:
        """The records as a table with their types: the numbers as floats (missing as NaN), the flags as
        booleans (built column by column: through DataFrame(rows).astype it cost three times as much)."""
        columns = list(zip(*self.records)) if self.records else [()] * len(VALUE_COLUMNS)
        return pd.DataFrame({name: np.array(column, dtype=VALUE_TYPES[name]) if name in VALUE_TYPES
                             else list(column) for name, column in zip(VALUE_COLUMNS, columns)})


VALUE_TYPES = {"year": np.int64, "value": float, "numerator": float, "denominator": float, "per_100k": bool,
               "suppressed": bool, "example": bool}


def value_rows(s: Session, indicator_ids: Sequence[int], approved_only: bool = True, dimension: str | None = None,
               first: int | None = None, last: int | None = None, members: Sequence[str] | None = None,
               per_capita: bool = False, suppress: bool = False) -> pd.DataFrame:
    """value_records as a DataFrame."""
    return value_records(s, indicator_ids, approved_only, dimension, first, last, members, per_capita,
                         suppress).frame()


def value_records(s: Session, indicator_ids: Sequence[int], approved_only: bool = True,
                  dimension: str | None = None, first: int | None = None, last: int | None = None,
                  members: Sequence[str] | None = None, per_capita: bool = False,
                  suppress: bool = False) -> ValueRows:
    """The values a view shows, one record per value in full precision (VALUE_COLUMNS): the indicators' headline
    values, or one breakdown (`dimension`, a domain.Dimension; its total included) limited to `members`, for the
    years first–last. With `per_capita`, counts of people or events (Indicator.per_capita) become per 100 000
    inhabitants of their area and year, the count kept as numerator and the population as denominator; with
    `suppress`, counts below 5 lose their value (and numerator) and are marked suppressed."""
    return as_records(s, stored_values(s, indicator_ids, approved_only, dimension, first, last, members),
                      per_capita, suppress)


def stored_values(s: Session, indicator_ids: Sequence[int], approved_only: bool = True, dimension: str | None = None,
                  first: int | None = None, last: int | None = None,
                  members: Sequence[str] | None = None) -> list:
    """value_records' values as stored, in one statement: code, name, unit, kind, per_capita, year,
    violence_type, area_code, grp, category, value_num, value_text, numerator, denominator, is_example, source,
    batch_id, comment, is_approved; by the indicators' order, then year and breakdown. Name, unit, kind and
    per_capita are the indicator's in the catalog revision in force for each value's year (catalog.pin_year from
    the session's pin), not today's: with 1.6a no longer counted per 100 000 from 2026, the chart of 2025 was per
    100 000 and its values and files were counts, and a file of 2020–2026 gave every year the 2026 name and
    unit."""
    free = DIMENSIONS.get(dimension) if dimension else None
    params = {"ids": list(indicator_ids), "members": list(members or ()), "first": first, "last": last}
    query = _value_rows_query(approved_only, free, free is not None and members is not None, first is not None,
                              last is not None)
    rows = fetch(s, query, params).all()
    if not rows:
        return rows
    by_year = _refs_by_year(s, {row[5] for row in rows})
    out = []
    for row in rows:  # rows, used as tuples
        revised = by_year[row[5]].get(row[0])
        out.append(row if revised is None or tuple(row[1:5]) == revised else (row[0], *revised, *row[5:]))
    return out


def _refs_by_year(s: Session, years) -> dict[int, dict[str, tuple]]:
    """Per year, each indicator's (name, unit, kind, per_capita) in the catalog revision in force for that year
    (catalog.pin_year from the session's pin, which is set back after). Kept per catalog revision and years:
    shared, never changed (pinning each year anew was a tenth of Kommuner's reads, issue 16)."""
    wanted = tuple(sorted(int(y) for y in years))
    return from_catalog(s, ("refs_by_year", wanted), lambda: _read_refs_by_year(s, wanted))


def _read_refs_by_year(s: Session, years: tuple[int, ...]) -> dict[int, dict[str, tuple]]:
    pin, out = s.info.get("plan_pin"), {}
    for year in years:
        pin_year(s, year)
        out[year] = from_catalog(s, ("value_refs",), lambda: {
            r.code: (r.name, r.unit, r.kind.value, r.per_capita) for r in indicator_refs(s)})
        s.info["plan_pin"] = pin
    return out


def as_records(s: Session, stored: list, per_capita: bool = False, suppress: bool = False) -> ValueRows:
    """Stored values (stored_values) for the files (see value_records), with what making their records needs: the
    area names and, per 100 000 inhabitants, each year's population (read here, once per year)."""
    wanted = {(row[7], row[5]) for row in stored if row[4]} if per_capita else set()  # (area, year) rated
    # plain tuples: a cached reading is unpickled on every view, and SQLAlchemy's rows unpickle six times slower
    return ValueRows(tuple(map(tuple, stored)), area_names(s),
                     populations(s, {a for a, _ in wanted}, {y for _, y in wanted}) if wanted else {},
                     per_capita, suppress)


@lru_cache(maxsize=64)
def _value_rows_query(approved_only: bool, free: str | None, some_members: bool, from_year: bool, to_year: bool):
    """stored_values' statement for one shape of its arguments, built once (:ids, :members, :first, :last bound)."""
    o = Observation
    q = (select(Indicator.code, Indicator.name, Indicator.unit, Indicator.kind, Indicator.per_capita, o.year,
                o.violence_type, o.area_code, o.grp, o.category, o.value_num, o.value_text, o.numerator,
                o.denominator, o.is_example, o.source, o.batch_id, o.comment, o.is_approved)
         .join(Indicator, Indicator.id == o.indicator_id)
         .where(o.indicator_id.in_(bindparam("ids", expanding=True)), visible(o, approved_only),
                *[getattr(o, c) == total for c, total in TOTALS.items() if c != free]))
    if some_members:
        q = q.where(getattr(o, free).in_(bindparam("members", expanding=True)))
    if from_year:
        q = q.where(o.year >= bindparam("first"))
    if to_year:
        q = q.where(o.year <= bindparam("last"))
    return q.order_by(Indicator.sort_key, o.year, o.violence_type, o.area_code, o.grp, o.category)


def labelled(df: pd.DataFrame, machine: bool = False) -> pd.DataFrame:
    """A table for a file: the value columns under their Swedish headings (or, `machine`, the machine-readable
    names), yes/no as Ja/Nej for people (true/false for programs), text made safe for a file (each file writer
    keeps it from being run as a formula). Columns that are not value columns keep their names."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == bool and not machine:
            out[c] = out[c].map(texts.YES_NO)
        elif out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(file_text)
    return out.rename(columns={k: names[1 if machine else 0] for k, names in texts.VALUE_COLUMNS.items()})


def to_excel_csv(df: pd.DataFrame) -> bytes:
    """CSV for Swedish Excel: semicolons, decimal comma, UTF-8 with a BOM, so that a double-click gives columns
    and numbers."""
    return _plain_numbers(neutralised(df), ",").to_csv(index=False, sep=";").encode("utf-8-sig")


def to_machine_csv(df: pd.DataFrame) -> bytes:
    """CSV for programs: commas, decimal points, ISO dates, UTF-8 without a BOM."""
    return _plain_numbers(neutralised(df), ".").to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


def _plain_numbers(df: pd.DataFrame, point: str) -> pd.DataFrame:
    """Every decimal column written as its numbers are: a whole number without decimals (a count of 7 824 as
    '7824', never '7824,0'), any other with every digit (Python's shortest exact form) and `point`, none empty."""
    columns = [c for c in df.columns if pd.api.types.is_float_dtype(df[c].dtype)]
    if not columns:
        return df
    out = df.copy()
    for c in columns:
        out[c] = out[c].map(lambda v: "" if pd.isna(v) else exact_digits(v).replace(".", point))
    return out


def table_files(values: "pd.DataFrame | ValueRows", stem: str) -> list[tuple[str, str, Callable[[], bytes], str,
                                                                               str]]:
    """The three files a data table offers, as (key, label, build, file name, MIME type): Excel (svensk) CSV,
    machine-readable CSV and .xlsx, from the table's values in full precision (a frame, or ValueRows made into
    one on the first build); `build()` makes the file's bytes when it is asked for: a page offers several and most
    are never downloaded."""
    made: list[pd.DataFrame] = []

    def df() -> pd.DataFrame:
        if not made:
            made.append(values.frame() if isinstance(values, ValueRows) else values)
        return made[0]

    return [(key, texts.DOWNLOADS[key][0], build, stem + texts.DOWNLOADS[key][1], mime) for key, build, mime in (
        ("excel_csv", lambda: to_excel_csv(labelled(df())), CSV_MIME),
        ("machine_csv", lambda: to_machine_csv(labelled(df(), machine=True)), CSV_MIME),
        ("xlsx", lambda: to_xlsx(labelled(df())), XLSX_MIME))]
