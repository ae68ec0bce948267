"""Test what a Mötesläge goal slide says (issue 17): the delayed and cancelled measures by code and name with their
agencies, charts only for recent series, older values listed with their year, and the goal's own news since the
last meeting."""

from datetime import date, timedelta

from okdata import clock, db, texts
from okdata.auth import actor_for
from okdata.domain import ATTENTION
from okdata.meetings import goal_changes_since, save_note
from okdata.report import RECENT_YEARS, report_data
from okdata.returns import save_return
from okdata.scope import EVERYTHING
from okdata.web.views.meeting import ATTENTION_LINES
from okdata.web.widgets import plain
from tests.apptest_support import COORDINATOR, READER, open_page

YEAR = 2025
KVV_FILE = db.ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx"


def _text(at) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_a_goal_slide_names_the_delayed_and_cancelled_measures_with_their_agencies(sample_url):
    """Test that goal 2's slide lists its delayed and cancelled measures by code and full name, with the responsible
    agencies and which of them reported the delay, not bare codes."""
    with db.read_session(sample_url) as s:
        goal = report_data(s, YEAR)["goals"][1]
    flagged = [m for m in goal["measures"] if any(r["status"] in ATTENTION for r in m["statuses"])]
    assert len(flagged) >= 2
    text = _text(open_page("pages/11_Mote.py", user=COORDINATOR, ar=YEAR, skarm=3))
    shown = [m for m in flagged if f"**{m['code']}** {plain(m['text'])}" in text]
    assert len(shown) == min(len(flagged), ATTENTION_LINES)
    for m in shown:
        assert plain(m["agencies"]) in text
        for r in m["statuses"]:
            if r["status"] in ATTENTION:
                assert r["agency"] in text
    if len(flagged) > ATTENTION_LINES:
        assert f"… och {len(flagged) - ATTENTION_LINES} till" in text


def test_charts_are_drawn_only_for_series_with_a_value_in_the_last_three_years(sample_url):
    """Test that every chart of the report and the slides has a value in the year or the two before and more than
    one point, and that an older or lone value is listed on the slide with its year instead."""
    with db.read_session(sample_url) as s:
        content = report_data(s, YEAR)
    listed = 0
    for n, goal in enumerate(content["goals"], start=2):
        by_code = {i["code"]: i for i in goal["indicators"]}
        for code in goal["charts"]:
            points = by_code[code]["points"]
            assert len(points) > 1 and points[-1]["year"] > YEAR - RECENT_YEARS
        older = [i for i in goal["indicators"] if i["code"] not in goal["charts"]
                 and (len(i["points"]) == 1 or i["points"][-1]["year"] <= YEAR - RECENT_YEARS)]
        if older:
            text = _text(open_page("pages/11_Mote.py", user=COORDINATOR, ar=YEAR, skarm=n))
            for i in older:
                assert f"{i['code']} " in text and f"(år {i['points'][-1]['year']})" in text
            listed += len(older)
    assert listed  # the sample has such series (R4.1: a single value from 2019)


def test_a_slide_charts_title_and_unit_are_text_above_it_whole_and_the_chart_has_neither(sample_url):
    """A chart's title in the figure was cut at the column's edge (a third of a projector holds ~50 characters
    of it: "… med biståndsbeslut til"), and its unit as the axis title was cut by the plot's height ("tal
    processer/ins" for "antal processer/insatser"): each chart of goal 2's slide has its whole title, the example
    label included, and its unit as text above it, and neither in the figure."""
    import json

    with db.read_session(sample_url) as s:
        goal = report_data(s, YEAR)["goals"][1]
    at = open_page("pages/11_Mote.py", user=COORDINATOR, ar=YEAR, skarm=3)
    captions = [c.value for c in at.caption]
    by_code = {i["code"]: i for i in goal["indicators"]}
    for code in goal["charts"]:
        ind = by_code[code]
        whole = f"{code} {ind['name']}" + (f" – {texts.EXAMPLE_DATA}" if ind["example"] else "")
        assert f"**{plain(whole)}** ({plain(ind['unit'])})" in captions, whole
    figures = [json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart")]
    assert len(figures) == len(goal["charts"]) and not any(f.get("title", {}).get("text") for f in figures)
    assert not any(f.get("yaxis", {}).get("title", {}).get("text") for f in figures)
    assert not any("height" in f or "width" in f for f in figures)  # the slide's box sizes them
    assert all(f["margin"] == {"l": 60, "r": 30, "t": 10, "b": 30} for f in figures)


def _meeting_then_a_return(url: str, last_meeting: date, uploaded=None):
    """A meeting's notes saved on `last_meeting`, then Kriminalvården's return (waiting for review), uploaded at
    the moment `uploaded` when given."""
    from sqlalchemy import update

    from okdata.models import ImportBatch

    with db.session(url) as s:
        coord = actor_for(s, "demo-samordnare")
        save_note(s, coord, last_meeting, YEAR, 0, "Förra mötet", "")
        saved = save_return(s, KVV_FILE.read_bytes(), KVV_FILE.name, None, actor_for(s, "demo-kriminalvarden"),
                            today=date(2026, 3, 1))
        assert saved.outcome == "saved"
        if uploaded is not None:
            s.flush()
            s.execute(update(ImportBatch).where(ImportBatch.id == saved.batch_id).values(created_at=uploaded))
    return saved


def test_a_goal_slide_lists_the_uploads_about_its_goal_since_the_last_meeting(sample_url):
    """Test that after a meeting, an upload shows on the slide of each goal it has values or statuses for, and not
    on the others."""
    last_meeting = clock.today() - timedelta(days=30)
    saved = _meeting_then_a_return(sample_url, last_meeting)
    with db.read_session(sample_url) as s:
        about = {g: goal_changes_since(s, last_meeting, g, EVERYTHING) for g in range(1, 9)}
    touched = [g for g, df in about.items() if not df.empty]
    assert touched and len(touched) < 8
    line = texts.MEETING_GOAL_CHANGES_UPLOAD.format(id=saved.batch_id, agency="Kriminalvården")
    for g in (touched[0], next(g for g in range(1, 9) if g not in touched)):
        text = _text(open_page("pages/11_Mote.py", user=COORDINATOR, ar=YEAR, skarm=g + 1,
                               mote=clock.today().isoformat()))
        assert texts.MEETING_GOAL_CHANGES.format(year=YEAR, date=last_meeting.isoformat()) in text
        assert (line in text) == (g in touched), g


def test_a_goal_slide_of_a_year_lists_only_the_uploads_for_that_year(sample_url):
    """An audit: Mötesläge for 2024 ('rapporteringsår 2024') said on every goal slide 'Nytt för målet sedan förra
    mötet: 26 inrapporteringar … 87 värden' of uploads that were all for 2025."""
    last_meeting = clock.today() - timedelta(days=30)
    saved = _meeting_then_a_return(sample_url, last_meeting)
    with db.read_session(sample_url) as s:
        touched = next(g for g in range(1, 9) if not goal_changes_since(s, last_meeting, g, EVERYTHING, YEAR).empty)
        assert goal_changes_since(s, last_meeting, touched, EVERYTHING, YEAR - 1).empty
    line = texts.MEETING_GOAL_CHANGES_UPLOAD.format(id=saved.batch_id, agency="Kriminalvården")
    for year in (YEAR, YEAR - 1):
        text = _text(open_page("pages/11_Mote.py", user=COORDINATOR, ar=year, skarm=touched + 1,
                               mote=clock.today().isoformat()))
        assert (line in text) == (year == YEAR), year


def test_a_slide_that_lists_only_the_first_items_links_to_the_page_with_the_rest(sample_url, monkeypatch):
    """A goal slide lists three delayed or cancelled measures and the title slide eight uploads, then "… och n
    till" without a way to the rest: the line now links to the goal's page (Mål, for the same year) and to
    Historik, which list them all (limits lowered here so that the sample's lists pass them); no link for a role
    that may not open the page."""
    from okdata.web.views import meeting

    monkeypatch.setattr(meeting, "ATTENTION_LINES", 1)
    monkeypatch.setattr(meeting, "TITLE_LINES", 1)
    with db.read_session(sample_url) as s:
        goal = report_data(s, YEAR)["goals"][1]
    flagged = [m for m in goal["measures"] if any(r["status"] in ATTENTION for r in m["statuses"])]
    goal_slide = open_page("pages/11_Mote.py", user=COORDINATOR, ar=YEAR, skarm=3)
    more = [c.value for c in [*goal_slide.caption, *goal_slide.markdown] if c.value.startswith("…")]
    goal_page = f"](Mal?plan=2024-2027&mal=2&ar={YEAR})"
    assert len(flagged) > 1 and any(line.startswith(f"… och {len(flagged) - 1} till") and goal_page in line
                                    for line in more), more
    title = open_page("pages/11_Mote.py", user=COORDINATOR, ar=YEAR, skarm=0)
    more = [c.value for c in [*title.caption, *title.markdown] if c.value.startswith("…")]
    assert any("](Historik?plan=2024-2027)" in line for line in more), more
    reader = open_page("pages/11_Mote.py", user=READER, ar=YEAR, skarm=0)  # may not open Historik: no link there
    more = [c.value for c in [*reader.caption, *reader.markdown] if c.value.startswith("…")]
    assert more and not any("Historik" in line for line in more), more


def test_an_upload_approved_since_the_last_meeting_is_new_to_the_meeting_though_it_was_uploaded_before(sample_url):
    """'Nytt sedan förra mötet' picked uploads by when they were uploaded: a return that waited for review at the
    last meeting and was approved since never showed as new to a Läsare (who sees only approved ones), on the title
    slide nor on its goals' slides. It is new from when it was approved."""
    from okdata.meetings import changes_since
    from okdata.review import review
    from okdata.scope import scope_for

    last_meeting = clock.today() - timedelta(days=10)
    saved = _meeting_then_a_return(sample_url, last_meeting, clock.start_of(last_meeting - timedelta(days=2)))
    with db.session(sample_url) as s:
        assert review(s, saved.batch_id, actor_for(s, "demo-samordnare"), approve=True).code == "ok"
    with db.read_session(sample_url) as s:
        reader = scope_for(actor_for(s, READER))
        assert saved.batch_id in set(changes_since(s, last_meeting, reader).id)
        goals = [g for g in range(1, 9) if saved.batch_id in set(goal_changes_since(s, last_meeting, g, reader).id)]
        before = changes_since(s, last_meeting - timedelta(days=1), reader)
    assert goals
    assert saved.batch_id in set(before.id)
    text = _text(open_page("pages/11_Mote.py", user=READER, ar=YEAR, skarm=0, mote=clock.today().isoformat()))
    assert f"nr {saved.batch_id} (Kriminalvården" in text, text


def test_a_goal_slide_of_a_year_counts_the_uploads_by_that_years_goals_after_a_later_revision(sample_url):
    """An audit: with goal 2's measures moved to goal 3 from 2026, the 2025 slide of goal 2 (which lists those
    measures) said "Nytt för målet 2025 … inget" and goal 3's counted them: the counts joined today's goals."""
    from okdata.catalog import _MEMO, measures_frame
    from okdata.catalog_edits import edit_catalog
    from okdata.periods import open_reporting_year

    with db.read_session(sample_url) as s:
        before = {g: goal_changes_since(s, None, g, EVERYTHING, YEAR) for g in (2, 3)}
        moved = [c for c in measures_frame(s).query("goal == 2").code if c != "2.4"]
    assert not before[2].empty
    with db.session(sample_url) as s:
        coordinator = actor_for(s, COORDINATOR)
        assert open_reporting_year(s, coordinator, 2026, date(2027, 3, 31)).ok
    for code in moved:
        with db.session(sample_url) as s:
            assert edit_catalog(s, actor_for(s, COORDINATOR), "measure", code, {"goal": 3}, 2026).ok
    _MEMO.clear()
    with db.read_session(sample_url) as s:
        assert set(measures_frame(s).query("goal == 3").code) >= set(moved)  # moved in today's catalog
        after = {g: goal_changes_since(s, None, g, EVERYTHING, YEAR) for g in (2, 3)}
    for g in (2, 3):
        assert after[g].to_dict("list") == before[g].to_dict("list"), g
