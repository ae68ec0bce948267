"""Test what the Myndigheter page and the overview's "what changed" read: expected against reported values after
a real upload, the missing list, the largest movements and changed statuses."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from okdata import db
from okdata.catalog import find_agency
from okdata.explore import agency_view, status_changes, year_changes

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.cli
def test_an_upload_counts_as_reported_and_leaves_the_missing_list(sample_url):
    with db.read_session(sample_url) as s:
        before = agency_view(s, find_agency(s, "POL"), [2024, 2025], 2025)
    assert list(before.reporting.reported) == [0, 0] and before.latest is None  # example data is no upload
    assert len(before.missing) == before.reporting.expected[1]
    r = subprocess.run([sys.executable, "-m", "okdata", "import", "sample_data/exempel_Polisen_2025.xlsx", "--user",
                        "demo-samordnare"], cwd=ROOT, env={**os.environ, "OKDATA_DATABASE_URL": sample_url},
                       capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0, r.stderr
    with db.read_session(sample_url) as s:
        after = agency_view(s, find_agency(s, "POL"), [2024, 2025], 2025)
    reported, expected = after.reporting.reported[1], after.reporting.expected[1]
    assert 0 < reported <= expected and len(after.missing) == expected - reported
    assert after.reporting.reported[0] == 0 and after.latest["user"] == "demo-samordnare"


def test_movements_are_ordered_by_size_and_shares_move_in_percentage_points(sample_url):
    with db.read_session(sample_url) as s:
        changes = year_changes(s, 2025)
    size = [abs(c) / 100 if k == "share" else abs(c) for c, k in zip(changes.change, changes.kind)]
    assert size == sorted(size, reverse=True) and len(changes) == 8
    for r in changes.itertuples():
        expected = r.after - r.before if r.kind == "share" else (r.after - r.before) / r.before
        assert abs(r.change - expected) < 1e-9


def test_changed_statuses_compare_each_agencys_report_with_its_own_last_year(sample_url):
    with db.read_session(sample_url) as s:
        changes = status_changes(s, 2025)
    assert len(changes) > 0 and (changes.before != changes.after).all()
    assert not changes.duplicated(["measure", "agency"]).any()
