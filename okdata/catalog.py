"""The plan catalog: goals, measures, agencies, areas and indicators, loaded from a reviewable TOML file."""

import copy
import csv
import hashlib
import math
import re
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import clock, texts
from okdata.domain import AgencyRef, Dimension, Frequency, IndicatorKind, IndicatorRef, MeasureRef
from okdata.file_text import MAX_TYPED, unsafe_character
from okdata.formatting import fmt_num, quoted
from okdata.models import (
    Agency,
    Area,
    CatalogRevision,
    Goal,
    Indicator,
    Measure,
    MeasureAgency,
    Observation,
    PlanPeriod,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOG_PATH = DATA_DIR / "catalog_2024_2027.toml"
POPULATION_PATH = DATA_DIR / "folkmangd_stockholms_lan.csv"
COUNTY_CODE = "01"
# The catalog file is written in Swedish words for frequencies and breakdowns; they become codes as it is read.
FREQUENCY_WORDS = {label: code for code, label in texts.FREQUENCIES.items()}
DIMENSION_BY_WORD = {word: code for code, word in texts.DIMENSION_WORDS.items()}


# Agencies are listed by kind in this order (the catalog's words for the kinds), then by name.
AGENCY_KINDS = ("part", "myndighet", "plattform", "funktion", "grupp", "kommun")


# --- What is derived from the catalog, kept while the catalog stays the same --------------------------------
# The catalog changes only through load_catalog (a new file) and catalog revisions (catalog_revisions.save_catalog:
# the Katalog page's edits and imported files); both raise a plan's revision. The stamp is read from the database
# on every call, so that every app instance sees a change made by another one at once, and a different database
# never shares an entry.

_MEMO: dict[tuple, object] = {}
_MEMO_LIMIT = 256


def catalog_stamp(s: Session) -> tuple:
    """The database and the revision of each plan period's catalog (one small query, once per transaction)."""
    if "catalog_stamp" in s.info:
        return s.info["catalog_stamp"]
    plans = s.connection().exec_driver_sql(
        "SELECT id, revision, catalog_checksum FROM plan_period ORDER BY id").all()
    stamp = s.info["catalog_stamp"] = (str(s.get_bind().url), tuple(tuple(p) for p in plans))
    return stamp


def from_catalog(s: Session, key: tuple, build):
    """`build()`'s result for `key` under the current catalog stamp: built once per catalog revision. What is
    kept must not be changed by callers (frames are handed out as copies by their readers). Only read
    transactions keep what they build for others: a write may still roll back a revision it raised. A write
    transaction keeps it for itself until it changes a catalog table (db.CATALOG_TABLES)."""
    key = (s.info.get("plan_pin"), *key)
    if s.get_bind().get_execution_options().get("okdata_write", True):
        memo = s.info.setdefault("catalog_memo", {})
        writes = s.connection().info.get("okdata_catalog_writes", 0)
        kept = memo.get(key)
        if kept is not None and kept[0] == writes:
            return kept[1]
        value = build()
        memo[key] = (writes, value)
        return value
    full = (catalog_stamp(s), *key)
    try:
        return _MEMO[full]
    except KeyError:
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        value = _MEMO[full] = build()
        return value


# --- Which plan, and which revision of its catalog, a session reads ---------------------------------------
# A page reads the plan period chosen in its URL (default: the current one); work for one reporting year
# (template, check, expected rows) reads the plan of that year under the catalog revision in force for it.
# The choice is kept in the session (`plan_pin`: plan id and revision number, None = the live catalog), so the
# readers keep their arguments, and everything derived from the catalog is kept per choice (from_catalog).


def pin_plan(s: Session, plan_code: str | None) -> None:
    """Read the plan period `plan_code` (None: the current one) in this session; an unknown code is ignored."""
    plan = s.scalars(select(PlanPeriod).where(PlanPeriod.code == plan_code)).first() if plan_code else None
    s.info["plan_pin"] = (plan.id, None) if plan is not None else None
    if plan is not None:
        s.info["plan_held"] = (plan.id, plan)  # current_plan's, without reading it again


def _year_pin(s: Session, year: int, pin: tuple | None) -> tuple | None:
    """The pin that reads `year` (plan id, revision in force), given the session's pin `pin`: the plan of the year,
    unless another plan is chosen; a year before the plan read (a baseline year: the chosen plan, else the first
    plan after the year) under that plan's catalog as it was in force at its first year, not today's. None:
    keep `pin` (a chosen plan that does not hold a later year, or a year after every plan)."""
    plan = plan_for_year(s, year)
    if plan is not None and (pin is None or pin[0] == plan.id):
        return plan.id, revision_in_force(s, plan, year)
    periods = _periods(s)
    read = next((p for p in periods if p.id == pin[0]), None) if pin is not None else next(
        (p for p in periods if p.start_year > year), None)
    if read is not None and year < read.start_year:
        return read.id, revision_in_force(s, read, read.start_year)
    return None


@contextmanager
def for_year(s: Session, year: int | None):
    """Within the block, read the plan of `year` under the catalog revision in force for that year (a reporting
    year: the template, the check, the expected rows; a year outside every plan reads as before the block)."""
    before = s.info.get("plan_pin")
    plan = plan_for_year(s, year) if year is not None else None
    if plan is not None:
        s.info["plan_pin"] = (plan.id, revision_in_force(s, plan, year))
    try:
        yield plan
    finally:
        s.info["plan_pin"] = before


def pin_year(s: Session, year: int) -> None:
    """In this session, read the plan of `year` under the catalog revision in force for the year (a reader of one
    year: the year's statuses, goal cards, the lägesrapport; a year before the plan under the plan's first year's
    catalog). A chosen plan period that does not hold a later year is kept. Unlike for_year, the pin stays: a
    reader's session reads one year."""
    pin = _year_pin(s, year, s.info.get("plan_pin"))
    if pin is not None:
        s.info["plan_pin"] = pin


def catalog_in_force(s: Session, year: int) -> tuple[str, int | None]:
    """The plan period of `year` (for a year before it, such as a baseline year, the first plan after it) and the
    number of its catalog revision in force for the year ("" and None after every plan period): the provenance an
    export gives each value."""
    plan = plan_for_year(s, year) or next((p for p in _periods(s) if p.start_year > year), None)
    if plan is None:
        return "", None
    year = max(year, plan.start_year)
    return plan.code, revision_in_force(s, plan, year) or plan.revision


def revision_in_force(s: Session, plan: "PlanPeriod | PlanInfo", year: int) -> int | None:
    """The number of the catalog revision in force for `year` when it is not the plan's live catalog, else None."""
    rows = from_catalog(s, ("revisions", plan.id), lambda: tuple(s.execute(
        select(CatalogRevision.number, CatalogRevision.from_year)
        .where(CatalogRevision.plan_period_id == plan.id)).all()))
    if not rows:
        return None
    latest = max(n for n, _ in rows)
    in_force = [n for n, from_year in rows if from_year <= year]
    number = max(in_force) if in_force else min(n for n, _ in rows)
    return None if number == latest else number


def file_checksum(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- The catalog as a document: the TOML file's structure -------------------------------------------------
# The file, its Excel form, an import and every edit in the app pass through one document and one check
# (check_document), and a saved document is a catalog revision. An indicator's fields are listed once here: the
# file's key, the row's attribute, and how the value is written; a new field is one line (and its heading in
# texts.CATALOG_FIELDS).


@dataclass(frozen=True)
class CatalogField:
    """An indicator field of the catalog document: its key in the file, its attribute, its kind of value."""

    key: str
    attribute: str
    kind: str  # text, int, number, bool, list, breakdowns, frequency


INDICATOR_FIELDS_SPEC = (
    CatalogField("id", "code", "text"),
    CatalogField("name", "name", "text"),
    CatalogField("kind", "kind", "text"),
    CatalogField("unit", "unit", "text"),
    CatalogField("direction", "direction", "int"),
    CatalogField("target_value", "target_value", "number"),
    CatalogField("target_year", "target_year", "int"),
    CatalogField("frequency", "frequency", "frequency"),
    CatalogField("breakdowns", "breakdowns", "breakdowns"),
    CatalogField("categories", "categories", "list"),
    CatalogField("development", "is_development", "bool"),
    CatalogField("per_100k", "per_capita", "bool"),
    CatalogField("source_url", "source_url", "text"),
    CatalogField("note", "note", "text"),
)
INDICATOR_FIELDS = tuple(f.key for f in INDICATOR_FIELDS_SPEC)
DOCUMENT_DEFAULTS = {"direction": 0, "target_value": None, "target_year": None, "breakdowns": [],
                     "categories": [], "development": False, "per_100k": False, "source_url": "",
                     "note": ""}
# Document key -> indicators_frame column, where they differ.
FRAME_COLUMNS = {"development": "is_development", "per_100k": "per_capita"}


def read_catalog_file(path: Path = CATALOG_PATH) -> dict:
    """The catalog file as a checked document (codes for frequencies and breakdowns)."""
    with open(path, "rb") as f:
        return check_document(tomllib.load(f))


def document_indicators(doc: dict):
    """(indicator, goal number, measure code or "") for every indicator of a checked document, in file order."""
    for m in doc["measure"]:
        for ind in m["indicator"]:
            yield ind, m["goal"], m["code"]
    for ind in doc.get("regional_indicator", []):
        yield ind, ind["goal"], ""


def check_document(data: dict) -> dict:
    """Check a catalog document (read from the file, an Excel workbook or an edit) for what the loader relies on,
    turning the file's words for frequencies and breakdowns into codes; ValueError in Swedish when it is not valid.
    A checked document passes again unchanged."""
    try:
        return _check_document(data)
    except KeyError as e:
        raise ValueError(texts.CATALOG_CHECK["missing_key"].format(key=e.args[0])) from e
    except (TypeError, AttributeError) as e:
        raise ValueError(texts.CATALOG_CHECK["malformed"]) from e


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# The fields each part of a document may have. A field outside these is refused, never carried: a misspelt
# "targetvalue" was shown as a change and saved as a revision while the target it meant was never set.
DOCUMENT_KEYS = {
    "document": ("plan", "agency", "goal", "measure", "regional_indicator"),
    "plan": ("code", "name", "start_year", "end_year", "baseline_year", "source"),
    "agency": ("code", "name", "short_name", "aliases", "kind", "unit", "area_code", "member_of", "party"),
    "goal": ("number", "title", "in_place", "development_areas"),
    "measure": ("code", "goal", "text", "follow_up", "agencies", "frequency", "note", "indicator"),
    "indicator": (*INDICATOR_FIELDS, "series_id"),  # series_id: only a new plan period sets it (plans.py)
    "regional_indicator": (*INDICATOR_FIELDS, "goal", "series_id"),
}
# Codes identify rows across revisions, files and links: ASCII, no spaces, nothing a spreadsheet would run.
MEASURE_CODE = re.compile(r"[0-9]{1,2}(\.[0-9]{1,2}){1,2}")  # 1.1, 2.10; a later plan may number 1.2.3
INDICATOR_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]{0,11}")  # 1.1a, R3.2
AGENCY_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}")  # POL, K0114, STORSTHLM


def _text_limits() -> dict[str, dict[str, int]]:
    """The longest text the store keeps in each text field of a document, read from the tables (PostgreSQL refuses
    a longer one at the save; a category must fit a return's category field). A field without a limit here has
    MAX_TYPED, as any text a person writes: a measure's text goes into templates, whose cells hold 32 767."""
    def lengths(model, keys) -> dict[str, int]:
        columns = model.__table__.c
        return {k: columns[a].type.length for k, a in keys if getattr(columns[a].type, "length", None)}

    indicator = lengths(Indicator, [(f.key, f.attribute) for f in INDICATOR_FIELDS_SPEC if f.kind == "text"])
    indicator["categories"] = Observation.__table__.c.category.type.length
    return {"document": {}, "plan": lengths(PlanPeriod, [(k, k) for k in ("code", "name", "source")]),
            "agency": lengths(Agency, [(k, k) for k in ("code", "name", "short_name", "unit")]),
            "goal": lengths(Goal, [("title", "title")]), "measure": lengths(Measure, [("code", "code")]),
            "indicator": indicator, "regional_indicator": indicator}


TEXT_LIMITS = _text_limits()


def _fields(data: dict) -> None:
    parts = [("document", "", data), ("plan", "", data["plan"])]
    parts += [("agency", a.get("code"), a) for a in data.get("agency", [])]
    parts += [("goal", g.get("number"), g) for g in data.get("goal", [])]
    for m in data.get("measure", []):
        parts += [("measure", m.get("code"), m)] + [("indicator", i.get("id"), i) for i in m.get("indicator", [])]
    parts += [("regional_indicator", i.get("id"), i) for i in data.get("regional_indicator", [])]
    for part, code, row in parts:
        if isinstance(row, dict) and (unknown := [k for k in row if k not in DOCUMENT_KEYS[part]]):
            raise ValueError(texts.CATALOG_CHECK["unknown_key"].format(
                key=quoted(unknown[0]), where=texts.CATALOG_KEY_PLACES[part].format(code=quoted(code or "")),
                known=", ".join(k for k in DOCUMENT_KEYS[part] if k != "series_id")))
        for key, value in (row.items() if isinstance(row, dict) else ()):  # lists of rows have no text: ""
            limit = TEXT_LIMITS[part].get(key, MAX_TYPED)  # unlimited in the store: as any text a person writes
            longest = max((v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)),
                          key=len, default="")
            if len(longest) > limit:
                raise ValueError(texts.CATALOG_CHECK["too_long"].format(
                    key=key, where=texts.CATALOG_KEY_PLACES[part].format(code=quoted(code or "")),
                    n=fmt_num(len(longest)), limit=fmt_num(limit)))


def _code_problem(pattern: re.Pattern, code) -> bool:
    return not (isinstance(code, str) and pattern.fullmatch(code))


def _twice(codes: list[str]) -> str | None:
    """The first code that comes again, compared without case (1.1A beside 1.1a, pol beside POL)."""
    seen: set[str] = set()
    for c in codes:
        if c.casefold() in seen:
            return c
        seen.add(c.casefold())
    return None


def _check_document(data: dict) -> dict:
    if not isinstance(data, dict):
        raise TypeError(data)
    bad = next((c for c in map(unsafe_character, _strings(data)) if c is not None), None)
    if bad is not None:  # no database stores NUL in text; no template or report file the other control characters
        raise ValueError(texts.CATALOG_CHECK["control"].format(code=bad))
    for section in ("plan", "agency", "goal", "measure"):
        if section not in data:
            raise ValueError(texts.CATALOG_CHECK["missing_section"].format(section=section))
    data.setdefault("regional_indicator", [])
    _fields(data)
    for key in ("code", "name", "start_year", "end_year", "baseline_year"):
        data["plan"][key]
    if not all(isinstance(data["plan"][k], int) for k in ("start_year", "end_year", "baseline_year")):
        raise TypeError(data["plan"])
    codes: set[str] = set()
    for a in data["agency"]:
        if _code_problem(AGENCY_CODE, a["code"]):
            raise ValueError(texts.CATALOG_CHECK["agency_code"].format(code=quoted(a["code"])))
        codes.add(a["code"])
        for key in ("code", "name", "short_name"):
            if not isinstance(a.get(key), str) or not a[key].strip():
                raise ValueError(texts.CATALOG_CHECK["agency_field"].format(code=a.get("code"), key=key))
        if a.get("kind") not in AGENCY_KINDS:
            raise ValueError(texts.CATALOG_CHECK["agency_kind"].format(
                code=a["code"], kind=quoted(a.get("kind") or ""), kinds=", ".join(AGENCY_KINDS)))
    if twice := _twice([a["code"] for a in data["agency"]]):
        raise ValueError(texts.CATALOG_CHECK["agency_twice"].format(code=twice))
    for a in data["agency"]:
        if a.get("member_of") not in (None, "", *codes):
            raise ValueError(texts.CATALOG_CHECK["agency_field"].format(code=a["code"], key="member_of"))
        if a.get("area_code") not in (None, "") and not (isinstance(a["area_code"], str)
                                                        and a["area_code"] in AREA_CODES):
            raise ValueError(texts.CATALOG_CHECK["agency_field"].format(code=a["code"], key="area_code"))
    goals: set[int] = set()
    for g in data["goal"]:
        number = g.get("number")
        if not _whole(number) or not 1 <= number <= 99:
            raise ValueError(texts.CATALOG_CHECK["goal_number"].format(goal=number))
        if number in goals:
            raise ValueError(texts.CATALOG_CHECK["goal_twice"].format(goal=number))
        goals.add(number)
    seen: set[str] = set()
    measure_codes: set[str] = set()
    for g in data["goal"]:
        if not str(g.get("title", "")).strip():
            raise ValueError(texts.CATALOG_CHECK["goal_title"].format(goal=g.get("number")))
        g.setdefault("in_place", [])
        g.setdefault("development_areas", [])
    for m in data["measure"]:
        if _code_problem(MEASURE_CODE, m["code"]):
            raise ValueError(texts.CATALOG_CHECK["measure_code" if m["code"] else "measure_code_missing"].format(
                code=quoted(m["code"])))
        if m["code"] in measure_codes:
            raise ValueError(texts.CATALOG_CHECK["measure_twice"].format(code=m["code"]))
        measure_codes.add(m["code"])
        if m["goal"] not in goals:
            raise ValueError(f"Åtgärd {m['code']}: okänt mål {m['goal']}")
        if unknown := set(m["agencies"]) - codes:
            raise ValueError(f"Åtgärd {m['code']}: okända ansvariga {sorted(unknown)}")
        if not m["agencies"]:
            raise ValueError(texts.CATALOG_CHECK["measure_agencies"].format(code=m["code"]))
        if not str(m.get("text", "")).strip():
            raise ValueError(texts.CATALOG_CHECK["measure_text"].format(code=m["code"]))
        m["frequency"] = _frequency(m["frequency"], f"Åtgärd {m['code']}")
        m.setdefault("indicator", [])
        for ind in m["indicator"]:
            ind["frequency"] = _frequency(ind.get("frequency", m["frequency"]), f"Indikator {ind.get('id')}")
            _check_indicator(ind, seen)
    for ind in data["regional_indicator"]:
        if ind.get("goal") not in goals:
            raise ValueError(f"Indikator {ind.get('id')}: okänt mål {ind.get('goal')}")
        ind["frequency"] = _frequency(ind.get("frequency", Frequency.YEARLY), f"Indikator {ind.get('id')}")
        _check_indicator(ind, seen)
    return data


def _frequency(value: str, what: str) -> str:
    if value in set(Frequency):
        return value
    if value not in FREQUENCY_WORDS:
        raise ValueError(f"{what}: okänd frekvens {value!r}")
    return FREQUENCY_WORDS[value]


def _whole(v) -> bool:
    """An integer, not a bool (True is 1 in Python)."""
    return isinstance(v, int) and not isinstance(v, bool)


def _field_kinds(ind: dict, code: str) -> None:
    """The indicator's optional fields of the right kind: what the loader stores and every view reads (a target
    year 'snart' was saved and broke every reader of the indicator list)."""
    for key in ("name", "unit", "note", "source_url"):
        if key in ind and not isinstance(ind[key], str):
            raise ValueError(texts.CATALOG_CHECK["field_kind"].format(code=code, key=key, value=ind[key],
                                                                      kind=texts.CATALOG_FIELD_KINDS["text"]))
    for key in ("development", "per_100k"):
        if key in ind and not isinstance(ind[key], bool):
            raise ValueError(texts.CATALOG_CHECK["field_kind"].format(code=code, key=key, value=ind[key],
                                                                      kind=texts.CATALOG_FIELD_KINDS["bool"]))
    if "categories" in ind and (not isinstance(ind["categories"], list) or not all(
            isinstance(c, str) and c.strip() for c in ind["categories"])
            or len({c.strip().casefold() for c in ind["categories"]}) != len(ind["categories"])):
        raise ValueError(texts.CATALOG_CHECK["field_kind"].format(code=code, key="categories", value=ind["categories"],
                                                                  kind=texts.CATALOG_FIELD_KINDS["list"]))
    year, value = ind.get("target_year"), ind.get("target_value")
    if year is not None and not (_whole(year) and 1900 <= year <= 2200):
        raise ValueError(texts.CATALOG_CHECK["target_year"].format(code=code, value=year))
    if value is not None and not (isinstance(value, int | float) and not isinstance(value, bool)
                                  and math.isfinite(value)):
        raise ValueError(texts.CATALOG_CHECK["target_value"].format(code=code, value=value))
    if not _whole(ind.get("direction", 0)):
        raise ValueError(texts.CATALOG_CHECK["direction"].format(code=code))


def _check_indicator(ind: dict, seen: set[str]) -> None:
    code = ind.get("id", "")
    if _code_problem(INDICATOR_CODE, code):
        problem = "indicator_id" if str(code).strip() else "indicator_id_missing"
        raise ValueError(texts.CATALOG_CHECK[problem].format(code=quoted(code)))
    if code.casefold() in seen:  # 1.1A beside 1.1a: two rows a reader cannot tell apart
        raise ValueError(f"Indikator-id {code} förekommer två gånger")
    seen.add(code.casefold())
    _field_kinds(ind, code)
    if not str(ind.get("name", "")).strip():
        raise ValueError(texts.CATALOG_CHECK["indicator_name"].format(code=code))
    if ind.get("kind") not in set(IndicatorKind):
        raise ValueError(f"Indikator {ind['id']}: okänd typ {ind.get('kind')!r}")
    ind.setdefault("unit", "")
    if ind.get("direction", 0) not in (-1, 0, 1):
        raise ValueError(texts.CATALOG_CHECK["direction"].format(code=code))
    if (ind.get("target_value") is None) != (ind.get("target_year") is None):
        raise ValueError(texts.CATALOG_CHECK["target_needs_year"].format(code=code))
    if ind.get("kind") == "share" and ind.get("target_value") is not None and not 0 <= ind["target_value"] <= 100:
        raise ValueError(texts.CATALOG_CHECK["share_target"].format(code=code))
    words = [DIMENSION_BY_WORD.get(b, b) for b in ind.get("breakdowns", [])]
    if bad := [b for b in words if b not in set(Dimension)]:
        raise ValueError(f"Indikator {ind['id']}: okänd uppdelning {bad}")
    ind["breakdowns"] = words
    if ind.get("per_100k") and ind["kind"] != IndicatorKind.COUNT:
        raise ValueError(f"Indikator {ind['id']}: per_100k gäller bara antal (typ count)")
    if ind.get("categories") and Dimension.CATEGORY not in ind["breakdowns"]:
        raise ValueError(f"Indikator {ind['id']}: kategorier utan uppdelningen kategori")
    if Dimension.CATEGORY in ind["breakdowns"] and not ind.get("categories"):
        raise ValueError(texts.CATALOG_CHECK["category_needs_list"].format(code=code))


def catalog_document(s: Session, plan: PlanPeriod | None = None) -> dict:
    """The stored live catalog of a plan (the read one by default) as a document in the file's words: what
    `catalog --format toml` writes and what an edit starts from."""
    plan = plan or current_plan(s)
    agencies = s.scalars(select(Agency)).all()
    by_id = {a.id: a for a in agencies}
    order = {kind: n for n, kind in enumerate(AGENCY_KINDS)}
    doc: dict = {"plan": {"code": plan.code, "name": plan.name, "start_year": plan.start_year,
                          "end_year": plan.end_year, "baseline_year": plan.baseline_year, "source": plan.source}}
    doc["agency"] = [_clean({"code": a.code, "name": a.name, "short_name": a.short_name, "aliases": list(a.aliases),
                             "kind": a.kind, "unit": a.unit, "area_code": a.area_code,
                             "member_of": by_id[a.parent_id].code if a.parent_id else None,
                             "party": True if a.is_party and a.kind != "part" else None})
                     for a in sorted(agencies, key=lambda a: (order.get(a.kind, 99), a.id))]
    goals = s.scalars(select(Goal).where(Goal.plan_period_id == plan.id, Goal.retired.is_(False))
                      .order_by(Goal.number)).all()
    doc["goal"] = [{"number": g.number, "title": g.title, "in_place": list(g.in_place),
                    "development_areas": list(g.development_areas)} for g in goals]
    goal_numbers = {g.id: g.number for g in s.scalars(select(Goal).where(Goal.plan_period_id == plan.id))}
    inds = s.scalars(select(Indicator).where(Indicator.plan_period_id == plan.id, Indicator.retired.is_(False))
                     .order_by(Indicator.sort_key)).all()
    links: dict[int, list[str]] = {}
    for measure_id, code in s.execute(select(MeasureAgency.measure_id, Agency.code)
                                      .join(Agency, Agency.id == MeasureAgency.agency_id)
                                      .order_by(MeasureAgency.measure_id, MeasureAgency.position)):
        links.setdefault(measure_id, []).append(code)
    doc["measure"] = []
    for m in s.scalars(select(Measure).where(Measure.plan_period_id == plan.id, Measure.retired.is_(False))
                       .order_by(Measure.sort_key)):
        row = _clean({"code": m.code, "goal": goal_numbers[m.goal_id], "text": m.text, "follow_up": m.follow_up,
                      "agencies": links.get(m.id, []), "frequency": texts.FREQUENCIES[Frequency(m.frequency)],
                      "note": m.note})
        row["indicator"] = [_indicator_document(i, m.frequency) for i in inds if i.measure_id == m.id]
        doc["measure"].append(row)
    doc["regional_indicator"] = [{**_indicator_document(i, None), "goal": goal_numbers[i.goal_id]}
                                 for i in inds if i.measure_id is None]
    return doc


def _indicator_document(i: Indicator, measure_frequency: str | None) -> dict:
    out = {}
    for f in INDICATOR_FIELDS_SPEC:
        value = getattr(i, f.attribute)
        if f.kind == "frequency":
            if value == measure_frequency:
                continue
            value = texts.FREQUENCIES[Frequency(value)]
        elif f.kind == "breakdowns":
            value = [texts.DIMENSION_WORDS[Dimension(b)] for b in value]
        elif f.kind == "list":
            value = list(value)
        out[f.key] = value
    return _clean(out)


def _clean(row: dict) -> dict:
    """A document row without empty optional values (TOML has no null)."""
    return {k: v for k, v in row.items() if v is not None and v != "" and v != [] and v is not False
            or k in ("id", "code", "name", "title", "text", "agencies", "kind", "unit", "direction")}


def _area_codes(path: Path = POPULATION_PATH) -> frozenset[str]:
    with open(path, encoding="utf-8") as f:
        return frozenset(r["kommun_kod"] for r in csv.DictReader(f))


AREA_CODES = _area_codes()  # the county and its 26 municipalities, the areas load_areas stores


def load_areas(s: Session, path: Path = POPULATION_PATH) -> None:
    """The county and its 26 municipalities (codes and names from the population file)."""
    with open(path, encoding="utf-8") as f:
        names = {r["kommun_kod"]: r["kommun"] for r in csv.DictReader(f)}
    existing = {a.code: a for a in s.scalars(select(Area))}
    for code, name in names.items():
        kind, parent = ("län", None) if code == COUNTY_CODE else ("kommun", COUNTY_CODE)
        area = existing.get(code) or Area(code=code, name=name, kind=kind)
        area.name, area.kind, area.parent_code = name, kind, parent
        s.add(area)
    s.flush()


def load_catalog(s: Session, path: Path | None = None) -> PlanPeriod:
    """Create the plan period from the catalog file (`path`, default CATALOG_PATH) when the database has none.
    A stored plan is the app's to change, as catalog revisions from a year: a file that has changed since (a new
    release's) is not laid over it, which would rewrite every year and undo the app's revisions; `catalog import`
    saves it as a revision (the plan's `catalog_checksum` tells whether it differs)."""
    path = path or CATALOG_PATH
    data = read_catalog_file(path)
    checksum = file_checksum(path)
    plan = s.scalars(select(PlanPeriod).where(PlanPeriod.code == data["plan"]["code"])).first()
    if plan is not None:
        return plan
    plan = apply_document(s, data, set_targets=False)
    plan.catalog_checksum = checksum
    return plan


def apply_document(s: Session, data: dict, set_targets: bool = True, predecessor_id: int | None = None) -> PlanPeriod:
    """Create or update the plan period, agencies, goals, measures and indicators from a checked document.

    Goals, measures and indicators missing from the document are retired, never deleted: their values stay.
    """
    p = data["plan"]
    plan = s.scalars(select(PlanPeriod).where(PlanPeriod.code == p["code"])).first()
    if plan is None:
        plan = PlanPeriod(code=p["code"], name=p["name"], start_year=p["start_year"], end_year=p["end_year"],
                          baseline_year=p["baseline_year"], source=p.get("source", ""),
                          predecessor_id=predecessor_id)
    else:
        plan.revision += 1
    plan.name, plan.start_year, plan.end_year = p["name"], p["start_year"], p["end_year"]
    plan.baseline_year, plan.source = p["baseline_year"], p.get("source", "")
    s.add(plan)
    s.flush()

    agencies = _load_agencies(s, data["agency"])
    goals = _load_goals(s, plan, data["goal"])
    _load_measures_and_indicators(s, plan, goals, agencies, data, set_targets)
    return plan


def _load_agencies(s: Session, rows: list[dict]) -> dict[str, Agency]:
    existing = {a.code: a for a in s.scalars(select(Agency))}
    for r in rows:
        a = existing.get(r["code"]) or Agency(code=r["code"], name=r["name"], short_name=r["short_name"],
                                               kind=r["kind"])
        a.name, a.short_name, a.kind = r["name"], r.get("short_name", r["name"]), r["kind"]
        a.unit, a.aliases = r.get("unit", ""), list(r.get("aliases", []))
        a.area_code = r.get("area_code")
        a.is_party = r["kind"] == "part" or bool(r.get("party"))
        s.add(a)
        existing[a.code] = a
    s.flush()
    for r in rows:
        parent = r.get("member_of")
        existing[r["code"]].parent_id = existing[parent].id if parent else None
    s.flush()
    return existing


def _load_goals(s: Session, plan: PlanPeriod, rows: list[dict]) -> dict[int, Goal]:
    existing = {g.number: g for g in s.scalars(select(Goal).where(Goal.plan_period_id == plan.id))}
    listed = {r["number"] for r in rows}
    for r in rows:
        g = existing.get(r["number"]) or Goal(plan_period_id=plan.id, number=r["number"], title=r["title"])
        g.title, g.in_place, g.development_areas = r["title"], list(r["in_place"]), list(r["development_areas"])
        g.retired = False
        s.add(g)
        existing[g.number] = g
    for number, g in existing.items():
        if number not in listed:
            g.retired = True
    s.flush()
    return existing


def _load_measures_and_indicators(s, plan, goals, agencies, data, set_targets) -> None:
    measures = {m.code: m for m in s.scalars(select(Measure).where(Measure.plan_period_id == plan.id))}
    indicators = {i.code: i for i in s.scalars(select(Indicator).where(Indicator.plan_period_id == plan.id))}
    seen_measures, seen_indicators = set(), set()
    for pos, r in enumerate(data["measure"]):
        m = measures.get(r["code"]) or Measure(plan_period_id=plan.id, goal_id=goals[r["goal"]].id,
                                               code=r["code"], text=r["text"], frequency=r["frequency"])
        m.goal_id, m.sort_key, m.text = goals[r["goal"]].id, pos, r["text"]
        m.follow_up, m.frequency, m.note, m.retired = r.get("follow_up", ""), r["frequency"], r.get("note", ""), False
        s.add(m)
        s.flush()
        seen_measures.add(m.code)
        links = {ma.agency_id: ma for ma in s.scalars(select(MeasureAgency).where(MeasureAgency.measure_id == m.id))}
        wanted = [agencies[c].id for c in r["agencies"]]
        for gone in set(links) - set(wanted):
            s.delete(links[gone])
        for i, agency_id in enumerate(wanted):
            link = links.get(agency_id) or MeasureAgency(measure_id=m.id, agency_id=agency_id)
            link.position = i
            s.add(link)
        for ind in r["indicator"]:
            _upsert_indicator(s, plan, indicators, ind, goals[r["goal"]].id, m.id, len(seen_indicators),
                              set_targets)
            seen_indicators.add(ind["id"])
    for ind in data.get("regional_indicator", []):
        _upsert_indicator(s, plan, indicators, ind, goals[ind["goal"]].id, None, len(seen_indicators), set_targets)
        seen_indicators.add(ind["id"])
    for code, m in measures.items():
        if code not in seen_measures:
            m.retired = True
    for code, i in indicators.items():
        if code not in seen_indicators:
            i.retired = True
    s.flush()


def _upsert_indicator(s, plan, existing, r, goal_id, measure_id, position, set_targets) -> None:
    ind = existing.get(r["id"])
    if ind is None:
        ind = Indicator(plan_period_id=plan.id, code=r["id"], goal_id=goal_id, name=r["name"], kind=r["kind"],
                        unit=r["unit"], frequency=r["frequency"], series_id=r.get("series_id"))
        existing[r["id"]] = ind
        set_targets = True  # the catalog file sets directions and targets once; the app edits them later
    ind.sort_key, ind.goal_id, ind.measure_id, ind.retired = position, goal_id, measure_id, False
    for f in INDICATOR_FIELDS_SPEC:
        if f.key == "id" or (not set_targets and f.key in ("direction", "target_value", "target_year")):
            continue
        value = r.get(f.key, DOCUMENT_DEFAULTS.get(f.key))
        setattr(ind, f.attribute, list(value) if isinstance(value, list) else value)
    s.add(ind)
    s.flush()


# --- Readers ------------------------------------------------------------------------------------------


def current_plan(s: Session) -> PlanPeriod | None:
    """The plan period this session reads (pin_plan, for_year), else the current one: the newest that has
    begun this calendar year, else the first."""
    pin = s.info.get("plan_pin")
    if pin is None:
        return default_plan(s)
    held = s.info.get("plan_held")  # the session's identity map holds rows weakly: a plan asked for again was
    if held is None or held[0] != pin[0]:  # read again each time (a third of Kommuner's reads, issue 16)
        held = s.info["plan_held"] = (pin[0], s.get(PlanPeriod, pin[0]))
    return held[1]


def default_plan(s: Session) -> PlanPeriod | None:
    """The current plan period: the newest that has begun, else the first."""
    plans = s.scalars(select(PlanPeriod).order_by(PlanPeriod.start_year)).all()
    begun = [p for p in plans if p.start_year <= clock.today().year]
    return (begun or plans or [None])[-1 if begun else 0]


def default_plan_code(s: Session) -> str | None:
    """The current plan period's code (what the page frame offers first)."""
    plan = default_plan(s)
    return plan.code if plan else None


def plan_periods(s: Session) -> list[dict]:
    """Every plan period, oldest first: code, name, years, catalog revision and the plan it was started from."""
    plans = s.scalars(select(PlanPeriod).order_by(PlanPeriod.start_year)).all()
    codes = {p.id: p.code for p in plans}
    return [{"code": p.code, "name": p.name, "start_year": p.start_year, "end_year": p.end_year,
             "revision": p.revision, "from": codes.get(p.predecessor_id, "")} for p in plans]


@dataclass(frozen=True)
class PlanInfo:
    """The newest plan period as plain data (what readers need of it)."""

    id: int
    code: str
    start_year: int
    end_year: int
    baseline_year: int
    name: str = ""
    revision: int = 1


def plan_info(s: Session) -> PlanInfo | None:
    """The read plan period's numbers, kept per catalog revision (current_plan loads the row itself)."""
    def build() -> PlanInfo | None:
        p = current_plan(s)
        return p and PlanInfo(p.id, p.code, p.start_year, p.end_year, p.baseline_year, p.name, p.revision)

    return from_catalog(s, ("plan",), build)


def _periods(s: Session) -> tuple[PlanInfo, ...]:
    """Every plan period as plain data, in time order, kept per catalog revision (a page asks for the period of a
    year several times: through the ORM each answer cost more than the query behind it)."""
    def build() -> tuple[PlanInfo, ...]:
        return tuple(PlanInfo(p.id, p.code, p.start_year, p.end_year, p.baseline_year, p.name, p.revision)
                     for p in s.scalars(select(PlanPeriod).order_by(PlanPeriod.start_year, PlanPeriod.id)))

    return from_catalog(s, ("plan_periods",), build)


def plan_for_year(s: Session, year: int) -> PlanInfo | None:
    """The plan period a reporting year belongs to, None outside every period."""
    return next((p for p in _periods(s) if p.start_year <= year <= p.end_year), None)


def list_agencies(s: Session) -> list[AgencyRef]:
    """Every agency, parties first, municipalities last."""
    rows = s.execute(select(Agency)).scalars().all()
    by_id = {a.id: a for a in rows}
    refs = [AgencyRef(a.id, a.code, a.name, a.short_name, a.kind, bool(a.is_party), a.area_code,
                      by_id[a.parent_id].code if a.parent_id else None, tuple(a.aliases)) for a in rows]
    order = {kind: n for n, kind in enumerate(AGENCY_KINDS)}
    return sorted(refs, key=lambda a: (order.get(a.kind, len(order)), a.name))


def find_agency(s: Session, name: str) -> AgencyRef | None:
    """An agency by code, name, short name, alias or municipality code, case-insensitive."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    for a in s.scalars(select(Agency)):
        keys = {a.code, a.name, a.short_name, *a.aliases, a.area_code or "", (a.area_code or "").lstrip("0")}
        if wanted in {k.casefold() for k in keys if k}:
            return next(i for i in list_agencies(s) if i.id == a.id)
    return None


def _plan_id(s: Session, plan_id: int | None) -> int:
    return plan_id if plan_id is not None else plan_info(s).id


def _pinned_document(s: Session, plan_id: int) -> dict | None:
    """The normalised document of the catalog revision this session reads for `plan_id`, None for the live one."""
    pin = s.info.get("plan_pin")
    if pin is None or pin[0] != plan_id or pin[1] is None:
        return None
    content = s.scalars(select(CatalogRevision.content).where(CatalogRevision.plan_period_id == plan_id,
                                                              CatalogRevision.number == pin[1])).one()
    return check_document(copy.deepcopy(content))


def from_later(s: Session) -> tuple[dict[str, int], dict[str, int]]:
    """The indicators and the measures that a later revision of the read plan lists and the revision this session
    reads does not (added from a later year): code → the first year of the earliest revision that lists it."""
    pin = s.info.get("plan_pin")
    indicators: dict[str, int] = {}
    measures: dict[str, int] = {}
    if pin is None or pin[1] is None:
        return indicators, measures
    for from_year, content in s.execute(select(CatalogRevision.from_year, CatalogRevision.content).where(
            CatalogRevision.plan_period_id == pin[0], CatalogRevision.number > pin[1])
            .order_by(CatalogRevision.number)):
        doc = check_document(copy.deepcopy(content))
        for ind, _, _ in document_indicators(doc):
            indicators.setdefault(ind["id"], from_year)
        for m in doc["measure"]:
            measures.setdefault(m["code"], from_year)
    return indicators, measures


def goals_frame(s: Session, plan_id: int | None = None) -> pd.DataFrame:
    """Goals of a plan (the read one by default): number, title, in_place, development_areas."""
    plan_id = _plan_id(s, plan_id)
    return from_catalog(s, ("goals", plan_id), lambda: _goals_frame(s, plan_id)).copy()


def goal_titles(s: Session, year: int | None = None) -> dict[int, str]:
    """The read plan's goals (as the catalog in force for `year` has them, when given), number → title in order,
    kept per catalog revision (a goal picker's choices without copying goals_frame on every page run); a copy."""
    if year is not None:
        pin_year(s, year)

    def build() -> dict[int, str]:
        goals = goals_frame(s)
        return dict(zip(goals.number.map(int), goals.title))

    return dict(from_catalog(s, ("goal_titles",), build))


def _goals_frame(s: Session, plan_id: int) -> pd.DataFrame:
    goals = s.scalars(select(Goal).where(Goal.plan_period_id == plan_id).order_by(Goal.number)).all()
    doc = _pinned_document(s, plan_id)
    if doc is not None:
        ids = {g.number: g.id for g in goals}
        return pd.DataFrame([{"goal_id": ids[g["number"]], "number": g["number"], "title": g["title"],
                              "in_place": list(g["in_place"]), "development_areas": list(g["development_areas"])}
                             for g in sorted(doc["goal"], key=lambda g: g["number"])])
    return pd.DataFrame([{"goal_id": g.id, "number": g.number, "title": g.title, "in_place": list(g.in_place),
                          "development_areas": list(g.development_areas)} for g in goals if not g.retired],
                        columns=["goal_id", "number", "title", "in_place", "development_areas"])


def measures_frame(s: Session, plan_id: int | None = None) -> pd.DataFrame:
    """Every live measure with goal number and responsible agencies (names joined, codes listed)."""
    plan_id = _plan_id(s, plan_id)
    return from_catalog(s, ("measures", plan_id), lambda: _measures_frame(s, plan_id)).copy()


MEASURE_COLUMNS = ["id", "goal", "code", "text", "follow_up", "frequency", "note", "agencies", "agency_codes"]


def _measures_frame(s: Session, plan_id: int) -> pd.DataFrame:
    doc = _pinned_document(s, plan_id)
    short = dict(s.execute(select(Agency.code, Agency.short_name)).all())
    if doc is not None:
        ids = dict(s.execute(select(Measure.code, Measure.id).where(Measure.plan_period_id == plan_id)).all())
        return pd.DataFrame([{
            "id": ids[m["code"]], "goal": m["goal"], "code": m["code"], "text": m["text"],
            "follow_up": m.get("follow_up", ""), "frequency": m["frequency"], "note": m.get("note", ""),
            "agencies": ", ".join(short[c] for c in m["agencies"]), "agency_codes": list(m["agencies"]),
        } for m in doc["measure"]], columns=MEASURE_COLUMNS)
    rows = s.execute(
        select(Measure, Goal.number)
        .join(Goal, Goal.id == Measure.goal_id)
        .where(Measure.plan_period_id == plan_id, Measure.retired.is_(False))
        .order_by(Measure.sort_key)
    ).all()
    links = s.execute(
        select(MeasureAgency.measure_id, Agency.code)
        .join(Agency, Agency.id == MeasureAgency.agency_id)
        .order_by(MeasureAgency.measure_id, MeasureAgency.position)
    ).all()
    codes: dict[int, list[str]] = {}
    for measure_id, code in links:
        codes.setdefault(measure_id, []).append(code)
    return pd.DataFrame([{
        "id": m.id, "goal": goal, "code": m.code, "text": m.text, "follow_up": m.follow_up,
        "frequency": m.frequency, "note": m.note, "agencies": ", ".join(short[c] for c in codes.get(m.id, [])),
        "agency_codes": codes.get(m.id, []),
    } for m, goal in rows], columns=MEASURE_COLUMNS)


def indicators_frame(s: Session, plan_id: int | None = None, include_retired: bool = False) -> pd.DataFrame:
    """Every indicator with its goal and measure code, in catalog order: `id` is the key its values are stored
    under (its own database key, or for an indicator carried over from an earlier plan that one's), `row_id` its
    own row, `code` the catalog's (2.4a)."""
    plan_id = _plan_id(s, plan_id)
    return from_catalog(s, ("indicators", plan_id, include_retired),
                        lambda: _indicators_frame(s, plan_id, include_retired)).copy()


INDICATOR_COLUMNS = ["id", "row_id", "code", "goal", "measure", "name", "kind", "unit", "direction", "target_value",
                     "target_year", "frequency", "breakdowns", "categories", "note", "source_url", "is_development",
                     "retired", "sort_key", "per_capita"]


def _indicator_row(i: Indicator, goal: int, measure: str) -> dict:
    return {"id": i.series_id or i.id, "row_id": i.id, "code": i.code, "goal": goal, "measure": measure,
            "name": i.name, "kind": i.kind, "unit": i.unit, "direction": i.direction,
            "target_value": i.target_value, "target_year": i.target_year, "frequency": i.frequency,
            "breakdowns": list(i.breakdowns), "categories": list(i.categories), "note": i.note,
            "source_url": i.source_url, "is_development": i.is_development, "retired": i.retired,
            "sort_key": i.sort_key, "per_capita": i.per_capita}


def _indicators_frame(s: Session, plan_id: int, include_retired: bool) -> pd.DataFrame:
    q = (select(Indicator, Goal.number, Measure.code)
         .join(Goal, Goal.id == Indicator.goal_id)
         .outerjoin(Measure, Measure.id == Indicator.measure_id)
         .where(Indicator.plan_period_id == plan_id))
    doc = _pinned_document(s, plan_id)
    if doc is not None:
        # An earlier revision: its indicators as it listed them, under their stored rows' keys.
        stored = {i.code: i for i, _, _ in s.execute(q)}
        listed = list(document_indicators(doc))
        # A revision stored before the per-100 000 flag was kept names it for no indicator: each keeps its own.
        fields = [f for f in INDICATOR_FIELDS_SPEC if f.key != "id" and (
            f.key != "per_100k" or any("per_100k" in ind for ind, _, _ in listed))]
        rows = []
        for position, (ind, goal, measure) in enumerate(listed):
            row = _indicator_row(stored[ind["id"]], goal, measure)
            row.update({FRAME_COLUMNS.get(f.key, f.key): ind.get(f.key, DOCUMENT_DEFAULTS.get(f.key)) for f in fields})
            row.update(name=ind["name"], is_development=bool(ind.get("development", False)), retired=False,
                       sort_key=position)
            rows.append(row)
        if include_retired:
            listed = {r["code"] for r in rows}
            rows += [{**_indicator_row(i, goal, mcode or ""), "retired": True}
                     for i, goal, mcode in s.execute(q) if i.code not in listed]
    else:
        if not include_retired:
            q = q.where(Indicator.retired.is_(False))
        rows = [_indicator_row(i, goal, mcode or "") for i, goal, mcode in s.execute(q)]
    df = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)  # columns named: a plan period may have no indicators yet
    if df.empty:
        return df
    df["regional"] = df["measure"] == ""
    return df.sort_values(["goal", "regional", "sort_key"]).drop(columns="regional").reset_index(drop=True)


def indicator_ref(r) -> IndicatorRef:
    """The record of an indicator (a row of indicators_frame)."""
    return IndicatorRef(int(r.id), r.code, int(r.goal), r.measure or "", r.name, IndicatorKind(r.kind), r.unit,
                        int(r.direction), None if pd.isna(r.target_value) else float(r.target_value),
                        None if pd.isna(r.target_year) else int(r.target_year),
                        tuple(Dimension(b) for b in r.breakdowns), tuple(r.categories), Frequency(r.frequency),
                        bool(r.is_development), bool(r.retired), bool(r.per_capita))


def area_names(s: Session) -> dict[str, str]:
    """Area code → name (the county and its municipalities), kept per catalog revision; a copy."""
    return dict(from_catalog(s, ("area_names",), lambda: dict(s.execute(select(Area.code, Area.name)).all())))


def indicator_record(s: Session, indicator_id: int) -> IndicatorRef:
    """One live indicator by its database key."""
    return next(r for r in indicator_refs(s) if r.id == indicator_id)


def measure_refs(s: Session) -> list[MeasureRef]:
    """The current plan's live measures in plan order, kept per catalog revision."""
    return list(from_catalog(s, ("measure_refs",), lambda: [
        MeasureRef(int(m.id), m.code, int(m.goal), m.text, m.agencies, tuple(m.agency_codes), Frequency(m.frequency))
        for m in measures_frame(s).itertuples(index=False)]))


def catalog_rows(s: Session) -> list[dict]:
    """One row per indicator (and per measure without one) for `python -m okdata catalog`."""
    measures = measures_frame(s).set_index("code")
    goals = goals_frame(s).set_index("number")
    out = []
    for r in indicators_frame(s).itertuples():
        agencies = measures.loc[r.measure, "agencies"] if r.measure else texts.COUNTY_COORDINATOR_NAME
        out.append({
            "id": r.code, "goal": int(r.goal), "goal_title": goals.loc[r.goal, "title"], "measure": r.measure,
            "measure_text": measures.loc[r.measure, "text"] if r.measure else "", "name": r.name,
            "kind": r.kind, "unit": r.unit, "direction": int(r.direction), "agencies": agencies,
            "frequency": texts.FREQUENCIES[r.frequency],
            "breakdowns": "; ".join(texts.DIMENSION_WORDS[b] for b in r.breakdowns),
            "categories": "; ".join(r.categories),
            "development": bool(r.is_development),
        })
    return out


def indicator_refs(s: Session) -> list[IndicatorRef]:
    """The read plan's live indicators in catalog order (goal, measures before regional, position); kept per
    catalog revision."""
    return list(from_catalog(s, ("indicator_refs",),
                             lambda: [indicator_ref(r) for r in indicators_frame(s).itertuples(index=False)]))
