"""Side by side: every indicator by violence type (Våldstyper) and the 26 municipalities (Kommuner), as counts or
per 100 000 inhabitants, with small counts suppressed. Readers filter in SQL; a *panel* holds a chart's data, its
text alternative and data table, and a *chart* adds the Plotly figure drawn from it."""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from sqlalchemy import bindparam, exists, func, select
from sqlmodel import Session

from okdata import texts
from okdata.catalog import COUNTY_CODE, area_names, current_plan, indicator_record, indicator_refs, pin_year
from okdata.charts import describe_municipalities, describe_series, municipality_bars, violence_multiples
from okdata.db import fetch
from okdata.domain import Dimension, IndicatorKind
from okdata.export import ValueRows, as_records, is_small, stored_values, value_records
from okdata.formatting import SMALL_COUNT, fmt_list, fmt_num, fmt_value, fmt_years
from okdata.models import Goal, Indicator, Observation
from okdata.population import CARRIED, INTERPOLATED, fill, population_in, published
from okdata.scope import visible

ORDER = {code: n for n, code in enumerate(["", *texts.VIOLENCE_TYPES])}  # the app's fixed order of types


@dataclass(frozen=True)
class Panel:
    """One chart's data: frame (year, member, value or area, value …), title, subtitle, kind and unit, the text
    alternative and the data table shown beneath it."""

    key: str
    frame: pd.DataFrame
    title: str
    subtitle: str
    kind: str
    unit: str
    alt: str
    table: pd.DataFrame


@dataclass(frozen=True)
class Chart:
    """A chart ready to show: figure, text alternative, data table."""

    key: str
    figure: object
    alt: str
    table: pd.DataFrame


_POPULATION_NOTES = {INTERPOLATED: texts.COMPARISONS["population_interpolated"],
                     CARRIED: texts.COMPARISONS["population_carried"]}


NAMED_AREAS = 6  # a population note names up to this many municipalities; the table under the chart names each


def population_note(year_methods: list[tuple], areas: list[str] | None = None) -> str:
    """Which years' population is interpolated or carried forward, from (year, method) pairs ('' when every
    year is published). With `areas`, each pair's area name (Kommuner's municipalities of one year), a method that
    only some of them have names them: six municipalities carried from 2021 in a year the other twenty have
    published figures for is not "befolkningen 2024 är … framskriven"."""
    parts = []
    for method in (INTERPOLATED, CARRIED):
        picked = [n for n, (_, m) in enumerate(year_methods) if m == method]
        if not picked:
            continue
        note = _POPULATION_NOTES[method].format(years=fmt_years(sorted({int(year_methods[n][0]) for n in picked})))
        if areas is not None and len(picked) < len(year_methods):  # more than a few are counted, not named
            note += texts.COMPARISONS["population_some" if len(picked) <= NAMED_AREAS else "population_many"].format(
                areas=fmt_list(sorted(areas[n] for n in picked)), n=len(picked), total=len(year_methods))
        parts.append(note)
    return "; ".join(parts)


# --- Våldstyper -------------------------------------------------------------------------------------------


def violence_choices(s: Session, types: list[str], approved_only: bool = True) -> dict[int, list[int]]:
    """Goals of the plan period read that have values by the chosen violence types, each with its years up to the
    plan's end (what the filters offer; the next plan's years are its own, as values.year_choices); a
    carried-over indicator's values are stored under the earlier plan's (its series)."""
    out: dict[int, list[int]] = {}
    plan = current_plan(s)
    for goal, year in fetch(s, _violence_choices_query(approved_only), {"types": list(types), "plan": plan.id}).all():
        if year <= plan.end_year:
            out.setdefault(int(goal), []).append(int(year))
    return {g: sorted(out[g]) for g in sorted(out)}


@lru_cache(maxsize=4)
def _violence_choices_query(approved_only: bool):
    """violence_choices' statement, built once (:types bound)."""
    o = Observation
    return (select(Goal.number, o.year).distinct().join(Indicator, Indicator.goal_id == Goal.id)
            .join(o, o.indicator_id == func.coalesce(Indicator.series_id, Indicator.id))
            .where(o.violence_type.in_(bindparam("types", expanding=True)), o.area_code == COUNTY_CODE, o.grp == "",
                   o.category == "", o.value_num.is_not(None), visible(o, approved_only),
                   Indicator.plan_period_id == bindparam("plan")))


def county_population(s: Session, years: list[int]) -> dict[int, tuple[float, str]]:
    """The county's population per year, with how it was obtained (publicerad, interpolerad, framskriven)."""
    known = published(s).get(COUNTY_CODE)  # the transaction's published figures, read once for every reader
    return {y: (people, method) for y, people, method in fill(known, years)} if known else {}


@dataclass(frozen=True)
class ViolenceValues:
    """What the Våldstyper page reads: per indicator code its rows (name, kind, unit, violence type, year, value,
    example), counts of people or events already per 100 000 inhabitants when asked (their codes in `rated`),
    and the population years used."""

    rows: dict[str, list[tuple]]
    per_capita: bool
    population: dict[int, tuple[float, str]]
    rated: frozenset[str] = frozenset()


def violence_values(s: Session, types: list[str], goal: int, first: int, last: int, per_capita: bool,
                    approved_only: bool = True, stored: list | None = None) -> ViolenceValues:
    """The goal's values by the chosen violence types for the years first–last (export.stored_values, read here
    unless the caller has read them: `stored`), counts divided by the county's population of
    the year when `per_capita` and the indicator counts people or events in the population (interpolated between
    published years)."""
    pop = county_population(s, list(range(first, last + 1))) if per_capita else {}
    pin_year(s, last)  # the catalog in force for the last year shown (_goal_indicator_ids)
    inds = {i.id: i for i in indicator_refs(s) if i.goal == goal}  # the goal's, in catalog order
    order = {iid: n for n, iid in enumerate(inds)}
    if stored is None:
        stored = _by_violence_type(s, list(inds), approved_only, first, last, types)
    by_code = {i.code: iid for iid, i in inds.items()}
    found = sorted(((by_code[r[0]], r[6], r[5], r[10], r[14], r[4]) for r in stored
                    if r[10] is not None and r[0] in by_code),
                   key=lambda r: (order[r[0]], r[2]))  # by the catalog's order, then year
    rows: dict[str, list] = {}
    rated: set[str] = set()
    for iid, vt, year, value, example, people in found:
        i = inds[iid]
        if pop and people:  # the year's catalog's flag, one for all the years read (_by_violence_type)
            value = value / pop[year][0] * 100_000
            rated.add(i.code)
        rows.setdefault(i.code, []).append((i.name, i.kind, i.unit, vt, int(year), float(value), bool(example)))
    return ViolenceValues(rows, bool(pop), pop, frozenset(rated))


def violence_panels(s: Session, types: list[str], goal: int, first: int, last: int, per_capita: bool,
                    approved_only: bool = True) -> list[Panel]:
    """One panel per indicator of the goal with values by violence type, for the years first–last, lines in the
    app's fixed order of types; counts per 100 000 inhabitants of the county when asked (with a note naming the
    interpolated or carried-forward population years)."""
    return panels_by_type(violence_values(s, types, goal, first, last, per_capita, approved_only))


def panels_by_type(data: ViolenceValues) -> list[Panel]:
    """The panels (frame, title, text alternative, data table) of violence_values."""
    out = []
    for code, values in data.rows.items():
        name, kind, unit = values[0][:3]
        values = sorted(values, key=lambda r: (ORDER.get(r[3], 99), r[4]))
        title, note = f"{code} {name}", ""
        if code in data.rated:
            kind, unit = "rate", texts.COMPARISONS["per_capita_unit"]
            note = population_note([(y, data.population[y][1]) for y in {r[4] for r in values}])
            title += f", {unit}"
        title += f" – {texts.EXAMPLE_DATA}" if any(r[6] for r in values) else ""
        points = [(r[4], r[3], r[5]) for r in values]
        frame = pd.DataFrame(points, columns=["year", "member", "value"])
        alt = describe_series(points, kind, title, texts.VIOLENCE_TYPE_SHORT)
        if note:
            alt += " " + texts.COMPARISONS["population_alt"].format(note=note)
        table = pd.DataFrame([(r[4], texts.VIOLENCE_TYPE_SHORT.get(r[3], ""), fmt_value(r[5], kind)) for r in values],
                             columns=[texts.YEAR, texts.PROGRESS_VIEW["col_member"], texts.PROGRESS_VIEW["col_value"]])
        out.append(Panel(code, frame, title, note, kind, unit, alt, table))
    return out


def violence_charts(s: Session, types: list[str], goal: int, first: int, last: int, per_capita: bool,
                    approved_only: bool = True) -> list[Chart]:
    """The panels of violence_panels drawn as small multiples in the fixed colours of the violence types."""
    return _drawn(violence_panels(s, types, goal, first, last, per_capita, approved_only))


def _drawn(panels: list[Panel]) -> list[Chart]:
    return [Chart(p.key, violence_multiples(p.frame, p.title, p.kind, p.unit, subtitle=p.subtitle), p.alt, p.table)
            for p in panels]


def violence_data(s: Session, types: list[str], goal: int, first: int, last: int, per_capita: bool,
                  approved_only: bool = True) -> tuple[ViolenceValues, ValueRows]:
    """What the Våldstyper page draws (violence_values) and offers as files (violence_rows), from one read of the
    goal's values by the chosen violence types."""
    ids = _goal_indicator_ids(s, goal, last)
    stored = _by_violence_type(s, ids, approved_only, first, last, types)
    return (violence_values(s, types, goal, first, last, per_capita, approved_only, stored),
            as_records(s, stored, per_capita=per_capita))


def _by_violence_type(s: Session, ids: list[int], approved_only: bool, first: int, last: int,
                      types: list[str]) -> list:
    """The indicators' stored values (stored_values) by the chosen violence types for first–last, each indicator
    counted per 100 000 inhabitants in every year or in none: one chart draws one line per violence type across
    the years, so an indicator whose catalog stops (or starts) showing it per 100 000 within the years read stays
    counts throughout, in the chart and in its files."""
    stored = stored_values(s, ids, approved_only, Dimension.VIOLENCE_TYPE, first, last, members=types)
    mixed = {row[0] for row in stored if not row[4]}
    return [(*row[:4], False, *row[5:]) if row[4] and row[0] in mixed else row for row in stored]


def _goal_indicator_ids(s: Session, goal: int, last: int) -> list[int]:
    """The goal's indicators in the catalog revision in force for `last`, the last year a view shows: one retired
    from a later year is still there with its values."""
    pin_year(s, last)
    return [i.id for i in indicator_refs(s) if i.goal == goal]


def violence_view(s: Session, types: list[str], goal: int, first: int, last: int, per_capita: bool,
                  approved_only: bool = True) -> tuple[list[Chart], ValueRows]:
    """The Våldstyper page's charts and its files' values (violence_data), the charts drawn."""
    data, files = violence_data(s, types, goal, first, last, per_capita, approved_only)
    return _drawn(panels_by_type(data)), files


def violence_rows(s: Session, types: list[str], goal: int, first: int, last: int, per_capita: bool,
                  approved_only: bool = True) -> ValueRows:
    """The values behind the Våldstyper page's charts for its files, one record per value in full precision."""
    ids = _goal_indicator_ids(s, goal, last)
    return as_records(s, _by_violence_type(s, ids, approved_only, first, last, types), per_capita=per_capita)


def violence_table(charts: list) -> pd.DataFrame:
    """The figures behind every chart (or panel) of the page in one table: indicator, year, violence type, value.
    One table and one CSV for the page instead of one per chart: each chart keeps its text alternative, and a
    page of twelve charts no longer mounts twelve grids and download buttons."""
    parts = [c.table.assign(**{texts.COL_INDICATOR_ID: c.key}) for c in charts]
    if not parts:
        return pd.DataFrame(columns=[texts.COL_INDICATOR_ID, texts.YEAR, texts.PROGRESS_VIEW["col_member"],
                                     texts.PROGRESS_VIEW["col_value"]])
    table = pd.concat(parts, ignore_index=True)
    return table[[texts.COL_INDICATOR_ID, *[c for c in table.columns if c != texts.COL_INDICATOR_ID]]]


# --- Kommuner ---------------------------------------------------------------------------------------------


def municipal_indicators(s: Session, year: int, approved_only: bool = True
                         ) -> dict[str, tuple[int, str, bool, IndicatorKind]]:
    """Indicators that have values per municipality (one indexed lookup per indicator), in the order of the
    catalog revision in force for the year: code → (indicator id, name, whether it may be shown per 100 000
    inhabitants, its kind)."""
    pin_year(s, year)
    ids = set(fetch(s, _municipal_indicators_query(approved_only)).scalars().all())
    return {i.code: (i.id, i.name, i.per_capita, i.kind) for i in indicator_refs(s) if i.id in ids}


MUNICIPAL_COLUMNS = ["area_code", "area", "value", "example", "population", "method", "per_100k"]


def municipal_rows(s: Session, indicator_id: int, year: int, approved_only: bool = True,
                   stored: list | None = None) -> list[tuple]:
    """The indicator's values per area for the year (other dimensions at total) with population, by area name:
    tuples in MUNICIPAL_COLUMNS order (area_code, area, value, example, population, method, per_100k); from
    export.stored_values of the indicator by area for the year, read here unless the caller has read them
    (`stored`)."""
    pop = population_in(s, year)
    if stored is None:
        stored = stored_values(s, [indicator_id], approved_only, Dimension.AREA, year, year)
    names = area_names(s)
    found = sorted(((r[7], names[r[7]], r[10], r[14]) for r in stored if r[10] is not None and r[7] in names),
                   key=lambda r: r[1])
    rows = []
    for a, name, value, example in found:
        people, method = pop.get(a, (None, None))
        rows.append((a, name, value, example, people, method, value / people * 100_000 if people else None))
    return rows


@lru_cache(maxsize=4)
def _municipal_indicators_query(approved_only: bool):
    """municipal_indicators' statement, built once."""
    o = Observation
    return select(Indicator.id).where(
        exists().where(o.indicator_id == Indicator.id, o.area_code != COUNTY_CODE, visible(o, approved_only)))


def municipal_panel(s: Session, indicator_id: int, year: int, per_capita: bool, suppress: bool,
                    approved_only: bool = True, stored: list | None = None) -> dict:
    """The municipalities side by side for the year, with the county value.

    Counts of people or events below 5 (export.hides_small) show as "<5" with no bar when `suppress` (also per
    100 000 inhabitants, which would give the count away). The county is the reference line except for counts: a
    county count is reported for the whole county and as a line would only squeeze the bars. Returns panel (None
    without municipal values), the county value, its kind, whether it is drawn as the line, and the population note."""
    pin_year(s, year)  # the indicator as the catalog in force for the year has it (one retired later, too)
    i = indicator_record(s, indicator_id)
    rows = municipal_rows(s, indicator_id, year, approved_only, stored)
    county = [r for r in rows if r[0] == COUNTY_CODE]
    towns = [r for r in rows if r[0] != COUNTY_CODE]
    rate = per_capita and i.per_capita
    pick, kind = (6, "rate") if rate else (2, i.kind)  # per_100k or value
    county_value = float(county[0][pick]) if county and county[0][pick] is not None else None
    line = county_value if kind != "count" else None
    note = population_note([(year, r[5]) for r in towns], [r[1] for r in towns]) if rate else ""
    out = {"panel": None, "county": county_value, "kind": kind, "line": line is not None, "note": note}
    if not towns:
        return out
    shown, text = [], []
    for r in towns:
        hidden = suppress and is_small(r[2], i.kind, i.per_capita)
        shown.append(None if hidden else r[pick])
        text.append(f"<{SMALL_COUNT}" if hidden else fmt_value(r[pick], kind))
    title = f"{i.code} {i.name} {year}" + (f", {texts.COMPARISONS['per_capita_unit']}" if rate else "") + (
        f" – {texts.EXAMPLE_DATA}" if any(r[3] for r in towns) else "")
    frame = pd.DataFrame({"area": [r[1] for r in towns], "shown": shown, "text": text})
    alt = describe_municipalities(frame, title, "shown", "text")
    if line is not None:
        alt += " " + texts.COMPARISONS["county_alt"].format(value=fmt_value(line, kind))
    table = pd.DataFrame({texts.COLUMNS_INDICATORS["area"]: frame.area, texts.PROGRESS_VIEW["col_value"]: text,
                          # whole inhabitants: an interpolated year's population is a fraction
                          texts.COMPARISONS["population"]: [fmt_num(r[4], 0) for r in towns],
                          texts.COMPARISONS["population_method"]: [texts.POPULATION_METHODS.get(r[5], "")
                                                                   for r in towns]})
    out["panel"] = Panel(f"{i.code}_{'per_100k' if rate else 'value'}", frame, title, note, kind, "", alt, table)
    return out


@dataclass(frozen=True)
class YearsTable:
    """Kommuner across the years: `numbers` (area × year, NaN where there is no value or it is hidden) and
    `text` (the same cells as shown: the number, "<5" or "–"), the county first; the values for the files;
    `hidden`: whether a cell is hidden (each year hides by its own catalog's flag)."""

    numbers: pd.DataFrame
    text: pd.DataFrame
    kind: str
    values: ValueRows
    hidden: bool = False


def municipal_years(s: Session, indicator_id: int, first: int, last: int, per_capita: bool, suppress: bool,
                    approved_only: bool = True, areas: tuple[str, ...] | None = None) -> YearsTable:
    """The municipalities (every one, or those of a comparison group's `areas`) and the county across the years
    first–last, per 100 000 inhabitants when asked and the indicator counts people or events, counts below 5
    hidden when `suppress`. The indicator as the catalog in force for `last` has it (one retired later, too)."""
    pin_year(s, last)
    i = indicator_record(s, indicator_id)
    names = area_names(s)
    towns = sorted((c for c in names if c != COUNTY_CODE and (areas is None or c in areas)), key=names.get)
    values = value_records(s, [indicator_id], approved_only, Dimension.AREA, first, last,
                           members=[COUNTY_CODE, *towns], per_capita=per_capita, suppress=suppress)
    kind = "rate" if per_capita and i.per_capita else i.kind
    order, years = [COUNTY_CODE, *towns], list(range(first, last + 1))
    # cell by cell in plain Python (through .loc per cell this table cost 80 ms at 1M, issue 16)
    cells = values.cells()
    hidden_text, missing = f"<{SMALL_COUNT}", (None, False, kind)  # (no value that year)
    grid = [[cells.get((a, y), missing) for y in years] for a in order]
    index = pd.Index([names.get(a, a) for a in order], name=texts.MUNICIPALITY_VIEW["area_column"], dtype=object)
    columns = pd.Index([str(y) for y in years], dtype=object)  # labels as objects: no Arrow strings to build
    # each frame from one array (one block, no conversion per cell); each text made once per distinct value
    numbers = pd.DataFrame(np.array([[math.nan if v is None else v for v, _, _ in row] for row in grid], dtype=float)
                           .reshape(len(order), len(years)), index=index, columns=columns, copy=False)
    shown: dict = {}

    def text_of(value, hidden: bool, kind: str) -> str:  # each value as its year's catalog has it
        if hidden:
            return hidden_text
        if (value, kind) not in shown:
            shown[value, kind] = fmt_value(value, kind)
        return shown[value, kind]

    text = pd.DataFrame(np.array([[text_of(*cell) for cell in row] for row in grid], dtype=object)
                        .reshape(len(order), len(years)), index=index, columns=columns, dtype=object, copy=False)
    return YearsTable(numbers, text, kind, values, any(hidden for _, hidden, _ in cells.values()))


def municipal_chart(s: Session, indicator_id: int, year: int, per_capita: bool, suppress: bool,
                    approved_only: bool = True) -> dict:
    """municipal_panel with the bars drawn (sorted, hidden values at the bottom): its 'chart' is None without
    municipal values; 'values' are the figures for the files (export.value_records, the county included)."""
    pin_year(s, year)  # before the values: they carry the year's name, unit and kind (each reader starts unpinned)
    stored = stored_values(s, [indicator_id], approved_only, Dimension.AREA, year, year)  # one read for both
    view = municipal_panel(s, indicator_id, year, per_capita, suppress, approved_only, stored)
    view["values"] = as_records(s, stored, per_capita, suppress)
    p = view.pop("panel")
    view["chart"] = None if p is None else Chart(p.key, municipality_bars(
        p.frame, p.kind, p.title, "shown", view["county"] if view["line"] else None, "text", subtitle=p.subtitle),
        p.alt, p.table)
    return view
