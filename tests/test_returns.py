"""Test the Excel return end to end: template, reading rules, every problem code, preview, save, undo, export."""

import io
import subprocess
import sys
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from okdata import db, texts
from okdata.auth import Actor
from okdata.catalog import find_agency
from okdata.domain import Role
from okdata.history import list_batches, rollback
from okdata.models import ImportBatch, Indicator, MeasureStatus, Observation
from okdata.returns import check_return, save_return
from okdata.scope import EVERYTHING
from okdata.template import build_template
from tests.return_corpus import _redate, _variant, base_values, build_cases, build_valid_cases

TODAY = date(2026, 11, 24)
COORD = Actor("anna", "Anna Andersson", Role.COORDINATOR)
REJECTED = build_cases()
VALID = build_valid_cases()


@pytest.fixture
def templates(empty_url):
    with db.read_session(empty_url) as s:
        return {"kvv": build_template(s, find_agency(s, "Kriminalvården"), 2025).content,
                "botkyrka": build_template(s, find_agency(s, "Botkyrka"), 2025).content}


def _data(case, templates) -> bytes:
    return case.data(templates) if callable(case.data) else case.data


def _snapshot(url) -> tuple:
    with db.read_session(url) as s:
        return (s.scalar(select(func.count()).select_from(Observation)),
                s.scalar(select(func.count()).select_from(MeasureStatus)),
                s.scalar(select(func.count()).select_from(ImportBatch)),
                s.scalar(select(func.sum(Observation.id)).where(Observation.is_current.is_(True))),
                s.scalar(select(func.sum(Observation.id)).where(Observation.is_approved.is_(True))))


def _stored(url) -> dict:
    with db.read_session(url) as s:
        q = (select(Indicator.code, Observation.violence_type, Observation.category, Observation.value_num,
                    Observation.value_text).join(Indicator, Indicator.id == Observation.indicator_id)
             .where(Observation.is_current.is_(True), Observation.year == 2025))
        return {(c, vt, cat): (num if num is not None else txt) for c, vt, cat, num, txt in s.execute(q)}


def test_the_corpus_has_at_least_30_distinct_bad_or_awkward_files():
    assert len(REJECTED) + len(VALID) - 1 >= 30
    assert len({c.name for c in REJECTED + VALID}) == len(REJECTED) + len(VALID)


def _kvv_reporter(url) -> Actor:
    with db.read_session(url) as s:
        kvv = find_agency(s, "KVV")
    return Actor("karin", "Karin på Kriminalvården", Role.REPORTER, kvv.id, kvv.code, kvv.name)


@pytest.mark.parametrize("case", REJECTED, ids=[c.name for c in REJECTED])
def test_a_bad_file_gets_exactly_its_problems_and_changes_nothing(case, templates, empty_url):
    before = _snapshot(empty_url)
    actor = COORD if case.actor == "coordinator" else _kvv_reporter(empty_url)
    with db.session(empty_url) as s:
        result = save_return(s, _data(case, templates), case.file_name, case.agency, actor, today=TODAY,
                             year=case.year)
    assert [p.key() for p in result.check.problems] == case.expected
    assert result.outcome == "errors" and result.batch_id is None
    assert all(p.message.endswith(".") for p in result.check.problems)
    assert _snapshot(empty_url) == before


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_an_awkward_but_valid_file_imports_with_the_right_numbers(case, templates, empty_url):
    with db.session(empty_url) as s:
        result = save_return(s, _data(case, templates), case.file_name, None, COORD, today=TODAY)
    assert [p.key() for p in result.check.problems] == case.expected
    assert result.outcome == "saved", result.check.problems
    expected = {k: v for k, v in {**base_values(), **(case.values or {})}.items() if v is not None}
    stored = _stored(empty_url)
    assert {k: v for k, v in stored.items() if k in expected} == expected
    assert stored[("5.4a", "", "")] == pytest.approx(1.0)
    assert result.check.n_statuses == 8


def test_the_file_of_an_earlier_return_corrected_since_can_be_uploaded_again_to_bring_its_figures_back(
        templates, empty_url):
    """A (3.6a = 200), then B correcting 3.6a to 250, both approved; B was the mistake, so the agency sends A's
    file again. It was refused as "the same file as nr A", although A no longer holds what the views show: only a
    file with the content of the agency's latest return for the year is a repeat."""
    def with_value(value: int) -> bytes:
        wb = openpyxl.load_workbook(io.BytesIO(_data(VALID[0], templates)))
        wb["Indikatorer"]["J20"] = value
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()

    first, correction = with_value(200), with_value(250)
    with db.session(empty_url) as s:
        a = save_return(s, first, "a.xlsx", None, COORD, today=TODAY)
        b = save_return(s, correction, "b.xlsx", None, COORD, today=TODAY)
        assert (a.outcome, b.outcome) == ("saved", "saved")
        again = save_return(s, first, "a.xlsx", None, COORD, today=TODAY)
        assert again.outcome == "saved" and again.check.n_changed == 1, (again.outcome, again.check.duplicate_of)
        assert save_return(s, first, "a.xlsx", None, COORD, today=TODAY).outcome == "duplicate"  # now a repeat
    assert _stored(empty_url)[("3.6a", "", "")] == 200


def test_uploading_the_same_file_twice_saves_nothing_the_second_time(templates, empty_url):
    data = _data(VALID[0], templates)
    with db.session(empty_url) as s:
        first = save_return(s, data, "kvv.xlsx", None, COORD, today=TODAY)
    before = _snapshot(empty_url)
    with db.session(empty_url) as s:
        second = save_return(s, data, "kvv.xlsx", None, COORD, today=TODAY)
    assert (first.outcome, second.outcome) == ("saved", "duplicate")
    assert second.batch_id == first.batch_id
    assert _snapshot(empty_url) == before


def _edited(template: bytes, **cells) -> bytes:
    from tests.return_corpus import fill

    wb = openpyxl.load_workbook(io.BytesIO(template))
    fill(wb)
    for ref, v in cells.items():
        wb["Indikatorer"][ref] = v
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_correction_shows_old_and_new_and_undo_restores_exactly(templates, empty_url):
    with db.session(empty_url) as s:
        first = save_return(s, _edited(templates["kvv"]), "v1.xlsx", None, COORD, today=TODAY)
    after_first = _stored(empty_url)
    with db.read_session(empty_url) as s:
        check = check_return(s, _edited(templates["kvv"], J20=31, J21=36), "v2.xlsx", today=TODAY)
    changed = [(c.indicator, c.old, c.new) for c in check.changes if c.kind == "changed"]
    assert changed == [("3.6a", "30", "31"), ("3.6b", "35\u00a0%", "36\u00a0%")]
    assert (check.n_new, check.n_changed, check.n_unchanged) == (0, 2, 20)
    with db.session(empty_url) as s:
        second = save_return(s, _edited(templates["kvv"], J20=31, J21=36), "v2.xlsx", None, COORD, today=TODAY)
    assert _stored(empty_url)[("3.6a", "", "")] == 31
    with db.session(empty_url) as s:
        assert rollback(s, second.batch_id, COORD).code == "ok"
    assert _stored(empty_url) == after_first
    with db.session(empty_url) as s:
        assert rollback(s, second.batch_id, COORD).code == "already_rolled_back"
        assert rollback(s, 9999, COORD).code == "unknown"
        assert rollback(s, first.batch_id, COORD).code == "ok"
    assert _stored(empty_url) == {}
    with db.read_session(empty_url) as s:
        assert list(list_batches(s, EVERYTHING).status[:2]) == ["rolled_back", "rolled_back"]


def test_a_big_jump_without_a_comment_is_a_warning_and_a_comment_clears_it(templates, empty_url):
    with db.session(empty_url) as s:
        saved = save_return(s, _variant(templates["kvv"], _redate(2024, about=True)), "2024.xlsx", None, COORD,
                            today=TODAY)
        assert saved.outcome == "saved", saved.check.problems
    with db.read_session(empty_url) as s:
        jump = check_return(s, _edited(templates["kvv"], J20=300), "2025.xlsx", today=TODAY)
        explained = check_return(s, _edited(templates["kvv"], J20=300, M20="Ny rutin från mars"), "2025b.xlsx",
                                 today=TODAY)
    assert [p.key() for p in jump.problems] == [("Indikatorer", 20, "Värde", "STOR_FORANDRING")]
    assert "2024 (30)" in jump.problems[0].message
    assert explained.problems == []


def test_a_municipality_reports_its_own_area_without_naming_it(empty_url):
    with db.read_session(empty_url) as s:
        t = build_template(s, find_agency(s, "Botkyrka"), 2025)
    wb = openpyxl.load_workbook(io.BytesIO(t.content))
    for r, v in zip(range(5, 9), [3, 4, 5, "Ja"]):
        wb["Indikatorer"][f"J{r}"] = v
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(empty_url) as s:
        result = save_return(s, buf.getvalue(), "botkyrka.xlsx", None, COORD, today=TODAY)
        assert result.outcome == "saved"
        areas = set(s.scalars(select(Observation.area_code).where(Observation.batch_id == result.batch_id)))
    assert areas == {"0127"}


def test_the_template_has_the_contract_sheets_lists_and_protection(templates):
    wb = openpyxl.load_workbook(io.BytesIO(templates["kvv"]))
    assert wb.sheetnames == ["Instruktioner", "Indikatorer", "Åtgärder", "Om filen", "Listor"]
    assert wb["Om filen"].sheet_state == "hidden"
    ws = wb["Indikatorer"]
    assert [c.value for c in ws[4]][:4] == ["Indikator-id", "Indikator", "Enhet", "År"]
    assert ws.protection.sheet and not ws["J5"].protection.locked and ws["A5"].protection.locked
    assert ws.freeze_panes == "C5"
    assert {"Valdstyper", "Omraden", "Grupper", "Statusar"} <= set(wb.defined_names)
    assert any("Statusar" in dv.formula1 for dv in wb["Åtgärder"].data_validations.dataValidation)
    assert [ws[f"A{r}"].value for r in (5, 20, 21, 26)] == ["2.10a", "3.6a", "3.6b", "8.6a"]


def _cli(*args, url):
    import os

    return subprocess.run([sys.executable, "-m", "okdata", *args], capture_output=True, text=True,
                          env={**os.environ, "OKDATA_DATABASE_URL": url}, cwd=db.ROOT)


@pytest.mark.cli
def test_the_command_line_contract_for_returns(tmp_path, templates, empty_url):
    out = tmp_path / "mall.xlsx"
    r = _cli("template", "--agency", "polisen", "--year", "2025", "--out", str(out), url=empty_url)
    assert r.returncode == 0 and out.exists()
    assert _cli("template", "--agency", "Skatteverket", "--year", "2025", "--out", str(out),
                url=empty_url).returncode == 2
    good = tmp_path / "kvv.xlsx"
    good.write_bytes(_data(VALID[0], templates))
    bad = tmp_path / "fel.xlsx"
    bad.write_bytes(_data(REJECTED[-1], templates))
    before = _snapshot(empty_url)
    r = _cli("import", str(bad), url=empty_url)
    assert r.returncode == 1 and "VARDE_INTE_TAL" in r.stdout and "Indikatorer rad 5 kolumn Värde" in r.stdout
    assert _snapshot(empty_url) == before
    r = _cli("import", str(good), "--dry-run", url=empty_url)
    assert r.returncode == 0 and "Nya: 22" in r.stdout
    assert _snapshot(empty_url) == before
    r = subprocess.run([sys.executable, "-m", "okdata", "user", "add", "anna", "--role", "samordnare",
                        "--password-stdin"], input="hemligt-lösen\n", capture_output=True, text=True,
                       env={**__import__("os").environ, "OKDATA_DATABASE_URL": empty_url}, cwd=db.ROOT)
    assert r.returncode == 0, r.stderr
    assert _cli("import", str(good), url=empty_url).returncode == 2  # accounts exist: --user is required
    assert _cli("import", str(good), "--user", "okänd", url=empty_url).returncode == 2
    r = _cli("import", str(good), "--user", "anna", url=empty_url)
    assert r.returncode == 0 and "Sparat som inrapportering" in r.stdout
    batch = int(r.stdout.strip().rsplit(" ", 1)[-1].rstrip("."))
    r = _cli("import", str(good), "--user", "anna", url=empty_url)
    assert r.returncode == 0 and "redan sparad" in r.stdout
    r = _cli("batches", "--format", "json", url=empty_url)
    assert r.returncode == 0 and f'"id": {batch}' in r.stdout and '"user_name": "anna"' in r.stdout
    r = _cli("export", "--format", "csv", url=empty_url)
    assert r.returncode == 0 and "Kriminalvården" in r.stdout and "anna" in r.stdout
    assert _cli("rollback", str(batch), "--user", "anna", url=empty_url).returncode == 0
    assert _cli("rollback", str(batch), "--user", "anna", url=empty_url).returncode == 1
    assert _cli("rollback", "424242", "--user", "anna", url=empty_url).returncode == 1


def test_export_neutralises_formulas_in_text(templates, empty_url):
    from okdata.export import export_frame, to_csv, to_xlsx

    wb = openpyxl.load_workbook(io.BytesIO(_edited(templates["kvv"])))
    wb["Indikatorer"]["M20"] = '=HYPERLINK("http://evil","klick")'
    wb["Indikatorer"]["M20"].data_type = "s"  # typed as text, as a coordinator's comment would be
    buf = io.BytesIO()
    wb.save(buf)
    with db.session(empty_url) as s:
        evil = Actor("=cmd", "=cmd", Role.COORDINATOR)
        assert save_return(s, buf.getvalue(), "f.xlsx", None, evil, today=TODAY).outcome == "saved"
    with db.read_session(empty_url) as s:
        df = export_frame(s, EVERYTHING)
    assert df["Kommentar"].str.startswith("=").any()  # the frame holds what was typed; each file keeps it text
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(df)))
    assert not any(c.data_type == "f" for row in wb.active.iter_rows() for c in row)
    assert all(c.quotePrefix for row in wb.active.iter_rows() for c in row
               if isinstance(c.value, str) and c.value.startswith("="))
    assert b"'=HYPERLINK" in to_csv(df) and b"'=cmd" in to_csv(df)
    assert not [line for line in to_csv(df).decode("utf-8-sig").splitlines() for cell in line.split(",")
                if cell.startswith("=")]


@pytest.mark.parametrize("name", ["kvv_2025_libreoffice.xlsx", "kvv_2025_libreoffice.ods"])
def test_a_return_saved_by_libreoffice_imports(name, empty_url):
    """Made from the KVV template with a formula (=10+20) in 3.6a and 35 % in a percent cell for 3.6b,
    then saved by LibreOffice Calc: formulas come back as their saved values, percent cells as percent. The
    all-types counts of 2.10a (rows 5–7) were raised by 90 in the saved XML afterwards, so that they are the
    totals of the violence types below them."""
    data = (db.ROOT / "tests" / "data" / name).read_bytes()
    with db.session(empty_url) as s:
        result = save_return(s, data, name, None, COORD, today=TODAY)
    assert result.check.problems == [] and result.outcome == "saved"
    assert _stored(empty_url) == {**base_values(), ("5.3a", "", ""): "Utredningsarbetet har utvecklats.",
                                  ("5.4a", "", ""): 1.0}


def test_the_fast_expected_count_equals_the_template_rows(empty_url):
    from okdata.catalog import list_agencies
    from okdata.scope import catalog_frames, expected_count, expected_rows

    with db.read_session(empty_url) as s:
        frames = catalog_frames(s)
        for year in (2025, 2027):
            for a in list_agencies(s):
                assert expected_count(frames, a, year, 2027) == len(expected_rows(s, a, year)), (a.code, year)


def test_a_change_of_only_the_comment_says_so_instead_of_showing_the_same_value_twice(templates, empty_url):
    """A value whose comment alone had changed was listed as 'ändrat 3.6a 2025: 30 → 30' (the preview's table and
    the command line), which reads as nothing changed."""
    with db.session(empty_url) as s:
        save_return(s, _edited(templates["kvv"]), "v1.xlsx", None, COORD, today=TODAY)
    with db.read_session(empty_url) as s:
        check = check_return(s, _edited(templates["kvv"], M20="Ny räknemetod", J21=36), "v2.xlsx", today=TODAY)
    changed = {c.indicator: (c.old, c.new) for c in check.changes if c.kind == "changed"}
    assert changed["3.6b"] == ("35\u00a0%", "36\u00a0%")
    old, new = changed["3.6a"]
    assert old == "30" and new.startswith("30 ") and texts.CHANGED_BESIDE_VALUE["comment"] in new, new
