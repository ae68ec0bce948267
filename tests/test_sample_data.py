"""Test the example returns in sample_data/: clean files import, the file with mistakes shows them all."""

from datetime import date

import pytest

from okdata import db
from okdata.returns import check_return

SAMPLE = db.ROOT / "sample_data"
CLEAN = sorted(p for p in SAMPLE.glob("exempel_*_2025.xlsx") if "med_fel" not in p.name)
TODAY = date(2026, 11, 24)


def test_there_is_a_clean_example_for_every_party_and_a_file_full_of_mistakes():
    names = {p.name for p in CLEAN}
    for short in ("Lansstyrelsen", "Polisen", "Kriminalvarden", "Aklagarmyndigheten", "Region_Stockholm",
                  "Stockholms_stad", "Forsakringskassan", "Arbetsformedlingen", "Operation_Kvinnofrid", "Botkyrka"):
        assert f"exempel_{short}_2025.xlsx" in names
    assert (SAMPLE / "exempel_med_fel_2025.xlsx").exists()


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_a_clean_example_return_has_no_errors(path, sample_url):
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
