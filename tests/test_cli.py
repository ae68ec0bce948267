"""Test that the command line keeps the contract of RETURN_FORMAT.md."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args, url: str) -> subprocess.CompletedProcess:
    """`python -m okdata ARGS` in a subprocess, as a script would call it."""
    env = {**os.environ, "OKDATA_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "okdata", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def test_init_creates_a_database_with_the_catalog_and_catalog_lists_every_indicator(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    r = run("init", url=url)
    assert r.returncode == 0, r.stderr
    assert "Databasen är klar" in r.stdout
    r = run("catalog", "--format", "csv", url=url)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"id", "goal", "measure", "name", "kind", "unit", "direction", "agencies", "frequency",
            "breakdowns"} <= set(rows[0])
    assert len({r["measure"] for r in rows if r["measure"]}) == 55
    row = next(r for r in rows if r["id"] == "2.4a")
    assert row["agencies"] == "Polisen, Åklagarmyndigheten" and row["kind"] == "rate"


def test_init_twice_upgrades_in_place_and_sample_adds_examples_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert run("init", url=url).returncode == 0
    first = run("init", "--sample", url=url)
    assert first.returncode == 0 and "Exempeldata inlästa" in first.stdout
    again = run("init", "--sample", url=url)
    assert again.returncode == 0 and "Exempeldata inlästa" not in again.stdout


def test_catalog_as_json_is_utf8_with_swedish_characters(sample_url):
    r = run("catalog", "--format", "json", url=sample_url)
    data = json.loads(r.stdout)
    assert any("Åklagarmyndigheten" in d["agencies"] for d in data)


def test_an_unknown_command_is_a_usage_error_with_exit_code_2(sample_url):
    assert run("nonsense", url=sample_url).returncode == 2
