"""Test the chart builders as plain functions: colours, Swedish separators, target lines, text alternatives."""

import pandas as pd

from okdata import texts
from okdata.charts import (
    OKABE_ITO,
    SEPARATORS,
    VIOLENCE_COLORS,
    describe_municipalities,
    describe_series,
    municipality_bars,
    series_chart,
    violence_multiples,
    wrap_title,
)


def _frame():
    return pd.DataFrame({"year": [2023, 2024, 2025, 2023, 2024, 2025], "member": ["VNR"] * 3 + ["HRV"] * 3,
                         "value": [1200.0, 1300.5, 1250.0, 40.0, 45.0, 50.0]})


def test_violence_types_keep_their_colours_and_separators_are_swedish():
    fig = violence_multiples(_frame().iloc[::-1], "Test", "count", "antal")  # data order must not matter
    assert [t.line.color for t in fig.data] == [VIOLENCE_COLORS["VNR"], VIOLENCE_COLORS["HRV"]]
    assert [t.name for t in fig.data] == [texts.VIOLENCE_TYPE_SHORT["VNR"], texts.VIOLENCE_TYPE_SHORT["HRV"]]
    assert fig.layout.separators == SEPARATORS == ", "


def test_a_target_becomes_a_dashed_line_with_a_swedish_label():
    df = pd.DataFrame({"year": [2023, 2025], "member": ["", ""], "value": [60.0, 70.0]})
    fig = series_chart(df, "share", "procent", "Andel", target=(100.0, 2027))
    line = fig.layout.shapes[0]
    assert line.line.dash == "dash" and line.y0 == 100
    assert fig.layout.annotations[0].text == "Mål 100\u00a0% (2027)"
    assert fig.layout.yaxis.ticksuffix == " %"


def test_text_alternatives_state_the_numbers_in_swedish_format():
    alt = describe_series(_frame(), "count", "Antal", texts.VIOLENCE_TYPE_SHORT)
    assert "Nära relationer: 1\u00a0200 år 2023 och 1\u00a0250 år 2025." in alt
    towns = pd.DataFrame({"area": ["Solna", "Botkyrka", "Vaxholm"], "value": [3.0, 40.0, 12.0],
                          "text": ["<5", "40", "12"]})
    fig = municipality_bars(towns, "count", "Test", "value", 20.0, "text")
    assert list(fig.data[0].y) == ["Solna", "Vaxholm", "Botkyrka"]  # sorted, largest at the top
    assert list(fig.data[0].text) == ["<5", "12", "40"]
    assert fig.layout.shapes[0].x0 == 20.0
    assert describe_municipalities(towns, "Test", "value", "text") == (
        "Test: 3 områden. Högst Botkyrka (40), lägst Solna (<5).")


def test_the_municipalities_text_alternative_names_every_tied_highest_and_lowest_or_counts_them():
    """An audit: 4.3a in 2025 read "Högst Botkyrka (1), lägst Österåker (0)" where 8 municipalities had 1 and 15
    had 0: one of each was picked. Tied ends are named up to three, else counted."""
    towns = pd.DataFrame({"area": ["Solna", "Botkyrka", "Vaxholm", "Nacka", "Tyresö", "Salem"],
                          "value": [1.0, 1.0, 0.0, 0.0, 0.0, 0.0], "text": ["1", "1", "0", "0", "0", "0"]})
    assert describe_municipalities(towns, "Test", "value", "text") == (
        "Test: 6 områden. Högst Botkyrka och Solna (1), lägst 4 områden (0).")
    # a review: all tied read "Högst 4 områden (<5), lägst 4 områden (<5)"
    hidden = pd.DataFrame({"area": ["Solna", "Botkyrka"], "value": [None, None], "text": ["<5", "<5"]})
    assert describe_municipalities(hidden, "Test", "value", "text") == "Test: 2 områden, alla <5."


def test_the_colours_are_okabe_ito_and_match_the_app_theme():
    import tomllib
    from pathlib import Path

    theme = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())
    palette = [c.upper() for c in theme["theme"]["chartCategoricalColors"]]
    assert set(VIOLENCE_COLORS.values()) <= set(OKABE_ITO) and set(OKABE_ITO) <= set(palette) | {"#000000"}
    assert len(set(VIOLENCE_COLORS.values())) == len(VIOLENCE_COLORS)


def test_a_series_break_is_a_dotted_line_before_its_year():
    df = pd.DataFrame({"year": [2020, 2021, 2022], "member": [""] * 3, "value": [5.0, 50.0, 55.0]})
    line = series_chart(df, "count", "antal", "Test", breaks=[2021]).layout.shapes[0]
    assert (line.x0, line.line.dash) == (2020.5, "dot")
    assert series_chart(df, "count", "antal", "Test").layout.shapes == ()


def test_long_titles_wrap_and_a_subtitle_goes_beneath():
    title = wrap_title("2.10a Antal påbörjade, pågående och fullföljda behandlingsprogram – Exempeldata", "not")
    lines = title.split("<br>")
    assert len(lines) == 3 and all(len(x) <= 60 for x in lines[:-1]) and lines[-1] == "<sup>not</sup>"


def test_hidden_small_counts_sit_at_the_bottom_without_a_bar():
    towns = pd.DataFrame({"area": ["A", "B", "C"], "shown": [None, 40.0, 12.0], "text": ["<5", "40", "12"]})
    bars = municipality_bars(towns, "count", "Test", "shown", None, "text").data[0]
    assert list(bars.y) == ["A", "C", "B"] and list(bars.text) == ["<5", "12", "40"]
    assert bars.x[0] == 0  # no bar that would give the hidden count away


def test_numbers_are_written_the_swedish_way():
    from okdata.formatting import fmt_change, fmt_num, fmt_pct, fmt_value

    assert fmt_num(1234.5) == "1\u00a0234,5" and fmt_num(1234567) == "1\u00a0234\u00a0567" and fmt_num(None) == "–"
    assert fmt_num(-18.2) == "−18,2" and fmt_num(-1234.0) == "−1\u00a0234"  # the minus sign, not a hyphen
    assert fmt_num(-0.04, 1) == "0,0"  # no negative zero after rounding
    assert fmt_change(-5.5, "share") == "−5,5 procentenheter" and fmt_change(22, "share") == "+22 procentenheter"
    assert fmt_change(1, "share") == "+1 procentenhet" and fmt_change(-1, "share") == "−1 procentenhet"
    assert fmt_pct(-0.0834) == "−8,3\u00a0%" and fmt_value(76, "share") == "76\u00a0%"



def test_an_exact_number_keeps_every_digit_the_swedish_way():
    """A preview of what a save stores (published figures) shows 12,345, never 12,3 as fmt_num rounds it."""
    from okdata.formatting import fmt_exact

    assert [fmt_exact(x) for x in (61.5, 60.0, 12.345, -1234567.25, 0)] == [
        "61,5", "60", "12,345", "−1\u00a0234\u00a0567,25", "0"]


def test_a_chart_carries_the_apps_look_itself_as_the_pages_draw_it_without_streamlits_theme(sample_url):
    """Test that a page's Plotly charts are sent without Streamlit's chart theme (which restyled every figure in
    the browser: 0,6 s of Våldstyper's eight charts) and that each figure carries the look the theme gave: the
    app's text colour on its background, no Plotly template of its own, axes that make room for their labels
    (the municipalities' names were cut at the left without it)."""
    import json
    import tomllib
    from pathlib import Path

    from tests.apptest_support import open_page

    theme = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())["theme"]
    at = open_page("pages/3_Valdstyper.py", mal=2)
    sent = at.get("plotly_chart")
    assert sent and all(c.proto.theme == "" for c in sent)
    towns = pd.DataFrame({"area": ["Upplands Väsby", "Botkyrka"], "value": [3.0, 40.0], "text": ["3", "40"]})
    for fig in (violence_multiples(_frame(), "Test", "count", "antal"),
                municipality_bars(towns, "count", "Test", "value", 20.0, "text"),
                json.loads(sent[0].proto.spec)):
        layout = fig["layout"] if isinstance(fig, dict) else fig.to_plotly_json()["layout"]
        assert layout["font"]["color"] == theme["textColor"] and layout["paper_bgcolor"] == theme["backgroundColor"]
        assert not layout["template"].get("layout")  # no Plotly template colours, fonts or backgrounds
        assert layout["xaxis"]["automargin"] is True and layout["yaxis"]["automargin"] is True


def test_a_chart_of_a_municipality_breakdown_draws_no_two_lines_alike():
    """28 lines (the county and 27 municipalities) with eight colours: each round of the palette has its own dash,
    so no two lines, nor their legend entries, look the same (before: lines 1, 9, 17 and 25 were identical)."""
    members = ["01", *[f"01{n:02d}" for n in range(27)]]
    df = pd.DataFrame([(y, m, float(i + y)) for i, m in enumerate(members) for y in (2023, 2024)],
                      columns=["year", "member", "value"])
    looks = [(t.line.color, t.line.dash) for t in series_chart(df, "count", "antal", "Per kommun").data]
    assert len(looks) == 28 and len(set(looks)) == 28
    assert looks[0] == (OKABE_ITO[0], "solid") and looks[8] == (OKABE_ITO[0], "dash")


def test_every_value_a_chart_draws_stands_out_from_the_white_behind_it():
    """WCAG 2.1 AA 1.4.11: a mark that carries a value (a line's point, a bar's segment) has 3:1 contrast with what
    it stands on, in the app and in the report, on a projector as on a laptop. The colour-blind-safe palette keeps
    its colours, but three of them do not reach it on white (orange 2,3, sky blue 2,3, yellow 1,3:1): such marks
    carry an outline that does."""
    from okdata.charts import BACKGROUND, contrast
    from okdata.report_files import indicator_figure, summary_figure

    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0 and round(contrast("#F0E442", BACKGROUND), 2) == 1.32

    members = [f"m{i}" for i in range(len(OKABE_ITO))]
    lines = pd.DataFrame({"year": [2024, 2025] * len(members), "member": [m for m in members for _ in (0, 1)],
                          "value": [1.0, 2.0] * len(members)})
    states = {s: 1 for s in texts.MEASURE_STATES}
    figures = [series_chart(lines, "count", "antal", "Alla färger"), violence_multiples(_frame(), "V", "count", "n"),
               summary_figure({"goals": [{"number": 1, "status_distribution": states}]}),
               indicator_figure({"code": "1.1a", "name": "Test", "unit": "antal", "kind": "count", "example": False,
                                 "points": [{"year": 2024, "value": 1}, {"year": 2025, "value": 2}]})]
    checked = 0
    for fig in figures:
        for trace in fig.data:
            colour = trace.marker.color if trace.type == "bar" else trace.line.color
            if contrast(colour, BACKGROUND) >= 3:
                continue
            checked += 1
            outline = trace.marker.line
            assert outline.color is not None and contrast(outline.color, BACKGROUND) >= 3, (trace.name, colour)
            assert (outline.width or 0) >= 1, trace.name
    assert checked >= 4  # the palette's light colours were all drawn (orange, sky blue, yellow, grey)


def test_the_summary_charts_legend_reads_in_the_order_of_its_segments():
    """The report's summary bars run left to right in the order of the measure states; Plotly lists the legend of
    stacked bars in reverse unless told, so the legend read "Avbruten … Pågående" under bars that start with
    Pågående."""
    from okdata.report_files import summary_figure

    fig = summary_figure({"goals": [{"number": 1, "status_distribution": {s: 1 for s in texts.MEASURE_STATES}}]})
    assert fig.layout.legend.traceorder == "normal"
    assert [t.name.split(" ", 1)[1] for t in fig.data] == list(texts.MEASURE_STATES.values())


def test_a_figure_half_way_between_two_is_rounded_away_from_zero_as_people_round():
    """An audit: Översikt showed a goal's statuspoäng −1,25 as '−1,2' beside 1,75 as '1,8': Python rounds a tie to
    the even digit. A figure half-way is rounded away from zero, read as it is written (2,675 is a tie though its
    binary value is a hair below), and a figure compared as shown is the one written."""
    from okdata.formatting import as_shown, fmt_num, fmt_pct, fmt_value

    assert [fmt_num(x, 1) for x in (-1.25, 1.25, 1.75, 0.05, -0.05)] == ["−1,3", "1,3", "1,8", "0,1", "−0,1"]
    assert fmt_num(0.125, 2) == "0,13" and fmt_num(2.675, 2) == "2,68" and fmt_num(2.5, 0) == "3"
    assert fmt_num(0.25) == "0,3" and fmt_num(0.95) == "1" and fmt_num(1.24999) == "1,2" and fmt_num(1234.5, 0) == \
        "1\u00a0235"
    assert as_shown(0.25) == 0.3 and as_shown(-1.25) == -1.3 and as_shown(2.04) == 2.0
    assert fmt_value(82.05, "share") == "82,1\u00a0%" and fmt_pct(0.1245) == "12,5\u00a0%"


def test_a_series_of_one_year_is_described_once():
    """An audit: R2.3 with one value read "Totalt: 119 år 2023 och 119 år 2023." under Indikator's chart."""
    import pandas as pd

    one = pd.DataFrame({"year": [2023], "member": [""], "value": [119.0]})
    assert describe_series(one, "count", "Antal samtal") == "Antal samtal. Totalt: 119 år 2023."
