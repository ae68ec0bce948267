"""Chart builders: plain functions from DataFrames to Plotly figures, each with a Swedish text alternative.

Colours: the Okabe–Ito palette (colour-blind safe), with one fixed colour per violence type across the app.
Numbers in Swedish format (separators ", ": decimal comma, space for thousands).
"""

import html

import pandas as pd
import plotly.graph_objects as go

from okdata import texts
from okdata.formatting import by_number, fmt_list, fmt_quantity, fmt_value, words

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
VIOLENCE_COLORS = {"": "#000000", "VNR": "#0072B2", "HRV": "#E69F00", "PMH": "#009E73", "SV": "#CC79A7"}
VIOLENCE_DASH = {"": "solid", "VNR": "solid", "HRV": "dash", "PMH": "dot", "SV": "dashdot"}
# More lines than colours (a breakdown by municipality draws 27): each round of the palette has a dash of its own,
# so that no two of 32 lines look the same in the chart or its legend
LINE_DASHES = ["solid", "dash", "dot", "dashdot"]
SEPARATORS = ", "
# The charts are drawn without Streamlit's chart theme (widgets.chart: theme=None), so each carries its whole look:
# the app's text colour and font (.streamlit/config.toml, Streamlit's "Source Sans"), no Plotly template, axes
# that make room for their labels. Streamlit's theme restyled every figure in the browser: 0,6 s of Våldstyper's
# 2,5 s with its eight charts (benchmarks/README.md).
TEXT_COLOR, BACKGROUND = "#1A1A1A", "#FFFFFF"
# A mark that carries a value (a line's point, a bar) stands out 3:1 from the white behind it (WCAG 2.1 1.4.11, a
# chart on a projector): three of the palette's colours do not (orange 2,3, sky blue 2,3, yellow 1,3:1), so their
# marks are outlined in the text colour; the colours stay, as they are the ones told apart with colour blindness.
MARK_CONTRAST = 3.0
FONT = "Source Sans, Source Sans Pro, sans-serif"


def plotly_text(text: str) -> str:
    """A text for a Plotly title, name, axis title or label, shown as typed: Plotly reads <b>, <a href=…>, <br>
    and entities in them as HTML, and a catalog text (an indicator's name, a unit, a category) is the Samordnare's."""
    return html.escape(str(text), quote=False)


def wrap_title(title: str, subtitle: str = "", width: int = 60) -> str:
    """A chart title broken into lines of at most `width` characters (Plotly does not wrap), with an optional
    smaller subtitle beneath (wrapped wider, as its letters are smaller); every line shown as typed (plotly_text)."""
    text = "<br>".join(map(plotly_text, _wrap(title, width)))
    return text + "".join(f"<br><sup>{plotly_text(line)}</sup>" for line in _wrap(subtitle, int(width * 1.5)))


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in words(text):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


# A value axis's ticks as the text writes numbers: 1 000 and 10 000 (Plotly wrote 1000 and 10k)
VALUE_TICKS = {"exponentformat": "none", "separatethousands": True}


def _layout(title: str, height: int = 380, subtitle: str = "", width: int = 60, extra_top: int = 0) -> dict:
    """The common layout, as one dict (a figure built in one call is several times faster than one updated
    attribute by attribute)."""
    text = wrap_title(title, subtitle, width)
    top = 30 + 22 * (text.count("<br>") + 1) + extra_top
    # anchored at the top left, so that a long title grows downwards into the margin
    title_block = {"text": text, "font": {"size": 15, "weight": "bold"}, "yref": "container", "y": 1,
                   "yanchor": "top", "xref": "container", "x": 0, "xanchor": "left", "pad": {"t": 12, "l": 4}}
    return {"title": title_block, "separators": SEPARATORS, "height": height + top - 60,
            "margin": {"l": 50, "r": 20, "t": top, "b": 40}, "plot_bgcolor": "white",
            "legend": {"orientation": "h", "y": -0.15}, "template": "none", "colorway": OKABE_ITO,
            "paper_bgcolor": BACKGROUND, "font": {"family": FONT, "color": TEXT_COLOR},
            "xaxis": {"gridcolor": "#e5e5e5", "tickformat": "d", "dtick": 1, "automargin": True},
            "yaxis": {"gridcolor": "#e5e5e5", "rangemode": "tozero", "automargin": True, **VALUE_TICKS}, "shapes": [],
            "annotations": []}


def _line(layout: dict, axis: str, at: float, dash: str, color: str, label: str, position: str) -> None:
    """A reference line across the plot (axis 'x': vertical, 'y': horizontal) with its label."""
    if axis == "x":
        layout["shapes"].append({"type": "line", "xref": "x", "yref": "paper", "x0": at, "x1": at, "y0": 0, "y1": 1,
                                 "line": {"dash": dash, "color": color}})
        layout["annotations"].append({"xref": "x", "yref": "paper", "x": at, "y": 1, "text": label,
                                      "showarrow": False, "yanchor": "bottom",
                                      "xanchor": {"top left": "right", "top": "center"}.get(position, "left")})
    else:
        layout["shapes"].append({"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": at, "y1": at,
                                 "line": {"dash": dash, "color": color}})
        layout["annotations"].append({"xref": "paper", "yref": "y", "x": 1, "y": at, "text": label,
                                      "showarrow": False, "yanchor": "bottom", "xanchor": "right"})


def series_chart(df, kind: str, unit: str, title: str, target: tuple[float, int] | None = None,
                 labels: dict[str, str] | None = None, colors: dict[str, str] | None = None,
                 breaks: list[int] | None = None, subtitle: str = "", title_width: int = 60) -> go.Figure:
    """Lines over the years, one per breakdown member (df: year, member, value), with a dashed target line and a
    dotted line before each series break."""
    suffix = " %" if kind == "share" else ""
    traces = []
    for i, (member, grp) in enumerate(df.groupby("member", sort=False)):
        color = (colors or {}).get(member, OKABE_ITO[i % len(OKABE_ITO)])
        name = plotly_text((labels or {}).get(member, member) or texts.CHARTS["total"])
        dash = VIOLENCE_DASH.get(member, "solid") if colors is VIOLENCE_COLORS \
            else LINE_DASHES[i // len(OKABE_ITO) % len(LINE_DASHES)]
        traces.append({"type": "scatter", "x": list(grp.year), "y": list(grp.value), "mode": "lines+markers",
                       "name": name, "line": {"color": color, "width": 3, "dash": dash},
                       "marker": {"size": 8, "line": outline(color)},
                       "hovertemplate": f"{name} %{{x}}: %{{y}}{suffix}<extra></extra>"})
    layout = _layout(title, subtitle=subtitle, width=title_width)
    if target is not None:
        _line(layout, "y", target[0], "dash", "#D55E00",
              texts.REPORT["target"].format(value=fmt_value(target[0], kind), year=target[1]), "top right")
    for year in breaks or []:
        _line(layout, "x", year - 0.5, "dot", "#000000", texts.TRENDS["break_label"], "top left")
    layout["yaxis"].update(title={"text": plotly_text(unit)}, ticksuffix=suffix)
    return go.Figure(data=traces, layout=layout)


def describe_series(points, kind: str, title: str, labels: dict[str, str] | None = None) -> str:
    """The text alternative of a series chart: first and last value of each line (points: (year, member, value)
    rows, or a frame with those columns)."""
    if isinstance(points, pd.DataFrame):
        points = zip(points.year.tolist(), points.member.tolist(), points.value.tolist())
    ends: dict[str, list] = {}
    for year, member, value in points:
        e = ends.setdefault(member, [year, value, year, value])
        if year < e[0]:
            e[:2] = year, value
        if year > e[2]:
            e[2:] = year, value
    parts = [texts.CHARTS["line" if y1 > y0 else "point"].format(
        name=(labels or {}).get(m, m) or texts.CHARTS["total"], y0=int(y0), v0=fmt_value(v0, kind), y1=int(y1),
        v1=fmt_value(v1, kind)) for m, (y0, v0, y1, v1) in ends.items()]  # one year: said once
    return f"{title}. " + " ".join(parts) if parts else texts.CHARTS["no_data"]


def violence_multiples(df, title: str, kind: str, unit: str, subtitle: str = "") -> go.Figure:
    """One small chart per indicator: lines per violence type in their fixed colours (df: year, member, value)."""
    order = {code: i for i, code in enumerate(VIOLENCE_COLORS)}
    df = df.sort_values(["member", "year"], key=lambda c: c.map(order) if c.name == "member" else c)
    return series_chart(df, kind, unit, title, labels=texts.VIOLENCE_TYPE_SHORT | {"": texts.ALL_VIOLENCE_TYPES},
                        colors=VIOLENCE_COLORS, subtitle=subtitle, title_width=45)


def _rank(values: pd.Series) -> pd.Series:
    """Where a municipality's value goes in the bars: 0 a zero, 1 a hidden value (a count of 1–4: above a zero,
    below what is shown), 2 any other value."""
    return values.isna().map({True: 1, False: 2}).where(values != 0, 0)


def municipality_bars(df, kind: str, title: str, value_column: str, county_value: float | None,
                      text_column: str, subtitle: str = "") -> go.Figure:
    """The municipalities side by side, sorted (largest at the top; hidden values near the bottom, no bar, their
    text only, with only zeros below them: a hidden count is 1–4), with the county as a reference line (df: area,
    value …)."""
    d = df.assign(_rank=_rank(df[value_column])).sort_values(["_rank", value_column, "area"],
                                                             ascending=[True, True, False])
    bars = {"type": "bar", "x": list(d[value_column].fillna(0)), "y": list(d.area), "orientation": "h",
            "marker": {"color": OKABE_ITO[0]}, "text": list(d[text_column]), "textposition": "outside",
            "cliponaxis": False, "hovertemplate": "%{y}: %{text}<extra></extra>"}
    layout = _layout(title, height=max(420, 24 * len(d) + 120), subtitle=subtitle, width=90, extra_top=20)
    if county_value is not None:
        _line(layout, "x", county_value, "dash", "#D55E00", texts.CHARTS["county_line"], "top")
    layout["xaxis"] = {"gridcolor": "#e5e5e5", "rangemode": "tozero", "automargin": True, **VALUE_TICKS}
    layout["yaxis"] = {"gridcolor": "#e5e5e5", "automargin": True}  # the names wholly in view
    return go.Figure(data=[bars], layout=layout)


def describe_municipalities(df, title: str, value_column: str, text_column: str) -> str:
    """The text alternative of the municipality chart: highest and lowest."""
    if df.empty:
        return texts.CHARTS["no_data"]
    rows = list(zip(df.area.tolist(), df[value_column].tolist(), df[text_column].tolist(),
                    _rank(df[value_column]).tolist()))
    ranked = sorted(rows, key=lambda r: (-r[3], 0 if pd.isna(r[1]) else -r[1]))  # as the bars, top down
    top, low = _tied(ranked, ranked[0]), _tied(ranked, ranked[-1])
    equal = len(rows) > 1 and ranked[0][2:] == ranked[-1][2:]  # the same shown text and rank at both ends
    return texts.CHARTS["bars_equal" if equal else by_number(len(rows), ("bar", "bars"))].format(
        title=title, areas=fmt_quantity(len(rows), texts.COUNTED["areas"]), top=top, top_value=ranked[0][2],
        low=low, low_value=ranked[-1][2])


def _tied(ranked: list[tuple], end: tuple) -> str:
    """The areas that share an end of the bars (the same shown text and rank): named up to three, else counted
    ("Högst Botkyrka (1)" picked one of eight municipalities with 1)."""
    names = sorted(r[0] for r in ranked if r[2:] == end[2:])
    return fmt_list(names) if len(names) <= 3 else fmt_quantity(len(names), texts.COUNTED["areas"])


HEAT_LIGHT, HEAT_DARK = (247, 251, 255), (8, 48, 107)  # ColorBrewer Blues' ends: sequential, colour-blind safe


def _luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.1 relative luminance."""
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours written '#RRGGBB'."""
    la, lb = (_luminance(tuple(int(c.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def outline(colour: str, otherwise: dict | None = None) -> dict:
    """The outline of a mark in `colour`: the text colour when the colour is too light for the white background
    (MARK_CONTRAST), else `otherwise` (none)."""
    if contrast(colour, BACKGROUND) < MARK_CONTRAST:
        return {"color": TEXT_COLOR, "width": 1}
    return otherwise or {"width": 0}


def heat_css(numbers: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """Each cell's CSS for a table shown as `shown` over `numbers` (the same shape): its heat_colours, the first
    row (the county, a sum for counts) left out of the scale and uncoloured. Built as plain lists and made into
    one frame at the end: set cell by cell, the frame cost 0,1 s a view of Kommuner (issue 16)."""
    colours = iter(heat_colours(numbers.iloc[1:].to_numpy().ravel().tolist()))
    grid = [[""] * len(shown.columns)] + [
        [f"background-color: {colour[0]}; color: {colour[1]}" if colour else ""
         for colour in (next(colours) for _ in shown.columns)] for _ in range(1, len(shown))]
    return pd.DataFrame(grid, index=shown.index, columns=shown.columns, dtype=object)


def heat_colours(values) -> list[tuple[str, str] | None]:
    """A sequential colour per value (light for the lowest, dark for the highest; None for a missing value) with
    the text colour, black or white, that contrasts more with it: at least 4,58:1 whatever the shade (WCAG AA).
    The colour only supports the number written in the cell, never replaces it."""
    known = [float(v) for v in values if v is not None and not pd.isna(v)]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    out = []
    for v in values:
        if v is None or pd.isna(v):
            out.append(None)
            continue
        t = (float(v) - low) / (high - low) if high > low else 0.5
        rgb = tuple(round(a + (b - a) * t) for a, b in zip(HEAT_LIGHT, HEAT_DARK))
        lum = _luminance(rgb)
        text = "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"
        out.append(("#" + "".join(f"{c:02x}" for c in rgb), text))
    return out
