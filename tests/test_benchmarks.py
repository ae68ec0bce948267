"""Test that the benchmarks still measure what benchmarks/README.md says they measure: the page benchmark's
hand-written SQL gives the pages' own figures, and the returns benchmark runs on this code. Nothing here times
anything; both had broken unnoticed (the hand SQL counted another definition of "reported" than Myndigheter and
another base year than the status method, and bench_returns.py imported a function that had been removed)."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sqlite_sample(sample_url, backend) -> tuple[str, Path]:
    if backend.kind != "sqlite":
        pytest.skip("the hand-written SQL reads a SQLite file")
    return sample_url, Path(make_url(sample_url).database)


def test_the_page_benchmarks_hand_written_sql_gives_the_pages_figures_on_the_example_database(sqlite_sample):
    """Test the baseline of bench_pages.py against okdata on the example database: every goal's distributions,
    scores and mismatches for two years, Polisen's expected and reported values per year and missing list, and
    every series' status with its figures. Polisen's 2024 upload holds values that Åklagarmyndigheten's later
    upload of the same indicator has superseded: Myndigheter counts them as reported (they are in Polisen's live
    upload), and the hand SQL counted only current ones (81 of 110)."""
    from benchmarks.bench_pages import same_figures

    url, path = sqlite_sample
    assert same_figures(url, path) == []


def test_the_returns_benchmark_runs_on_this_code():
    """Test that bench_returns.py widens its indicator through a catalog revision and saves a small return."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_returns.py"), "--rows", "300",
                           "--repeat", "1"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "rows in return: 300" in done.stdout and "saved: 300" in done.stdout, done.stdout
