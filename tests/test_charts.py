"""Test the chart builders as plain functions: colours, Swedish separators, target lines, text alternatives."""

import pandas as pd

from okdata import texts
from okdata.charts import (
    SEPARATORS,
    VIOLENCE_COLORS,
    describe_municipalities,
    describe_series,
    municipality_bars,
    series_chart,
    violence_multiples,
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
    assert fig.layout.annotations[0].text == "Mål 100 % (2027)"
    assert fig.layout.yaxis.ticksuffix == " %"


def test_text_alternatives_state_the_numbers_in_swedish_format():
    alt = describe_series(_frame(), "count", "Antal", texts.VIOLENCE_TYPE_SHORT)
    assert "Nära relationer: 1 200 år 2023 och 1 250 år 2025." in alt
    towns = pd.DataFrame({"area": ["Solna", "Botkyrka", "Vaxholm"], "value": [3.0, 40.0, 12.0],
                          "text": ["<5", "40", "12"]})
    fig = municipality_bars(towns, "count", "Test", "value", 20.0, "text")
    assert list(fig.data[0].y) == ["Solna", "Vaxholm", "Botkyrka"]  # sorted, largest at the top
    assert list(fig.data[0].text) == ["<5", "12", "40"]
    assert fig.layout.shapes[0].x0 == 20.0
    assert describe_municipalities(towns, "Test", "value", "text") == (
        "Test: 3 områden. Högst Botkyrka (40), lägst Solna (<5).")
