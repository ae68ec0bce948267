"""Test that text users typed is shown as text (never Markdown, KaTeX, HTML or a formula) and that tables are safe
to download (issue 14, items 2 and 3)."""

from datetime import date

import openpyxl
import pytest

from okdata import db
from okdata.auth import actor_for, add_user, operator_actor
from okdata.domain import Role
from okdata.meetings import save_note
from okdata.returns import save_return
from okdata.review import review
from tests.apptest_support import ADMIN, COORDINATOR, REPORTER_KVV, app, open_page
from tests.hostile import FORMULA, KVV_FILE, markup

TODAY = date(2026, 11, 24)
MARKUP = markup()
RAW = ("**fet**", "![x]", "$x^2$", "<b>")


def _plain(text: str) -> str:
    from okdata.web.widgets import plain

    return plain(text)


def _shown(at) -> list[str]:
    """Every Markdown-rendered text of the page (markdown, captions, alerts, the sidebar)."""
    return [e.value for kind in ("markdown", "caption", "info", "success", "warning", "error")
            for e in at.get(kind)] + [e.value for kind in ("markdown", "caption") for e in at.sidebar.get(kind)]


def _assert_literal(at, text: str) -> None:
    shown = _shown(at)
    assert any(_plain(text) in v for v in shown), shown
    assert not any(raw in v for v in shown for raw in RAW), [v for v in shown if any(r in v for r in RAW)]


def test_plain_escapes_every_character_that_markdown_katex_or_html_would_read():
    """Test that plain() leaves no Markdown, LaTeX, HTML or Streamlit directive unescaped."""
    from okdata.web.widgets import plain

    assert plain("**fet** $x^2$ <b>b</b> :red[x] :material/home: &lt; # 1. - [a](b)") == (
        r"\*\*fet\*\* \$x\^2\$ \<b\>b\<\/b\> \:red\[x\] \:material\/home\: \&lt\; \# 1\. \- \[a\]\(b\)")
    assert plain("rad 1\nrad 2") == "rad 1  \nrad 2"
    joiner = "\u2060"  # invisible: no link is made of an address
    assert plain("http://x.se www.x.se a@x.se") == (
        f"http{joiner}\\:\\/\\/x\\.se www{joiner}\\.x\\.se a{joiner}\\@x\\.se")


def _approved_hostile_return(url) -> int:
    """Kriminalvården's return with markup in a comment and in a delayed measure's description, approved."""
    wb = openpyxl.load_workbook(KVV_FILE)
    wb["Åtgärder"]["E4"] = "Försenad"
    wb["Åtgärder"]["F4"].value, wb["Åtgärder"]["F4"].data_type = MARKUP, "s"
    wb["Indikatorer"]["M5"].value, wb["Indikatorer"]["M5"].data_type = FORMULA, "s"
    import io

    buf = io.BytesIO()
    wb.save(buf)
    with db.session(url) as s:
        batch = save_return(s, buf.getvalue(), "kvv.xlsx", None, actor_for(s, REPORTER_KVV), today=TODAY).batch_id
        assert review(s, batch, actor_for(s, COORDINATOR), True).code == "ok"
    return batch


def test_meeting_notes_decisions_and_descriptions_are_shown_literally(sample_url):
    """Test that the meeting shows notes, decisions and a measure's description as the text that was typed."""
    _approved_hostile_return(sample_url)
    with db.session(sample_url) as s:
        coord = actor_for(s, COORDINATOR)
        save_note(s, coord, date(2026, 1, 10), 2025, 0, MARKUP, "")
        save_note(s, coord, date(2026, 1, 10), 2025, 2, "anteckning", MARKUP)
    at = open_page("pages/11_Mote.py", user=COORDINATOR, mote="2026-03-01", ar=2025)
    _assert_literal(at, MARKUP)  # the last meeting's notes on the title screen
    at = open_page("pages/11_Mote.py", user=COORDINATOR, mote="2026-03-01", ar=2025, skarm=3)  # goal 2
    _assert_literal(at, MARKUP)  # the delayed measure's description and the decision log


def test_a_return_reason_is_shown_literally_to_the_reporter(sample_url):
    """Test that the reason a batch was returned with reaches the Rapportör as text."""
    with db.session(sample_url) as s:
        batch = save_return(s, KVV_FILE.read_bytes(), "kvv.xlsx", None, actor_for(s, REPORTER_KVV),
                            today=TODAY).batch_id
        assert review(s, batch, actor_for(s, COORDINATOR), False, MARKUP).code == "ok"
    _assert_literal(open_page("pages/6_Historik.py", user=REPORTER_KVV, nr=batch), MARKUP)


def test_user_and_display_names_are_shown_literally(sample_url):
    """Test that a display name in the menu and a user name on Myndigheter and Användare are text (a user name
    may hold underscores, which Markdown reads as emphasis; the rest of Markdown is refused in user names)."""
    with db.session(sample_url) as s:
        kvv = actor_for(s, REPORTER_KVV)
        add_user(s, operator_actor(), "_namn_", Role.REPORTER, "en lång lösenfras 42", MARKUP, kvv.agency_id)
        save_return(s, KVV_FILE.read_bytes(), "kvv.xlsx", None, actor_for(s, "_namn_"), today=TODAY)
    at = app("_namn_")
    at.run()
    assert not at.exception
    _assert_literal(at, MARKUP)  # "Inloggad som …" in the sidebar
    _assert_literal(open_page("pages/2_Myndigheter.py", user=COORDINATOR, myndighet="KVV"), "_namn_")
    at = open_page("pages/10_Anvandare.py", user=ADMIN)
    at.text_input[0].input("_ny_")
    at.button[0].click().run()
    _assert_literal(at, "_ny_")
    at.text_input[0].input("_ny_")
    at.button[0].click().run()  # refused: the name exists; the message names it as text
    assert any(_plain("_ny_") in e.value for e in at.error)


@pytest.mark.parametrize("user, page, params", [
    (REPORTER_KVV, "pages/6_Historik.py", {}),
    (COORDINATOR, "pages/7_Granska.py", {}),
])
def test_every_table_shown_is_safe_to_download_from_its_toolbar(sample_url, user, page, params):
    """Test that no cell of any table on a page starts like a spreadsheet formula (the toolbar's CSV download
    writes what the table holds)."""
    with db.session(sample_url) as s:
        wb = openpyxl.load_workbook(KVV_FILE)
        wb["Indikatorer"]["M5"].value, wb["Indikatorer"]["M5"].data_type = FORMULA, "s"
        wb["Åtgärder"]["F4"].value, wb["Åtgärder"]["F4"].data_type = "@SUM(1+1)", "s"
        import io

        buf = io.BytesIO()
        wb.save(buf)
        saved = save_return(s, buf.getvalue(), "=HYPERLINK(\"http://x\").xlsx", None, actor_for(s, REPORTER_KVV),
                            today=TODAY)
    if page.endswith("Granska.py"):
        params = {**params, "nr": saved.batch_id}  # the sample has other uploads waiting for review too
    at = open_page(page, user=user, **params)
    cells = [v for d in at.dataframe for col in d.value.columns for v in d.value[col] if isinstance(v, str)]
    assert any(v.startswith("'=cmd") for v in cells)  # the comment is there, neutralised
    assert not [v for v in cells if v[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_pdf_report_holds_user_text_as_text(sample_url):
    """Test that the PDF's HTML (printed by Chromium) escapes a measure description (the appendix shows every
    agency's description)."""
    from okdata.report import report_data
    from okdata.report_files import SUMMARY_CHART, to_html

    _approved_hostile_return(sample_url)
    with db.read_session(sample_url) as s:
        data = report_data(s, 2025)
    page = to_html(data, {cid: b"" for g in data["goals"] for cid in [SUMMARY_CHART, *g["charts"]]})
    assert "&lt;b&gt;b&lt;/b&gt;" in page and "<b>b</b>" not in page and "![x](http" in page
