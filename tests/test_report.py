"""Test the lägesrapport: content, drafted sentences, the three files read back, publishing and meetings."""

import io
import os
import re
import subprocess
import sys
from datetime import date

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from okdata import db, texts
from okdata.auth import actor_for
from okdata.formatting import fmt_value
from okdata.meetings import decision_log, previous_meeting, save_note
from okdata.report import differences, publications, publish, published_content, report_data, sentence, year_values
from okdata.report_files import build
from okdata.returns import save_return
from tests.apptest_support import COORDINATOR as DEMO_COORD
from tests.apptest_support import READER as DEMO_READER
from tests.apptest_support import open_page
from tests.db_support import hold_the_writers

KVV_FILE = db.ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx"


def held(text: str) -> str:
    """A text as the app writes it, its figures held together by no-break spaces: tests write '1 200', '25 %'."""
    return re.sub(r"(?<=\d) (?=\d{3}(?!\d)|%)", "\u00a0", text)


def _pts(*pairs):
    return [{"year": y, "value": v, "example": False, "source": "x"} for y, v in pairs]


@pytest.mark.parametrize("kind, points, expected", [
    ("share", [(2021, 54), (2022, 76)], "Andelen ökade från 54 % år 2021 till 76 % år 2022 (+22 procentenheter)."),
    ("share", [(2021, 76), (2022, 70.5)],
     "Andelen minskade från 76 % år 2021 till 70,5 % år 2022 (−5,5 procentenheter)."),
    ("share", [(2021, 40), (2022, 41)], "Andelen ökade från 40 % år 2021 till 41 % år 2022 (+1 procentenhet)."),
    ("count", [(2023, 1200), (2024, 1500)], "Antalet ökade från 1 200 år 2023 till 1 500 år 2024 (+300, +25 %)."),
    ("count", [(2024, 8144), (2025, 8137)], "Antalet minskade från 8 144 år 2024 till 8 137 år 2025 (−7, −0,1 %)."),
    ("count", [(2024, 200000), (2025, 200001)],
     "Antalet ökade från 200 000 år 2024 till 200 001 år 2025 (+1, mindre än 0,1 %)."),
    ("count", [(2024, 0), (2025, 3)], "Antalet ökade från 0 år 2024 till 3 år 2025 (+3)."),
    ("count", [(2023, 40), (2024, 40)], "Antalet var oförändrat, 40 både år 2023 och år 2024."),
    ("share", [(2023, 40), (2024, 40)], "Andelen var oförändrad, 40 % både år 2023 och år 2024."),
    ("rate", [(2023, 12.3), (2024, 13)],
     "Antalet per 100 000 invånare ökade från 12,3 år 2023 till 13,0 år 2024 (+0,7, +5,7 %)."),
    ("index", [(2023, 3.5), (2024, 3)], "Värdet minskade från 3,5 år 2023 till 3 år 2024 (−0,5)."),
    ("count", [(2024, 7)], "Antalet var 7 år 2024."),
    ("count", [(2024, 1)], "Antalet var 1 år 2024."),
])
def test_drafted_sentences_are_correct_in_number_gender_and_tense(kind, points, expected):
    assert sentence(kind, _pts(*points)) == held(expected)


@pytest.fixture
def data(sample_url):
    with db.read_session(sample_url) as s:
        return report_data(s, 2025), year_values(s, 2025)


def test_the_report_content_holds_every_goal_and_measure(data):
    content, _ = data
    assert [g["number"] for g in content["goals"]] == list(range(1, 9))
    assert [len(g["measures"]) for g in content["goals"]] == [7, 10, 9, 6, 4, 4, 9, 6]
    assert content["has_examples"] and all(1 <= len(g["charts"]) <= 3 for g in content["goals"])


def test_the_pptx_has_every_goal_and_the_stores_numbers(data):
    content, values = data
    prs = Presentation(io.BytesIO(build(content, "pptx", values)))
    charts = sum(len(g["charts"]) for g in content["goals"])
    assert len(prs.slides) >= 1 + 8 * 2 + charts
    text = " ".join(re.sub(r"[ \t\r\n\v]+", " ", sh.text_frame.text).strip() for sl in prs.slides
                    for sh in sl.shapes if sh.has_text_frame)  # a no-break space in a figure stays one
    cells = [c.text for sl in prs.slides for sh in sl.shapes if sh.has_table for r in sh.table.rows for c in r.cells]
    for g in content["goals"]:
        assert f"Mål {g['number']}: {g['title']}" in text
        for cid in g["charts"]:
            ind = next(i for i in g["indicators"] if i["code"] == cid)
            assert ind["sentence"] in text
            assert fmt_value(ind["points"][-1]["value"], ind["kind"]) in cells
    assert "Exempeldata" in text


def test_the_pdf_has_every_goal_title_and_chart_sentences(data, tmp_path):
    content, values = data
    pdf = build(content, "pdf", values)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for g in content["goals"]:
        assert " ".join(f"Mål {g['number']}: {g['title']}".split()) in text
    assert len(reader.pages) >= 1 + 8
    assert "exempeldata" in text.lower()
    (tmp_path / "rapport.pdf").write_bytes(pdf)
    out = db.ROOT / "tests" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "3", "-png", str(tmp_path / "rapport.pdf"),
                    str(out / "lagesrapport")], check=False)


def test_the_pdfs_charts_are_vectors_whose_words_are_text(data):
    """The PDF's charts are drawn as SVG (issue 16: drawing and printing PNGs at twice their size was most of a PDF
    build): no page holds a picture, and a chart's title and axis years are text one can search and copy."""
    content, values = data
    reader = PdfReader(io.BytesIO(build(content, "pdf", values)))
    pictures = [n for n, page in enumerate(reader.pages, 1)
                if any(x.get_object().get("/Subtype") == "/Image"
                       for x in (page["/Resources"].get("/XObject") or {}).values())]
    assert pictures == []
    first = next(i for g in content["goals"] for i in g["indicators"] if i["code"] in g["charts"])
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert first["code"] in text and str(first["points"][-1]["year"]) in text


def test_plotly_is_loaded_once_per_process_on_a_kept_page_and_again_after_the_browser_restarts():
    """Loading plotly.js (3,5 MB of script) took longer than drawing a report's charts: one drawing page is kept
    with it loaded; if Chromium has gone, the next drawing starts it and loads the page again."""
    from okdata import browser
    from okdata.report_files import indicator_figure, render

    ind = {"points": [{"year": 2024, "value": 1.0}, {"year": 2025, "value": 2.0}], "code": "x", "name": "y",
           "kind": "count", "unit": "antal", "example": False}
    render([indicator_figure(ind)])
    page = browser._STATE["plotly"]
    marked = browser.with_browser(lambda _c: page.evaluate("() => { window.drawnHere = true; return 1; }"))
    ind["name"] = "z"  # another chart: drawn, not taken from memory
    assert render([indicator_figure(ind)])[0][0].startswith(b"\x89PNG")
    assert browser._STATE["plotly"] is page and marked == 1
    assert browser.with_browser(lambda _c: page.evaluate("() => window.drawnHere === true"))
    browser.with_browser(lambda _c: browser._STATE["browser"].close())
    ind["name"] = "w"
    images, _ = render([indicator_figure(ind)], image_format="svg")
    assert images[0].lstrip().startswith(b"<svg") and browser._STATE["plotly"] is not page


def test_a_report_reads_the_years_values_only_when_the_excel_file_is_built(data):
    """The Lägesrapport page hands build a reader of the year's values: PowerPoint, PDF and Word never call it (on
    1 000 000 values the read was 1,5–3 s of every click), the Excel file reads them once."""
    content, values = data
    reads = []

    def read():
        reads.append(1)
        return values

    for fmt in ("pptx", "docx"):
        build(content, fmt, read)
    assert reads == []
    book = load_workbook(io.BytesIO(build(content, "xlsx", read)))
    assert reads == [1] and book[texts.REPORT["sheet_values"]].max_row - 1 == len(values) > 0


def test_the_excel_has_every_figure_of_the_year_with_its_source(data):
    content, values = data
    wb = load_workbook(io.BytesIO(build(content, "xlsx", values)))
    sheet = wb[texts.REPORT["sheet_values"]]
    assert sheet.max_row - 1 == len(values) > 0
    header = [c.value for c in sheet[1]]
    assert "Källa" in header and "Exempeldata" in header
    assert {r[header.index("År")] for r in sheet.iter_rows(min_row=2, values_only=True)} == {2025}


def test_publishing_freezes_the_report_and_a_new_upload_does_not_change_it(sample_url):
    coord, kvv = (actor_for(db.read_session(sample_url).__enter__(), n) for n in ("demo-samordnare",
                                                                                   "demo-kriminalvarden"))
    with db.session(sample_url) as s:
        v1 = publish(s, coord, 2025, early=True)
    with db.read_session(sample_url) as s:
        frozen_before = published_content(s, 2025, 1)
    with db.session(sample_url) as s:  # a correction, approved by the Samordnare
        assert save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, coord).outcome == "saved"
    with db.read_session(sample_url) as s:
        assert published_content(s, 2025, 1) == frozen_before
        diff = differences(frozen_before, report_data(s, 2025))
    assert not diff.empty and set(diff.goal) <= {*range(1, 9), "–"}  # "–": the reporting line (Kriminalvården in)
    assert any(d.startswith("2.10a") or d.startswith("3.6") for d in diff.what)
    with db.session(sample_url) as s:
        v2 = publish(s, coord, 2025, early=True)
        with pytest.raises(PermissionError):
            publish(s, kvv, 2025)
    assert (v1.version, v2.version) == (1, 2)
    with db.read_session(sample_url) as s:
        assert list(publications(s, 2025).version) == [2, 1]
        assert differences(published_content(s, 2025, 2), report_data(s, 2025)).empty


def _value_sheet(xlsx: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(xlsx))[texts.REPORT["sheet_values"]].iter_rows(values_only=True))


def test_a_published_versions_excel_holds_every_value_it_was_published_with_also_after_a_correction(sample_url):
    """An audit: the Excel file people got at publishing held every value of the year with its breakdowns (855 rows
    in the sample); the published version's Excel, built later, held the county's headline series only (292 rows),
    so a forwarded v1 workbook and the one downloaded from *Publicerade versioner* did not agree."""
    from okdata import report

    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        publish(s, coord, 2025, early=True)
    with db.read_session(sample_url) as s:
        at_publishing = _value_sheet(build(report_data(s, 2025), "xlsx", year_values(s, 2025)))
    with db.session(sample_url) as s:  # a correction, approved by the Samordnare
        assert save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, coord).outcome == "saved"
    with db.read_session(sample_url) as s:
        frozen = published_content(s, 2025, 1)
        published = _value_sheet(build(frozen, "xlsx", report.published_values(s, 2025, 1)))
        today = _value_sheet(build(report_data(s, 2025), "xlsx", year_values(s, 2025)))
    assert len(at_publishing) > 500
    assert published == at_publishing
    assert today != at_publishing  # the correction is in today's file, not in the published one
    page = open_page("pages/12_Lagesrapport.py", user=DEMO_READER, ar=2025)  # the page builds it from the same
    page.button(key="pub_xlsx_2025_1").click().run()
    assert not page.exception and [d.label for d in page.download_button] == ["Hämta lagesrapport-2025-v1.xlsx"]


def test_publishing_reads_the_report_outside_the_write_lock_and_inserts_what_it_read_unless_the_store_changed(
        sample_url):
    """Issue 16's deadline-day rule, for publishing: on 1 000 000 values a publication read the report and every
    value of the year (2,5 s) inside the write transaction, holding the only write lock while uploads waited. The
    draft is read in a read transaction (here while another process holds the writers' lock); the write transaction
    inserts it when the store is still the one it was read from, and reads it again when not."""
    from okdata import report

    with db.read_session(sample_url) as s:
        coord, reader = actor_for(s, "demo-samordnare"), actor_for(s, "demo-lasare")
        with pytest.raises(PermissionError):
            report.draft_publication(s, reader, 2025)
    holder = hold_the_writers(sample_url)
    try:
        with db.read_session(sample_url) as s:
            draft = report.draft_publication(s, coord, 2025)
    finally:
        holder.communicate("\n")
    with db.session(sample_url) as s:
        pub = publish(s, coord, 2025, draft, early=True)
        assert pub.content == draft.content and pub.value_rows is draft.value_rows  # inserted as read
    with db.read_session(sample_url) as s:
        stale = report.draft_publication(s, coord, 2025)
    with db.session(sample_url) as s:  # a correction, approved, after the draft was read
        assert save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, coord).outcome == "saved"
    with db.session(sample_url) as s:
        assert publish(s, coord, 2025, stale, early=True).version == 2
    with db.read_session(sample_url) as s:
        second = report.published_values(s, 2025, 2)
        assert second.equals(report.unpacked(report.packed(year_values(s, 2025))))
        made = ("publication", "created_at")  # which version and when: not what the report shows
        assert ({k: v for k, v in published_content(s, 2025, 2).items() if k not in made}
                == {k: v for k, v in report_data(s, 2025).items() if k not in made})
    assert not second.equals(report.unpacked(stale.value_rows))  # the correction is in version 2


def test_the_samordnare_publishes_from_the_page_and_the_version_holds_the_years_values(sample_url):
    """The page's Publicera button (the draft read before the write transaction, access.write's `draft`): the
    version is listed, said, and holds the report and the year's value sheet; a Läsare is offered no button."""
    from okdata import report
    from okdata.web.widgets import plain

    at = open_page("pages/12_Lagesrapport.py", DEMO_COORD, ar=2025)
    at.checkbox(key="pub_sure_2025").check().run()
    at.checkbox(key="pub_early_2025").check().run()  # the example's 2025 is open again for late returns
    at.button(key="pub_2025").click().run()
    assert not at.exception
    assert plain(texts.PUBLISHED.format(year=2025, version=1)) in [m.value for m in at.success]
    with db.read_session(sample_url) as s:
        assert list(publications(s, 2025).version) == [1]
        assert report.published_values(s, 2025, 1).equals(report.unpacked(report.packed(year_values(s, 2025))))
    reader = open_page("pages/12_Lagesrapport.py", DEMO_READER, ar=2025)
    assert not [b for b in reader.button if b.key == "pub_2025"]


def test_publishing_a_year_whose_reporting_is_still_open_is_said_and_asked_for_since_it_locks_the_year(sample_url):
    """An audit: the Lägesrapport page offered the running year (2026, not yet opened for returns) with the same one
    box as any other, and publishing it locked the year: once opened, every agency's upload for 2026 was refused.
    The page says so above the button and asks for a second box; publish() refuses without it (nothing stored); a year
    whose reporting has closed (2024, published) asks for nothing more."""
    from okdata.periods import open_reporting_year, year_state

    with db.read_session(sample_url) as s:
        state = year_state(s, 2026)
    assert not state.locked  # the example's running year: not opened yet, and then locked at once if published
    with db.session(sample_url) as s:
        with pytest.raises(ValueError, match="Rapporteringen för 2026 är inte avslutad"):
            publish(s, actor_for(s, "demo-samordnare"), 2026)
    with db.read_session(sample_url) as s:
        assert publications(s, 2026).empty
    at = open_page("pages/12_Lagesrapport.py", DEMO_COORD, ar=2026)
    said = [w.value for w in at.warning if "inte avslutad" in w.value]
    assert said and "låser året" in said[0] and "inte öppnat" in said[0], [w.value for w in at.warning]
    at.checkbox(key="pub_sure_2026").check().run()
    assert next(b for b in at.button if b.key == "pub_2026").disabled  # the second box is not ticked
    at.checkbox(key="pub_early_2026").check().run()
    at.button(key="pub_2026").click().run()
    assert not at.exception and any("2026 är publicerad" in m.value for m in at.success), [e.value for e in at.error]
    with db.session(sample_url) as s:  # opened for returns in the spring: locked by the publication at once
        assert list(publications(s, 2026).version) == [1]
        assert open_reporting_year(s, actor_for(s, "demo-samordnare"), 2026, date(2027, 3, 31)).ok
    with db.read_session(sample_url) as s:
        assert year_state(s, 2026).lock == "published"
    closed = open_page("pages/12_Lagesrapport.py", DEMO_COORD, ar=2024)  # published already: reporting closed
    assert not [w for w in closed.warning if "inte avslutad" in w.value]
    assert not [c for c in closed.checkbox if c.key == "pub_early_2024"]
    with db.session(sample_url) as s:
        assert publish(s, actor_for(s, "demo-samordnare"), 2024).version == 2


def test_a_version_published_before_the_value_sheet_was_kept_gives_the_headline_series_of_its_content(sample_url):
    """A version published before migration 0011 has no value sheet: its Excel holds the county's headline series
    as its frozen content has them, nothing of today's values."""
    from sqlalchemy import update

    from okdata import report
    from okdata.models import Publication

    with db.session(sample_url) as s:
        publish(s, actor_for(s, "demo-samordnare"), 2025, early=True)
        s.execute(update(Publication).values(value_rows=None))  # as published before the sheet was kept
    with db.read_session(sample_url) as s:
        got = report.published_values(s, 2025, 1)
        expected = report.frozen_values(published_content(s, 2025, 1))
        assert report.published_values(s, 2025, 2).empty  # no such version
    assert len(got) > 100 and got.equals(expected)
    assert list(got.columns) == [texts.GOAL, texts.COL_INDICATOR_ID, texts.COL_INDICATOR, texts.YEAR,
                                 texts.REPORT["value"], texts.COL_SOURCE]  # the headline series, no breakdowns


def test_an_analysis_written_after_publishing_is_listed_as_a_difference(sample_url):
    """The steering group compares a published version with today's report: a goal's analysis or the county
    summary changed since is a difference too, shown by its beginning; an analysis left as it was is not."""
    from okdata.analysis import COUNTY, save_analysis

    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        save_analysis(s, coord, 2025, 3, "Oförändrad analys av mål 3.")
        publish(s, coord, 2025, early=True)
        save_analysis(s, coord, 2025, 2, "Ny analys efter publiceringen: **anmälningarna** ökar. " + "x" * 200)
        save_analysis(s, coord, 2025, COUNTY, "Sammanfattningen skrevs om.")
    with db.read_session(sample_url) as s:
        frozen = published_content(s, 2025, 1)
        diff = differences(frozen, report_data(s, 2025))
    texts_changed = diff[diff.what.str.startswith(texts.COMPARE_ANALYSIS.format(what=""))]
    assert sorted(texts_changed.what) == sorted([texts.COMPARE_ANALYSIS.format(what=texts.GOAL_N.format(n=2)),
                                                 texts.COMPARE_ANALYSIS.format(what=texts.ANALYSIS["county"])])
    goal2 = texts_changed[texts_changed.goal == 2].iloc[0]
    assert goal2.published == "–" and goal2.year == 2025
    assert goal2.current.startswith("Ny analys efter publiceringen: **anmälningarna** ökar.")  # as typed, shortened
    assert goal2.current.endswith("…") and len(goal2.current) <= 121
    county = texts_changed[texts_changed.goal != 2].iloc[0]
    assert county.current == "Sammanfattningen skrevs om." and county.goal == "–"
    assert not (diff.goal == 3).any()
    assert differences(frozen, frozen).empty


def test_an_outcome_or_a_measures_state_changed_after_publishing_is_listed_as_a_difference(sample_url):
    """An indicator given no direction after publishing changed goal 1's outcomes (Betydande framsteg 1 · Ingen
    säker 5 · Bedöms inte 1 → Ingen säker 5 · Bedöms inte 2), and the page said 'Inga skillnader … samma siffror,
    statusar och analyser som i dag'."""
    from okdata.catalog_edits import edit_indicator

    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        publish(s, coord, 2025, early=True)
        assert edit_indicator(s, coord, "1.6a", direction=0, target_value=None, target_year=None).ok
    with db.read_session(sample_url) as s:
        frozen = published_content(s, 2025, 1)
        now = report_data(s, 2025)
    assert frozen["goals"][0]["outcome_distribution"] != now["goals"][0]["outcome_distribution"]
    diff = differences(frozen, now)
    (outcomes,) = diff[diff.what == texts.COMPARE_OUTCOMES].itertuples()
    assert outcomes.goal == 1 and texts.PROGRESS_STATUSES["not_assessed"] in outcomes.current
    assert outcomes.published != outcomes.current

    changed = {**now, "goals": [dict(g) for g in now["goals"]]}  # a measure's combined state changed too
    first = dict(changed["goals"][0]["measures"][0])
    first["state"] = "delayed" if first["state"] != "delayed" else "done"
    changed["goals"][0] = {**changed["goals"][0], "measures": [first, *changed["goals"][0]["measures"][1:]]}
    states = differences(now, changed)
    assert list(states.what) == [texts.COMPARE_STATE.format(code=first["code"])]


def test_meeting_notes_form_a_decision_log(sample_url):
    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        save_note(s, coord, date(2026, 3, 1), 2025, 2, "Diskussion om KAST", "Länsstyrelsen återkommer i maj")
        save_note(s, coord, date(2026, 6, 1), 2025, 2, "Uppföljning", "Beslut: utöka Navis")
    with db.read_session(sample_url) as s:
        assert previous_meeting(s, date(2026, 6, 1)) == date(2026, 3, 1)
        log = decision_log(s, 2)
    log = log[log.meeting_date.isin(["2026-03-01", "2026-06-01"])]  # the sample has a meeting of its own
    assert list(log.decisions) == ["Beslut: utöka Navis", "Länsstyrelsen återkommer i maj"]


def test_the_meeting_page_walks_through_the_goals_and_saves_notes(sample_url):
    at = open_page("pages/11_Mote.py", user=DEMO_COORD, ar=2025, mote="2026-11-24", skarm=3)
    assert at.title[0].value.startswith("Mål 2:")
    form_areas = [a for a in at.text_area]
    form_areas[0].input("Anteckning")
    form_areas[1].input("Beslut om KAST")
    at.button[2].click().run()  # prev, next, then the form's save button
    assert any("Sparat" in x.value for x in at.success)
    with db.read_session(sample_url) as s:
        assert decision_log(s, 2).iloc[0].decisions == "Beslut om KAST"
    assert texts.MEETING_MISMATCH in " ".join(m.value for m in at.markdown)
    at.button(key="meet_next").click().run()
    assert at.title[0].value.startswith("Mål 3:")
    reader = open_page("pages/11_Mote.py", user=DEMO_READER, ar=2025, mote="2026-11-24", skarm=3)
    assert all(a.disabled for a in reader.text_area)


@pytest.mark.cli
def test_the_report_command_line(sample_url, tmp_path):
    env = {**os.environ, "OKDATA_DATABASE_URL": sample_url}
    for fmt in ("xlsx", "pptx"):
        out = tmp_path / f"r.{fmt}"
        r = subprocess.run([sys.executable, "-m", "okdata", "report", "--year", "2025", "--format", fmt, "--out",
                            str(out)], capture_output=True, text=True, env=env, cwd=db.ROOT)
        assert r.returncode == 0 and out.stat().st_size > 10_000, r.stderr


def test_charts_render_even_when_the_calling_thread_runs_an_event_loop():
    """Playwright's sync API refuses to start inside a running asyncio loop (a browser test, a server)."""
    import asyncio

    from okdata.report_files import indicator_figure, render

    ind = {"points": [{"year": 2024, "value": 1.0}, {"year": 2025, "value": 2.0}], "code": "x", "name": "y",
           "kind": "count", "unit": "antal", "example": False}

    async def inside_a_running_loop():
        return render([indicator_figure(ind)], "<html><body>okdata</body></html>")

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:  # a thread of its own, whatever loop this test worker already runs
        images, pdf = pool.submit(asyncio.run, inside_a_running_loop()).result()
    assert images[0].startswith(b"\x89PNG") and pdf.startswith(b"%PDF")


def test_no_text_of_the_report_runs_as_a_formula_in_its_excel_file(data):
    """Catalog texts are typed by the coordinator: a goal's title, a measure's text or an indicator's name starting
    with '=' became a live formula in the report's Excel file (the analyses and descriptions were neutralised)."""
    import copy

    content, values = data
    typed = copy.deepcopy(content)
    goal = typed["goals"][0]
    goal["title"] = '=HYPERLINK("http://evil.example","Mål")'
    goal["measures"][0]["text"] = "+1 åtgärd"
    goal["measures"][0]["agencies"] = "@Polisen"
    goal["indicators"][0]["name"] = "-1 indikator"
    goal["indicators"][0]["sentence"] = "=1+1"
    goal["indicators"][0]["example"] = False  # the sentence as typed, without the example label after it
    wb = load_workbook(io.BytesIO(build(typed, "xlsx", values)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
                and not c.quotePrefix]  # a quoted text cell shows the text as typed (tests/test_formula_text.py)
    assert {c.value for c in cells if c.quotePrefix} >= {goal["title"], "+1 åtgärd", "@Polisen", "-1 indikator",
                                                         "=1+1"}


def test_a_goal_or_measure_in_only_one_of_the_two_reports_is_listed_as_a_difference(sample_url):
    """An audit: goal 8 (its measures and indicators) retired from the catalog since 2024 was published, and the
    comparison with today's report listed nothing of it, as it walked today's goals only. A goal or a measure in
    only one of the two reports is a difference, and so is each of its figures, statuses and analysis."""
    with db.read_session(sample_url) as s:
        published = report_data(s, 2025)
    published["goals"][-1]["analysis"] = "Analys av mål 8."
    last = published["goals"][-1]
    assert last["number"] == 8 and last["indicators"] and any(m["statuses"] for m in last["measures"])
    first = published["goals"][0]
    today = {**published, "goals": [{**first, "measures": first["measures"][1:]}, *published["goals"][1:-1]]}
    gone = first["measures"][0]["code"]

    diff = differences(published, today)
    goal8 = diff[diff.goal == 8]
    assert not goal8.empty, "nothing of goal 8 listed"
    assert texts.COMPARE_GOAL.format(n=8) in set(goal8.what)
    assert texts.COMPARE_ANALYSIS.format(what=texts.GOAL_N.format(n=8)) in set(goal8.what)
    values = {(i["code"], p["year"]) for i in last["indicators"] for p in i["points"]}
    assert {(r.what, r.year) for r in goal8.itertuples()} >= values
    assert set(goal8.current) == {"–", texts.YES_NO[False]} and texts.YES_NO[True] in set(goal8.published)
    assert texts.COMPARE_MEASURE.format(code=gone) in set(diff[diff.goal == 1].what)
    assert len(goal8) > len(values) + len(last["measures"])  # the goal, its measures, values, statuses, analysis
    back = differences(today, published)  # a goal and a measure added since: the same rows the other way round
    assert sorted(back.what) == sorted(diff.what) and set(back[back.goal == 8].published) == {"–", "Nej"}


def test_a_changed_title_text_description_target_or_catalog_revision_is_listed_as_a_difference(sample_url):
    """An audit: after 2025 was published, goal 2 was renamed, measure 2.8 reworded, an agency's description of
    its measure changed ("… har stoppats i väntan på finansiering"), a target set and the catalog revision moved
    on, and the comparison said "Inga skillnader": it compared figures, states, statuses and analyses only."""
    import copy

    with db.read_session(sample_url) as s:
        published = report_data(s, 2025)
    today = copy.deepcopy(published)
    goal = next(g for g in today["goals"] if g["number"] == 2)
    goal["title"] = "Nytt namn på mål 2"
    measure = next(m for m in goal["measures"] if m["statuses"])
    measure["text"] = "En omformulerad åtgärd."
    measure["agencies"] = "Polisen"
    measure["statuses"][0]["description"] = "Arbetet har stoppats i väntan på finansiering."
    indicator = goal["indicators"][0]
    indicator["target_value"], indicator["target_year"] = 400.0, 2027
    today["plan"], today["catalog_revision"] = "Handlingsplan 2024–2027, katalogrevision 4", 4
    diff = differences(published, today)
    code, agency = measure["code"], measure["statuses"][0]["agency"]
    assert set(diff.what) == {
        texts.COMPARE_TITLE.format(n=2), texts.COMPARE_MEASURE_TEXT.format(code=code),
        texts.COMPARE_AGENCIES.format(code=code), texts.COMPARE_DESCRIPTION.format(code=code, agency=agency),
        texts.COMPARE_TARGET.format(code=indicator["code"]), texts.COMPARE_CATALOG}
    row = diff.set_index("what").loc[texts.COMPARE_DESCRIPTION.format(code=code, agency=agency)]
    assert row.current.startswith("Arbetet har stoppats") and row.goal == 2
    assert differences(published, copy.deepcopy(published)).empty


def test_the_analysis_draft_is_made_of_approved_figures_and_labels_example_data_even_with_submitted_ones_shown(
        sample_url):
    """An audit: with *Visa även inskickade* on, the Samordnare's draft of the county summary held a figure only
    submitted (3.6a: 268 → 54 321) and counted submitted statuses; saved as it stood, it reached every reader, the
    meeting, every report file and the next published version. The draft also dropped the example-data label that
    the report's own list of changes gives."""
    from okdata.analysis import COUNTY, proposal
    from tests.hostile import kvv_values

    with db.session(sample_url) as s:  # 3.6a
        saved = save_return(s, kvv_values(J20=54321), "kvv.xlsx", None, actor_for(s, "demo-kriminalvarden"),
                            today=date(2026, 2, 1))
        assert saved.outcome == "saved" and saved.batch_id
    at = open_page("pages/12_Lagesrapport.py", DEMO_COORD, ar=2025)
    at.toggle(key="include_submitted").set_value(True).run()
    with db.read_session(sample_url) as s:
        approved = report_data(s, 2025)
    for goal in (COUNTY, 3):
        at.selectbox(key="rep_analysis_pick").set_value(goal).run()
        draft = at.text_area[0].value
        assert "54 321" not in draft and "54321" not in draft, draft
        assert draft == proposal(approved, goal)  # the statuses counted too: approved ones only
    assert f"({texts.EXAMPLE_DATA})" in proposal(approved, COUNTY)
    assert f"({texts.EXAMPLE_DATA})" in proposal(approved, 3)


def test_a_change_sentence_reads_its_figures_as_shown_and_a_share_is_written_the_same_way_in_both_years():
    """An audit: 3.6b at 2 920 / 3 559 = 82,05 % against 82 % the year before read 'Andelen ökade från 82 % år 2024
    till 82,0 % år 2025 (+0,0 procentenheter)', and a rate 12,34 → 12,36 'ökade från 12,3 till 12,4 (0, …)'."""
    share = sentence("share", [{"year": 2024, "value": 82.0}, {"year": 2025, "value": 2920 / 3559 * 100}])
    assert share == texts.SENTENCE["same"].format(subject=texts.SENTENCE["subjects"]["share"][0],
                                                  unchanged=texts.SENTENCE["unchanged"][
                                                      texts.SENTENCE["subjects"]["share"][1]],
                                                  now="82\u00a0%", before_year=2024, year=2025), share
    rate = sentence("rate", [{"year": 2024, "value": 12.34}, {"year": 2025, "value": 12.36}])
    assert "från 12,3 år 2024 till 12,4 år 2025 (+0,1, " in rate, rate
    assert fmt_value(82.04, "share") == "82\u00a0%" and fmt_value(82.06, "share") == "82,1\u00a0%"
    up = sentence("share", [{"year": 2024, "value": 54.0}, {"year": 2025, "value": 76.0}])
    assert "(+22 procentenheter)" in up and "ökade" in up


def test_a_breakdown_value_or_the_reporting_line_changed_after_publishing_is_a_difference(sample_url):
    """An audit: after 2025 was published a return changed a value for one group (2.6a for women) and an undo took
    an agency's only return back (32 → 31 of 36 agencies had reported); *Jämför med publicerad* said 'Inga
    skillnader', which compared only the county's headline series. Every value of the published Excel sheet, and
    the report's reporting line, are now compared with today's."""
    from sqlalchemy import select

    from okdata.history import rollback
    from okdata.models import Agency, ImportBatch, Indicator, Observation
    from okdata.report import comparison, kept_values
    from tests.db_support import set_municipal_values

    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        publish(s, coord, 2025, early=True)
        before = published_content(s, 2025, 1)["summary"]
        assert comparison(s, 2025, 1).empty  # every value of the sheet kept compares equal to today's
    set_municipal_values(sample_url, "1.6a", {(2025, "Vaxholm"): 123456})
    with db.session(sample_url) as s:  # a share in a breakdown, a description and a milestone of the county (review)
        for code, category, change in (("5.2a", "våldtäkt", {"value_num": 12.0}),
                                       ("5.3a", "", {"value_text": "Ny beskrivning"}),
                                       ("1.7a", "", {"value_num": 0.0, "value_text": "Nej"})):
            row = s.scalars(select(Observation).join(Indicator, Indicator.id == Observation.indicator_id).where(
                Indicator.code == code, Observation.year == 2025, Observation.is_approved.is_(True),
                Observation.area_code == "01", Observation.grp == "", Observation.category == category)).one()
            for k, v in change.items():
                setattr(row, k, v)
    with db.session(sample_url) as s:  # Försäkringskassan's only return of the year
        fk = s.scalar(select(ImportBatch.id).join(Agency, Agency.id == ImportBatch.agency_id).where(
            Agency.short_name == "Försäkringskassan", ImportBatch.year == 2025, ImportBatch.kind == "upload"))
        assert rollback(s, fk, coord).ok
    with db.read_session(sample_url) as s:
        diff = comparison(s, 2025, 1)
        assert differences(published_content(s, 2025, 1), published_content(s, 2025, 1), kept_values(s, 2025, 1),
                           kept_values(s, 2025, 1)).empty
        # a review: one more return approved after publishing (none of its statuses counted) was no difference
        import copy

        approved_one_more = copy.deepcopy(published_content(s, 2025, 1))
        approved_one_more["summary"]["agencies_approved"] += 1
        assert not differences(published_content(s, 2025, 1), approved_one_more, kept_values(s, 2025, 1),
                               kept_values(s, 2025, 1)).empty
    said = dict(zip(diff.what, zip(diff.published, diff.current)))
    assert said["5.2a · Stockholms län · våldtäkt"] == (fmt_value(66.5, "share"), fmt_value(12, "share")), said
    assert said["5.3a · Stockholms län"][1] == "Ny beskrivning", said  # a county value the report holds no series of
    assert said["1.7a · Stockholms län"] == ("Ja", "Nej"), said
    vaxholm = diff[diff.what.str.startswith("1.6a · Vaxholm")]
    assert list(vaxholm.current) == [fmt_value(123456, "count")] and vaxholm.goal.iloc[0] == 1, diff
    assert vaxholm.published.iloc[0] not in ("–", vaxholm.current.iloc[0])
    reporting = diff[diff.what == texts.COMPARE_REPORTING]
    assert list(reporting.published) == [texts.COMPARE_REPORTING_LINE.format(
        **before, approved=texts.COMPARE_REPORTING_APPROVED.format(n=before["agencies_approved"]))], diff
    assert f"{before['agencies_reported'] - 1} av {before['agencies']} inskickade" in reporting.current.iloc[0]
    page = open_page("pages/12_Lagesrapport.py", DEMO_COORD, ar=2025, version=1)
    assert not [m for m in page.success if m.value == texts.COMPARE_NONE]
    shown = page.dataframe[-1].value
    assert (shown[texts.COMPARE_COLUMNS["what"]] == texts.COMPARE_REPORTING).any()
