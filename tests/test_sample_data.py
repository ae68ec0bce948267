"""Test the example returns in sample_data/: clean files import, the file with mistakes shows them all."""

from datetime import date
from pathlib import Path

import pytest

from okdata import db
from okdata.returns import check_return

SAMPLE = db.ROOT / "sample_data"
# The session fixture `sample_returns` writes the examples after collection, so the files to test are named here
# rather than found on disk: on a clean checkout the folder is empty while tests are collected.
PARTIES = ["Aklagarmyndigheten", "Arbetsformedlingen", "Botkyrka", "Forsakringskassan", "Kommunerna_i_lanet",
           "Kriminalvarden", "Lansstyrelsen", "Operation_Kvinnofrid", "Polisen", "Region_Stockholm",
           "Regionkoordinatorerna", "Stockholms_stad"]
TODAY = date(2026, 11, 24)


def _clean(party: str) -> Path:
    return SAMPLE / f"exempel_{party}_2025.xlsx"


def test_there_is_a_clean_example_for_every_party_and_a_file_full_of_mistakes():
    clean = {p.name for p in SAMPLE.glob("exempel_*_2025.xlsx") if "med_fel" not in p.name}
    assert clean == {_clean(party).name for party in PARTIES}
    assert (SAMPLE / "exempel_med_fel_2025.xlsx").exists()


@pytest.mark.parametrize("party", PARTIES)
def test_a_clean_example_return_has_no_errors(party, sample_url):
    path = _clean(party)
    with db.read_session(sample_url) as s:
        check = check_return(s, path.read_bytes(), path.name, today=TODAY)
    assert check.errors == [] and check.warnings == []
    assert check.n_new + check.n_changed > 0
    assert all(v.comment == "Exempeldata" for v in check.parsed.values)


def test_the_example_with_mistakes_lists_every_one(sample_url):
    path = SAMPLE / "exempel_med_fel_2025.xlsx"
    with db.read_session(sample_url) as s:
        check = check_return(s, path.read_bytes(), path.name, today=TODAY)
    assert [(p.row, p.column, p.code) for p in check.problems] == [
        (5, "Värde", "VARDE_INTE_TAL"), (6, "Värde", "VARDE_NEGATIVT"), (7, "Värde", "VARDE_INTE_HELTAL"),
        (8, "År", "AR_ANNAT_AN_FILEN"), (9, "Våldstyp", "VALDSTYP_OKAND"), (21, "Värde", "ANDEL_SOM_BRAK"),
        (25, "Värde", "MILSTOLPE_JA_NEJ"), (27, "Indikator-id", "DUBBLETT"), (5, "Status", "STATUS_OKAND")]
    assert "0,35" in check.problems[5].message
