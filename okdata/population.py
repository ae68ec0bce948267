"""Population per area and year: the published figures, and the years in between filled in openly."""

import csv
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from okdata.catalog import POPULATION_PATH
from okdata.models import Population

PUBLISHED, INTERPOLATED, CARRIED = "publicerad", "interpolerad", "framskriven"


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
    rows = s.execute(select(Population.area_code, Population.year, Population.population, Population.status,
                            Population.source)).all()
    return pd.DataFrame(rows, columns=["area_code", "year", "population", "status", "source"])


def fill_years(published: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Population for every area and the given years: published where it exists, else linear
    interpolation between published years, else the nearest published year carried forward or back.

    Returns area_code, year, population (float) and method (publicerad, interpolerad, framskriven).
    """
    out = []
    for area, grp in published.groupby("area_code"):
        known = grp.sort_values("year")
        ky, kv = known["year"].to_numpy(), known["population"].to_numpy(dtype=float)
        for y in years:
            if y in ky:
                out.append((area, y, float(kv[ky == y][0]), PUBLISHED))
            elif ky.min() < y < ky.max():
                out.append((area, y, float(np.interp(y, ky, kv)), INTERPOLATED))
            else:
                out.append((area, y, float(kv[0] if y < ky.min() else kv[-1]), CARRIED))
    return pd.DataFrame(out, columns=["area_code", "year", "population", "method"])
