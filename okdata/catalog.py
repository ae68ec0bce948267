"""The plan catalog: goals, measures, agencies, areas and indicators, loaded from a reviewable TOML file."""

import csv
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import texts
from okdata.domain import AgencyRef, Dimension, Frequency, IndicatorKind, IndicatorRef, MeasureRef
from okdata.models import Agency, Area, Goal, Indicator, Measure, MeasureAgency, PlanPeriod

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
# The catalog changes only through load_catalog (a new file) and the Katalog page (catalog_edits.edit_indicator); both
# raise a plan's revision. The stamp is read from the database on every call, so that every app instance sees a
# change made by another one at once, and a different database never shares an entry.

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


def bump_revision(s: Session) -> None:
    """Record that the catalog as stored changed (an edit in Katalog): what was derived from it is rebuilt."""
    plan = current_plan(s)
    if plan is not None:
        plan.revision += 1
        s.add(plan)
        s.flush()


def file_checksum(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_catalog_file(path: Path = CATALOG_PATH) -> dict:
    """The catalog file as a dict, checked for the things the loader relies on."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    codes = {a["code"] for a in data["agency"]}
    goals = {g["number"] for g in data["goal"]}
    seen: set[str] = set()
    for m in data["measure"]:
        if m["goal"] not in goals:
            raise ValueError(f"Åtgärd {m['code']}: okänt mål {m['goal']}")
        if unknown := set(m["agencies"]) - codes:
            raise ValueError(f"Åtgärd {m['code']}: okända ansvariga {sorted(unknown)}")
        if m["frequency"] not in FREQUENCY_WORDS:
            raise ValueError(f"Åtgärd {m['code']}: okänd frekvens {m['frequency']!r}")
        m["frequency"] = FREQUENCY_WORDS[m["frequency"]]
        for ind in m["indicator"]:
            _check_indicator(ind, seen)
    for ind in data.get("regional_indicator", []):
        ind["frequency"] = FREQUENCY_WORDS[ind.get("frequency", texts.FREQUENCIES[Frequency.YEARLY])]
        _check_indicator(ind, seen)
    return data


def _check_indicator(ind: dict, seen: set[str]) -> None:
    if ind["id"] in seen:
        raise ValueError(f"Indikator-id {ind['id']} förekommer två gånger")
    seen.add(ind["id"])
    if ind["kind"] not in set(IndicatorKind):
        raise ValueError(f"Indikator {ind['id']}: okänd typ {ind['kind']!r}")
    if bad := [b for b in ind.get("breakdowns", []) if b not in DIMENSION_BY_WORD]:
        raise ValueError(f"Indikator {ind['id']}: okänd uppdelning {bad}")
    ind["breakdowns"] = [DIMENSION_BY_WORD[b] for b in ind.get("breakdowns", [])]
    if ind.get("per_100k") and ind["kind"] != IndicatorKind.COUNT:
        raise ValueError(f"Indikator {ind['id']}: per_100k gäller bara antal (typ count)")
    if ind.get("categories") and Dimension.CATEGORY not in ind["breakdowns"]:
        raise ValueError(f"Indikator {ind['id']}: kategorier utan uppdelningen kategori")


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


def load_catalog(s: Session, path: Path = CATALOG_PATH) -> PlanPeriod:
    """Create or update the plan period, agencies, goals, measures and indicators from the file.

    Indicators and measures missing from a newer file are retired, never deleted: their values stay.
    """
    data = read_catalog_file(path)
    checksum = file_checksum(path)
    p = data["plan"]
    plan = s.scalars(select(PlanPeriod).where(PlanPeriod.code == p["code"])).first()
    if plan is None:
        plan = PlanPeriod(code=p["code"], name=p["name"], start_year=p["start_year"], end_year=p["end_year"],
                          baseline_year=p["baseline_year"], source=p.get("source", ""), catalog_checksum=checksum)
    elif plan.catalog_checksum != checksum:
        plan.revision += 1
        plan.catalog_checksum = checksum
    plan.name, plan.start_year, plan.end_year = p["name"], p["start_year"], p["end_year"]
    plan.baseline_year, plan.source = p["baseline_year"], p.get("source", "")
    s.add(plan)
    s.flush()

    agencies = _load_agencies(s, data["agency"])
    goals = _load_goals(s, plan, data["goal"])
    _load_measures_and_indicators(s, plan, goals, agencies, data)
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
    for r in rows:
        g = existing.get(r["number"]) or Goal(plan_period_id=plan.id, number=r["number"], title=r["title"])
        g.title, g.in_place, g.development_areas = r["title"], list(r["in_place"]), list(r["development_areas"])
        s.add(g)
        existing[g.number] = g
    s.flush()
    return existing


def _load_measures_and_indicators(s, plan, goals, agencies, data) -> None:
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
            _upsert_indicator(s, plan, indicators, ind, goals[r["goal"]].id, m.id, r["frequency"],
                              len(seen_indicators))
            seen_indicators.add(ind["id"])
    for ind in data.get("regional_indicator", []):
        _upsert_indicator(s, plan, indicators, ind, goals[ind["goal"]].id, None, ind["frequency"],
                          len(seen_indicators))
        seen_indicators.add(ind["id"])
    for code, m in measures.items():
        if code not in seen_measures:
            m.retired = True
    for code, i in indicators.items():
        if code not in seen_indicators:
            i.retired = True
    s.flush()


def _upsert_indicator(s, plan, existing, r, goal_id, measure_id, frequency, position) -> None:
    ind = existing.get(r["id"])
    if ind is None:
        # Targets and directions are edited by the county coordinator in the app: set them only once.
        ind = Indicator(plan_period_id=plan.id, code=r["id"], goal_id=goal_id, name=r["name"], kind=r["kind"],
                        unit=r["unit"], frequency=frequency, direction=r.get("direction", 0),
                        target_value=r.get("target_value"), target_year=r.get("target_year"))
        existing[r["id"]] = ind
    ind.sort_key, ind.goal_id, ind.measure_id = position, goal_id, measure_id
    ind.name, ind.kind, ind.unit, ind.frequency = r["name"], r["kind"], r["unit"], frequency
    ind.breakdowns, ind.categories = list(r.get("breakdowns", [])), list(r.get("categories", []))
    ind.note, ind.source_url = r.get("note", ""), r.get("source_url", "")
    ind.is_development, ind.retired = bool(r.get("development", False)), False
    ind.per_capita = bool(r.get("per_100k", False))
    s.add(ind)
    s.flush()


# --- Readers ------------------------------------------------------------------------------------------


def current_plan(s: Session) -> PlanPeriod | None:
    """The newest plan period."""
    return s.scalars(select(PlanPeriod).order_by(PlanPeriod.start_year.desc())).first()


@dataclass(frozen=True)
class PlanInfo:
    """The newest plan period as plain data (what readers need of it)."""

    id: int
    code: str
    start_year: int
    end_year: int
    baseline_year: int


def plan_info(s: Session) -> PlanInfo | None:
    """The newest plan period's numbers, kept per catalog revision (current_plan loads the row itself)."""
    def build() -> PlanInfo | None:
        p = current_plan(s)
        return p and PlanInfo(p.id, p.code, p.start_year, p.end_year, p.baseline_year)

    return from_catalog(s, ("plan",), build)


def plan_for_year(s: Session, year: int) -> PlanPeriod | None:
    """The plan period a reporting year belongs to, None outside every period."""
    return s.scalars(select(PlanPeriod).where(PlanPeriod.start_year <= year, PlanPeriod.end_year >= year)).first()


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


def goals_frame(s: Session, plan_id: int | None = None) -> pd.DataFrame:
    """Goals of a plan (the current one by default): number, title, in_place, development_areas."""
    if plan_id is None:
        return from_catalog(s, ("goals",), lambda: _goals_frame(s, plan_info(s).id)).copy()
    return _goals_frame(s, plan_id)


def _goals_frame(s: Session, plan_id: int) -> pd.DataFrame:
    goals = s.scalars(select(Goal).where(Goal.plan_period_id == plan_id).order_by(Goal.number)).all()
    return pd.DataFrame([{"goal_id": g.id, "number": g.number, "title": g.title, "in_place": list(g.in_place),
                          "development_areas": list(g.development_areas)} for g in goals])


def measures_frame(s: Session, plan_id: int | None = None) -> pd.DataFrame:
    """Every live measure with goal number and responsible agencies (names joined, codes listed)."""
    if plan_id is None:
        return from_catalog(s, ("measures",), lambda: _measures_frame(s, plan_info(s).id)).copy()
    return _measures_frame(s, plan_id)


def _measures_frame(s: Session, plan_id: int) -> pd.DataFrame:
    rows = s.execute(
        select(Measure, Goal.number)
        .join(Goal, Goal.id == Measure.goal_id)
        .where(Measure.plan_period_id == plan_id, Measure.retired.is_(False))
        .order_by(Measure.sort_key)
    ).all()
    links = s.execute(
        select(MeasureAgency.measure_id, Agency.code, Agency.short_name)
        .join(Agency, Agency.id == MeasureAgency.agency_id)
        .order_by(MeasureAgency.measure_id, MeasureAgency.position)
    ).all()
    names: dict[int, list[str]] = {}
    codes: dict[int, list[str]] = {}
    for measure_id, code, short in links:
        names.setdefault(measure_id, []).append(short)
        codes.setdefault(measure_id, []).append(code)
    return pd.DataFrame([{
        "id": m.id, "goal": goal, "code": m.code, "text": m.text, "follow_up": m.follow_up,
        "frequency": m.frequency, "note": m.note, "agencies": ", ".join(names.get(m.id, [])),
        "agency_codes": codes.get(m.id, []),
    } for m, goal in rows])


def indicators_frame(s: Session, plan_id: int | None = None, include_retired: bool = False) -> pd.DataFrame:
    """Every indicator with its goal and measure code, in catalog order: `id` is the database key, `code` the
    catalog's (2.4a)."""
    if plan_id is None:
        return from_catalog(s, ("indicators", include_retired),
                            lambda: _indicators_frame(s, plan_info(s).id, include_retired)).copy()
    return _indicators_frame(s, plan_id, include_retired)


def _indicators_frame(s: Session, plan_id: int, include_retired: bool) -> pd.DataFrame:
    q = (select(Indicator, Goal.number, Measure.code)
         .join(Goal, Goal.id == Indicator.goal_id)
         .outerjoin(Measure, Measure.id == Indicator.measure_id)
         .where(Indicator.plan_period_id == plan_id))
    if not include_retired:
        q = q.where(Indicator.retired.is_(False))
    rows = s.execute(q).all()
    df = pd.DataFrame([{
        "id": i.id, "code": i.code, "goal": goal, "measure": mcode or "", "name": i.name,
        "kind": i.kind, "unit": i.unit, "direction": i.direction, "target_value": i.target_value,
        "target_year": i.target_year, "frequency": i.frequency, "breakdowns": list(i.breakdowns),
        "categories": list(i.categories), "note": i.note, "source_url": i.source_url,
        "is_development": i.is_development, "retired": i.retired, "sort_key": i.sort_key,
        "per_capita": i.per_capita,
    } for i, goal, mcode in rows])
    if df.empty:
        return df
    df["regional"] = df["measure"] == ""
    return df.sort_values(["goal", "regional", "sort_key"]).drop(columns="regional").reset_index(drop=True)


def indicator_ref(i: Indicator, goal: int, measure: str | None) -> IndicatorRef:
    """The record of an indicator row, with its goal's number and its measure's code."""
    return IndicatorRef(int(i.id), i.code, int(goal), measure or "", i.name, IndicatorKind(i.kind), i.unit,
                        int(i.direction), i.target_value, i.target_year,
                        tuple(Dimension(b) for b in i.breakdowns), tuple(i.categories), Frequency(i.frequency),
                        bool(i.is_development), bool(i.retired), bool(i.per_capita))


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
    """The current plan's live indicators in catalog order (goal, measures before regional, position); kept per
    catalog revision."""
    return list(from_catalog(s, ("indicator_refs",), lambda: _indicator_refs(s)))


def _indicator_refs(s: Session) -> list[IndicatorRef]:
    q = (select(Indicator, Goal.number, Measure.code)
         .join(Goal, Goal.id == Indicator.goal_id).outerjoin(Measure, Measure.id == Indicator.measure_id)
         .where(Indicator.plan_period_id == current_plan(s).id, Indicator.retired.is_(False))
         .order_by(Goal.number, Indicator.measure_id.is_(None), Indicator.sort_key))
    return [indicator_ref(i, g, m) for i, g, m in s.execute(q)]
