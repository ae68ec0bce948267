"""The baseline of bench_pages.py: the figures each page shows, computed by hand-written SQL on a bare sqlite3
connection (no ORM, no pandas). The status of a series is computed in SQL too, by docs/metod.md: base and
latest year, CAGR with pow(), R or P against the thresholds, the noise tests, the worst-placed status per measure
and the distributions per goal. bench_pages.py checks that these figures equal okdata's before timing anything.
"""

import sqlite3

QUANT = "('count', 'share', 'rate', 'index')"
HEADLINE = "o.violence_type = '' AND o.area_code = '01' AND o.grp = '' AND o.category = ''"
# From best to worst (progress.ASSESSED), then the two statuses without an assessment
RANKS = ["Målvärdet nått", "I rätt takt", "Betydande framsteg", "Framsteg, men för långsamt", "Måttliga framsteg",
         "Begränsade framsteg", "Ingen säker förändring", "Försämring", "Otillräckliga data", "Bedöms inte"]
RANK_SQL = "CASE status " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(RANKS)) + " END"
WORST_SQL = ("CASE WHEN max(CASE WHEN rk <= 7 THEN rk END) IS NOT NULL THEN max(CASE WHEN rk <= 7 THEN rk END) "
             "WHEN max(rk = 8) = 1 THEN 8 ELSE 9 END")


def status_sql(where: str) -> str:
    """Per series (i, vt, a, g, c): its status for :y, by the method; `where` selects the series."""
    return f"""
    WITH brk AS (SELECT indicator_id, max(year) AS year FROM series_break WHERE year <= :y GROUP BY indicator_id),
    v AS (SELECT o.indicator_id AS i, o.violence_type AS vt, o.area_code AS a, o.grp AS g, o.category AS c,
                 o.year AS t, o.value_num AS y, o.numerator AS num, o.denominator AS den
          FROM observation o LEFT JOIN brk ON brk.indicator_id = o.indicator_id
          WHERE o.is_approved AND o.year <= :y AND o.value_num IS NOT NULL AND o.year >= coalesce(brk.year, 0)
            AND {where}),
    e AS (SELECT i, vt, a, g, c, count(*) AS n, max(t) AS t1,
                 CASE WHEN max(t = :b) = 1 AND max(t) > :b THEN :b
                      WHEN min(CASE WHEN t > :b THEN t END) < max(t) THEN min(CASE WHEN t > :b THEN t END)
                      ELSE min(t) END AS t0
          FROM v GROUP BY i, vt, a, g, c),
    p AS (SELECT e.*, v0.y AS y0, v0.num AS n0, v0.den AS d0, v1.y AS y1, v1.num AS n1, v1.den AS d1,
                 ind.kind, ind.direction AS d, ind.target_value AS yt, coalesce(ind.target_year, :e) AS tt
          FROM e JOIN v v0 ON v0.i = e.i AND v0.vt = e.vt AND v0.a = e.a AND v0.g = e.g AND v0.c = e.c AND v0.t = e.t0
                 JOIN v v1 ON v1.i = e.i AND v1.vt = e.vt AND v1.a = e.a AND v1.g = e.g AND v1.c = e.c AND v1.t = e.t1
                 JOIN indicator ind ON ind.id = e.i),
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
                 CASE WHEN kind = 'count' THEN abs(y1 - y0) < 1.96 * sqrt(y0 + y1)
                      WHEN kind = 'share' AND d0 > 0 AND d1 > 0 AND n0 IS NOT NULL AND n1 IS NOT NULL
                           AND pooled > 0 AND pooled < 1
                      THEN abs(n1 / d1 - n0 / d0) < 1.96 * sqrt(pooled * (1 - pooled) * (1 / d0 + 1 / d1))
                      ELSE 0 END AS noisy
          FROM m)
    SELECT i, vt, a, g, c,
           CASE WHEN kind NOT IN {QUANT} OR d = 0 THEN 'Bedöms inte'
                WHEN n < 2 THEN 'Otillräckliga data'
                WHEN yt IS NOT NULL AND d * (y1 - yt) >= 0 THEN 'Målvärdet nått'
                WHEN noisy THEN 'Ingen säker förändring'
                WHEN yt IS NOT NULL THEN CASE WHEN ratio >= 0.95 THEN 'I rätt takt'
                                              WHEN ratio >= 0.60 THEN 'Framsteg, men för långsamt'
                                              WHEN ratio >= 0 THEN 'Begränsade framsteg' ELSE 'Försämring' END
                ELSE CASE WHEN pp >= 0.015 THEN 'Betydande framsteg' WHEN pp >= 0.005 THEN 'Måttliga framsteg'
                          WHEN pp >= 0 THEN 'Begränsade framsteg' ELSE 'Försämring' END
           END AS status
    FROM r"""


def _plan(con: sqlite3.Connection) -> dict:
    pid, b, e = con.execute("SELECT id, baseline_year, end_year FROM plan_period ORDER BY start_year DESC").fetchone()
    return {"plan": pid, "b": b, "e": e}


def statuses(con: sqlite3.Connection, year: int) -> dict:
    """Every headline series' status, each indicator's and measure's status (rank), for the year."""
    args = {"y": year, **_plan(con)}
    con.execute("DROP TABLE IF EXISTS temp.st")
    con.execute(f"CREATE TEMP TABLE st AS SELECT s.*, {RANK_SQL} AS rk, 1 AS h FROM ({status_sql(HEADLINE)}) s", args)
    headline = con.execute("SELECT i, vt, a, g, c, status FROM st").fetchall()
    # Indicators without a headline series: the worst of their breakdown series
    lacking = [i for (i,) in con.execute(f"SELECT id FROM indicator WHERE plan_period_id = :plan AND NOT retired "
                                         f"AND kind IN {QUANT} AND direction <> 0 AND id NOT IN (SELECT i FROM st)",
                                         args)]
    if lacking:
        where = f"o.indicator_id IN ({', '.join(map(str, lacking))})"
        con.execute(f"INSERT INTO st SELECT s.*, {RANK_SQL}, 0 FROM ({status_sql(where)}) s", args)
    indicators = con.execute(f"""
        SELECT ind.id, g.number, coalesce(m.code, ''),
               coalesce((SELECT rk FROM st WHERE st.i = ind.id AND st.h),
                        (SELECT {WORST_SQL} FROM st WHERE st.i = ind.id AND NOT st.h HAVING count(*) > 0),
                        CASE WHEN ind.kind NOT IN {QUANT} OR ind.direction = 0 THEN 9 ELSE 8 END) AS rk
        FROM indicator ind JOIN goal g ON g.id = ind.goal_id LEFT JOIN measure m ON m.id = ind.measure_id
        WHERE ind.plan_period_id = :plan AND NOT ind.retired""", args).fetchall()
    con.execute("DROP TABLE IF EXISTS temp.ist")
    con.execute("CREATE TEMP TABLE ist (i, goal, measure, rk)")
    con.executemany("INSERT INTO ist VALUES (?, ?, ?, ?)", indicators)
    measures = con.execute(f"""
        SELECT m.code, g.number, (SELECT {WORST_SQL} FROM ist WHERE ist.measure = m.code) AS rk,
               EXISTS (SELECT 1 FROM measure_status ms WHERE ms.measure_id = m.id AND ms.year = :y
                       AND ms.is_approved AND ms.status = 'Genomförd') AS done
        FROM measure m JOIN goal g ON g.id = m.goal_id
        WHERE m.plan_period_id = :plan AND NOT m.retired ORDER BY m.sort_key""", args).fetchall()
    return {"series": headline, "indicators": indicators, "measures": measures}


def goal_figures(con: sqlite3.Connection, year: int) -> dict:
    """Per goal: distributions of measure outcomes, indicator statuses, headline series statuses and reported
    implementation statuses; mismatches; the Open SDG score."""
    st = statuses(con, year)
    con.execute("DROP TABLE IF EXISTS temp.mst")
    con.execute("CREATE TEMP TABLE mst (code, goal, rk, done)")
    con.executemany("INSERT INTO mst VALUES (?, ?, ?, ?)", st["measures"])
    return {
        "measures": con.execute("SELECT goal, rk, count(*) FROM mst GROUP BY goal, rk").fetchall(),
        "indicators": con.execute("SELECT goal, rk, count(*) FROM ist GROUP BY goal, rk").fetchall(),
        "series": con.execute("SELECT g.number, st.rk, count(*) FROM st JOIN indicator i ON i.id = st.i "
                              "JOIN goal g ON g.id = i.goal_id WHERE st.h GROUP BY g.number, st.rk").fetchall(),
        "score": con.execute("SELECT g.number, round(avg(CASE WHEN st.rk <= 2 THEN 5 WHEN st.rk IN (3, 4) THEN 2 "
                             "WHEN st.rk IN (5, 6) THEN 0 ELSE -5 END), 1) FROM st JOIN indicator i ON i.id = st.i "
                             "JOIN goal g ON g.id = i.goal_id WHERE st.h AND st.rk <= 7 GROUP BY g.number").fetchall(),
        "implementation": con.execute(
            "SELECT g.number, ms.status, count(*) FROM measure_status ms JOIN measure m ON m.id = ms.measure_id "
            "JOIN goal g ON g.id = m.goal_id WHERE ms.year = ? AND ms.is_approved GROUP BY g.number, ms.status",
            (year,)).fetchall(),
        "mismatches": con.execute("SELECT code FROM mst WHERE rk = 7 AND done").fetchall(),
        "by_measure": st["measures"],
    }


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
    was = {code: rk for code, _, rk, _ in before["by_measure"]}
    changed = [(code, was[code], rk) for code, _, rk, _ in now["by_measure"] if was.get(code, rk) != rk]
    cards = con.execute("""
        SELECT g.number,
               (SELECT count(*) FROM measure m WHERE m.goal_id = g.id AND NOT m.retired),
               (SELECT count(*) FROM indicator i WHERE i.goal_id = g.id AND NOT i.retired),
               (SELECT count(*) FROM indicator i WHERE i.goal_id = g.id AND NOT i.retired AND NOT i.is_development
                  AND i.kind IN ('count', 'share', 'rate', 'index') AND i.frequency = 'Årligen'),
               (SELECT count(*) FROM indicator i WHERE i.goal_id = g.id AND NOT i.retired AND NOT i.is_development
                  AND i.kind IN ('count', 'share', 'rate', 'index') AND i.frequency = 'Årligen'
                  AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id AND o.year = :y
                              AND o.is_approved)),
               (SELECT count(DISTINCT ms.measure_id) FROM measure_status ms JOIN measure m ON m.id = ms.measure_id
                  WHERE m.goal_id = g.id AND ms.year = :y AND ms.is_approved)
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
             AND b.violence_type = '' AND b.area_code = '01' AND b.grp = '' AND b.category = '' AND b.is_approved
        JOIN indicator i ON i.id = a.indicator_id
        WHERE a.year = :y - 1 AND {HEADLINE.replace('o.', 'a.')} AND a.is_approved AND i.kind IN {QUANT}
          AND a.value_num IS NOT NULL AND b.value_num IS NOT NULL
        ORDER BY abs(CASE WHEN i.kind = 'share' THEN (b.value_num - a.value_num) / 100
                          ELSE (b.value_num - a.value_num) / nullif(a.value_num, 0) END) DESC LIMIT 8""",
                            {"y": year}).fetchall()
    status_changes = con.execute(
        "SELECT m.code, ag.short_name, a.status, b.status FROM measure_status a JOIN measure_status b "
        "ON b.measure_id = a.measure_id AND b.agency_id = a.agency_id AND b.year = ? AND b.is_approved "
        "JOIN measure m ON m.id = a.measure_id JOIN agency ag ON ag.id = a.agency_id "
        "WHERE a.year = ? AND a.is_approved AND a.status <> b.status", (year, year - 1)).fetchall()
    return {"years": years, "now": now, "before": before, "outcome_changes": changed, "cards": cards,
            "completeness": completeness,
            "agencies": agencies, "movements": movements, "status_changes": status_changes}


def goal_page(con: sqlite3.Connection, year: int, goal: int, measure: str, indicator: str) -> dict:
    """Mål: the goal's measures with statuses and trends, its indicators' latest values, one measure in detail
    and one indicator's values by municipality with their sources."""
    years = data_years(con)
    st = statuses(con, year)
    trends = con.execute(f"SELECT o.indicator_id, o.year, o.value_num, o.value_text FROM observation o "
                         f"WHERE {HEADLINE} AND o.is_approved AND o.year <= ? ORDER BY o.indicator_id, o.year",
                         (year,)).fetchall()
    implementation = con.execute(
        "SELECT m.code, ms.status, count(*) FROM measure_status ms JOIN measure m ON m.id = ms.measure_id "
        "JOIN goal g ON g.id = m.goal_id WHERE g.number = ? AND ms.year = ? AND ms.is_approved "
        "GROUP BY m.code, ms.status", (goal, year)).fetchall()
    measures = con.execute(
        "SELECT m.code, m.text, m.frequency, group_concat(a.short_name, ', ') FROM measure m "
        "JOIN goal g ON g.id = m.goal_id LEFT JOIN measure_agency ma ON ma.measure_id = m.id "
        "LEFT JOIN agency a ON a.id = ma.agency_id WHERE g.number = ? AND NOT m.retired GROUP BY m.id "
        "ORDER BY m.sort_key", (goal,)).fetchall()
    latest = con.execute(f"""
        SELECT i.code, i.name, i.kind, o.year, o.value_num, o.value_text, o.is_example, o.source
        FROM indicator i JOIN goal g ON g.id = i.goal_id
        LEFT JOIN observation o ON o.indicator_id = i.id AND {HEADLINE} AND o.is_approved AND o.year = (
            SELECT max(x.year) FROM observation x WHERE x.indicator_id = i.id AND x.violence_type = ''
              AND x.area_code = '01' AND x.grp = '' AND x.category = '' AND x.is_approved AND x.year <= :y)
        WHERE g.number = :g AND NOT i.retired ORDER BY i.sort_key""", {"y": year, "g": goal}).fetchall()
    detail = con.execute(
        "SELECT ms.year, a.short_name, ms.status, ms.description, ms.is_example, ms.batch_id FROM measure_status ms "
        "JOIN measure m ON m.id = ms.measure_id JOIN agency a ON a.id = ms.agency_id "
        "WHERE m.code = ? AND ms.is_approved AND ms.year <= ? ORDER BY ms.year DESC, a.short_name",
        (measure, year)).fetchall()
    chart = con.execute(
        "SELECT o.year, o.area_code, ar.name, o.value_num, o.is_example, o.source, o.batch_id, o.comment "
        "FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN area ar ON ar.code = o.area_code "
        "WHERE i.code = ? AND o.violence_type = '' AND o.grp = '' AND o.category = '' AND o.area_code <> '01' "
        "AND o.is_approved AND o.year <= ? ORDER BY o.year", (indicator, year)).fetchall()
    breaks = con.execute("SELECT b.year FROM series_break b JOIN indicator i ON i.id = b.indicator_id "
                         "WHERE i.code = ?", (indicator,)).fetchall()
    return {"years": years, "measures": st["measures"], "trends": trends, "implementation": implementation,
            "texts": measures, "latest": latest, "detail": detail, "chart": chart, "breaks": breaks}


def agencies_page(con: sqlite3.Connection, agency: str, years: list[int]) -> dict:
    """Myndigheter: per year the values the agency owes (its indicators × their breakdowns, as the template
    lists them), how many of them it uploaded, the missing ones; its measures, statuses and latest upload."""
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
            JOIN vt ON vt.v = '' OR EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'våldstyp')
            JOIN areas ON areas.a = '01' OR EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'område')
            JOIN grp ON grp.g = '' OR EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'grupp')
            LEFT JOIN json_each(s.categories) c
                ON EXISTS (SELECT 1 FROM json_each(s.breakdowns) WHERE value = 'kategori')
            WHERE s.frequency = 'Årligen' OR :y = :end)
        SELECT exp.code, exp.v, exp.a, exp.g, exp.c, EXISTS (
            SELECT 1 FROM observation o JOIN import_batch b ON b.id = o.batch_id
            WHERE o.indicator_id = exp.id AND o.year = :y AND o.violence_type = exp.v AND o.area_code = exp.a
              AND o.grp = exp.g AND o.category = exp.c AND o.is_current AND b.kind = 'upload' AND b.agency_id = :a)
        FROM exp"""
    per_year, missing = {}, []
    for y in years:
        rows = con.execute(expected, {"a": aid, "parent": parent, "y": y, "end": end}).fetchall()
        per_year[y] = (len(rows), sum(r[5] for r in rows))
        if y == years[1]:
            missing = [r[:5] for r in rows if not r[5]]
    statuses = con.execute(
        "SELECT ms.year, count(*) FROM measure_status ms JOIN import_batch b ON b.id = ms.batch_id "
        "WHERE ms.agency_id = ? AND b.kind = 'upload' AND ms.is_current GROUP BY ms.year", (aid,)).fetchall()
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


POPULATION_SQL = """
    SELECT coalesce(
        (SELECT population FROM population WHERE area_code = :a AND year = :t),
        (SELECT p0.population + (p1.population - p0.population) * (:t - p0.year) * 1.0 / (p1.year - p0.year)
         FROM population p0, population p1
         WHERE p0.area_code = :a AND p1.area_code = :a
           AND p0.year = (SELECT max(year) FROM population WHERE area_code = :a AND year < :t)
           AND p1.year = (SELECT min(year) FROM population WHERE area_code = :a AND year > :t)),
        (SELECT population FROM population WHERE area_code = :a AND year < :t ORDER BY year DESC LIMIT 1),
        (SELECT population FROM population WHERE area_code = :a ORDER BY year LIMIT 1))"""


def violence_page(con: sqlite3.Connection, types: list[str], goal: int, first: int, last: int) -> dict:
    """Våldstyper: the goals with values by violence type, and the goal's indicators per type and year, counts
    per 100 000 inhabitants of the county (population interpolated between published years)."""
    marks = ", ".join("?" * len(types))
    goals = con.execute(
        f"SELECT DISTINCT g.number, o.year FROM observation o JOIN indicator i ON i.id = o.indicator_id "
        f"JOIN goal g ON g.id = i.goal_id WHERE o.violence_type IN ({marks}) AND o.area_code = '01' AND o.grp = '' "
        f"AND o.category = '' AND o.value_num IS NOT NULL AND o.is_approved", types).fetchall()
    pop = {t: con.execute(POPULATION_SQL, {"a": "01", "t": t}).fetchone()[0] for t in range(first, last + 1)}
    rows = con.execute(
        f"SELECT i.code, i.name, i.kind, o.violence_type, o.year, "
        f"CASE WHEN i.kind = 'count' THEN o.value_num * 100000.0 / p.population ELSE o.value_num END, o.is_example "
        f"FROM observation o JOIN indicator i ON i.id = o.indicator_id JOIN goal g ON g.id = i.goal_id "
        f"JOIN (SELECT column1 AS year, column2 AS population FROM (VALUES "
        f"{', '.join(f'({t}, {p})' for t, p in pop.items())})) p ON p.year = o.year "
        f"WHERE g.number = ? AND o.violence_type IN ({marks}) AND o.area_code = '01' AND o.grp = '' "
        f"AND o.category = '' AND o.value_num IS NOT NULL AND o.is_approved AND o.year BETWEEN ? AND ? "
        f"ORDER BY i.sort_key, o.violence_type, o.year", [goal, *types, first, last]).fetchall()
    return {"goals": goals, "rows": rows}


def municipalities_page(con: sqlite3.Connection, indicator: str, year: int) -> dict:
    """Kommuner: indicators with municipal values, and one indicator's values per municipality with the population
    of the year (interpolated where not published) and the value per 100 000 inhabitants."""
    years = data_years(con)
    indicators = con.execute(
        "SELECT i.code FROM indicator i WHERE EXISTS (SELECT 1 FROM observation o WHERE o.indicator_id = i.id "
        "AND o.area_code <> '01' AND o.is_approved)").fetchall()
    rows = con.execute(
        "SELECT o.area_code, ar.name, o.value_num, o.is_example FROM observation o JOIN indicator i "
        "ON i.id = o.indicator_id JOIN area ar ON ar.code = o.area_code WHERE i.code = ? AND o.year = ? "
        "AND o.violence_type = '' AND o.grp = '' AND o.category = '' AND o.value_num IS NOT NULL AND o.is_approved "
        "ORDER BY ar.name", (indicator, year)).fetchall()
    out = [(a, name, v, ex, v * 100000.0 / con.execute(POPULATION_SQL, {"a": a, "t": year}).fetchone()[0])
           for a, name, v, ex in rows]
    return {"years": years, "indicators": indicators, "rows": out}
