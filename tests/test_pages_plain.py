"""Test that tables show nothing a user should not read (issue 20, item 5): no "None" for a missing text and no
grid saying "empty"."""

import pandas as pd

from okdata import texts
from okdata.web.widgets import safe_cells
from tests.apptest_support import COORDINATOR, open_page


def test_a_missing_text_in_a_table_shows_a_dash_never_none():
    shown = safe_cells(pd.DataFrame({"text": ["x", None, float("nan")], "n": [1.5, None, 2]}))
    assert shown.text.tolist() == ["x", texts.MISSING, texts.MISSING]
    assert shown.n.isna().tolist() == [False, True, False]  # numbers stay numbers


def test_a_shown_table_is_a_new_one_when_a_cell_changes_and_the_reading_itself_is_never_changed():
    """Test that safe_cells leaves the table it is given as it was (a cached reading may be shared by sessions):
    a copy with the formula neutralised, or the same table when nothing needs it (no copy per view)."""
    reading = pd.DataFrame({"text": ["=1+1", "ok"], "n": [1, 2]})
    shown = safe_cells(reading)
    assert shown.text.tolist() == ["'=1+1", "ok"] and reading.text.tolist() == ["=1+1", "ok"]
    clean = pd.DataFrame({"text": ["a", "b"], "n": [1, 2]})
    assert safe_cells(clean) is clean


def test_an_empty_table_says_so_in_swedish_instead_of_an_empty_grid(sample_url):
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    assert texts.TABLE_EMPTY in [c.value for c in at.caption]  # the sample has no series breaks
