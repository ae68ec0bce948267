"""Test that every text a person types into a form is saved as every file and both databases can carry it: a
control character pasted with it (a NUL byte, Word's line break \\x0b, a bell) is a line break or dropped, as
`okdata.file_text.file_safe` makes it, and never an error (PostgreSQL refuses a NUL byte in text outright); and
that a control of the text's direction (right-to-left override, U+202E, which shows "fil\u202excod.exe" as
"filexe.docx") is dropped wherever a text comes in, typed or in a return's cells, and wherever one is shown."""

import io
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from okdata import db
from okdata.analysis import analyses, save_analysis
from okdata.auth import Actor, actor_for, add_user, audit_frame, operator_actor
from okdata.catalog import find_agency
from okdata.catalog_edits import add_series_break, series_breaks
from okdata.domain import Result, Role
from okdata.groups import list_groups, save_group
from okdata.meetings import current_note, save_note
from okdata.models import ImportBatch, ReportingYear, User
from okdata.periods import reopen_year
from okdata.returns import save_return
from okdata.review import review, submitted_batches
from okdata.scope import EVERYTHING
from okdata.signin import sign_in
from okdata.template import build_template
from tests.db_support import break_down
from tests.return_corpus import fill

TYPED = "Rad ett\x0bRad två\x00 med\x07 \u202enul\u202c\u2067\u2069"
SAVED = "Rad ett\nRad två med nul"
ON_ONE_LINE = "Rad ett Rad två med nul"  # a field of one line: the line break is a space


def _return_reason(s, coord):
    batch_id = int(submitted_batches(s, EVERYTHING).id.iloc[0])
    assert review(s, batch_id, coord, approve=False, reason=TYPED).ok
    return lambda r: r.get(ImportBatch, batch_id).review_note


def _reopen_reason(s, coord):
    assert reopen_year(s, coord, 2025, date(2099, 1, 1), TYPED, today=date(2098, 1, 1)).ok
    return lambda r: r.get(ReportingYear, 2025).reopen_reason


def _series_break(s, coord):
    assert add_series_break(s, coord, "1.1a", 2024, TYPED).ok
    return lambda r: series_breaks(r).description.tolist()


def _display_name(s, coord):
    add_user(s, operator_actor(), "ny.lasare", "reader", None, display_name=TYPED)
    return lambda r: r.scalar(select(User.display_name).where(User.username == "ny.lasare"))


def _group_name(s, coord):
    assert save_group(s, coord, TYPED, ["0114", "0115"]).ok
    return lambda r: list(list_groups(r, coord.username))


def _meeting_notes(s, coord):
    save_note(s, coord, date(2026, 3, 1), 2025, 2, TYPED, TYPED)
    return lambda r: list(current_note(r, date(2026, 3, 1), 2))


def _analysis(s, coord):
    assert save_analysis(s, coord, 2025, 2, TYPED).ok
    return lambda r: analyses(r, 2025)[2]


CASES = {"return_reason": (_return_reason, SAVED), "reopen_reason": (_reopen_reason, SAVED),
         "series_break": (_series_break, [SAVED]), "display_name": (_display_name, ON_ONE_LINE),
         "group_name": (_group_name, [ON_ONE_LINE]), "meeting_notes": (_meeting_notes, [SAVED, SAVED]),
         "analysis": (_analysis, SAVED)}


@pytest.mark.parametrize("write, expected", CASES.values(), ids=CASES)
def test_a_typed_text_with_control_characters_is_saved_cleaned_on_either_database(backend, write, expected):
    url = backend.fresh("sample")
    with db.session(url) as s:
        read = write(s, actor_for(s, "demo-samordnare"))
    with db.read_session(url) as s:
        assert read(s) == expected


def test_a_sign_in_or_a_log_filter_with_a_nul_byte_reads_the_name_without_it_and_raises_nothing(backend):
    """Test that a name with a NUL byte (a crafted form) is the name without it when signing in and filtering the
    log, with no error: PostgreSQL refused the query that looked the name up."""
    url = backend.fresh("sample")
    assert sign_in(url, "ingen\x00sadan", "fel lösenord", "10.0.0.9").outcome == "unknown"
    assert sign_in(url, "demo-samordnare\x00", "demo", "10.0.0.9").outcome == "ok"
    with db.read_session(url) as s:
        failed = audit_frame(s, EVERYTHING, user="ingen\x00sadan")
        assert failed[["user_name", "action"]].values.tolist() == [["ingensadan", "login_failed"]]


def test_a_return_whose_file_name_holds_a_nul_byte_is_saved_under_the_name_without_it(empty_url):
    """Test that an upload's file name (the browser's, which a crafted request may give a NUL byte) is saved and
    shown without what no database or file can carry: PostgreSQL refused the whole return."""
    with db.read_session(empty_url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, "KVV"), 2025).content))
    fill(wb)
    buf = io.BytesIO()
    wb.save(buf)
    coordinator = Actor("anna", "Anna Andersson", Role.COORDINATOR)
    with db.session(empty_url) as s:
        saved = save_return(s, buf.getvalue(), "retur\x00 2025\x07\u202exslx.xlsx", None, coordinator,
                            today=date(2026, 11, 24))
    assert saved.outcome == "saved"
    with db.read_session(empty_url) as s:
        assert s.get(ImportBatch, saved.batch_id).file_name == "retur 2025xslx.xlsx"


def test_a_direction_control_in_a_returns_text_cells_is_not_saved_and_an_old_one_is_not_shown(empty_url):
    """Test that a measure's description and a value's comment in a return are saved without a control of the
    text's direction, and that one saved before (or typed at the command line into the store) is shown without it."""
    from okdata.models import MeasureStatus, Observation
    from okdata.web.widgets import plain

    with db.read_session(empty_url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, "KVV"), 2025).content))
    fill(wb)
    wb["Åtgärder"]["F4"] = "Arbetet \u202eågåp\u202c klart"
    comment_column = next(c.column_letter for c in wb["Indikatorer"][4] if c.value == "Kommentar")
    wb["Indikatorer"][f"{comment_column}5"] = "Se \u2067bilaga\u2069 \u202dett\u202c"
    buf = io.BytesIO()
    wb.save(buf)
    coordinator = Actor("anna", "Anna Andersson", Role.COORDINATOR)
    with db.session(empty_url) as s:
        saved = save_return(s, buf.getvalue(), "retur.xlsx", None, coordinator, today=date(2026, 11, 24))
    assert saved.outcome == "saved", saved
    with db.read_session(empty_url) as s:
        texts_saved = set(s.scalars(select(MeasureStatus.description).where(MeasureStatus.batch_id == saved.batch_id)))
        comments = set(s.scalars(select(Observation.comment).where(Observation.batch_id == saved.batch_id)))
    assert "Arbetet ågåp klart" in texts_saved and "Se bilaga ett" in comments
    direction = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert not any(ch in direction for ch in "".join(texts_saved | comments))
    assert plain("fil\u202excod.exe") == "fil" + "xcod" + "\\.exe"


def test_a_direction_control_saved_before_is_not_in_a_table_or_an_export(sample_url):
    """A comment saved with a right-to-left override before such controls were dropped stood as saved in the
    pages' tables and in the exports (CSV and Excel), where 'fil\u202excod.exe' reads 'filexe.docx'."""
    import pandas as pd
    from sqlalchemy import update

    from okdata.export import export_frame, neutralise, to_csv, to_xlsx
    from okdata.models import Observation
    from okdata.scope import EVERYTHING
    from okdata.web.widgets import safe_cells

    assert neutralise("fil\u202excod.exe") == "filxcod.exe"
    shown = safe_cells(pd.DataFrame({"Kommentar": ["fil\u202excod.exe", "vanlig"]}, dtype=object))
    assert list(shown["Kommentar"]) == ["filxcod.exe", "vanlig"]
    with db.session(sample_url) as s:
        s.execute(update(Observation).where(Observation.year == 2025).values(comment="fil\u202excod.exe"))
    with db.read_session(sample_url) as s:
        df = export_frame(s, EVERYTHING, 2025)
    assert "\u202e" not in to_csv(df).decode("utf-8-sig") and "filxcod.exe" in to_csv(df).decode("utf-8-sig")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(df)))
    cells = [str(c) for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "filxcod.exe" in cells and not any("\u202e" in c for c in cells)
    from okdata.report_files import _file_safe  # what the report files (pptx, docx, pdf, xlsx) are built from

    assert _file_safe({"analys": ["fil\u202excod.exe"]}) == {"analys": ["filxcod.exe"]}


NAMED = "befolkning\x00\u202e\n=1+1 " + "x" * 400 + ".csv"  # what a crafted request can give as a file's name


def test_an_uploaded_files_name_is_saved_as_one_line_of_text_by_every_import_not_only_the_returns(sample_url):
    """A return's file name was saved as one line without NUL or controls of its direction, at most 300
    characters; the population, published-figure and catalog imports saved the name as given: NUL (which
    PostgreSQL cannot store in text: a traceback there), U+202E and a line break reached the population's source and
    the audit log, and a 400-character name overran the audit's 100-character field on PostgreSQL."""
    import tomllib

    from okdata.catalog_revisions import catalog_document, import_catalog, to_toml
    from okdata.models import AuditEvent, CatalogRevision, ImportBatch, Population
    from okdata.population import import_population
    from okdata.reference import import_reference
    from tests.test_catalog_revisions import PUBLISHED, SCB, _coordinator

    with db.session(sample_url) as s:
        coord = _coordinator(s)
        assert import_population(s, coord, NAMED, SCB.encode("cp1252")).ok
    break_down(sample_url, "R2.1", "group")  # the file's figures are by sex
    with db.session(sample_url) as s:
        assert import_reference(s, _coordinator(s), PUBLISHED.encode(), NAMED).ok
    with db.session(sample_url) as s:
        doc = catalog_document(s)
        doc["measure"][0]["text"] += " (ändrad)"
        assert tomllib.loads(to_toml(doc))
        assert import_catalog(s, _coordinator(s), to_toml(doc).encode(), NAMED).ok
    with db.read_session(sample_url) as s:
        saved = [p.source for p in s.scalars(select(Population).where(Population.source.like("%befolkning%")))]
        saved += [b.file_name for b in s.scalars(select(ImportBatch).where(ImportBatch.kind == "reference"))]
        saved += [r.source for r in s.scalars(select(CatalogRevision))]
        events = s.scalars(select(AuditEvent).where(AuditEvent.action.in_(
            ["population_import", "reference_import", "catalog_revision"]))).all()
        saved += [e.entity_id for e in events] + [str((e.after or {}).get("file") or (e.after or {}).get("source"))
                                                  for e in events]
    named = [n for n in saved if "befolkning" in n]
    assert len(named) >= 6, saved
    for name in named:
        assert not any(c in name for c in "\x00\u202e\n") and "x" * 300 not in name, repr(name[:80])


LONG_USER = "samordnare." + "a" * 72 + "@lansstyrelsen.se"  # 100 characters, as long as an account's name may be


def test_a_user_name_as_long_as_an_account_may_have_is_kept_by_every_record_of_what_the_user_did(backend):
    """An account's name could have 200 characters (an organisation's e-mail address for single sign-on), but an
    upload's, a review's, an undo's, a reopened year's and a series break's record of who did it had room for 100:
    on PostgreSQL each of these ended in a traceback (value too long for character varying(100)) for such a user.
    A name is now at most 100 characters, every such record has room for it, and a longer one is refused."""
    from okdata.history import rollback
    from okdata.models import SQLModel

    url = backend.fresh("sample")
    with db.session(url) as s:
        with pytest.raises(ValueError, match="högst 100 tecken"):
            add_user(s, operator_actor(), "x" + LONG_USER, "coordinator", None)
        add_user(s, operator_actor(), LONG_USER, "coordinator", None)
        add_user(s, operator_actor(), LONG_USER.replace("samordnare", "rapportor."), "reporter", None,
                 agency_id=find_agency(s, "KVV").id)
    records = [(t.name, c.name, c.type.length) for t in SQLModel.metadata.tables.values() for c in t.columns
               if c.name.endswith(("_by", "user_name", "author")) and c.name != "replaced_by"  # an indicator's code
               and getattr(c.type, "length", None)]
    assert len(records) >= 8 and all(n >= len(LONG_USER) for _, _, n in records), records
    with db.read_session(url) as s:
        wb = openpyxl.load_workbook(io.BytesIO(build_template(s, find_agency(s, "KVV"), 2025).content))
    fill(wb)
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(url) as s:
        coord = actor_for(s, LONG_USER)
        assert coord.username == LONG_USER
        assert add_series_break(s, coord, "1.1a", 2024, "Ny definition").ok
    with db.session(url) as s:
        assert reopen_year(s, coord, 2025, date(2099, 1, 1), "Rättelse", today=date(2098, 1, 1)).ok
    with db.session(url) as s:
        reporter = actor_for(s, LONG_USER.replace("samordnare", "rapportor."))
        saved = save_return(s, buf.getvalue(), "kvv.xlsx", None, reporter, today=date(2098, 1, 2))
        assert saved.outcome == "saved", saved
        batch_id = s.scalar(select(ImportBatch.id).where(ImportBatch.file_name == "kvv.xlsx"))
    with db.session(url) as s:
        assert review(s, batch_id, coord, approve=True).ok
    with db.session(url) as s:
        assert rollback(s, batch_id, coord, today=date(2098, 1, 3)).ok
    with db.read_session(url) as s:
        batch = s.get(ImportBatch, batch_id)
        assert (batch.user_name, batch.reviewed_by, batch.rolled_back_by) == (reporter.username, LONG_USER, LONG_USER)
        assert len(reporter.username) == len(LONG_USER)
        assert s.get(ReportingYear, 2025).reopened_by == LONG_USER
        assert LONG_USER in series_breaks(s)["by"].tolist()


LONG_TEXT = "Lång text. " * 1819 + "Slut"  # 20 013 characters: more than an analysis may have


@pytest.mark.parametrize("write", [
    lambda s, c: review(s, int(submitted_batches(s, EVERYTHING).id.iloc[0]), c, approve=False, reason=LONG_TEXT),
    lambda s, c: reopen_year(s, c, 2025, date(2099, 1, 1), LONG_TEXT, today=date(2098, 1, 1)),
    lambda s, c: add_series_break(s, c, "1.1a", 2024, LONG_TEXT),
    lambda s, c: save_note(s, c, date(2026, 3, 1), 2025, 2, "Kort", LONG_TEXT),
], ids=["return_reason", "reopen_reason", "series_break", "meeting_decisions"])
def test_a_typed_text_longer_than_an_analysis_may_be_is_refused_in_swedish_and_nothing_is_saved(backend, write):
    """An analysis was limited to 20 000 characters, but a return's reason, a reopened year's reason, a series
    break's description and a meeting's notes and decisions took any length (a whole document pasted by mistake
    went into the log, the decision log and the report). Each is refused as the analysis is, naming the limit."""
    from okdata.models import AuditEvent

    url = backend.fresh("sample")
    with db.read_session(url) as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent))
    with db.session(url) as s:
        coord = actor_for(s, "demo-samordnare")
        try:
            said = write(s, coord)
            message = said.message if getattr(said, "result", None) == Result.REFUSED else "saved"
        except ValueError as e:
            message = str(e)
    assert "20\u00a0000" in message, message
    with db.read_session(url) as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == events
