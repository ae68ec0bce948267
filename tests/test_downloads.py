"""Test the three files every data table offers (issue 20, item 1): each read back as Swedish Excel, pandas and
openpyxl would read it, in full precision, formula-safe."""

import io

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import select

from okdata import db, texts
from okdata.comparisons import municipal_chart, violence_rows
from okdata.domain import Dimension
from okdata.export import table_files, value_rows
from okdata.models import Observation
from okdata.overview import indicator_chart_values
from tests.apptest_support import capture_downloads, open_page
from tests.db_support import indicator_id, set_municipal_values

HEAD = {k: v[0] for k, v in texts.VALUE_COLUMNS.items()}
NAME = {k: v[1] for k, v in texts.VALUE_COLUMNS.items()}


def files_of(values: pd.DataFrame) -> dict[str, bytes]:
    return {kind: build() for kind, _, build, _, _ in table_files(values, "test")}


@pytest.fixture
def s(sample_url):
    with db.read_session(sample_url) as session:
        yield session


@pytest.fixture
def per_capita(s) -> pd.DataFrame:
    """Kommuner's values of 1.6a (RRI calls, a count of events) per 100 000 inhabitants, 2025."""
    return municipal_chart(s, indicator_id(s, "1.6a"), 2025, True, suppress=False)["values"].frame()


def test_the_excel_csv_has_semicolons_decimal_commas_and_a_bom_so_swedish_excel_gets_columns_and_numbers(per_capita):
    raw = files_of(per_capita)["excel_csv"]
    assert raw.startswith("\ufeff".encode()) and raw.decode("utf-8-sig").splitlines()[0].count(";") == len(HEAD) - 1
    back = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(back.columns) == list(HEAD.values())
    for column in ("value", "numerator", "denominator", "year"):
        assert pd.api.types.is_numeric_dtype(back[HEAD[column]]), column
    assert back[HEAD["value"]].tolist() == pytest.approx(per_capita.value.tolist())  # full precision, not rounded
    assert set(back[HEAD["per_100k"]]) == {texts.YES} and set(back[HEAD["example"]]) == {texts.YES}
    assert "95 905" not in raw.decode("utf-8-sig")  # no number as text with a space


def test_whole_counts_are_written_without_a_decimal_in_both_csvs_and_fractions_keep_every_digit(s, per_capita):
    """Carried from an audit: the Excel CSV wrote a count of 7 824 as '7824,0' (and the machine CSV '7824.0')."""
    import csv

    counts = municipal_chart(s, indicator_id(s, "1.6a"), 2025, False, suppress=False)["values"].frame()
    assert (counts.value % 1 == 0).all()
    for kind, sep, point in (("excel_csv", ";", ","), ("machine_csv", ",", ".")):
        rows = list(csv.reader(io.StringIO(files_of(counts)[kind].decode("utf-8-sig")), delimiter=sep))
        at = rows[0].index(HEAD["value"] if kind == "excel_csv" else NAME["value"])
        written = [r[at] for r in rows[1:]]
        assert written == [str(int(v)) for v in counts.value], (kind, written[:3])
        rows = list(csv.reader(io.StringIO(files_of(per_capita)[kind].decode("utf-8-sig")), delimiter=sep))
        fractions = [r[at] for r in rows[1:]]
        assert [float(v.replace(",", ".")) for v in fractions] == per_capita.value.tolist()  # every digit
        assert any(point in v for v in fractions) and not any(("." if point == "," else ",") in v for v in fractions)
    from okdata.export import to_csv  # the command line's `export --format csv`

    rows = list(csv.reader(io.StringIO(to_csv(counts).decode("utf-8-sig"))))
    assert [r[rows[0].index("value")] for r in rows[1:]] == [str(int(v)) for v in counts.value]


def test_the_machine_readable_csv_has_one_row_per_value_with_dot_decimals_and_every_descriptive_column(per_capita):
    raw = files_of(per_capita)["machine_csv"]
    assert not raw.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(raw), dtype={NAME["area_code"]: str})  # municipality codes have a leading 0
    assert list(back.columns) == list(NAME.values()) and len(back) == len(per_capita) == 27  # 26 + the county
    assert back[NAME["value"]].dtype == float and back[NAME["per_100k"]].dtype == bool
    assert back[NAME["value"]].tolist() == per_capita.value.tolist()  # exactly: every digit is in the file
    row = back.set_index(NAME["area_code"]).loc["0180"]
    assert row[NAME["indicator"]] == "1.6a" and row[NAME["value"]] == pytest.approx(
        row[NAME["numerator"]] / row[NAME["denominator"]] * 100_000)
    assert row[NAME["unit"]] == texts.COMPARISONS["per_capita_unit"] and bool(row[NAME["example"]])


def test_the_xlsx_stores_numbers_as_numbers(per_capita):
    ws = openpyxl.load_workbook(io.BytesIO(files_of(per_capita)["xlsx"])).active
    rows = list(ws.values)
    assert list(rows[0]) == list(HEAD.values()) and len(rows) == len(per_capita) + 1
    at = {c: n for n, c in enumerate(rows[0])}
    for row in rows[1:]:
        assert isinstance(row[at[HEAD["value"]]], float) and isinstance(row[at[HEAD["year"]]], int)
        assert isinstance(row[at[HEAD["denominator"]]], (int, float))
    # the file has every digit Python's repr keeps (Excel itself shows 15)
    assert [r[at[HEAD["value"]]] for r in rows[1:]] == per_capita.value.tolist()


def test_small_values_keep_every_decimal_in_the_files(s):
    values = value_rows(s, [indicator_id(s, "1.6a")], first=2025, last=2025)
    values.loc[0, "value"] = 0.08  # shown on screen as 0,1
    got = files_of(values)
    assert pd.read_csv(io.BytesIO(got["excel_csv"]), sep=";", decimal=",")[HEAD["value"]][0] == 0.08
    assert pd.read_csv(io.BytesIO(got["machine_csv"]))[NAME["value"]][0] == 0.08
    assert openpyxl.load_workbook(io.BytesIO(got["xlsx"])).active.cell(2, list(HEAD).index("value") + 1).value == 0.08


def test_text_that_a_spreadsheet_would_run_is_neutralised_in_every_file(sample_url):
    evil = '=HYPERLINK("http://evil.example","klicka")'
    with db.session(sample_url) as w:
        for o in w.scalars(select(Observation).where(Observation.indicator_id == indicator_id(w, "2.4a"))):
            o.source, o.is_example = evil, False
    with db.read_session(sample_url) as r:
        values = value_rows(r, [indicator_id(r, "2.4a")], approved_only=False)
    assert (values.source == evil).all()
    got = files_of(values)
    assert pd.read_csv(io.BytesIO(got["excel_csv"]), sep=";", decimal=",")[HEAD["source"]][0] == "'" + evil
    assert pd.read_csv(io.BytesIO(got["machine_csv"]))[NAME["source"]][0] == "'" + evil
    cell = openpyxl.load_workbook(io.BytesIO(got["xlsx"])).active.cell(2, list(HEAD).index("source") + 1)
    assert cell.data_type == "s" and cell.value == evil and cell.quotePrefix  # a quoted text cell, as typed


def test_suppressed_counts_lose_their_value_in_the_files_too(sample_url):
    set_municipal_values(sample_url, "1.6a", {(2025, "Vaxholm"): 3})
    with db.read_session(sample_url) as s:
        for per_capita in (False, True):
            values = municipal_chart(s, indicator_id(s, "1.6a"), 2025, per_capita, suppress=True)["values"].frame()
            hidden = values[values.suppressed]
            assert list(hidden.area) == ["Vaxholm"] and hidden.value.isna().all() and hidden.numerator.isna().all()
            # an audit: per 100 000 the hidden row alone said "antal samtal" and Per 100 000 = Nej, so that a pivot
            # on the unit split the table; it has the unit and the flag of the rows around it
            assert values.unit.nunique() == 1 and values.per_100k.nunique() == 1, values[["area", "unit", "per_100k"]]
            assert values.per_100k.all() == per_capita
        shown = municipal_chart(s, indicator_id(s, "1.6a"), 2025, False, suppress=False)["values"].frame()
    assert not shown.suppressed.any() and shown.value.notna().all()


def test_process_counts_stay_counts_in_the_files_when_per_100000_is_asked(s):
    values = violence_rows(s, list(texts.VIOLENCE_TYPES), 3, 2020, 2025, True).frame()
    lst = values[values.indicator == "3.2a"]
    assert len(lst) and not lst.per_100k.any() and lst.denominator.isna().all()


def test_an_indicator_chart_offers_its_values_with_the_breakdown_and_the_total(s):
    data = indicator_chart_values(s, indicator_id(s, "2.4a"), Dimension.AREA, year=2025)
    values = data["values"].frame()
    assert set(values.area_code) >= {"01", "0180"} and values.year.max() == 2025 and values.per_100k.all()


def test_kommuner_offers_the_three_files_and_each_reads_back(sample_url, monkeypatch):
    files = capture_downloads(monkeypatch)
    at = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025, matt="per100k")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [texts.DOWNLOADS[k][0] for k in texts.DOWNLOADS] * 2  # the chart's year, and across years
    excel = pd.read_csv(io.BytesIO(files["1.6a-2025-kommuner-excel.csv"]), sep=";", decimal=",")
    machine = pd.read_csv(io.BytesIO(files["1.6a-2025-kommuner.csv"]))
    book = openpyxl.load_workbook(io.BytesIO(files["1.6a-2025-kommuner.xlsx"])).active
    assert len(excel) == len(machine) == book.max_row - 1 == 27
    assert excel[HEAD["value"]].tolist() == pytest.approx(machine[NAME["value"]].tolist())


def test_a_view_builds_no_file_until_one_is_asked_for(sample_url, monkeypatch):
    """Test that opening Mål with three charts stores no file: each download button carries a file built on
    click (Streamlit's deferred download), which builds the same file as the table's values give."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    stored: list[str] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        stored.append(filename or "")
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    at = open_page("pages/1_Mal.py", mal=3, ar=2025, atgard="3.6")
    buttons = at.get("download_button")
    assert len(buttons) >= 3 and all(b.proto.deferred_file_id for b in buttons)
    assert not [f for f in stored if f.endswith((".csv", ".xlsx"))]


def test_values_per_100000_read_each_years_population_once(s):
    """Test that the Våldstyper files' values per 100 000 read the population once per year, not once per value
    (a dict.setdefault whose argument read it for every value: 156 reads of the same six years at 1M)."""
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn, _cursor, statement, *_):
        statements.append(statement)

    engine = s.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        values = violence_rows(s, list(texts.VIOLENCE_TYPES), 2, 2020, 2025, True).frame()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    per_100k = values[values.per_100k]
    years = per_100k.year.nunique()
    assert len(per_100k) > years > 1
    assert sum("population" in q for q in statements) <= years


def test_an_xlsx_holds_every_value_in_place_and_text_a_file_cannot_carry_does_not_break_it():
    """Test that numbers stay numbers (full precision), missing values stay empty, markup stays text, and a
    control character (a vertical tab is Word's line break, pasted into a comment) neither raises nor breaks the
    file: openpyxl refused the whole file for it (IllegalCharacterError)."""
    from python_calamine import CalamineWorkbook

    from okdata.export import to_xlsx

    df = pd.DataFrame({
        "Text": ["a & b <c> \"d\" 'e'", "  indrag ", "rad ett\x0brad två", "klocka\x07", None, "=1+1", "å ä ö €"],
        "Värde": [1.5, float("nan"), 1e-20, 123456789.12345678, -0.0, 0.1 + 0.2, 7.0],
        "År": [2025, 2024, 2023, 2022, 2021, 2020, 2019],
        "Andel": pd.array([True, False, True, False, True, False, None], dtype="boolean"),
    })
    data = to_xlsx(df)
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.values)
    assert rows[0] == ("Text", "Värde", "År", "Andel") and len(rows) == 8
    assert [r[0] for r in rows[1:]] == ["a & b <c> \"d\" 'e'", "  indrag ", "rad ett\nrad två", "klocka", None,
                                        "=1+1", "å ä ö €"]
    assert [r[1] for r in rows[1:]] == [1.5, None, 1e-20, 123456789.12345678, 0.0, 0.1 + 0.2, 7.0]
    assert [r[2] for r in rows[1:]] == [2025, 2024, 2023, 2022, 2021, 2020, 2019]
    assert all(isinstance(r[2], int) for r in rows[1:])
    assert [r[3] for r in rows[1:]] == [True, False, True, False, True, False, None]
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert calamine[1][:3] == ["a & b <c> \"d\" 'e'", 1.5, 2025] and calamine[3][0] == "rad ett\nrad två"
    long = to_xlsx(pd.DataFrame({"Text": ["x" * 40_000]}))  # Excel's cell holds 32 767 characters
    assert openpyxl.load_workbook(io.BytesIO(long)).active.cell(2, 1).value == "x" * 32_767


def test_an_xlsx_with_more_rows_than_a_sheet_holds_continues_on_sheets_of_its_own():
    """Test that rows beyond the 1 048 576 a sheet holds (its heading row included) continue on a sheet named after
    the first with (2), each with the heading: written into one sheet they made a file Excel cannot open whole
    (it drops the rows past its limit, after asking to repair), and the export of every value with its history
    reaches that many rows."""
    from python_calamine import CalamineWorkbook

    from okdata.export import SHEET_ROWS, to_xlsx

    n = SHEET_ROWS + 2  # two rows more than one sheet holds below its heading
    data = to_xlsx(pd.DataFrame({"Nr": range(n)}))
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == [texts.EXPORT_SHEET, f"{texts.EXPORT_SHEET} (2)"]
    first, second = (book.get_sheet_by_index(i).to_python() for i in (0, 1))
    assert len(first) == SHEET_ROWS and first[0] == ["Nr"] and second[0] == ["Nr"]
    numbers = [r[0] for r in first[1:]] + [r[0] for r in second[1:]]
    assert numbers == list(range(n))


def test_a_value_of_a_return_waiting_for_review_says_so_in_its_files_when_a_coordinator_includes_them(s):
    """An audit: with "Visa även inskickade, ej godkända siffror" on, Kommuner's 4.3a bars and files held Ekerö's
    and Haninge's values from returns waiting for review, and nothing in a downloaded file told them from approved
    figures. Their source now says that they are not approved; approved values are as before."""
    from okdata.export import value_records

    shown = value_records(s, [indicator_id(s, "4.3a")], False, Dimension.AREA, 2025, 2025).frame()
    waiting = shown[shown.area_code.isin(["0125", "0136"])]
    assert len(waiting) == 2 and all(texts.NOT_APPROVED in src for src in waiting.source), waiting.source.tolist()
    approved = shown[~shown.area_code.isin(["0125", "0136", "0162"])]
    assert len(approved) > 10 and not any(texts.NOT_APPROVED in src for src in approved.source)
    assert texts.NOT_APPROVED in files_of(shown)["machine_csv"].decode("utf-8-sig")
    only_approved = value_records(s, [indicator_id(s, "4.3a")], True, Dimension.AREA, 2025, 2025).frame()
    assert not only_approved.area_code.isin(["0125", "0136"]).any()


def test_mals_tables_mark_a_value_or_status_of_a_return_waiting_for_review_too(sample_url):
    """A review of the marker above: Mål's indicator table, a milestone's or description's value table and a
    measure's statuses per year gave the same source ("Exempeldata") to waiting and approved rows."""
    from sqlalchemy import update

    from okdata.overview import indicator_table, measure_detail

    with db.read_session(sample_url) as s:
        statuses = measure_detail(s, "4.3", 2025, approved_only=False)["statuses"]
    col = texts.COL_SOURCE
    waiting = statuses[statuses[texts.COL_AGENCIES].isin(["Ekerö", "Haninge"]) & (statuses[texts.YEAR] == 2025)]
    assert len(waiting) and all(texts.NOT_APPROVED in v for v in waiting[col]), statuses.head(8).to_dict("records")
    assert not any(texts.NOT_APPROVED in v for v in statuses[statuses[texts.YEAR] == 2024][col])
    with db.session(sample_url) as s:  # the county's 2025 value of 1.6a and a milestone's as if waiting for review
        for code in ("1.6a", "1.7a"):
            s.execute(update(Observation).where(
                Observation.indicator_id == indicator_id(s, code), Observation.year == 2025,
                Observation.area_code == "01", Observation.violence_type == "", Observation.grp == "",
                Observation.category == "", Observation.is_approved.is_(True)).values(is_approved=False))
    with db.read_session(sample_url) as s:
        table = indicator_table(s, 2025, approved_only=False, goal=1).set_index(texts.COL_INDICATOR_ID)
        shown = indicator_table(s, 2025, approved_only=True, goal=1).set_index(texts.COL_INDICATOR_ID)
        detail = measure_detail(s, "1.7", 2025, approved_only=False)
    assert texts.NOT_APPROVED in table.loc["1.6a", col] and texts.NOT_APPROVED not in shown.loc["1.6a", col]
    milestone = next(i for i in detail["indicators"] if i["code"] == "1.7a")["table"]
    assert milestone is not None and texts.NOT_APPROVED in milestone[texts.PROGRESS_VIEW["col_source"]].iloc[-1]
