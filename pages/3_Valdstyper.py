"""Våldstyper: every indicator broken down by violence type, as small multiples in fixed colours; per 100 000
inhabitants where it applies; years compared."""

import streamlit as st

from okdata import explore, texts, ui
from okdata.charts import describe_series, violence_multiples

ctx = ui.frame("violence")
st.title(texts.PAGE_TITLES["violence"])
st.caption(texts.VIOLENCE_VIEW["intro"])
types = ui.multiselect_param(texts.VIOLENCE_VIEW["pick"], list(texts.VIOLENCE_TYPES), "valdstyp", "vt_types",
                             format_func=texts.VIOLENCE_TYPE_SHORT.get, default=list(texts.VIOLENCE_TYPES))
per_capita = st.toggle(texts.VIOLENCE_VIEW["per_capita"], key="vt_per_capita",
                       value=st.query_params.get("per100k") == "1")
st.query_params["per100k"] = "1" if per_capita else "0"
ui.example_banner()
data = ui.read(explore.violence_frame, types, ctx.approved_only)
goals = sorted(data.goal.unique()) if not data.empty else []
if goals:
    goal = ui.select_param(texts.GOAL, goals, "mal", "vt_goal", format_func=lambda n: texts.GOAL_N.format(n=n))
    data = data[data.goal == goal]
if data.empty:
    st.info(texts.VIOLENCE_VIEW["empty"])
    st.stop()
years = sorted(data.year.unique())
first, last = st.select_slider(texts.VIOLENCE_VIEW["compare"], options=years, value=(years[0], years[-1]),
                               key="vt_years")
data = data[(data.year >= first) & (data.year <= last)]
if per_capita:
    pop = ui.read(explore.county_population, years)
    data = ui.per_capita(data, pop)
    methods = ", ".join(f"{int(r.year)} {r.method}" for r in pop.itertuples() if first <= r.year <= last)
    st.caption(texts.VIOLENCE_VIEW["population_note"].format(note=methods))
columns = st.columns(2)
for n, (code, grp) in enumerate(data.groupby("indicator", sort=False)):
    row = grp.iloc[0]
    kind, unit = row.kind, row.unit
    if per_capita and kind == "count":
        kind, unit = "rate", texts.MUNICIPALITY_VIEW["per_capita"].lower()
    frame = grp.rename(columns={"violence_type": "member"})[["year", "member", "value"]]
    title = f"{code} {row['name']}" + (f" – {texts.EXAMPLE_DATA}" if grp.example.any() else "")
    with columns[n % 2]:
        ui.chart(violence_multiples(frame, title, kind, unit), key=f"vt_{code}",
                 alt=describe_series(frame, kind, title, texts.VIOLENCE_TYPE_SHORT),
                 data=ui.violence_table(frame, kind))
