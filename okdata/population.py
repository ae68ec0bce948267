"""Population per area and year: the published figures, and the years in between filled in openly."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata import clock, texts
from okdata.catalog import POPULATION_PATH
from okdata.db import fetch, tuples
from okdata.domain import Dimension, Outcome, PopulationMethod, Result, outcome
from okdata.file_text import decoded_csv, text_file_size_problem, uploaded_name
from okdata.formatting import fmt_num
from okdata.models import Area, Population

PUBLISHED, INTERPOLATED, CARRIED = PopulationMethod.PUBLISHED, PopulationMethod.INTERPOLATED, PopulationMethod.CARRIED


def load_population(s: Session, path: Path = POPULATION_PATH) -> int:
    """Store the published population figures (replacing earlier rows of the same area and year)."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    existing = {(p.area_code, p.year): p for p in s.scalars(select(Population))}
    for r in rows:
        key = (r["kommun_kod"], int(r["ar"]))
        p = existing.get(key) or Population(area_code=key[0], year=key[1], population=int(r["folkmangd"]))
        p.population, p.status, p.source = int(r["folkmangd"]), r["status"], r["kalla"]
        s.add(p)
    s.flush()
    s.info.pop(KNOWN, None)
    return len(rows)


def population_frame(s: Session) -> pd.DataFrame:
    """The stored population rows: area_code, year, population, status, source."""
    q = select(Population.area_code, Population.year, Population.population, Population.status, Population.source)
    return pd.DataFrame(tuples(s.execute(q)), columns=["area_code", "year", "population", "status", "source"])


def population_in(s: Session, year: int) -> dict[str, tuple[float, str]]:
    """Every area's population in the year, with how it was obtained (see fill)."""
    return populations(s, published(s), [year])[year]


def populations(s: Session, areas, years) -> dict[int, dict[str, tuple[float, str]]]:
    """Some areas' population in some years, {year: {area: (population, method)}} (see fill), each area filled
    once for all the years; areas without published figures left out."""
    known, years = published(s), sorted(set(years))
    out: dict[int, dict[str, tuple[float, str]]] = {y: {} for y in years}
    for area in set(areas):
        if area in known:
            for y, people, method in fill(known[area], years):
                out[y][area] = (people, method)
    return out


KNOWN = "okdata_population"  # the transaction's published figures, in Session.info


def published(s: Session) -> dict[str, dict[int, float]]:
    """The published figures per area, {area: {year: population}}: read once per transaction (a view asks for
    the population of several years; the writers below forget it when they change it)."""
    if KNOWN not in s.info:
        known: dict[str, dict[int, float]] = {}
        for area, y, people in fetch(s, _PUBLISHED).all():
            known.setdefault(area, {})[int(y)] = float(people)
        s.info[KNOWN] = known
    return s.info[KNOWN]


_PUBLISHED = select(Population.area_code, Population.year, Population.population)


def fill(known: dict[int, float], years: list[int]) -> list[tuple[int, float, str]]:
    """One area's population for the years from its published {year: population}: published where it exists,
    else linear interpolation between the nearest published years, else the nearest published year carried
    forward or back. Returns (year, population, method)."""
    ky = sorted(known)
    out = []
    for y in years:
        if y in known:
            out.append((y, float(known[y]), PUBLISHED))
        elif ky[0] < y < ky[-1]:
            lo, hi = max(k for k in ky if k < y), min(k for k in ky if k > y)
            out.append((y, known[lo] + (known[hi] - known[lo]) * (y - lo) / (hi - lo), INTERPOLATED))
        else:
            out.append((y, float(known[ky[0]] if y < ky[0] else known[ky[-1]]), CARRIED))
    return out


def fill_years(published: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Population for every area of `published` and the given years (see fill).

    Returns area_code, year, population (float) and method (a PopulationMethod).
    """
    known: dict[str, dict[int, float]] = {}
    for area, year, people in zip(published.area_code, published.year, published.population):
        known.setdefault(area, {})[int(year)] = float(people)
    out = [(area, *row) for area in sorted(known) for row in fill(known[area], years)]
    return pd.DataFrame(out, columns=["area_code", "year", "population", "method"])


# --- SCB's population table, uploaded as its statistical database exports it ---------------------------------
# Table BE0101N1, "Folkmängden efter region, civilstånd, ålder och kön. År 1968–" (Statistikdatabasen:
# Befolkning > Befolkningsstatistik > Folkmängd), chosen with region = the county and its 26 municipalities,
# kön = män and kvinnor (or totalt), år = the years wanted, and exported as "Komma-avgränsad med rubrik" (CSV) or
# "Excel (xlsx)": a title row, a heading row (region, kön, one column per year), one row per region and sex, and
# footnotes after the table. docs/drift.md describes the choices.

SCB_TABLE = "SCB, Statistikdatabasen, tabell BE0101N1 (Folkmängden efter region, civilstånd, ålder och kön)"


@dataclass
class PopulationCheck:
    """The population read from an SCB export: one row per area and year (the sexes summed), the problems, and
    how many regions outside the county were left out."""

    rows: list[tuple[str, int, int]] = field(default_factory=list)  # (area code, year, population)
    problems: list[str] = field(default_factory=list)
    ignored_regions: int = 0

    def frame(self, names: dict[str, str]) -> pd.DataFrame:
        """The rows, areas as columns by year, for the preview."""
        df = pd.DataFrame(self.rows, columns=["area_code", "year", "population"])
        df["area"] = df.area_code.map(lambda c: f"{c} {names.get(c, '')}")
        df["year"] = df.year.astype(str)  # headings are text: a year as a number made mixed headings
        return (df.pivot(index="area", columns="year", values="population").reset_index()
                .rename(columns={"area": texts.BREAKDOWNS[Dimension.AREA]}).rename_axis(columns=None))


# The sexes of SCB's export, as the file writes them, by what they are counted as
SEXES = {"totalt": "totalt", "total": "totalt", "båda könen": "totalt", "": "totalt", "män": "män", "man": "män",
         "kvinnor": "kvinnor", "kvinna": "kvinnor"}
MAX_POPULATION = 10_000_000  # more than any county of Sweden: a figure beyond it is a mistake
FIRST_YEAR = 1968  # the first year of SCB's table BE0101N1


def _scb_rows(file_name: str, data: bytes) -> list[list[str]]:
    if file_name.casefold().endswith(".xlsx"):
        from okdata.workbook import read_rows

        rows = next(iter(read_rows(data, file_name, read=lambda names: names[:1]).values()), [])  # the first sheet
        return [["" if c is None else (str(int(c)) if isinstance(c, float) and c.is_integer() else str(c))
                 for c in row] for row in rows]
    if too_big := text_file_size_problem(data):
        raise ValueError(too_big)
    if (text := decoded_csv(data)) is None:  # neither encoding: not SCB's export
        raise ValueError(texts.POPULATION_PROBLEMS["layout"])
    lines = text.splitlines()
    sample = next((line for line in lines if "region" in line.casefold()), lines[0] if lines else "")
    delimiter = max((";", ",", "\t"), key=sample.count)
    try:
        return [row for row in csv.reader(lines, delimiter=delimiter)]
    except csv.Error as e:  # a field beyond the csv module's limit (128 KiB), or worse
        raise ValueError(texts.POPULATION_PROBLEMS["layout"]) from e


def check_population_file(s: Session, data: bytes, file_name: str) -> PopulationCheck:
    """Read SCB's export of table BE0101N1 (CSV or XLSX, with its title rows and footnotes) for the areas the
    database knows; ValueError in Swedish when the file is not such an export."""
    rows = _scb_rows(file_name, data)
    head_at = next((n for n, r in enumerate(rows) if r and r[0].strip().casefold() == "region"), None)
    if head_at is None:
        raise ValueError(texts.POPULATION_PROBLEMS["layout"])
    head = [c.strip().casefold() for c in rows[head_at]]
    # a year's column is headed by the year alone: "2024M01" is another table's month, "²⁰²⁴" no year
    years = {n: int(c) for n, c in enumerate(head) if len(c) == 4 and c.isascii() and c.isdigit()}
    sex_at = next((n for n, c in enumerate(head) if c == "kön"), None)
    if not years or any(c and c[:1].isdigit() and n not in years for n, c in enumerate(head)):
        raise ValueError(texts.POPULATION_PROBLEMS["layout"])
    odd = next((y for y in years.values() if not FIRST_YEAR <= y <= clock.today().year + 1), None)
    if odd is not None:  # 1066, 9999: a typing mistake, not a year SCB publishes
        raise ValueError(texts.POPULATION_PROBLEMS["year_range"].format(year=odd, first=FIRST_YEAR,
                                                                        last=clock.today().year + 1))
    if len(set(years.values())) < len(years):
        twice = next(y for y in years.values() if list(years.values()).count(y) > 1)
        raise ValueError(texts.POPULATION_PROBLEMS["year_twice"].format(year=twice))
    known = set(s.scalars(select(Area.code)))
    counties = {c for c in known if len(c) == 2}  # '01': its municipalities' codes begin with it
    totals: dict[tuple[str, int], int] = {}
    by_sex: dict[tuple[str, int], int] = {}
    first_line: dict[tuple[str, str, int], int] = {}  # (region, sex, year) -> the line it was read on
    out = PopulationCheck()
    ignored: set[str] = set()
    sexes: dict[tuple[str, int], dict[str, int]] = {}  # (region, year) -> {sex: line} of the rows by sex
    region = ""
    for n, r in enumerate(rows[head_at + 1:], start=head_at + 2):
        if not any(c.strip() for c in r):
            region = ""  # an empty row: the rows after it, figures or footnotes, name their own region
            continue
        cell = r[0].strip()
        region = cell or region  # the Excel export writes a region once for its rows
        code = region.split(" ", 1)[0]
        if not code.isdigit():
            if any(col < len(r) and r[col].strip() for col in years):  # figures without a region's code
                out.problems.append(texts.POPULATION_PROBLEMS["no_code"].format(line=n, region=region[:40]))
                continue
            break  # a footnote: the table has ended
        if code not in known:  # another county's region is left out; a code of this county's is a mistake
            if len(code) == 4 and code[:2] in counties:
                out.problems.append(texts.POPULATION_PROBLEMS["unknown_code"].format(line=n, code=code))
            else:
                ignored.add(code)
            continue
        sex = r[sex_at].strip().casefold() if sex_at is not None and sex_at < len(r) else "totalt"
        if sex not in SEXES:
            out.problems.append(texts.POPULATION_PROBLEMS["sex"].format(line=n, sex=sex[:40]))
            continue
        for col, year in years.items():
            raw = r[col].replace(" ", "").replace("\u00a0", "") if col < len(r) else ""
            if not (raw.isascii() and raw.isdigit()):
                out.problems.append(texts.POPULATION_PROBLEMS["value"].format(
                    line=n, value=(r[col] if col < len(r) else "")[:40], year=year))
                continue
            if (code, SEXES[sex], year) in first_line:  # never added together: the same figure twice, or a mistake
                out.problems.append(texts.POPULATION_PROBLEMS["duplicate"].format(
                    line=n, region=code, sex=sex or SEXES[sex], year=year, first=first_line[(code, SEXES[sex], year)]))
                continue
            first_line[(code, SEXES[sex], year)] = n
            if len(raw) > 9 or not 0 <= int(raw) <= MAX_POPULATION:
                out.problems.append(texts.POPULATION_PROBLEMS["implausible"].format(
                    line=n, value=raw[:20], region=code, year=year, limit=fmt_num(MAX_POPULATION)))
                continue
            target = totals if SEXES[sex] == "totalt" else by_sex
            target[(code, year)] = target.get((code, year), 0) + int(raw)
            if SEXES[sex] != "totalt":
                sexes.setdefault((code, year), {})[SEXES[sex]] = n
    for (code, year), lines in sorted(sexes.items()):
        if (code, year) not in totals and len(lines) < 2:  # one sex alone is not the population
            (sex, line), = lines.items()
            out.problems.append(texts.POPULATION_PROBLEMS["one_sex"].format(line=line, region=code, year=year,
                                                                            sex=sex))
    merged = {**by_sex, **totals}  # a "totalt" row wins over the sum of the sexes
    for (code, year), people in merged.items():
        if people < 1:
            out.problems.append(texts.POPULATION_PROBLEMS["implausible"].format(
                line=first_line.get((code, "totalt", year)) or first_line.get((code, "män", year)) or "-",
                value=people, region=code, year=year, limit=fmt_num(MAX_POPULATION)))
    out.rows = sorted((a, y, p) for (a, y), p in merged.items())
    out.ignored_regions = len(ignored)
    if not out.rows and not out.problems:
        out.problems.append(texts.POPULATION_PROBLEMS["no_areas"])
    return out


def import_population(s: Session, actor, file_name: str, data: bytes) -> Outcome:
    """Store the population of an SCB export (replacing the same areas and years) with its provenance; refused,
    with nothing stored, when the file has problems. Audited."""
    from okdata.auth import audit, require
    from okdata.domain import Role

    require(actor, Role.COORDINATOR)
    file_name = uploaded_name(file_name)
    check = check_population_file(s, data, file_name)
    if check.problems:
        raise ValueError("\n".join(check.problems))
    existing = {(p.area_code, p.year): p for p in s.scalars(select(Population))}
    source = texts.POPULATION_SOURCE.format(table=SCB_TABLE, file=file_name, user=actor.username,
                                            day=clock.today().isoformat())
    changed = 0
    for area, year, people in check.rows:
        p = existing.get((area, year)) or Population(area_code=area, year=year, population=people)
        changed += p.population != people or (area, year) not in existing
        p.population, p.status, p.source = people, "primary", source
        s.add(p)
    s.flush()
    s.info.pop(KNOWN, None)
    years = sorted({y for _, y, _ in check.rows})
    audit(s, actor.username, "population_import", "population", file_name,
          texts.AUDIT["population_import"].format(n=len(check.rows), years=f"{years[0]}–{years[-1]}"),
          after={"file": file_name, "years": years, "rows": len(check.rows), "changed": changed})
    return outcome(Result.DONE, "population_import", "ok", n=len(check.rows), first=years[0], last=years[-1])
