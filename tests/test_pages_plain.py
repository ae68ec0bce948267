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


def test_an_empty_table_says_so_in_swedish_instead_of_an_empty_grid(sample_url):
    at = open_page("pages/8_Katalog.py", user=COORDINATOR)
    assert texts.TABLE_EMPTY in [c.value for c in at.caption]  # the sample has no series breaks
