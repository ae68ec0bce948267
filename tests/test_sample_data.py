"""Test the example returns in sample_data/: clean files import, the file with mistakes shows them all."""

from datetime import date
from pathlib import Path

import pytest

from okdata import clock, db
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


def test_the_sample_database_tells_the_reporting_year_as_it_looks_after_the_deadline(sample_url):
    """Test that `init --sample` gives a lived-in year: most returns approved, two awaiting review, one returned with
    a reason, three late; a previous meeting with decisions; last year's lägesrapport published — every story
    upload labelled Exempeldata, and the figures the views show are the example database's own."""
    from collections import Counter

    from sqlalchemy import func, select

    from okdata.completeness import completeness
    from okdata.domain import ReportingState
    from okdata.meetings import decision_log, previous_meeting
    from okdata.models import ImportBatch, MeasureStatus, Observation
    from okdata.periods import year_state
    from okdata.report import publications
    from okdata.review import submitted_batches
    from okdata.scope import EVERYTHING

    with db.read_session(sample_url) as s:
        rows = completeness(s, 2025, values=True)
        states = Counter(r.status for r in rows)
        waiting = submitted_batches(s, EVERYTHING)
        returned = s.scalars(select(ImportBatch).where(ImportBatch.status == "returned")).all()
        meeting = previous_meeting(s, clock.today())
        log = decision_log(s, None, clock.today())
        published = publications(s)
        uploads = [b.id for b in s.scalars(select(ImportBatch).where(ImportBatch.kind == "upload"))]
        unlabelled = s.scalar(select(func.count()).select_from(Observation).where(
            Observation.batch_id.in_(uploads), Observation.is_example.is_(False)))
        unlabelled += s.scalar(select(func.count()).select_from(MeasureStatus).where(
            MeasureStatus.batch_id.in_(uploads), MeasureStatus.is_example.is_(False)))
        open_now = not year_state(s, 2025).locked
    assert states[ReportingState.APPROVED] >= len(rows) - 6 and states[ReportingState.SUBMITTED] == 2
    assert states[ReportingState.RETURNED] == 1 and returned[0].review_note
    late = [r.agency for r in rows if r.overdue and r.status == ReportingState.NOT_STARTED]
    assert sorted(late) == ["Kriminalvården", "Polismyndigheten", "Åklagarmyndigheten"]
    assert any(r.days_late for r in rows if r.status == ReportingState.APPROVED)  # one came in late
    assert len(waiting) == 2 and meeting is not None and meeting < clock.today()
    assert not log.empty and log.decisions.str.startswith("Exempeldata").all()
    assert list(zip(published.year, published.version)) == [(2024, 1)]
    assert uploads and unlabelled == 0 and open_now  # the demo accounts can still report


def test_the_sample_years_before_has_its_returns_in_on_time_as_its_published_report_says(sample_url):
    """The sample's 2024 figures and statuses were one example batch and no return: Rapporteringsläge 2024 showed
    all 36 agencies '611 dagar sent', and the published 2024 lägesrapport said '0 av 36 myndigheter har skickat in;
    220 av 220 väntade rapporter om åtgärder'."""
    from okdata.completeness import completeness
    from okdata.report import published_content

    with db.read_session(sample_url) as s:
        rows = completeness(s, 2024, values=True)
        summary = published_content(s, 2024, 1)["summary"]
    assert rows and all(r.has_reported and not r.overdue and not r.days_late for r in rows), rows
    assert summary["agencies_reported"] == summary["agencies"] == len(rows)
    assert all(r.reported for r in rows if r.expected)  # the returns hold the year's figures


def test_the_example_year_holds_no_status_of_an_agency_whose_return_is_not_in(sample_url):
    """An audit: the example's lägesrapport 2025 said '220 av 220 väntade rapporter om åtgärder' and Mötesläge
    'Avbruten enligt … Polismyndigheten' while Rapporteringsläge said that Polismyndigheten, Kriminalvården and
    Åklagarmyndigheten had not begun their returns and that Danderyd's was returned: the example database's own
    statuses of the year stood for them. An agency with no approved return for the year reports no status in it.
    A second audit: the two returns waiting for review were counted as approved ("193 av 220"), since the example's
    own statuses stood approved behind them; the check looked only at current rows, and theirs are the waiting
    ones."""
    from sqlalchemy import func, select

    from okdata.models import ImportBatch, MeasureStatus
    from okdata.report import report_data
    from okdata.report_files import reporting_line
    from okdata.scope import reporting_agencies

    with db.read_session(sample_url) as s:
        approved = set(s.scalars(select(ImportBatch.agency_id).where(
            ImportBatch.kind == "upload", ImportBatch.year == 2025, ImportBatch.status == "approved")))
        without = {a.id: a.name for a in reporting_agencies(s) if a.id not in approved}
        standing = dict(s.execute(select(MeasureStatus.agency_id, func.count()).where(
            MeasureStatus.year == 2025, MeasureStatus.is_approved.is_(True),
            MeasureStatus.agency_id.in_(without)).group_by(MeasureStatus.agency_id)).all())
        content = report_data(s, 2025)
    summary = content["summary"]
    assert len(without) == 6, without  # three late, two waiting for review, one returned
    assert not standing, {without[a]: n for a, n in standing.items()}
    assert 0 < summary["reports"] < summary["expected"], summary
    # the audit's own count of reports from approved returns; the line names the approved returns apart
    assert reporting_line(content).endswith("32 av 36 myndigheter och kommuner har skickat in, 30 godkända; 181 av "
                                            "220 väntade rapporter om åtgärder.")


@pytest.mark.parametrize("party", PARTIES)
def test_an_example_files_shares_and_rates_are_near_the_example_databases_figures_for_them(party, sample_url):
    """The example files' rates were drawn at random between 5 and 60 per 100 000 and their shares between 20 and
    80 %, whatever the example database held: Polisen's file put 2.4a at 5–60 where the database has about 400, so
    a demonstration upload made the county's chart fall by nine tenths. A share or rate with a figure in the example
    database for the same breakdown (that year, else the year before) is now that figure changed by a few per cent,
    as the counts are."""
    from sqlalchemy import select

    from okdata.models import Observation

    path = _clean(party)
    with db.read_session(sample_url) as s:
        check = check_return(s, path.read_bytes(), path.name, today=TODAY)
        o = Observation
        stored = {(r[0], r[1], *r[2:6]): r[6] for r in s.execute(
            select(o.indicator_id, o.year, o.violence_type, o.area_code, o.grp, o.category, o.value_num)
            .where(o.is_approved.is_(True), o.year.in_([2024, 2025]), o.value_num.is_not(None)))}
    compared = 0
    for v in check.parsed.values:
        if v.kind not in ("share", "rate") or v.value_num is None:
            continue
        figure = next((stored[k] for k in ((v.indicator_id, y, *v.key[2:]) for y in (v.year, v.year - 1))
                       if k in stored), None)
        if figure:
            compared += 1
            assert 0.85 * figure <= v.value_num <= 1.15 * figure, (v.sheet_row, v.value_num, figure)
    if party == "Polisen":
        assert compared > 0
