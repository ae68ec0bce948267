"""Test that every view that counts "åtgärder" counts measures, each once, and that they all agree (issue 17)."""

import json
import re

import pytest

from okdata import db, texts
from okdata.catalog import measure_refs
from okdata.report import report_data
from okdata.snapshot import snapshot
from tests.apptest_support import COORDINATOR, open_page
from tests.db_support import run

YEAR = 2025


@pytest.mark.cli
def test_overview_goal_page_meeting_report_and_command_line_count_the_same_measures(sample_url):
    """Test that, for every goal of the sample year, the Översikt card, the Mötesläge slide, the lägesrapport and
    `python -m okdata status` give the same number of measures in each implementation state, and that the numbers
    add up to the goal's measures (not to the agencies' reports)."""
    with db.read_session(sample_url) as s:
        progress = snapshot(s, YEAR)
        report = report_data(s, YEAR)
        measures = {g: sum(1 for m in measure_refs(s) if m.goal == g) for g in range(1, 9)}
    cli = json.loads(run("status", "--year", str(YEAR), "--format", "json", url=sample_url).stdout)
    cli_goals = {int(r["id"]): r for r in cli if r["level"] == texts.STATUS_LEVELS["goal"]}
    reports_outnumber_measures = False
    for g in report["goals"]:
        counts = progress.of_goal(g["number"]).implementation
        assert sum(counts.values()) == measures[g["number"]] == len(g["measures"])
        assert g["status_distribution"] == counts
        assert cli_goals[g["number"]]["implementation"] == "; ".join(
            f"{texts.MEASURE_STATES[st]}: {n}" for st, n in counts.items())
        reports_outnumber_measures |= sum(g["report_distribution"].values()) > measures[g["number"]]
    assert reports_outnumber_measures  # the sample has measures many agencies answer for: the test can tell

    overview = open_page("app.py", ar=YEAR)
    cards = " ".join(m.value for m in overview.markdown)
    for g in report["goals"]:
        counts = progress.of_goal(g["number"]).implementation
        for st, n in counts.items():
            assert f"{texts.MEASURE_STATES[st]}: **{n}**" in cards
    for n, g in enumerate(report["goals"], start=2):  # slide 0 the title, 1 the overview, then one per goal
        slide = open_page("pages/11_Mote.py", user=COORDINATOR, ar=YEAR, skarm=n)
        text = " ".join(m.value for m in slide.markdown)
        for st, k in progress.of_goal(g["number"]).implementation.items():
            assert f"{texts.MEASURE_STATES[st]}: **{k}**" in text, (g["number"], st)


def test_the_goal_page_starts_with_the_goals_own_measure_counts(sample_url):
    """Test that Mål opens with the chosen goal's own summary — its measures by implementation state (each counted
    once) and by outcome — the same counts as Översikt, and that every measure's full text is on the page."""
    with db.read_session(sample_url) as s:
        progress = snapshot(s, YEAR)
    for goal in (2, 4):
        at = open_page("pages/1_Mal.py", mal=goal, ar=YEAR)
        summary = [m.value for m in at.markdown][:6]
        counts = progress.of_goal(goal).implementation
        line = next(m for m in summary if m.startswith(f"**{texts.PROGRESS_VIEW['implementation'].format(year=YEAR)}"))
        for st, n in counts.items():
            assert f"{texts.MEASURE_STATES[st]}: **{n}**" in line
        assert sum(map(int, re.findall(r": \*\*(\d+)\*\*", line))) == sum(counts.values())
        texts_list = next(m.value for m in at.markdown if m.value.startswith("- **"))
        assert texts_list.count("- **") == sum(counts.values())


def test_a_measure_of_kommunerna_i_lanet_is_owed_by_each_municipality_not_also_by_the_group(sample_url):
    """Kommunerna i länet was counted as one more owed report beside its 26 municipalities: measure 2.8 expected
    30 reports (Polisen, Kriminalvården, Region Stockholm, 26 municipalities and the group), so with all 29 saying
    Genomförd it read 'Pågående (29 av 30)' and could never be Genomförd."""
    from sqlalchemy import select

    from okdata.domain import Implementation
    from okdata.models import Agency, Measure, MeasureStatus
    from okdata.scope import measure_reporters
    from okdata.snapshot import measure_progress

    with db.session(sample_url) as s:
        measure = s.scalars(select(Measure).where(Measure.code == "2.8")).one()
        agencies = s.scalars(select(Agency)).all()
        group = {a.parent_id for a in agencies if a.parent_id}
        owers = [a for a in agencies if a.id not in group and (
            a.code in {"POL", "KVV", "RS"} or (a.parent_id in group and a.kind == "kommun"))]
        assert len(owers) == 29
        assert measure_reporters(s)["2.8"] == 29
        reported = s.scalars(select(MeasureStatus).where(MeasureStatus.measure_id == measure.id,
                                                         MeasureStatus.year == YEAR)).all()
        batch = reported[0].batch_id
        for st in reported:
            s.delete(st)
        s.flush()
        for a in owers:
            s.add(MeasureStatus(measure_id=measure.id, agency_id=a.id, year=YEAR, status=Implementation.DONE,
                                batch_id=batch, is_current=True, is_approved=True))
    with db.read_session(sample_url) as s:
        row = measure_progress(s, YEAR).set_index("code").loc["2.8"]
    assert row["state"] == "done", row


def progress_of_goal(url: str, year: int, goal: int) -> dict:
    with db.read_session(url) as s:
        return snapshot(s, year).of_goal(goal).implementation


def test_a_status_from_an_agency_that_does_not_answer_for_a_measure_is_not_one_of_its_reports(sample_url):
    """A return for Länsstyrelsen may hold any measure's status, and such a status was counted as the measure's
    report: Länsstyrelsen's 'Genomförd' on 5.2, Åklagarmyndighetens measure, made it Genomförd (1 of 1) while
    Åklagarmyndigheten had reported nothing, and goals read '30 av 29'. Only the agencies that answer for a measure
    report on it; Länsstyrelsen's row is still listed under the measure."""
    import io
    from datetime import date

    import openpyxl

    from okdata.auth import actor_for
    from okdata.catalog import find_agency
    from okdata.periods import open_reporting_year
    from okdata.returns import save_return
    from okdata.sample_returns import filled_return
    from okdata.snapshot import measure_progress
    from okdata.values import measure_statuses

    year = 2026
    with db.session(sample_url) as s:
        coord = actor_for(s, "demo-samordnare")
        open_reporting_year(s, coord, year, date(year + 1, 3, 31))
        data = filled_return(s, find_agency(s, "LST"), year)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Åtgärder"]
    row = ws.max_row + 1
    for col, value in ((1, "5.2"), (3, year), (5, "Genomförd"), (6, "Klart enligt Länsstyrelsen")):
        ws.cell(row, col, value)
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(sample_url) as s:
        saved = save_return(s, buf.getvalue(), "lst.xlsx", None, actor_for(s, "demo-samordnare"))
        assert saved.outcome == "saved", [(p.code, p.message) for p in saved.check.errors]
    with db.read_session(sample_url) as s:
        rows = measure_progress(s, year).set_index("code")
        listed = [(y, agency, st) for y, agency, st, *_ in measure_statuses(s, int(rows.loc["5.2", "measure_id"]))]
    assert (year, "Länsstyrelsen", "done") in listed
    assert rows.loc["5.2", "reports"] == {} and rows.loc["5.2", "state"] == "not_reported", rows.loc["5.2"]
    assert all(sum(r.values()) <= e for r, e in zip(rows["reports"], rows["expected"])), rows[["reports", "expected"]]
    # the lägesrapport and Mötesläge (report_data) and Översikt's goal card count the same way (they counted it)
    from okdata.overview import goal_cards

    with db.read_session(sample_url) as s:
        report = report_data(s, year)
        card = next(c for c in goal_cards(s, year) if c.number == 5)
    goal = next(g for g in report["goals"] if g["number"] == 5)
    measure = next(m for m in goal["measures"] if m["code"] == "5.2")
    assert (measure["state"], measure["reported"], measure["expected"]) == ("not_reported", 0, 1), measure
    assert any(r["agency"] == "Länsstyrelsen" for r in measure["statuses"])  # listed, not counted
    assert goal["status_distribution"] == progress_of_goal(sample_url, year, 5)
    for g in report["goals"]:
        assert sum(g["report_distribution"].values()) <= sum(m["expected"] for m in g["measures"])
    assert card.measures_with_status == sum(1 for m in goal["measures"] if m["reported"])
