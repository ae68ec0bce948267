"""Test what the Myndigheter page and the overview's "what changed" read: expected against reported values after
a real upload, the missing list, the largest movements and changed statuses."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from okdata import db
from okdata.catalog import find_agency
from okdata.domain import ChangeVerdict
from okdata.explore import agency_view, status_changes, year_changes

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.cli
def test_an_upload_counts_as_reported_and_leaves_the_missing_list(sample_url):
    with db.read_session(sample_url) as s:
        before = agency_view(s, find_agency(s, "POL"), [2024, 2025], 2025)
    # the sample's 2024 returns are in (the story's), its 2025 return not yet
    assert before.reporting.reported[0] == before.reporting.expected[0] and before.reporting.reported[1] == 0
    assert len(before.missing) == before.reporting.expected[1]
    r = subprocess.run([sys.executable, "-m", "okdata", "import", "sample_data/exempel_Polisen_2025.xlsx", "--user",
                        "demo-samordnare"], cwd=ROOT, env={**os.environ, "OKDATA_DATABASE_URL": sample_url},
                       capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0, r.stderr
    with db.read_session(sample_url) as s:
        after = agency_view(s, find_agency(s, "POL"), [2024, 2025], 2025)
    reported, expected = after.reporting.reported[1], after.reporting.expected[1]
    assert 0 < reported <= expected and len(after.missing) == expected - reported
    assert after.reporting.reported[0] == before.reporting.reported[0] and after.latest["user"] == "demo-samordnare"


def test_movements_are_ranked_by_the_status_methods_noise_test_with_a_verdict_by_direction(sample_url):
    """Test that "what changed" ranks the headline movements by the z of the status method's own noise test (a
    small count moving 15 → 19 is not above a large one that surely moved), and says for each whether it is an
    improvement given the indicator's direction, or within noise."""
    with db.read_session(sample_url) as s:
        changes = year_changes(s, 2025)
        everything = year_changes(s, 2025, limit=1000)
    tested = everything[everything.z.notna()]
    assert list(tested.z) == sorted(tested.z, reverse=True) and len(changes) == 8
    assert everything.z.isna().sum() == 0 or everything.z.notna().iloc[:len(tested)].all()
    for r in everything.itertuples():
        expected = r.after - r.before if r.kind == "share" else (r.after - r.before) / r.before
        assert abs(r.change - expected) < 1e-9
        if r.z is not None and r.z == r.z and r.z < 1.96:
            assert r.verdict == ChangeVerdict.NOISE
        elif r.direction == 0:
            assert r.verdict == ChangeVerdict.UNDIRECTED
        else:
            better = r.direction * (r.after - r.before) > 0
            assert r.verdict in ((ChangeVerdict.BETTER, ChangeVerdict.UNTESTED_BETTER) if better
                                 else (ChangeVerdict.WORSE, ChangeVerdict.UNTESTED_WORSE))
    small = everything[(everything.kind == "count") & (everything.before < 50)]
    assert len(small) and (small.verdict == ChangeVerdict.NOISE).all()  # e.g. 15 → 19: +27 %, yet noise
    assert changes.z.iloc[0] >= 1.96 and changes.verdict.iloc[0] != ChangeVerdict.NOISE


def test_a_change_is_judged_by_the_same_test_as_the_status_method():
    """Test that the verdict of a change uses the noise test of docs/metod.md: 15 → 19 is noise, 4 → 12 is an
    improvement when higher is better and a deterioration when lower is better, and shares use their counts."""
    from okdata.progress import Point, change_verdict, change_z

    z = change_z("count", Point(2024, 15), Point(2025, 19))
    assert z < 1.96 and change_verdict(1, 4, z) == ChangeVerdict.NOISE
    z = change_z("count", Point(2023, 4), Point(2025, 12))
    assert z > 1.96 and change_verdict(1, 8, z) == ChangeVerdict.BETTER and change_verdict(-1, 8, z) == \
        ChangeVerdict.WORSE
    assert change_verdict(0, 8, z) == ChangeVerdict.UNDIRECTED
    share = change_z("share", Point(2024, 50, 50, 100), Point(2025, 70, 70, 100))
    assert share > 1.96 and change_z("share", Point(2024, 50), Point(2025, 70)) is None
    assert change_verdict(-1, -3, None) == ChangeVerdict.UNTESTED_BETTER


def test_changed_statuses_compare_each_agencys_report_with_its_own_last_year(sample_url):
    with db.read_session(sample_url) as s:
        changes = status_changes(s, 2025)
    assert len(changes) > 0 and (changes.before != changes.after).all()
    assert not changes.duplicated(["measure", "agency"]).any()


def test_the_agencies_page_opens_on_the_viewers_own_agency_when_it_reports_else_the_first():
    from okdata.explore import default_agency

    assert default_agency(["AKL", "POL"], "POL") == "POL"
    assert default_agency(["AKL", "POL"], None) == "AKL"
    assert default_agency(["AKL", "POL"], "LST") == "AKL"  # an agency that does not report


def test_an_agencys_latest_upload_is_the_latest_for_the_year_chosen(sample_url):
    """Myndigheter showed the agency's latest upload of any year as "Senaste inrapportering" under the chosen
    year's deadline: Polisen's 2024 correction for 2025, where Rapporteringsläge 2025 showed no upload."""
    from okdata.history import list_batches
    from okdata.scope import EVERYTHING

    with db.read_session(sample_url) as s:
        batches = list_batches(s, EVERYTHING).query("kind == 'upload'")
        tried = 0
        for code in ("POL", "KVV", "LST"):
            agency = find_agency(s, code)
            own = batches[batches.agency_id == agency.id]
            for year in (2024, 2025):
                latest = agency_view(s, agency, [2024, 2025], year).latest
                of_year = own[own.year == year]
                assert (latest["id"] if latest else None) == (int(of_year.id.max()) if len(of_year) else None)
                tried += len(of_year) > 0 and len(own[own.year != year]) > 0
    assert tried  # an agency with uploads for both years
