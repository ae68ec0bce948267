"""Test the reporting-rate view (issue 17): every agency's return for a year in one table — state, on time or days
late, share of expected values, last upload — agreeing with each agency's own view on Myndigheter."""

import json
from datetime import date, datetime, timedelta

from okdata import clock, db, texts
from okdata.auth import actor_for
from okdata.catalog import find_agency
from okdata.completeness import agency_state, completeness
from okdata.domain import ReportingState
from okdata.explore import agency_view
from okdata.formatting import fmt_pct, fmt_quantity
from okdata.periods import open_reporting_year
from okdata.returns import save_return
from okdata.review import review
from tests.apptest_support import COORDINATOR, app, open_page

YEAR = 2025
DATA = db.ROOT / "sample_data"
WORDS = texts.REPORTING_RATE


def _returns(url: str, deadline: date) -> None:
    """Kriminalvården submits (waits for review), Polisen is approved, Åklagarmyndigheten is returned; the returns
    are checked as on the deadline and stored now (the days late count from their real time)."""
    with db.session(url) as s:
        coord, kvv = actor_for(s, "demo-samordnare"), actor_for(s, "demo-kriminalvarden")
        open_reporting_year(s, coord, YEAR, deadline)
        assert save_return(s, (DATA / "exempel_Kriminalvarden_2025.xlsx").read_bytes(),
                           "exempel_Kriminalvarden_2025.xlsx", None, kvv, today=deadline).outcome == "saved"
        assert save_return(s, (DATA / "exempel_Polisen_2025.xlsx").read_bytes(), "exempel_Polisen_2025.xlsx",
                           "Polismyndigheten", coord, today=deadline).outcome == "saved"
        returned = save_return(s, (DATA / "exempel_Aklagarmyndigheten_2025.xlsx").read_bytes(),
                               "exempel_Aklagarmyndigheten_2025.xlsx", "Åklagarmyndigheten", coord, today=deadline)
        s.flush()
    with db.session(url) as s:
        from sqlalchemy import update

        from okdata.models import ImportBatch
        # A coordinator's own upload is approved at once: make this one wait for review, as a reporter's would.
        s.execute(update(ImportBatch).where(ImportBatch.id == returned.batch_id).values(status="submitted"))
    with db.session(url) as s:
        assert review(s, returned.batch_id, actor_for(s, "demo-samordnare"), approve=False,
                      reason="Fel år i flera rader").code == "ok"


def test_days_late_count_from_the_deadline_to_the_first_upload_that_counts_or_to_today():
    """Test that an agency is on time when its first counting upload came by the deadline, late by the days after
    it otherwise, and late until today while nothing counts."""
    deadline, today = date(2026, 3, 31), date(2026, 4, 10)
    early, late = datetime(2026, 3, 30, 9), datetime(2026, 4, 3, 9)
    on_time = agency_state("A", 10, {"approved": (1, early, late)}, deadline, today)
    after = agency_state("B", 10, {"submitted": (2, late, late)}, deadline, today)
    returned = agency_state("C", 10, {"returned": (1, early, early)}, deadline, today)
    silent = agency_state("D", 10, {}, deadline, today)
    before_deadline = agency_state("E", 10, {}, deadline, date(2026, 3, 1))
    assert on_time.days_late is None and not on_time.overdue
    assert after.days_late == 3 and not after.overdue
    assert returned.days_late == 10 and returned.overdue and returned.status == ReportingState.RETURNED
    assert silent.days_late == 10 and silent.overdue
    assert before_deadline.days_late is None and not before_deadline.overdue
    assert fmt_quantity(1, texts.DAYS) == "1 dag" and fmt_quantity(3, texts.DAYS) == "3 dagar"


def test_the_reporting_table_agrees_with_each_agencys_own_view(sample_url):
    """Test that every agency's state, days late and reported values in the all-agencies table are those of its
    own view on Myndigheter (which counts values confirmed unchanged as reported)."""
    with db.read_session(sample_url) as s:
        before = sum(r.has_reported for r in completeness(s, YEAR))
    _returns(sample_url, clock.today() - timedelta(days=5))
    with db.read_session(sample_url) as s:
        rows = {r.agency: r for r in completeness(s, YEAR, values=True)}
        for code in ("KVV", "POL", "AKL", "FK"):
            agency = find_agency(s, code)
            view = agency_view(s, agency, [YEAR], YEAR)
            assert rows[agency.name] == view.state, code
            assert rows[agency.name].reported == int(view.reporting.reported.iloc[0])
    kvv, pol, am = rows["Kriminalvården"], rows["Polismyndigheten"], rows["Åklagarmyndigheten"]
    assert kvv.status == ReportingState.SUBMITTED and kvv.days_late == 5 and kvv.share == 1
    assert pol.status == ReportingState.APPROVED and pol.reported == pol.expected > 0
    assert am.status == ReportingState.RETURNED and am.overdue and am.reported == 0
    assert sum(r.has_reported for r in rows.values()) == before + 2


def test_the_reporting_page_lists_every_agency_and_filters_those_that_have_not_reported(sample_url):
    """Test that Rapporteringsläge shows all reporting agencies with state, timing, share and last upload, and that
    "Visa bara ej rapporterat" leaves out those that have sent in."""
    _returns(sample_url, clock.today() - timedelta(days=5))
    with db.read_session(sample_url) as s:
        rows = completeness(s, YEAR, values=True)
    at = open_page("pages/13_Rapporteringslage.py", ar=YEAR)
    table = at.dataframe[0].value.set_index(WORDS["col_agency"])
    assert list(table.index) == [r.agency for r in rows]
    # drawn wide: "Regionkoordinatorerna mot prostitution och människohandel" was cut at the default width
    assert json.loads(at.dataframe[0].proto.columns)[WORDS["col_agency"]]["width"] == "large"
    kvv = table.loc["Kriminalvården"]
    assert kvv[WORDS["col_state"]] == texts.REPORTING_STATES[ReportingState.SUBMITTED]
    assert kvv[WORDS["col_time"]] == "⚠ 5 dagar sent" and kvv[WORDS["col_share"]] == fmt_pct(1, 0)
    assert kvv[WORDS["col_last"]] != "–"
    for r in rows:
        assert table.loc[r.agency, WORDS["col_state"]] == texts.REPORTING_STATES[r.status]
        assert (table.loc[r.agency, WORDS["col_last"]] == "–") == (r.last_upload is None)
    assert table.loc["Åklagarmyndigheten", WORDS["col_state"]] == texts.REPORTING_STATES[ReportingState.RETURNED]
    at.toggle(key="rr_missing").set_value(True).run()
    missing = at.dataframe[0].value[WORDS["col_agency"]].tolist()
    assert at.query_params["ej_rapporterat"] in ("1", ["1"])
    assert "Kriminalvården" not in missing and "Polismyndigheten" not in missing
    assert "Åklagarmyndigheten" in missing and len(missing) == sum(not r.has_reported for r in rows) > 0


def test_the_overview_figure_links_to_the_reporting_page(sample_url):
    """Test that Översikt's "x av y myndigheter har skickat in" is a link to Rapporteringsläge for the year."""
    with db.read_session(sample_url) as s:
        rows = completeness(s, YEAR)
    at = open_page("app.py", ar=YEAR)
    links = [p for p in at.get("page_link") if p.proto.page == "Rapporteringslage"]
    assert links and links[0].proto.label == texts.PROGRESS_VIEW["completeness"].format(
        year=YEAR, done=sum(r.has_reported for r in rows), total=len(rows),
        approved=sum(r.status == ReportingState.APPROVED for r in rows))
    assert links[0].proto.query_string == f"ar={YEAR}"
    # An audit: "32 av 36 myndigheter har skickat in" counted municipalities as agencies and two returns waiting
    # for review with the approved ones, above figures that count approved returns only
    assert links[0].proto.label == "Rapportering 2025: 32 av 36 myndigheter och kommuner har skickat in, 30 godkända"


def test_what_a_plan_holds_is_counted_in_the_singular_and_the_plural():
    """Test that Översikt's line on the plan says '1 åtgärd' and '1 indikator' for a plan of one measure (it said
    '1 åtgärder, 1 indikatorer' for a plan period of one carried-over goal)."""
    from okdata.formatting import fmt_contents

    assert fmt_contents(1, 1, 1, texts.REGIONAL_GOALS) == "1 regionalt mål, 1 åtgärd och 1 indikator"
    assert fmt_contents(8, 55, 120, texts.REGIONAL_GOALS) == "8 regionala mål, 55 åtgärder och 120 indikatorer"
    assert fmt_contents(2, 3, 1) == "2 mål, 3 åtgärder och 1 indikator"


def test_an_opened_reporting_year_is_offered_before_anyone_has_reported_for_it(sample_url):
    """Rapporteringsläge and Översikt offered only years holding values: a year opened for reporting could not be
    chosen until someone uploaded for it (Myndigheter offered it); Rapporteringsläge offered 2019–2023, years
    before the plan, which no one reports for."""
    from okdata.auth import operator_actor
    from okdata.periods import open_reporting_year, reporting_years

    with db.session(sample_url) as s:
        open_reporting_year(s, operator_actor(), 2027, date(2028, 3, 31))
    with db.read_session(sample_url) as s:
        reporting = reporting_years(s)
    reporting_page = open_page("pages/13_Rapporteringslage.py")
    offered = [int(o) for o in reporting_page.selectbox(key="rr_year").options]
    assert offered == sorted({*reporting, 2027}, reverse=True) and 2019 not in offered
    assert reporting_page.selectbox(key="rr_year").value == YEAR  # the last whole reporting year, as before
    overview = open_page("app.py")
    assert 2027 in [int(o) for o in overview.selectbox(key="ov_year").options]
    for script in ("app.py", "pages/13_Rapporteringslage.py", "pages/1_Mal.py", "pages/4_Kommuner.py"):
        chosen = open_page(script, ar=2027)  # a year with nothing reported yet opens like any other
        assert not chosen.exception and not chosen.error, script


def test_a_correction_that_replaces_a_waiting_return_keeps_it_on_time_and_both_uploads_count(sample_url):
    """Test that an agency whose return came by the deadline stays on time when it sends a correction after the
    deadline while the first still awaits review (the correction replaces it), and that both uploads are counted:
    the correction made an on-time return "n dagar sent", and the replaced upload was left out of the count."""
    import io

    import openpyxl
    from sqlalchemy import update

    from okdata.models import ImportBatch

    deadline = date(2026, 3, 31)
    first = (DATA / "exempel_Kriminalvarden_2025.xlsx").read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(first))
    ws = wb["Indikatorer"]
    cell = next(c for row in ws.iter_rows(min_row=5, min_col=10, max_col=10) for c in row
                if isinstance(c.value, int | float) and not isinstance(c.value, bool))
    cell.value += 1
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(sample_url) as s:
        coord, kvv = actor_for(s, "demo-samordnare"), actor_for(s, "demo-kriminalvarden")
        open_reporting_year(s, coord, YEAR, deadline)
        one = save_return(s, first, "exempel_Kriminalvarden_2025.xlsx", None, kvv, today=deadline)
        two = save_return(s, buf.getvalue(), "rattelse.xlsx", None, kvv, today=deadline)
        assert (one.outcome, two.outcome) == ("saved", "saved")
    with db.session(sample_url) as s:
        s.execute(update(ImportBatch).where(ImportBatch.id == one.batch_id).values(created_at=datetime(2026, 3, 30, 9)))
        s.execute(update(ImportBatch).where(ImportBatch.id == two.batch_id).values(created_at=datetime(2026, 4, 6, 9)))
    with db.read_session(sample_url) as s:
        assert s.get(ImportBatch, one.batch_id).status == "replaced"
        row = next(r for r in completeness(s, YEAR, today=date(2026, 4, 10)) if r.agency == "Kriminalvården")
        view = agency_view(s, find_agency(s, "KVV"), [YEAR], YEAR).state
    assert row.status == ReportingState.SUBMITTED
    assert row.days_late is None and not row.overdue
    assert row.uploads == 2
    assert (view.days_late, view.uploads) == (None, 2)


def test_a_share_short_of_complete_never_reads_100_per_cent_nor_one_above_nothing_0_per_cent():
    """Test that a completeness share in whole per cent shows a decimal where rounding would reach an end: 514 of
    515 expected values read "100 %" as if nothing were missing."""
    from okdata.formatting import fmt_share

    assert fmt_share(514 / 515) == "99,8\u00a0%" and fmt_share(9999 / 10000) == "99,9\u00a0%"
    assert fmt_share(1 / 515) == "0,2\u00a0%" and fmt_share(1 / 100000) == "0,1\u00a0%"
    assert (fmt_share(1), fmt_share(0), fmt_share(0.5), fmt_share(0.994), fmt_share(None)) == (
        "100\u00a0%", "0\u00a0%", "50\u00a0%", "99\u00a0%", "–")


def test_rapporteringslage_and_myndigheter_do_not_round_one_missing_value_up_to_100_per_cent(sample_url):
    """Test that an agency holding 514 of its 515 expected values reads 99,8 % on Rapporteringsläge and
    Myndigheter (both showed "100 %" beside "514 av 515")."""
    import io

    import openpyxl

    from okdata.sample_returns import filled_return

    with db.session(sample_url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(filled_return(s, find_agency(s, "LST"), YEAR)))
    ws = wb["Indikatorer"]
    next(row for row in ws.iter_rows(min_row=5) if row[0].value == "R4.1")[9].value = None
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(sample_url) as s:
        assert save_return(s, buf.getvalue(), "lst_2025.xlsx", None, actor_for(s, COORDINATOR)).outcome == "saved"
    with db.read_session(sample_url) as s:
        lst = next(r for r in completeness(s, YEAR, values=True) if r.agency == "Länsstyrelsen i Stockholms län")
    assert lst.reported == lst.expected - 1
    table = open_page("pages/13_Rapporteringslage.py", ar=YEAR).dataframe[0].value.set_index(WORDS["col_agency"])
    assert table.loc["Länsstyrelsen i Stockholms län", WORDS["col_share"]] == "99,8\u00a0%"
    own = open_page("pages/2_Myndigheter.py", myndighet="LST", ar=YEAR)
    years = next(d.value for d in own.dataframe if texts.AGENCY_VIEW["columns"]["share"] in d.value.columns)
    assert years.set_index(texts.AGENCY_VIEW["columns"]["year"]).loc[YEAR, texts.AGENCY_VIEW["columns"]["share"]] == (
        "99,8\u00a0%")


def test_the_overview_offers_no_year_before_the_plan_and_its_links_open_the_year_it_shows(sample_url):
    """Test that Översikt offers only reporting years that the other pages offer too: it offered 2019–2023, years
    before the plan, and counted "Rapportering 2023: 0 av 36 myndigheter har skickat in" and "0 av 7 åtgärder har
    status" for them, and its link named 2023 opened Rapporteringsläge on 2025."""
    from okdata.periods import reporting_year_choices
    from okdata.values import data_state

    with db.read_session(sample_url) as s:
        reporting, shown = reporting_year_choices(s), data_state(s).years
    at = app()
    at.query_params["ar"] = "2023"  # a link to the year, opened fresh
    at.run()
    offered = [int(o) for o in at.selectbox(key="ov_year").options]
    assert offered and offered == [y for y in shown if y in reporting] and 2023 not in offered
    assert at.selectbox(key="ov_year").value == YEAR
    assert not [p for p in at.get("page_link") if "2023" in p.proto.label]
    for year in offered:
        at = app()
        at.query_params["ar"] = str(year)
        at.run()
        links = {p.proto.page: p.proto.query_string for p in at.main.get("page_link")
                 if p.proto.page in ("Rapporteringslage", "Mal")}
        assert links == {"Rapporteringslage": f"ar={year}", "Mal": f"mal=8&ar={year}"}, year


def test_a_correction_waiting_for_review_after_an_approved_return_is_counted_as_waiting_and_said_in_its_row(
        sample_url):
    """An audit: with Polisen's return approved and its correction sent in, Rapporteringsläge counted 2 waiting
    for review while Granska listed 3, and Polisen's row said only '● Godkänd' (approved outranks submitted)."""
    with db.session(sample_url) as s:
        coord, pol = actor_for(s, "demo-samordnare"), actor_for(s, "demo-polisen")
        open_reporting_year(s, coord, YEAR, clock.today() + timedelta(days=30))
        first = save_return(s, (DATA / "exempel_Polisen_2025.xlsx").read_bytes(), "exempel_Polisen_2025.xlsx",
                            "Polismyndigheten", coord)
        assert first.outcome == "saved"
    with db.session(sample_url) as s:
        import io

        import openpyxl
        wb = openpyxl.load_workbook(DATA / "exempel_Polisen_2025.xlsx")
        ws = wb["Indikatorer"]
        cell = next(c for row in ws.iter_rows(min_row=5, min_col=10, max_col=10) for c in row
                    if isinstance(c.value, int | float) and not isinstance(c.value, bool))
        cell.value += 1
        buf = io.BytesIO()
        wb.save(buf)
        assert save_return(s, buf.getvalue(), "rattelse.xlsx", None, pol).outcome == "saved"
    with db.read_session(sample_url) as s:
        row = next(r for r in completeness(s, YEAR) if r.agency == "Polismyndigheten")
        waiting = sum(r.waiting for r in completeness(s, YEAR))
    assert row.status == ReportingState.APPROVED and row.waiting
    at = open_page("pages/13_Rapporteringslage.py", "demo-samordnare", ar=YEAR)
    assert not at.exception
    metric = next(m for m in at.metric if m.label == WORDS["waiting"])
    queue = open_page("pages/7_Granska.py", "demo-samordnare")
    assert int(metric.value) == waiting == len(queue.dataframe[0].value)
    table = at.dataframe[0].value
    police = table[table.iloc[:, 0] == "Polismyndigheten"].iloc[0]
    assert police[WORDS["col_state"]] == texts.REPORTING_CORRECTION_WAITING, police


def test_a_reopened_year_says_until_when_beside_its_deadline(sample_url):
    """Test that Rapporteringsläge and Myndigheter say that the year is open again, and until when, beside its
    passed deadline: they said only "Sista dag för 2025: 2026-11-20" and "14 dagar sent" while Lägesrapport said
    the year was open again until 2027-03-04, and neither named the other date (found by a screenshot review)."""
    from okdata.periods import year_state
    from tests.apptest_support import COORDINATOR, literal, open_page

    with db.read_session(sample_url) as s:
        until = year_state(s, 2025).reopened_until
    assert until is not None  # the example story reopens 2025
    said = texts.YEAR_NOTICE["reopened"].format(year=2025, until=until.isoformat())
    for page, params in (("pages/13_Rapporteringslage.py", {"ar": 2025}),
                         ("pages/2_Myndigheter.py", {"ar": 2025, "myndighet": "POL"})):
        at = open_page(page, user=COORDINATOR, **params)
        shown = " ".join(literal(e.value) for e in [*at.markdown, *at.info, *at.error, *at.caption])
        assert said in shown, (page, shown[:600])


def test_myndigheters_count_does_not_say_it_leaves_out_the_example_uploads_it_counts(sample_url):
    """Test that the caption under Myndigheter's table says what it leaves out in words that fit the example
    database: it said "inte exempeldata" under Länsstyrelsen's 510 of 515, all of them from example uploads, the
    latest named just above it as "exempeldata (Godkänd)" (found by a screenshot review). It leaves out values
    loaded without an upload: the example database's base figures and published statistics."""
    from tests.apptest_support import COORDINATOR, literal, open_page

    at = open_page("pages/2_Myndigheter.py", user=COORDINATOR, ar=2025, myndighet="LST")
    shown = [literal(c.value) for c in at.caption]
    assert any("exempeldata (Godkänd)" in c for c in shown), shown
    counted = next(c for c in shown if c.startswith("Räknar värden"))
    assert "inte exempeldata" not in counted and "uppladdade" in counted, counted
