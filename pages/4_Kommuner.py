"""Kommuner: the 26 municipalities side by side for an indicator, sorted, with the county as reference;
counts or per 100 000 inhabitants; counts below 5 shown as "<5" by default."""

import streamlit as st

from okdata import explore, texts, ui
from okdata.charts import describe_municipalities, municipality_bars
from okdata.formatting import fmt_num, fmt_value
from okdata.values import data_years, default_year

ctx = ui.frame("municipalities")
st.title(texts.PAGE_TITLES["municipalities"])
st.caption(texts.MUNICIPALITY_VIEW["intro"])
inds = ui.read(explore.municipal_indicators)
if inds.empty:
    st.info(texts.MUNICIPALITY_VIEW["none"])
    st.stop()
names = dict(zip(inds.id, inds.name))
left, mid, right = st.columns([3, 1, 1])
with left:
    code = ui.select_param(texts.MUNICIPALITY_VIEW["pick"], list(names), "indikator", "mun_ind",
                           format_func=lambda c: f"{c} {names[c]}")
with mid:
    year = ui.select_param(texts.YEAR, ui.read(data_years), "ar", "mun_year", default=ui.read(default_year))
ind = inds[inds.id == code].iloc[0]
with right:
    measure = ui.select_param(texts.MUNICIPALITY_VIEW["measure"], ["antal", "per100k"], "matt", "mun_measure",
                              format_func=lambda m: texts.MUNICIPALITY_VIEW["counts"] if m == "antal"
                              else texts.MUNICIPALITY_VIEW["per_capita"])
suppress = st.checkbox(texts.MUNICIPALITY_VIEW["suppress"], value=st.query_params.get("visa_sma") != "1",
                       key="mun_suppress")
st.query_params["visa_sma"] = "0" if suppress else "1"
ui.example_banner()
df = ui.read(explore.municipal_frame, int(ind.indicator_id), year, ctx.approved_only)
county = df[df.area_code == "01"]
towns = df[df.area_code != "01"].copy()
if towns.empty:
    st.info(texts.MUNICIPALITY_VIEW["no_values"].format(year=year))
    st.stop()
per_capita = measure == "per100k" and ind.kind == "count"
column = "per_100k" if per_capita else "value"
kind = "rate" if per_capita else ind.kind
towns["text"] = (explore.suppress_small(towns, ind.kind) if suppress and not per_capita
                 else towns[column].map(lambda v: fmt_value(v, kind)))
county_value = float(county.iloc[0][column]) if len(county) else None
title = f"{code} {ind['name']} {year}" + (f" – {texts.EXAMPLE_DATA}" if towns.example.any() else "")
if county_value is not None:
    st.metric(texts.COUNTY, fmt_value(county_value, kind))
ui.chart(municipality_bars(towns, kind, title, column, county_value, "text"), key=f"mun_{code}_{column}",
         alt=describe_municipalities(towns, title, column, "text"),
         data=towns[["area", "text", "population", "method"]].assign(
             population=towns.population.map(lambda p: fmt_num(p))).rename(columns={
                 "area": texts.COLUMNS_INDICATORS["area"], "text": texts.PROGRESS_VIEW["col_value"],
                 "population": "Befolkning", "method": "Befolkningstal"}))
if per_capita:
    st.caption(texts.MUNICIPALITY_VIEW["population_note"].format(
        year=year, methods=", ".join(sorted(set(towns.method.dropna())))))
