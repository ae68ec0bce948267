"""Chart builders: plain functions from DataFrames to Plotly figures, each with a Swedish text alternative.

Colours: the Okabe–Ito palette (colour-blind safe), with one fixed colour per violence type across the app.
Numbers in Swedish format (separators ", ": decimal comma, space for thousands).
"""

import plotly.graph_objects as go

from okdata import texts
from okdata.formatting import fmt_value

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
VIOLENCE_COLORS = {"": "#000000", "VNR": "#0072B2", "HRV": "#E69F00", "PMH": "#009E73", "SV": "#CC79A7"}
VIOLENCE_DASH = {"": "solid", "VNR": "solid", "HRV": "dash", "PMH": "dot", "SV": "dashdot"}
SEPARATORS = ", "


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(title={"text": title, "font": {"size": 15}}, separators=SEPARATORS, height=height,
                      margin={"l": 50, "r": 20, "t": 60, "b": 40}, plot_bgcolor="white",
                      legend={"orientation": "h", "y": -0.15}, font={"family": "Source Sans Pro, sans-serif"})
    fig.update_xaxes(gridcolor="#e5e5e5", tickformat="d", dtick=1)
    fig.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero")
    return fig


def series_chart(df, kind: str, unit: str, title: str, target: tuple[float, int] | None = None,
                 labels: dict[str, str] | None = None, colors: dict[str, str] | None = None) -> go.Figure:
    """Lines over the years, one per breakdown member (df: year, member, value), with a dashed target line."""
    fig = go.Figure()
    for i, (member, grp) in enumerate(df.groupby("member", sort=False)):
        color = (colors or {}).get(member, OKABE_ITO[i % len(OKABE_ITO)])
        name = (labels or {}).get(member, member) or texts.CHARTS["total"]
        fig.add_trace(go.Scatter(x=grp.year, y=grp.value, mode="lines+markers", name=name,
                                 line={"color": color, "width": 3, "dash": VIOLENCE_DASH.get(member, "solid")
                                       if colors is VIOLENCE_COLORS else "solid"}, marker={"size": 8},
                                 hovertemplate=f"{name} %{{x}}: %{{y}}<extra></extra>"))
    if target is not None:
        fig.add_hline(y=target[0], line_dash="dash", line_color="#D55E00",
                      annotation_text=texts.REPORT["target"].format(value=fmt_value(target[0], kind), year=target[1]))
    _layout(fig, title)
    fig.update_yaxes(title=unit, ticksuffix=" %" if kind == "share" else "")
    return fig


def describe_series(df, kind: str, title: str, labels: dict[str, str] | None = None) -> str:
    """The text alternative of a series chart: first and last value of each line."""
    parts = []
    for member, grp in df.groupby("member", sort=False):
        grp = grp.sort_values("year")
        name = (labels or {}).get(member, member) or texts.CHARTS["total"]
        first, last = grp.iloc[0], grp.iloc[-1]
        parts.append(texts.CHARTS["line"].format(name=name, y0=int(first.year), v0=fmt_value(first.value, kind),
                                                 y1=int(last.year), v1=fmt_value(last.value, kind)))
    return f"{title}. " + " ".join(parts) if parts else texts.CHARTS["no_data"]


def violence_multiples(df, title: str, kind: str, unit: str) -> go.Figure:
    """One small chart per indicator: lines per violence type in their fixed colours (df: year, member, value)."""
    order = {code: i for i, code in enumerate(VIOLENCE_COLORS)}
    df = df.sort_values(["member", "year"], key=lambda c: c.map(order) if c.name == "member" else c)
    return series_chart(df, kind, unit, title, labels=texts.VIOLENCE_TYPE_SHORT | {"": texts.ALL_VIOLENCE_TYPES},
                        colors=VIOLENCE_COLORS)


def municipality_bars(df, kind: str, title: str, value_column: str, county_value: float | None,
                      text_column: str) -> go.Figure:
    """The municipalities side by side, sorted, with the county as a reference line (df: area, value …)."""
    d = df.sort_values(value_column, ascending=True)
    fig = go.Figure(go.Bar(x=d[value_column], y=d.area, orientation="h", marker_color=OKABE_ITO[0],
                           text=d[text_column], textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    if county_value is not None:
        fig.add_vline(x=county_value, line_dash="dash", line_color="#D55E00",
                      annotation_text=texts.CHARTS["county_line"], annotation_position="top")
    _layout(fig, title, height=max(420, 24 * len(d) + 120))
    fig.update_xaxes(dtick=None, tickformat=None, rangemode="tozero")
    fig.update_yaxes(rangemode=None)
    return fig


def describe_municipalities(df, title: str, value_column: str, text_column: str) -> str:
    """The text alternative of the municipality chart: highest and lowest."""
    if df.empty:
        return texts.CHARTS["no_data"]
    d = df.sort_values(value_column, ascending=False)
    top, low = d.iloc[0], d.iloc[-1]
    return texts.CHARTS["bars"].format(title=title, n=len(d), top=top.area, top_value=top[text_column],
                                       low=low.area, low_value=low[text_column])
