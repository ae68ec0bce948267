"""The Regional lägesrapport for a year: its content as plain data with drafted Swedish sentences, and frozen
published versions.

`report_data` gathers everything a report shows into one JSON-able dict; every renderer (report_files.py) works
from that dict only, and publishing stores exactly that dict, so a published report can always be rebuilt as it
was.
"""

import gzip
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import and_, func, select
from sqlmodel import Session

from okdata import clock, texts
from okdata.analysis import COUNTY, analyses
from okdata.auth import Actor, audit, require
from okdata.catalog import (
    COUNTY_CODE,
    catalog_in_force,
    current_plan,
    goals_frame,
    indicators_frame,
    measures_frame,
    pin_year,
)
from okdata.catalog_edits import break_years
from okdata.clock import in_sweden
from okdata.completeness import completeness, returns_in
from okdata.db import data_version_in, tuples
from okdata.domain import Implementation, Role
from okdata.explore import change_line, year_changes
from okdata.export import export_frame
from okdata.formatting import as_shown, fmt_change, fmt_num, fmt_relative, fmt_value
from okdata.models import Agency, MeasureStatus, Observation, Publication
from okdata.periods import year_state
from okdata.scope import Scope, visible
from okdata.snapshot import measure_states, snapshot

CHARTS_PER_GOAL = 3
RECENT_YEARS = 3  # a chart needs a value in the report's year or the two before it
CHANGES_IN_SUMMARY = 5


# --- Content ----------------------------------------------------------------------------------------------


def report_data(s: Session, year: int, approved_only: bool = True) -> dict:
    """Everything the lägesrapport for `year` shows, as plain data: the plan period and catalog revision it was
    made under (the chosen plan period, or the year's)."""
    pin_year(s, year)
    plan = current_plan(s)
    goals, measures, inds = goals_frame(s), measures_frame(s), indicators_frame(s)
    series = _headline_series(s, year, approved_only)
    statuses = _statuses(s, year, approved_only)
    written = analyses(s, year)
    breaks = break_years(s)
    progress = snapshot(s, year, approved_only)
    # a measure's state and reports as every view counts them (snapshot: only the agencies that answer for it);
    # every status row is listed, a status from another agency too
    counted = {m.code: m for m in progress.measure_rows}
    out_goals = []
    for g in goals.itertuples():
        g_measures = measures[measures.goal == g.number]
        m_rows = []
        reports: dict[str, int] = {}  # the reports of the agencies that answer for each measure, counted
        for m in g_measures.itertuples():
            c = counted[m.code]
            for st, n in c.reports.items():
                reports[st] = reports.get(st, 0) + n
            m_rows.append({"code": m.code, "text": m.text, "agencies": m.agencies, "frequency": m.frequency,
                           "state": c.state, "reported": sum(c.reports.values()), "expected": c.expected,
                           "statuses": statuses.get(int(m.id), [])})
        g_inds = []
        for i in inds[inds.goal == g.number].itertuples():
            points = series.get(int(i.id), [])
            if i.kind not in ("count", "share", "rate", "index") or not points:
                continue
            g_inds.append({"code": i.code, "name": i.name, "kind": i.kind, "unit": i.unit, "measure": i.measure,
                           "target_value": _num(i.target_value), "target_year": _int(i.target_year),
                           "points": points, "sentence": sentence(i.kind, since_break(points, breaks.get(int(i.id)))),
                           "example": any(p["example"] for p in points),
                           "submitted": any(p.get("submitted") for p in points),
                           "sources": sorted({p["source"] for p in points})})
        # A chart only for a series with a value in the last three years and something to draw a line through; an
        # older or lone value is listed with its year instead (issue 17: a 2019 single point is no chart).
        drawable = [i for i in g_inds if len(i["points"]) > 1 and i["points"][-1]["year"] >= year - RECENT_YEARS + 1]
        charts = sorted(drawable, key=lambda x: (x["measure"] != "", x["example"], -len(x["points"])))
        row = progress.of_goal(int(g.number))
        out_goals.append({
            "number": int(g.number), "title": g.title, "in_place": list(g.in_place),
            "status_distribution": measure_states([m["state"] for m in m_rows]),  # measures, each counted once
            "report_distribution": {st: reports[st] for st in Implementation if st in reports},
            "outcome_distribution": {str(k): int(v) for k, v in (row.measure_outcomes if row else {}).items()},
            "analysis": written.get(int(g.number), ""),
            "measures": m_rows, "indicators": g_inds, "charts": [c["code"] for c in charts[:CHARTS_PER_GOAL]],
        })
    has_examples = any(i["example"] for g in out_goals for i in g["indicators"]) or any(
        r["example"] for g in out_goals for m in g["measures"] for r in m["statuses"])
    revision = catalog_in_force(s, year)[1] if plan.start_year <= year <= plan.end_year else plan.revision
    return {"plan": texts.REPORT_PLAN.format(plan=plan.name, revision=revision), "plan_code": plan.code,
            "catalog_revision": revision, "year": year, "approved_only": approved_only,
            "has_examples": has_examples,
            "created_at": in_sweden(datetime.now(UTC)).isoformat(timespec="seconds"), "goals": out_goals,
            "summary": _summary(s, year, approved_only, out_goals, written.get(COUNTY, ""))}


def _summary(s: Session, year: int, approved_only: bool, goals: list[dict], text: str) -> dict:
    """The executive summary's own facts: the county text, how completely the year is reported and the largest
    changes since last year (each goal's distributions are in the goals)."""
    agencies = completeness(s, year)
    changes = []
    for r in year_changes(s, year, approved_only, limit=CHANGES_IN_SUMMARY).itertuples():
        change = {"code": r.indicator, "line": change_line(r), "example": bool(r.example)}
        if r.submitted:  # a draft's (a published version's changes are approved ones, and read as before)
            change["submitted"] = True
        changes.append(change)
    returns = returns_in(agencies)
    return {"text": text, "agencies_reported": returns["done"], "agencies_approved": returns["approved"],
            "agencies": returns["total"], "reports": sum(m["reported"] for g in goals for m in g["measures"]),
            "expected": sum(m["expected"] for g in goals for m in g["measures"]), "changes": changes}


def _num(x):
    return None if x is None or x != x else float(x)


def _int(x):
    return None if x is None or x != x else int(x)


def _headline_series(s: Session, year: int, approved_only: bool) -> dict[int, list[dict]]:
    o = Observation
    q = (select(o.indicator_id, o.year, o.value_num, o.is_example, o.source, o.batch_id, o.is_approved)
         .where(o.violence_type == "", o.area_code == COUNTY_CODE, o.grp == "", o.category == "",
                o.year <= year, o.value_num.is_not(None), visible(o, approved_only))
         .order_by(o.indicator_id, o.year))
    out: dict[int, list[dict]] = {}
    for ind, y, v, ex, src, batch, ok in s.execute(q):
        source = texts.EXAMPLE_DATA if ex else (src or f"{texts.UPLOADED_VALUE} (nr {batch})")
        # a draft with submitted figures says which they are, where each stands (an approved one as published)
        point = {"year": int(y), "value": float(v), "example": bool(ex), "source": source}
        if not ok:
            point.update(source=f"{source} – {texts.NOT_APPROVED}", submitted=True)
        out.setdefault(ind, []).append(point)
    return out


def _statuses(s: Session, year: int, approved_only: bool) -> dict[int, list[dict]]:
    q = (select(MeasureStatus.measure_id, Agency.short_name, MeasureStatus.status, MeasureStatus.description,
                MeasureStatus.is_example, MeasureStatus.is_approved)
         .join(Agency, Agency.id == MeasureStatus.agency_id)
         .where(MeasureStatus.year == year, visible(MeasureStatus, approved_only))
         .order_by(MeasureStatus.measure_id, Agency.short_name))
    out: dict[int, list[dict]] = {}
    for mid, agency, status, desc, ex, ok in s.execute(q):
        row = {"agency": agency, "status": status, "description": desc or "", "example": bool(ex)}
        if not ok:  # only in a draft with submitted reports: a published version's rows are as before
            row["submitted"] = True
        out.setdefault(int(mid), []).append(row)
    return out


def since_break(points: list[dict], breaks: list[int] | None) -> list[dict]:
    """The points from the series' last break on (no change is told across a break)."""
    start = max((b for b in breaks or () if points and b <= points[-1]["year"]), default=None)
    return points if start is None else [p for p in points if p["year"] >= start]


def sentence(kind: str, points: list[dict]) -> str:
    """A drafted Swedish sentence about the last change, e.g. 'Andelen ökade från 54 % år 2021 till 76 % år 2022
    (+22 procentenheter).' Correct in gender (andelen/antalet → oförändrad/oförändrat), number and tense."""
    if not points:
        return ""
    words = texts.SENTENCE
    last = points[-1]
    subject, gender = words["subjects"][kind]
    now = fmt_value(last["value"], kind)
    if len(points) == 1:
        return words["one"].format(subject=subject, now=now, year=last["year"])
    prev = points[-2]
    before = fmt_value(prev["value"], kind)
    # the change between the figures as shown: 82 % → 82,05 % is no increase of '+0,0 procentenheter'
    delta = round(as_shown(last["value"]) - as_shown(prev["value"]), 1)
    if delta == 0:
        return words["same"].format(subject=subject, unchanged=words["unchanged"][gender], now=now,
                                    before_year=prev["year"], year=last["year"])
    change = fmt_change(delta, kind)
    if kind in ("count", "rate") and prev["value"]:
        change += f", {fmt_relative(delta, prev['value'])}"
    return words["up" if delta > 0 else "down"].format(subject=subject, before=before, before_year=prev["year"],
                                                       now=now, year=last["year"], change=change)


# --- Charts -----------------------------------------------------------------------------------------------


# --- Files -------------------------------------------------------------------------------------------------


def year_values(s: Session, year: int, scope: Scope = Scope()) -> pd.DataFrame:
    """Every visible value of the year with its breakdowns and source (the report's Excel sheet)."""

    return export_frame(s, scope, year=year, shown=True)


# --- Publishing --------------------------------------------------------------------------------------------


def _checksum(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def next_version(s: Session, year: int) -> int:
    """The version number the next publication of `year` gets: 1, then 2, 3 …"""
    return (s.scalar(select(func.max(Publication.version)).where(Publication.year == year)) or 0) + 1


@dataclass(frozen=True)
class PublicationDraft:
    """What a publication of `year` holds, read at data version `basis` (db.data_version_in)."""

    year: int
    basis: int
    content: dict
    value_rows: bytes  # the Excel file's value sheet, packed


def draft_publication(s: Session, actor: Actor, year: int) -> PublicationDraft:
    """Read what the report for `year` shows now (approved figures) and every approved value of the year, in a read
    transaction: on 1 000 000 values this is 2,5 s that publish need not hold the write lock for."""
    require(actor, Role.COORDINATOR)
    basis = data_version_in(s)
    return PublicationDraft(year, basis, report_data(s, year, approved_only=True), packed(year_values(s, year)))


def early_publication(s: Session, year: int, today: date | None = None) -> str | None:
    """Why publishing `year` now would close its reporting early, in Swedish: a published year is locked for
    returns (periods.year_state), also one opened only later. None when its reporting is closed already (its last
    day has passed, or a version is published)."""
    state = year_state(s, year, today)
    if state.locked:
        return None
    why = texts.PUBLISH_EARLY_WHY
    reason = (why["not_opened"] if not state.opened else
              why["reopened"].format(until=state.reopened_until) if state.reopened_until else
              why["deadline"].format(deadline=state.deadline) if state.deadline else why["no_deadline"])
    return texts.PUBLISH_EARLY.format(year=year, why=reason)


def publish(s: Session, actor: Actor, year: int, draft: PublicationDraft | None = None,
            early: bool = False) -> Publication:
    """Freeze what the report for `year` shows now (approved figures) as a new version, with the Excel file's
    value sheet (every approved value of the year, `year_values`); never overwrites. A `draft` read before this
    write transaction is what is frozen when the store has not changed since; else it is read again here. A year
    whose reporting is not closed is published only when `early` says the person knows (early_publication): it
    locks the year for every agency's returns."""
    require(actor, Role.COORDINATOR)
    if not early and (said := early_publication(s, year)):
        raise ValueError(f"{said} {texts.PUBLISH_EARLY_ASK}")
    if draft is None or draft.year != year or draft.basis != data_version_in(s):
        draft = draft_publication(s, actor, year)
    version = next_version(s, year)
    pub = Publication(year=year, version=version, published_by=actor.username, checksum=_checksum(draft.content),
                      content=draft.content, value_rows=draft.value_rows)
    s.add(pub)
    s.flush()
    audit(s, actor.username, "publish", "publication", f"{year}/{version}",
          texts.AUDIT["publish"].format(year=year, version=version), after={"checksum": pub.checksum})
    return pub


def publish_early(s: Session, actor: Actor, year: int, draft: PublicationDraft | None = None) -> Publication:
    """publish, the person having confirmed that the year's reporting is not closed and will be locked."""
    return publish(s, actor, year, draft, early=True)


def publications(s: Session, year: int | None = None) -> pd.DataFrame:
    """Published versions, newest first."""
    q = select(Publication.id, Publication.year, Publication.version, Publication.published_at,
               Publication.published_by, Publication.checksum).order_by(Publication.year.desc(),
                                                                        Publication.version.desc())
    if year is not None:
        q = q.where(Publication.year == year)
    return pd.DataFrame(tuples(s.execute(q)), columns=["id", "year", "version", "published_at", "published_by",
                                                     "checksum"])


def published_content(s: Session, year: int, version: int) -> dict | None:
    """The frozen content of a published version, with which version it is and when it was published (its files
    say so: a forwarded file must tell the frozen report from a later draft)."""
    row = s.execute(select(Publication.content, Publication.published_at)
                    .where(and_(Publication.year == year, Publication.version == version))).first()
    if row is None:
        return None
    return {**row.content, "publication": {"version": version,
                                           "date": clock.in_sweden(clock.aware(row.published_at)).date().isoformat()}}


def comparison(s: Session, year: int, version: int) -> pd.DataFrame:
    """`differences` between a published version of `year` and today's report from approved figures, with every
    value of the year when the version kept its value sheet: one reading (on 1 000 000 values the two sheets are
    2,5 s to read, kept once per data version, and a page run gets only the differences)."""
    frozen = published_content(s, year, version)
    if frozen is None:
        return differences({"goals": [], "year": year}, {"goals": [], "year": year})
    current = report_data(s, year, True)  # pins the year's catalog: the kinds below are the year's
    kinds = {r.code: r.kind for r in indicators_frame(s, include_retired=True).itertuples()}
    return differences(frozen, current, kept_values(s, year, version), year_values(s, year), kinds)


def kept_values(s: Session, year: int, version: int) -> pd.DataFrame | None:
    """The value sheet a published version kept (every approved value of the year at publishing), None for a
    version published before it was kept."""
    data = s.scalar(select(Publication.value_rows).where(Publication.year == year, Publication.version == version))
    return None if data is None else unpacked(data)


def published_values(s: Session, year: int, version: int) -> pd.DataFrame:
    """The Excel file's value sheet of a published version, as it was at publishing; for a version published
    before the sheet was kept, the headline series its content holds (`frozen_values`)."""
    kept = kept_values(s, year, version)
    if kept is not None:
        return kept
    # the content only then: it is the larger of the two
    content = s.scalar(select(Publication.content).where(Publication.year == year, Publication.version == version))
    return pd.DataFrame() if content is None else frozen_values(content)


def packed(values: pd.DataFrame) -> bytes:
    """`values` as gzipped JSON, each cell a plain text, number, truth value or nothing (what the sheet writes)."""
    rows = values.astype(object).where(values.notna(), None).values.tolist()
    return gzip.compress(json.dumps({"columns": list(values.columns), "rows": rows}, ensure_ascii=False,
                                    default=str).encode(), compresslevel=6)


def unpacked(data: bytes) -> pd.DataFrame:
    """The value sheet `packed` made."""
    sheet = json.loads(gzip.decompress(data))
    return pd.DataFrame(sheet["rows"], columns=sheet["columns"])


def differences(published: dict, current: dict, published_values: pd.DataFrame | None = None,
                current_values: pd.DataFrame | None = None, kinds: dict[str, str] | None = None) -> pd.DataFrame:
    """Every figure, status and analysis that differs between a published report and the current one (an
    analysis by its beginning; the county summary's goal is "–"), the reporting line, and with both value
    sheets (`kept_values` and `year_values`) every value of the year in any breakdown, written by its
    indicator's kind (`kinds`: code → kind)."""
    rows = []
    empty = {"indicators": [], "measures": []}
    pub_goals = {g["number"]: g for g in published["goals"]}
    now_goals = {g["number"]: g for g in current["goals"]}
    # every goal of either report: one retired since publishing (or added) is a difference, with all it holds
    for number in sorted(set(pub_goals) | set(now_goals)):
        old_g = pub_goals.get(number, {"number": number, **empty})
        g = now_goals.get(number, {"number": number, **empty})
        if (number in pub_goals) != (number in now_goals):
            rows.append({"goal": number, "what": texts.COMPARE_GOAL.format(n=number), "year": current["year"],
                         "published": texts.YES_NO[number in pub_goals], "current": texts.YES_NO[number in now_goals]})
        _text_difference(rows, g["number"], texts.GOAL_N.format(n=g["number"]), old_g.get("analysis", ""),
                         g.get("analysis", ""), current["year"])
        _catalog_differences(rows, old_g, g, current["year"])
        old_vals = {(i["code"], p["year"]): (i["kind"], p["value"]) for i in old_g["indicators"] for p in i["points"]}
        new_vals = {(i["code"], p["year"]): (i["kind"], p["value"]) for i in g["indicators"] for p in i["points"]}
        for key in sorted(set(old_vals) | set(new_vals)):
            old, new = old_vals.get(key), new_vals.get(key)
            if old is None or new is None or abs(old[1] - new[1]) > 1e-9:
                kind = (old or new)[0]
                rows.append({"goal": g["number"], "what": key[0], "year": key[1],
                             "published": fmt_value(old[1], kind) if old else "–",
                             "current": fmt_value(new[1], kind) if new else "–"})
        old_state = {m["code"]: m.get("state") for m in old_g["measures"]}  # none in a version from before states
        new_state = {m["code"]: m.get("state") for m in g["measures"]}
        for code in [*old_state, *(c for c in new_state if c not in old_state)]:
            if (code in old_state) != (code in new_state):  # a measure retired or added since publishing
                rows.append({"goal": g["number"], "what": texts.COMPARE_MEASURE.format(code=code),
                             "year": current["year"], "published": texts.YES_NO[code in old_state],
                             "current": texts.YES_NO[code in new_state]})
        for m in g["measures"]:
            before, now = old_state.get(m["code"]), m.get("state")
            if before is not None and now is not None and before != now:
                rows.append({"goal": g["number"], "what": texts.COMPARE_STATE.format(code=m["code"]),
                             "year": current["year"], "published": texts.MEASURE_STATES[before],
                             "current": texts.MEASURE_STATES[now]})
        before, now = old_g.get("outcome_distribution"), g.get("outcome_distribution")
        if before is not None and now is not None and dict(before) != dict(now):
            rows.append({"goal": g["number"], "what": texts.COMPARE_OUTCOMES, "year": current["year"],
                         "published": _distribution(before), "current": _distribution(now)})
        old_st = {(m["code"], r["agency"]): r["status"] for m in old_g["measures"] for r in m["statuses"]}
        new_st = {(m["code"], r["agency"]): r["status"] for m in g["measures"] for r in m["statuses"]}
        for key in sorted(set(old_st) | set(new_st)):
            if old_st.get(key) != new_st.get(key):
                rows.append({"goal": g["number"], "what": f"{texts.COL_CODE} {key[0]} ({key[1]})",
                             "year": current["year"],
                             "published": texts.IMPLEMENTATION.get(old_st.get(key), "–"),
                             "current": texts.IMPLEMENTATION.get(new_st.get(key), "–")})
    _text_difference(rows, "–", texts.ANALYSIS["county"], published.get("summary", {}).get("text", ""),
                     current.get("summary", {}).get("text", ""), current["year"])
    _changed(rows, "–", texts.COMPARE_REPORTING, _reporting(published), _reporting(current), current["year"])
    _changed(rows, "–", texts.COMPARE_CATALOG, published.get("plan"), current.get("plan"), current["year"])
    if published_values is not None and current_values is not None:
        series = {i["code"]: i["kind"] for d in (published, current) for g in d["goals"] for i in g["indicators"]
                  if i.get("points")}  # the county totals the report compares above
        rows += _value_differences(published_values, current_values, series, kinds or series)
    return pd.DataFrame(rows, columns=["goal", "what", "year", "published", "current"])


def _reporting(data: dict) -> str | None:
    """The report's reporting facts in short (None in a version from before they were kept)."""
    sm = data.get("summary") or {}
    if "agencies_reported" not in sm:
        return None
    return texts.COMPARE_REPORTING_LINE.format(**sm, approved=approved_returns(sm))


def approved_returns(summary: dict) -> str:
    """', 30 godkända' for a report's reporting line; '' for a version published before approved returns were
    counted."""
    n = summary.get("agencies_approved")
    return "" if n is None else texts.REPORT["reporting_approved"].format(n=n)


_KEY = [texts.EXPORT_COLUMNS[k] for k in ("indicator", "year", "violence_type", "area", "group", "category")]
_VALUE = [texts.EXPORT_COLUMNS[k] for k in ("value", "text", "numerator", "denominator")]


def _value_differences(published: pd.DataFrame, current: pd.DataFrame, series: dict[str, str],
                       kinds: dict[str, str]) -> list[dict]:
    """Every value of the year's value sheets that was added, removed or changed since publishing, by indicator
    and breakdown, except the county's total of an indicator in `series` (compared with the report's figures; a
    description's or a milestone's is not there). Compared column by column (a year's 77 000 values compared
    cell by cell in Python took 2,3 s)."""
    def frame(sheet: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame({c: sheet[c].where(sheet[c].notna(), "").astype(str) if c in sheet else ""
                            for c in _KEY}, index=sheet.index)
        out[_KEY[1]] = pd.to_numeric(sheet.get(_KEY[1]), errors="coerce").astype("Int64").astype(str)
        for c in _VALUE:
            if c == texts.EXPORT_COLUMNS["text"]:
                out[c] = sheet[c].where(sheet[c].notna(), "").astype(str) if c in sheet else ""
            else:
                out[c] = pd.to_numeric(sheet[c], errors="coerce") if c in sheet else float("nan")
        return out

    if published.empty and current.empty:
        return []
    both = frame(published).merge(frame(current), on=_KEY, how="outer", suffixes=("_p", "_c"), indicator=True)
    same = both["_merge"] == "both"
    for c in _VALUE:
        p, n = both[f"{c}_p"], both[f"{c}_c"]
        same &= (p == n) | (p.isna() & n.isna())
    headline = ((both[_KEY[2]] == "") & (both[_KEY[4]] == "") & (both[_KEY[5]] == "")
                & (both[_KEY[3]] == texts.COUNTY) & both[_KEY[0]].isin(list(series)))
    changed = both[~same & ~headline].sort_values(_KEY)
    value, text = texts.EXPORT_COLUMNS["value"], texts.EXPORT_COLUMNS["text"]

    def shown(row, side: str) -> str:
        """A value as the report writes it: by its indicator's kind ('51 %', 'Ja'), else the number or text."""
        if row["_merge"] == ("right_only" if side == "_p" else "left_only"):
            return "–"
        number, words = row[f"{value}{side}"], row[f"{text}{side}"] or None
        number = None if pd.isna(number) else float(number)
        kind = kinds.get(row[_KEY[0]])
        out = fmt_value(number, kind, words) if kind else words or "–"
        return fmt_num(number) if out == "–" and number is not None else out

    return [{"goal": _goal_of(r[_KEY[0]]),
             "what": " · ".join(p for p in (r[_KEY[0]], r[_KEY[3]], r[_KEY[4]], r[_KEY[5]], r[_KEY[2]]) if p),
             "year": int(r[_KEY[1]]) if r[_KEY[1]].isdigit() else r[_KEY[1]],
             "published": shown(r, "_p"), "current": shown(r, "_c")} for _, r in changed.iterrows()]


def _goal_of(code: str):
    head = str(code).split(".")[0]
    return int(head) if head.isdigit() else "–"


def _catalog_differences(rows: list[dict], old_g: dict, g: dict, year: int) -> None:
    """What the catalog and the agencies' words say of a goal in both reports: its title, each measure's text,
    agencies and the descriptions of its statuses, each indicator's target (a version from before a key was kept
    is not compared on it)."""
    n = g["number"]
    _changed(rows, n, texts.COMPARE_TITLE.format(n=n), old_g.get("title"), g.get("title"), year)
    old_m = {m["code"]: m for m in old_g["measures"]}
    for m in g["measures"]:
        before = old_m.get(m["code"])
        if before is None:
            continue
        code = m["code"]
        _changed(rows, n, texts.COMPARE_MEASURE_TEXT.format(code=code), before.get("text"), m.get("text"), year)
        _changed(rows, n, texts.COMPARE_AGENCIES.format(code=code), before.get("agencies"), m.get("agencies"), year)
        said = {r["agency"]: r.get("description") for r in before["statuses"]}
        for r in m["statuses"]:
            if r["agency"] in said:
                _changed(rows, n, texts.COMPARE_DESCRIPTION.format(code=code, agency=r["agency"]),
                         said[r["agency"]], r.get("description"), year)
    old_i = {i["code"]: i for i in old_g["indicators"]}
    for i in g["indicators"]:
        before = old_i.get(i["code"])
        if before is not None and "target_value" in before:
            _changed(rows, n, texts.COMPARE_TARGET.format(code=i["code"]), _target(before), _target(i), year)


def _target(indicator: dict) -> str:
    value, year = indicator.get("target_value"), indicator.get("target_year")
    return "–" if value is None else texts.REPORT["target"].format(value=fmt_value(value, indicator["kind"]),
                                                                    year=year)


def _changed(rows: list[dict], goal, what: str, before, after, year: int) -> None:
    """A row for a text that differs, when both reports have it."""
    if before is not None and after is not None and before != after:
        rows.append({"goal": goal, "what": what, "year": year, "published": _beginning(str(before)),
                     "current": _beginning(str(after))})


def _distribution(outcomes: dict) -> str:
    """'Betydande framsteg 1 · Ingen säker förändring 5': a goal's outcomes as the report counts them."""
    return " · ".join(f"{texts.PROGRESS_STATUSES[st]} {n}" for st, n in outcomes.items() if n) or "–"


DIFFERENCE_CHARS = 120  # an analysis is listed by its beginning


def _text_difference(rows: list[dict], goal, what: str, before: str, after: str, year: int) -> None:
    """A row for an analysis written, changed or removed since publishing."""
    if (before or "") != (after or ""):
        rows.append({"goal": goal, "what": texts.COMPARE_ANALYSIS.format(what=what), "year": year,
                     "published": _beginning(before), "current": _beginning(after)})


def _beginning(text: str) -> str:
    """The text's first DIFFERENCE_CHARS characters on one line ("–" for none)."""
    line = " ".join((text or "").split())
    if not line:
        return "–"
    return line if len(line) <= DIFFERENCE_CHARS else line[:DIFFERENCE_CHARS - 1].rstrip() + "…"


def frozen_values(content: dict) -> pd.DataFrame:
    """The headline figures a published version holds, as the Excel's value sheet (of a version published before
    the sheet itself was kept)."""
    rows = [{texts.GOAL: g["number"], texts.COL_INDICATOR_ID: i["code"], texts.COL_INDICATOR: i["name"],
             texts.YEAR: p["year"], texts.REPORT["value"]: p["value"], texts.COL_SOURCE: p["source"]}
            for g in content["goals"] for i in g["indicators"] for p in i["points"]]
    return pd.DataFrame(rows)
