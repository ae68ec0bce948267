"""The baseline of bench_pages.py: the figures each page shows, computed by hand-written SQL on a bare sqlite3
connection (no ORM, no pandas). The status of a series is computed in SQL too, by docs/metod.md: base and
latest year, CAGR with pow(), R or P against the thresholds, the noise tests, the worst-placed status per measure
and the distributions per goal. bench_pages.py checks that these figures equal okdata's before timing anything.
"""

import json
import sqlite3
from contextlib import contextmanager

from okdata.db import SQLITE_CACHE_KIB

QUANT = "('count', 'share', 'rate', 'index')"
HEADLINE = "o.violence_type = '' AND o.area_code = '01' AND o.grp = '' AND o.category = ''"
# The views' flags spelled as the partial indexes over current values are declared (models.Observation), so that
# SQLite's planner may use them here too.
APPROVED = "is_approved IS 1"
CURRENT = "is_current IS 1"
# From best to worst (progress.ASSESSED), then the two statuses without an assessment
RANKS = ["target_reached", "on_track", "significant", "too_slow", "moderate", "limited", "no_certain", "worse",
         "insufficient", "not_assessed"]
RANK_SQL = "CASE status " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(RANKS)) + " END"
WORST_SQL = ("CASE WHEN max(CASE WHEN rk <= 7 THEN rk END) IS NOT NULL THEN max(CASE WHEN rk <= 7 THEN rk END) "
             "WHEN max(rk = 8) = 1 THEN 8 ELSE 9 END")


@contextmanager
def read(con: sqlite3.Connection):
    """One read transaction per page, closed at the end (the connection is in autocommit mode: isolation_level
    None, so that no statement opens a transaction that is never committed)."""
    con.execute("BEGIN")
    try:
        yield con
    finally:
        con.execute("COMMIT")


def connect(path) -> sqlite3.Connection:
    """A bare sqlite3 connection in autocommit mode with the page cache okdata's connections have (db.py), and the
    temporary tables the status figures use (created once per connection, emptied per call)."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    con.execute("CREATE TEMP TABLE st (i, vt, a, g, c, status, rk, h)")
    con.execute("CREATE TEMP TABLE ist (i, goal, measure, rk)")
    con.execute("CREATE TEMP TABLE mst (code, goal, rk, mismatch)")
    return con


def status_sql(where: str, numbers: bool = False) -> str:
    """Per series (i, vt, a, g, c): its status for :y, by the method (docs/metod.md, okdata/progress.py); `where`
    selects the series; with `numbers`, the figures behind it too, as the status command lists them (values,
    base and latest year and value, target, CAGR, required growth, ratio, P). The base and latest values are
    joined back through the key index (not through the series CTE, which SQLite would materialise and index on
    every call)."""
    def endpoint(alias: str, year: str, join: str = "JOIN") -> str:
        return (f"{join} observation {alias} ON {alias}.indicator_id = e.i AND {alias}.violence_type = e.vt "
                f"AND {alias}.area_code = e.a AND {alias}.grp = e.g AND {alias}.category = e.c "
                f"AND {alias}.year = e.{year} AND {alias}.{APPROVED}")

    return f"""
    WITH brk AS (SELECT indicator_id, max(year) AS year FROM series_break WHERE year <= :y GROUP BY indicator_id),
    v AS (SELECT o.indicator_id AS i, o.violence_type AS vt, o.area_code AS a, o.grp AS g, o.category AS c,
                 o.year AS t
          FROM observation o LEFT JOIN brk ON brk.indicator_id = o.indicator_id
          WHERE o.{APPROVED} AND o.year <= :y AND o.value_num IS NOT NULL AND o.year >= coalesce(brk.year, 0)
            AND {where}),
    e AS (SELECT i, vt, a, g, c, count(*) AS n, max(t) AS t1,
                 CASE WHEN max(t = :b) = 1 AND max(t) > :b THEN :b
                      WHEN max(t = :b - 1) = 1 AND max(t) > :b - 1 THEN :b - 1
                      WHEN max(t = :b - 2) = 1 AND max(t) > :b - 2 THEN :b - 2
                      WHEN min(CASE WHEN t > :b THEN t END) < max(t) THEN min(CASE WHEN t > :b THEN t END)
                      END AS t0
          FROM v GROUP BY i, vt, a, g, c),
    p AS (SELECT e.*, v0.value_num AS y0, v0.numerator AS n0, v0.denominator AS d0, v1.value_num AS y1,
                 v1.numerator AS n1, v1.denominator AS d1,
                 ind.kind, ind.direction AS d, ind.target_value AS yt, coalesce(ind.target_year, :e) AS tt
          FROM e {endpoint("v0", "t0", "LEFT JOIN")} {endpoint("v1", "t1")} JOIN indicator ind ON ind.id = e.i),
    m AS (SELECT p.*,
                 CASE WHEN y0 > 0 THEN CASE WHEN y1 > 0 THEN pow(y1 / y0, 1.0 / (t1 - t0)) - 1 ELSE -1.0 END END
                     AS cagr,
                 CASE WHEN yt IS NOT NULL AND y0 > 0 AND yt > 0 AND tt > t0 THEN pow(yt / y0, 1.0 / (tt - t0)) - 1 END
                     AS req,
                 (n0 + n1) / (d0 + d1) AS pooled
          FROM p),
    r AS (SELECT m.*,
                 CASE WHEN yt IS NULL THEN NULL
                      WHEN req IS NOT NULL THEN CASE WHEN req <> 0 THEN d * cagr / abs(req) ELSE 0 END
                      WHEN yt - y0 <> 0 THEN d * ((y1 - y0) / (t1 - t0)) / abs((yt - y0) / max(tt - t0, 1))
                      ELSE 0 END AS ratio,
                 CASE WHEN y0 = 0 THEN d * sign(y1 - y0) ELSE d * cagr END AS pp,
                 CASE WHEN kind = 'count' AND y0 >= 0 AND y1 >= 0
                      THEN (y0 = 0 AND y1 = 0) OR abs(y1 - y0) < 1.96 * sqrt(y0 + y1)
                      WHEN kind = 'share' AND d0 > 0 AND d1 > 0 AND n0 IS NOT NULL AND n1 IS NOT NULL
                      THEN pooled <= 0 OR pooled >= 1
                           OR abs(n1 / d1 - n0 / d0) < 1.96 * sqrt(pooled * (1 - pooled) * (1 / d0 + 1 / d1))
                      ELSE 0 END AS noisy
          FROM m)
    SELECT i, vt, a, g, c,
           CASE WHEN kind NOT IN {QUANT} OR d = 0 THEN 'not_assessed'
                WHEN n < 2 OR t0 IS NULL THEN 'insufficient'
                WHEN yt IS NOT NULL AND d * (y1 - yt) >= 0 THEN 'target_reached'
                WHEN y0 * y1 < 0 THEN 'insufficient'
                WHEN noisy THEN 'no_certain'
                WHEN yt IS NOT NULL AND d * (y0 - yt) >= 0 THEN 'worse'
                WHEN yt IS NOT NULL THEN CASE WHEN ratio >= 0.95 THEN 'on_track'
                                              WHEN ratio >= 0.60 THEN 'too_slow'
                                              WHEN ratio >= 0 THEN 'limited' ELSE 'worse' END
                ELSE CASE WHEN pp >= 0.015 THEN 'significant' WHEN pp >= 0.005 THEN 'moderate'
                          WHEN pp >= 0 THEN 'limited' ELSE 'worse' END
           END AS status{", n, t0, y0, t1, y1, yt, tt, cagr, req, ratio, pp" if numbers else ""}
    FROM r"""


def _plan(con: sqlite3.Connection) -> dict:
    pid, b, e = con.execute("SELECT id, baseline_year, end_year FROM plan_period ORDER BY start_year DESC").fetchone()
    return {"plan": pid, "b": b, "e": e}


def statuses(con: sqlite3.Connection, year: int, goal: int | None = None) -> dict:
    """Every headline series' status, each indicator's and measure's status (rank), for the year: of every goal,
    or of one (as the Mål page computes only its goal's)."""
    args = {"y": year, "goal": goal, **_plan(con)}
    mine = ("" if goal is None else "AND o.indicator_id IN (SELECT i.id FROM indicator i JOIN goal g "
                                    "ON g.id = i.goal_id WHERE g.number = :goal)")
    con.execute("DELETE FROM st")
    con.execute(f"INSERT INTO st SELECT s.*, {RANK_SQL}, 1 FROM ({status_sql(HEADLINE + ' ' + mine)}) s", args)
    headline = con.execute("SELECT i, vt, a, g, c, status FROM st").fetchall()
    of_goal = "" if goal is None else "AND ind.goal_id = (SELECT id FROM goal WHERE number = :goal)"
    # Indicators without a headline series: the worst of their breakdown series
    lacking = [i for (i,) in con.execute(f"SELECT id FROM indicator ind WHERE plan_period_id = :plan AND NOT retired "
                                         f"AND kind IN {QUANT} AND direction <> 0 AND id NOT IN (SELECT i FROM st) "
                                         f"{of_goal}", args)]
    if lacking:
        where = f"o.indicator_id IN ({', '.join(map(str, lacking))})"
        con.execute(f"INSERT INTO st SELECT s.*, {RANK_SQL}, 0 FROM ({status_sql(where)}) s", args)
    con.execute("DELETE FROM ist")
    con.execute(f"""
        INSERT INTO ist
        SELECT ind.id, g.number, coalesce(m.code, ''),
               coalesce((SELECT rk FROM st WHERE st.i = ind.id AND st.h),
                        (SELECT {WORST_SQL} FROM st WHERE st.i = ind.id AND NOT st.h HAVING count(*) > 0),
                        CASE WHEN ind.kind NOT IN {QUANT} OR ind.direction = 0 THEN 9 ELSE 8 END) AS rk
        FROM indicator ind JOIN goal g ON g.id = ind.goal_id LEFT JOIN measure m ON m.id = ind.measure_id
        WHERE ind.plan_period_id = :plan AND NOT ind.retired {of_goal}""", args)
    indicators = con.execute("SELECT * FROM ist").fetchall()
    of_goal = "" if goal is None else "AND g.number = :goal"
    # Each measure once: its outcome (the worst of its indicators), its implementation combined from its agencies'
    # reports (progress.measure_state, docs/metod.md "En åtgärds genomförande"), the reports, a mismatch.
    measures = con.execute(f"""
        WITH rep AS (SELECT measure_id, status, count(*) AS n FROM measure_status WHERE year = :y AND {APPROVED}
                     GROUP BY measure_id, status),
        owed AS (SELECT ma.measure_id, count(DISTINCT a.id) AS n FROM measure_agency ma
                 JOIN agency a ON ma.agency_id IN (a.id, a.parent_id)
                 WHERE NOT EXISTS (SELECT 1 FROM agency c WHERE c.parent_id = a.id) GROUP BY ma.measure_id),
        per AS (SELECT m.id, m.code, g.number AS goal, m.sort_key, coalesce(sum(rep.n), 0) AS total,
                       coalesce(sum(CASE WHEN rep.status <> 'cancelled' THEN rep.n END), 0) AS active,
                       coalesce(sum(CASE WHEN rep.status = 'delayed' THEN rep.n END), 0) AS delayed,
                       coalesce(sum(CASE WHEN rep.status = 'done' THEN rep.n END), 0) AS done,
                       coalesce(sum(CASE WHEN rep.status = 'not_started' THEN rep.n END), 0) AS not_started,
                       coalesce(max(owed.n), 0) AS expected
                FROM measure m JOIN goal g ON g.id = m.goal_id LEFT JOIN rep ON rep.measure_id = m.id
                LEFT JOIN owed ON owed.measure_id = m.id
                WHERE m.plan_period_id = :plan AND NOT m.retired {of_goal} GROUP BY m.id)
        SELECT code, goal, coalesce((SELECT {WORST_SQL} FROM ist WHERE ist.measure = per.code), 9) AS rk,
               CASE WHEN total = 0 THEN 'not_reported' WHEN active = 0 THEN 'cancelled'
                    WHEN delayed > 0 THEN 'delayed' WHEN done = active AND total >= expected THEN 'done'
                    WHEN not_started = active THEN 'not_started' ELSE 'ongoing' END AS state,
               done > 0 AS any_done
        FROM per ORDER BY sort_key""", args).fetchall()
    return {"series": headline, "indicators": indicators, "measures": measures}


def goal_figures(con: sqlite3.Connection, year: int, goal: int | None = None) -> dict:
    """Per goal: distributions of measure outcomes, indicator statuses, headline series statuses, measures by
    implementation state and reports by status; mismatches; the Open SDG score."""
    st = statuses(con, year, goal)
    con.execute("DELETE FROM mst")
    con.executemany("INSERT INTO mst VALUES (?, ?, ?, ?)",
                    [(code, g, rk, any_done and rk == 7) for code, g, rk, _, any_done in st["measures"]])
    of_goal = "" if goal is None else f"AND g.number = {int(goal)}"
    return {
        "measures": con.execute("SELECT goal, rk, count(*) FROM mst GROUP BY goal, rk").fetchall(),
        "indicators": con.execute("SELECT goal, rk, count(*) FROM ist GROUP BY goal, rk").fetchall(),
        "series": con.execute("SELECT g.number, st.rk, count(*) FROM st JOIN indicator i ON i.id = st.i "
                              "JOIN goal g ON g.id = i.goal_id WHERE st.h GROUP BY g.number, st.rk").fetchall(),
        "score": con.execute("SELECT g.number, round(avg(CASE WHEN st.rk <= 2 THEN 5 WHEN st.rk IN (3, 4) THEN 2 "
                             "WHEN st.rk IN (5, 6) THEN 0 ELSE -5 END), 1) FROM st JOIN indicator i ON i.id = st.i "
                             "JOIN goal g ON g.id = i.goal_id WHERE st.h AND st.rk <= 7 GROUP BY g.number").fetchall(),
        "implementation": [(g, state, n) for (g, state), n in
                           _count((g, state) for _, g, _, state, _ in st["measures"]).items()],
        "reports": con.execute(
            f"SELECT g.number, ms.status, count(*) FROM measure_status ms JOIN measure m ON m.id = ms.measure_id "
            f"JOIN goal g ON g.id = m.goal_id WHERE ms.year = ? AND ms.{APPROVED} {of_goal} "
            f"GROUP BY g.number, ms.status", (year,)).fetchall(),
        "mismatches": con.execute("SELECT code FROM mst WHERE mismatch").fetchall(),
        "by_measure": st["measures"],
    }


def _count(items) -> dict:
    out: dict = {}
    for k in items:
        out[k] = out.get(k, 0) + 1
    return out


VALUE_YEARS = """
    WITH RECURSIVE areas(code) AS (
        SELECT min(area_code) FROM observation
        UNION ALL SELECT (SELECT min(area_code) FROM observation WHERE area_code > code) FROM areas
        WHERE code IS NOT NULL),
    years(code, year) AS (
        SELECT code, (SELECT min(year) FROM observation WHERE area_code = code) FROM areas WHERE code IS NOT NULL
        UNION ALL SELECT code, (SELECT min(o.year) FROM observation o WHERE o.area_code = years.code
                                AND o.year > years.year) FROM years WHERE year IS NOT NULL)
    SELECT DISTINCT year FROM years WHERE year IS NOT NULL"""  # a loose index scan over (area_code, year)


def data_years(con: sqlite3.Connection) -> list:
    """The years offered in the year selector: every year with a value or a status."""
    years = {y for (y,) in con.execute(VALUE_YEARS)}
    return sorted(years | {y for (y,) in con.execute("SELECT DISTINCT year FROM measure_status")}, reverse=True)


def overview_page(con: sqlite3.Connection, year: int) -> dict:
    """Översikt: goal cards, the distributions of this year and last, completeness, what changed."""
    years = data_years(con)
    now, before = goal_figures(con, year), goal_figures(con, year - 1)
    example = has_example(con)
    was = {code: rk for code, _, rk, _, _ in before["by_measure"]}
    changed = [(code, was[code], rk) for code, _, rk, _, _ in now["by_measure"] if was.get(code, rk) != rk]
    cards = con.execute("""
        SELECT g.number,
               (SELECT count(*) FROM measure m WHERE m.goal_id = g.id AND NOT m.retired),
               (SELECT count(*) FROM indicator i WHERE i.goal_id = g.id AND NOT i.retired),
               (SELECT count(*) FROM indicator i WHERE i.goal_id = g.id AND NOT i.retired AND NOT i.is_development
                  AND i.kind IN ('count', 'share', 'rate', 'index') AND i.frequency = 'yearly'),
               (SELECT count(*) FROM indicator i WHERE i.goal_id = g.id AND NOT i.retired AND NOT i.is_development
                  AND i.kind IN ('count', 'share', 'rate', 'index') AND i.frequency = 'yearly'
                  AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id AND o.year = :y
                              AND o.is_approved IS 1)),
               (SELECT count(DISTINCT ms.measure_id) FROM measure_status ms JOIN measure m ON m.id = ms.measure_id
                  WHERE m.goal_id = g.id AND ms.year = :y AND ms.is_approved IS 1)
        FROM goal g JOIN plan_period p ON p.id = g.plan_period_id
        WHERE p.id = (SELECT id FROM plan_period ORDER BY start_year DESC LIMIT 1) ORDER BY g.number""",
                        {"y": year}).fetchall()
    completeness = con.execute(
        "SELECT agency_id, status, count(*), max(created_at) FROM import_batch WHERE kind = 'upload' AND year = ? "
        "AND status <> 'rolled_back' GROUP BY agency_id, status", (year,)).fetchall()
    agencies = con.execute("SELECT a.id, a.name, a.kind, a.area_code, count(ma.measure_id) FROM agency a "
                           "LEFT JOIN measure_agency ma ON ma.agency_id = a.id GROUP BY a.id").fetchall()
    movements = con.execute(f"""
        SELECT i.code, i.name, i.kind, a.value_num, b.value_num,
               CASE WHEN i.kind = 'share' THEN b.value_num - a.value_num
                    ELSE (b.value_num - a.value_num) / nullif(a.value_num, 0) END AS change
        FROM observation a JOIN observation b ON b.indicator_id = a.indicator_id AND b.year = :y
             AND b.violence_type = '' AND b.area_code = '01' AND b.grp = '' AND b.category = '' AND b.{APPROVED}
        JOIN indicator i ON i.id = a.indicator_id
        WHERE a.year = :y - 1 AND {HEADLINE.replace('o.', 'a.')} AND a.{APPROVED} AND i.kind IN {QUANT}
          AND a.value_num IS NOT NULL AND b.value_num IS NOT NULL
        ORDER BY abs(CASE WHEN i.kind = 'share' THEN (b.value_num - a.value_num) / 100
                          ELSE (b.value_num - a.value_num) / nullif(a.value_num, 0) END) DESC LIMIT 8""",
                            {"y": year}).fetchall()
    status_changes = con.execute(
        "SELECT m.code, ag.short_name, a.status, b.status FROM measure_status a JOIN measure_status b "
        "ON b.measure_id = a.measure_id AND b.agency_id = a.agency_id AND b.year = ? AND b.is_approved IS 1 "
        "JOIN measure m ON m.id = a.measure_id JOIN agency ag ON ag.id = a.agency_id "
        "WHERE a.year = ? AND a.is_approved IS 1 AND a.status <> b.status", (year, year - 1)).fetchall()
    return {"years": years, "example": example, "now": now, "before": before, "outcome_changes": changed,
            "cards": cards, "completeness": completeness,
            "agencies": agencies, "movements": movements, "status_changes": status_changes}


def goal_page(con: sqlite3.Connection, year: int, goal: int, measure: str, charts: dict[str, str | None]) -> dict:
    """Mål: the goal's measures with statuses (of its own series only, as the page) and trends, its indicators'
    latest values, one measure in detail, and the chart values of each of its indicators (`charts`: indicator code
    → the breakdown shown, None for the headline) with their sources and series breaks; the example flag."""
    years = data_years(con)
    example = has_example(con)
    figures = goal_figures(con, year, goal)
    trends = con.execute(f"SELECT o.indicator_id, o.year, o.value_num, o.value_text FROM observation o "
                         f"JOIN indicator i ON i.id = o.indicator_id JOIN goal g ON g.id = i.goal_id "
                         f"WHERE {HEADLINE} AND o.{APPROVED} AND o.year <= ? AND g.number = ? "
                         f"ORDER BY o.indicator_id, o.year", (year, goal)).fetchall()
    measures = con.execute(
        "SELECT m.code, m.text, m.frequency, group_concat(a.short_name, ', ') FROM measure m "
        "JOIN goal g ON g.id = m.goal_id LEFT JOIN measure_agency ma ON ma.measure_id = m.id "
        "LEFT JOIN agency a ON a.id = ma.agency_id WHERE g.number = ? AND NOT m.retired GROUP BY m.id "
        "ORDER BY m.sort_key", (goal,)).fetchall()
    latest = con.execute(f"""
        SELECT i.code, i.name, i.kind, o.year, o.value_num, o.value_text, o.is_example, o.source
        FROM indicator i JOIN goal g ON g.id = i.goal_id
        LEFT JOIN observation o ON o.indicator_id = i.id AND {HEADLINE} AND o.{APPROVED} AND o.year = (
            SELECT max(x.year) FROM observation x WHERE x.indicator_id = i.id AND x.violence_type = ''
              AND x.area_code = '01' AND x.grp = '' AND x.category = '' AND x.{APPROVED} AND x.year <= :y)
        WHERE g.number = :g AND NOT i.retired ORDER BY i.sort_key""", {"y": year, "g": goal}).fetchall()
    detail = con.execute(
        "SELECT ms.year, a.short_name, ms.status, ms.description, ms.is_example, ms.batch_id FROM measure_status ms "
        "JOIN measure m ON m.id = ms.measure_id JOIN agency a ON a.id = ms.agency_id "
        f"WHERE m.code = ? AND ms.{APPROVED} AND ms.year <= ? ORDER BY ms.year DESC, a.short_name",
        (measure, year)).fetchall()
    chart_values = {}
    for code, breakdown in charts.items():
        chart_values[code] = chart(con, code, breakdown, year)
    plan = _plan(con)["plan"]
    goals = con.execute("SELECT number, title FROM goal WHERE plan_period_id = ? AND NOT retired ORDER BY number",
                        (plan,)).fetchall()
    in_place, areas = con.execute("SELECT in_place, development_areas FROM goal WHERE plan_period_id = ? "
                                  "AND number = ?", (plan, goal)).fetchone()
    analysis = analyses(con, year)
    return {"years": years, "example": example, "figures": figures, "trends": trends, "texts": measures,
            "latest": latest, "detail": detail, "charts": chart_values, "goals": goals,
            "goal_texts": (json.loads(in_place), json.loads(areas)), "analysis": analysis.get(goal, "")}


def chart(con: sqlite3.Connection, code: str, breakdown: str | None, year: int) -> dict:
    """One chart of an indicator (`breakdown`: the dimension shown, None for the headline) up to the year: its
    values with their sources, its series breaks, and the rows of its three files (every value in full
    precision with the indicator's name and unit and the area's name; a breakdown's total included), all from
    one query of the values."""
    member = {"area": "o.area_code", "violence_type": "o.violence_type", "group": "o.grp",
              "category": "o.category", None: "o.violence_type"}[breakdown]
    total = {"o.violence_type": "''", "o.area_code": "'01'", "o.grp": "''", "o.category": "''"}
    totals = " AND ".join(f"{c} = {v}" for c, v in total.items() if breakdown is None or c != member)
    rows = con.execute(
        f"SELECT o.year, {member}, o.value_num, o.value_text, o.numerator, o.denominator, o.is_example, o.source, "
        f"o.batch_id, o.comment, i.code, i.name, i.unit, o.violence_type, o.area_code, ar.name, o.grp, o.category "
        f"FROM observation o JOIN indicator i ON i.id = o.indicator_id LEFT JOIN area ar ON ar.code = o.area_code "
        f"WHERE i.code = ? AND {totals} AND o.{APPROVED} AND o.year <= ? ORDER BY o.year",
        (code, year)).fetchall()
    shown = [r for r in rows if breakdown is None or r[1] != total[member].strip("'")]
    breaks = con.execute("SELECT b.year FROM series_break b JOIN indicator i ON i.id = b.indicator_id "
                         "WHERE i.code = ?", (code,)).fetchall()
    return {"values": shown, "breaks": breaks, "files": rows}


def analyses(con: sqlite3.Connection, year: int) -> dict[int, str]:
    """The current analysis text per goal in the report for the year."""
    return dict(con.execute("SELECT goal_number, text FROM report_analysis WHERE id IN (SELECT max(id) FROM "
                            "report_analysis WHERE year = ? GROUP BY goal_number)", (year,)).fetchall())



def has_example(con: sqlite3.Connection) -> bool:
    """The Exempeldata banner every progress page shows: whether an approved example batch exists."""
    return con.execute("SELECT EXISTS (SELECT 1 FROM import_batch WHERE kind = 'sample' AND status = 'approved')"
                       ).fetchone()[0] == 1


def agencies_page(con: sqlite3.Connection, agency: str, years: list[int]) -> dict:
    """Myndigheter: per year the values the agency owes (its indicators × their breakdowns, as the template
    lists them), how many of them are in its live uploads (submitted or approved, whether or not another agency's
    later upload of a shared indicator has since become the current version, as the page counts them), the
    missing ones; its measures, statuses and latest upload."""
    agencies = con.execute(  # the agency picker: agencies answering for a measure (or through their group)
        "SELECT a.code, a.name FROM agency a WHERE a.code = 'LST' OR EXISTS (SELECT 1 FROM measure_agency ma "
        "JOIN measure m ON m.id = ma.measure_id WHERE NOT m.retired AND ma.agency_id IN (a.id, a.parent_id)) "
        "ORDER BY a.name").fetchall()
    plan_years = con.execute("SELECT start_year, end_year FROM plan_period").fetchall()
    aid, parent = con.execute("SELECT id, parent_id FROM agency WHERE code = ?", (agency,)).fetchone()
    end = con.execute("SELECT end_year FROM plan_period ORDER BY start_year DESC").fetchone()[0]
    deadline = con.execute("SELECT deadline FROM reporting_year WHERE year = ?", (years[1],)).fetchall()
    states = con.execute(  # the overdue notice: the agency's uploads for the year by state
        "SELECT status, count(*), max(created_at) FROM import_batch WHERE kind = 'upload' AND agency_id = ? "
        "AND year = ? AND status <> 'rolled_back' GROUP BY status", (aid, years[1])).fetchall()
    expected = """
        WITH scope AS (
            SELECT DISTINCT i.id, i.code, i.breakdowns, i.categories, i.frequency FROM indicator i
            JOIN measure_agency ma ON ma.measure_id = i.measure_id
            WHERE ma.agency_id IN (:a, coalesce(:parent, -1)) AND NOT i.retired AND NOT i.is_development),
        vt(v) AS (VALUES (''), ('VNR'), ('HRV'), ('PMH'), ('SV')),
        grp(g) AS (VALUES (''), ('kvinnor'), ('män')),
        areas(a) AS (SELECT '01' UNION ALL SELECT code FROM area WHERE kind = 'kommun'),
        exp AS (
            SELECT s.id, s.code, vt.v, areas.a, grp.g, coalesce(c.value, '') AS c FROM scope s
            JOIN vt ON vt.v = '' OR EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'violence_type')
            JOIN areas ON areas.a = '01' OR EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'area')
            JOIN grp ON grp.g = '' OR EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'group')
            LEFT JOIN json_each(s.categories) c
                ON EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'category')
            WHERE s.frequency = 'yearly' OR :y = :end)
        SELECT exp.code, exp.v, exp.a, exp.g, exp.c, EXISTS (
            SELECT 1 FROM observation o JOIN import_batch b ON b.id = o.batch_id
            WHERE o.indicator_id = exp.id AND o.year = :y AND o.violence_type = exp.v AND o.area_code = exp.a
              AND o.grp = exp.g AND o.category = exp.c AND b.kind = 'upload' AND b.agency_id = :a
              AND b.status IN ('submitted', 'approved'))
        FROM exp"""
    per_year, missing = {}, []
    for y in years:
        rows = con.execute(expected, {"a": aid, "parent": parent, "y": y, "end": end}).fetchall()
        per_year[y] = (len(rows), sum(r[5] for r in rows))
        if y == years[1]:
            missing = [r[:5] for r in rows if not r[5]]
    statuses = con.execute(
        "SELECT ms.year, count(*) FROM measure_status ms JOIN import_batch b ON b.id = ms.batch_id "
        "WHERE ms.agency_id = ? AND b.kind = 'upload' AND ms.is_current IS 1 GROUP BY ms.year", (aid,)).fetchall()
    measures = con.execute(
        "SELECT m.code, m.text, m.frequency FROM measure m JOIN measure_agency ma ON ma.measure_id = m.id "
        "WHERE ma.agency_id IN (?, coalesce(?, -1)) AND NOT m.retired ORDER BY m.sort_key", (aid, parent)).fetchall()
    indicators = con.execute(
        "SELECT i.code, i.name, i.kind, i.frequency FROM indicator i JOIN measure m ON m.id = i.measure_id "
        "JOIN measure_agency ma ON ma.measure_id = m.id WHERE ma.agency_id IN (?, coalesce(?, -1)) "
        "AND NOT m.retired AND NOT i.retired AND NOT i.is_development ORDER BY i.sort_key", (aid, parent)).fetchall()
    latest = con.execute("SELECT id, created_at, user_name, status FROM import_batch WHERE kind = 'upload' "
                         "AND agency_id = ? ORDER BY id DESC LIMIT 1", (aid,)).fetchall()
    return {"agencies": agencies, "plan_years": plan_years, "deadline": deadline, "states": states,
            "per_year": per_year, "missing": missing, "statuses": statuses, "measures": measures,
            "indicators": indicators, "latest": latest}


def population(con: sqlite3.Connection, wanted: list[tuple[str, int]]) -> dict[tuple[str, int], float]:
    """The population of each (area, year) wanted in one query: published, else interpolated between the published
    years around it, else carried from the nearest published year (population.py)."""
    if not wanted:
        return {}
    values = ", ".join("(?, ?)" for _ in wanted)
    rows = con.execute(f"""
        WITH want(a, t) AS (VALUES {values}),
        around AS (SELECT want.a, want.t,
                          (SELECT population FROM population WHERE area_code = want.a AND year = want.t) AS exact,
                          (SELECT max(year) FROM population WHERE area_code = want.a AND year < want.t) AS y0,
                          (SELECT min(year) FROM population WHERE area_code = want.a AND year > want.t) AS y1
                   FROM want)
        SELECT around.a, around.t, coalesce(exact,
               p0.population + (p1.population - p0.population) * (around.t - y0) * 1.0 / (y1 - y0),
               p0.population, p1.population)
        FROM around LEFT JOIN population p0 ON p0.area_code = around.a AND p0.year = y0
                    LEFT JOIN population p1 ON p1.area_code = around.a AND p1.year = y1""",
                       [x for pair in wanted for x in pair]).fetchall()
    return {(a, t): p for a, t, p in rows}


def violence_page(con: sqlite3.Connection, types: list[str], goal: int, first: int, last: int) -> dict:
    """Våldstyper: the goals with values by violence type, and the goal's indicators per type and year, counts
    per 100 000 inhabitants of the county (population interpolated between published years); the example flag."""
    example = has_example(con)
    marks = ", ".join("?" * len(types))
    goals = con.execute(
        f"SELECT DISTINCT g.number, o.year FROM observation o JOIN indicator i ON i.id = o.indicator_id "
        f"JOIN goal g ON g.id = i.goal_id WHERE o.violence_type IN ({marks}) AND o.area_code = '01' AND o.grp = '' "
        f"AND o.category = '' AND o.value_num IS NOT NULL AND o.{APPROVED}", types).fetchall()
    pop = population(con, [("01", t) for t in range(first, last + 1)])
    rows = con.execute(
        f"SELECT i.code, i.name, i.kind, o.violence_type, o.year, "
        f"CASE WHEN i.kind = 'count' THEN o.value_num * 100000.0 / p.population ELSE o.value_num END, o.is_example, "
        f"i.unit, o.value_num, p.population, o.value_text, o.source, o.batch_id "  # for the page's files too
        f"FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN goal g ON g.id = i.goal_id "
        f"JOIN (SELECT column1 AS year, column2 AS population FROM (VALUES "
        f"{', '.join(f'({t}, {p})' for (_, t), p in pop.items())})) p ON p.year = o.year "
        f"WHERE g.number = ? AND o.violence_type IN ({marks}) AND o.area_code = '01' AND o.grp = '' "
        f"AND o.category = '' AND o.value_num IS NOT NULL AND o.{APPROVED} AND o.year BETWEEN ? AND ? "
        f"ORDER BY i.sort_key, o.violence_type, o.year", [goal, *types, first, last]).fetchall()
    return {"example": example, "goals": goals, "rows": rows}


def municipalities_page(con: sqlite3.Connection, indicator: str, year: int, user: str) -> dict:
    """Kommuner: indicators with municipal values, and one indicator's values per municipality with the population
    of the year (interpolated where not published, in one query) and the value per 100 000 inhabitants, with the
    rows of its files; the person's comparison groups; the municipalities across every year with values (counts
    below 5 hidden) with the rows of that table's files; the example flag."""
    example = has_example(con)
    years = data_years(con)
    indicators = con.execute(
        "SELECT i.code FROM indicator i WHERE EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id "
        f"AND o.area_code <> '01' AND o.{APPROVED})").fetchall()
    rows = con.execute(  # the chart's values and its files' rows (with the county's)
        "SELECT o.area_code, ar.name, o.value_num, o.is_example, i.code, i.name, i.unit, o.numerator, "
        "o.denominator, o.source, o.batch_id FROM observation o JOIN indicator i "
        "ON i.id = o.indicator_id JOIN area ar ON ar.code = o.area_code WHERE i.code = ? AND o.year = ? "
        "AND o.violence_type = '' AND o.grp = '' AND o.category = '' AND o.value_num IS NOT NULL "
        f"AND o.{APPROVED} ORDER BY ar.name", (indicator, year)).fetchall()
    pop = population(con, [(a, year) for a, *_ in rows])
    out = [(a, name, v, ex, v * 100000.0 / pop[a, year]) for a, name, v, ex, *_ in rows]
    groups = con.execute("SELECT name, area_codes FROM comparison_group WHERE user_name = ? ORDER BY name",
                         (user,)).fetchall()
    # the municipalities across the years (first–last), counts below 5 hidden, as a grid area × year, with the rows
    # of the table's files (every value in full precision with its source, as the chart's)
    first, last = years[-1], years[0]
    table = con.execute(
        "SELECT o.area_code, o.year, o.value_num, i.kind, o.value_text, o.numerator, o.denominator, o.is_example, "
        "o.source, o.batch_id, o.comment, i.code, i.name, i.unit FROM observation o JOIN indicator i "
        "ON i.id = o.indicator_id WHERE i.code = ? AND o.violence_type = '' AND o.grp = '' AND o.category = '' "
        f"AND o.{APPROVED} AND o.year BETWEEN ? AND ? ORDER BY o.year, o.area_code",
        (indicator, first, last)).fetchall()
    cells = {(a, y): (None if v is not None and 0 < v < 5 and kind == "count" else v) for a, y, v, kind, *_ in table}
    names = con.execute("SELECT code, name FROM area ORDER BY code = '01' DESC, name").fetchall()
    grid = [(name, [cells.get((a, y)) for y in range(first, last + 1)]) for a, name in names]
    return {"example": example, "years": years, "indicators": indicators, "rows": out, "groups": groups,
            "grid": grid, "files": table}
