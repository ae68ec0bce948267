"""Population per area and year: the published figures, and the years in between filled in openly."""

import csv
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata.catalog import POPULATION_PATH
from okdata.db import fetch
from okdata.domain import PopulationMethod
from okdata.models import Population

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
    return len(rows)


def population_frame(s: Session) -> pd.DataFrame:
    """The stored population rows: area_code, year, population, status, source."""
    q = select(Population.area_code, Population.year, Population.population, Population.status, Population.source)
    return pd.DataFrame(s.execute(q).all(), columns=["area_code", "year", "population", "status", "source"])


def population_in(s: Session, year: int) -> dict[str, tuple[float, str]]:
    """Every area's population in the year, with how it was obtained (see fill)."""
    known: dict[str, dict[int, float]] = {}
    for area, y, people in fetch(s, select(Population.area_code, Population.year, Population.population)):
        known.setdefault(area, {})[int(y)] = float(people)
    return {area: fill(k, [year])[0][1:] for area, k in known.items()}


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
