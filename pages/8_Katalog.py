"""Katalog och år: directions, targets and series breaks; revising goals, measures and indicators (previewed, saved
as catalog revisions); the catalog as a file both ways; published figures; population; plan periods; reporting
years and deadlines."""

from datetime import date

import pandas as pd
import streamlit as st

from okdata import catalog, catalog_edits, catalog_revisions, periods, plans, reference, texts
from okdata.domain import Frequency
from okdata.web import access, page, widgets
from okdata.web.views import catalog as catalog_views

ctx = page.frame("catalog")
st.title(texts.PAGE_TITLES["catalog"])
st.caption(texts.CATALOG_INTRO)

indicators = {r.code: r for r in access.read(catalog_edits.editable_indicators)}
code = widgets.select_param(texts.CATALOG_INDICATOR, list(indicators), "indikator", "cat_indicator",
                       format_func=lambda c: f"{c} – {indicators[c].name}")
row = indicators[code]
with st.form(f"cat_form_{code}"):
    direction = st.radio(texts.CATALOG_DIRECTION, [1, -1, 0], index=[1, -1, 0].index(int(row.direction)),
                         format_func=texts.DIRECTIONS.get, horizontal=True)
    a, b = st.columns(2)
    target = a.number_input(texts.CATALOG_TARGET, value=row.target_value, placeholder=texts.CATALOG_NO_TARGET)
    target_year = b.number_input(texts.CATALOG_TARGET_YEAR, value=row.target_year, step=1,
                                 placeholder=texts.CATALOG_NO_TARGET)
    if st.form_submit_button(texts.CATALOG_SAVE, type="primary"):
        widgets.say(access.act(catalog_edits.edit_indicator, ctx.actor, code, direction=direction,
                               target_value=target, target_year=target_year))

st.header(texts.BREAKS_TITLE)
with st.form(f"break_form_{code}"):
    year = st.number_input(texts.BREAK_YEAR, min_value=2000, max_value=2100, value=date.today().year, step=1)
    text = st.text_input(texts.BREAK_TEXT)
    if st.form_submit_button(texts.BREAK_SAVE):
        widgets.say(access.act(catalog_edits.add_series_break, ctx.actor, code, int(year), text))
widgets.table(access.read(catalog_edits.series_breaks), key="cat_breaks")

st.header(texts.CATALOG_REVISE_TITLE)
st.caption(texts.CATALOG_REVISE_INTRO)
plan_now = access.read(catalog.plan_info)
from_year = st.number_input(texts.CATALOG_FROM_YEAR, min_value=plan_now.start_year, max_value=plan_now.end_year,
                            value=min(max(date.today().year, plan_now.start_year), plan_now.end_year), step=1,
                            key="rev_from_year")
all_indicators = access.read(catalog.indicators_frame)
measures_df = access.read(catalog.measures_frame)
goals_df = access.read(catalog.goals_frame)
NEW = ""
tab_ind, tab_measure, tab_goal, tab_file, tab_ref, tab_pop, tab_plan = st.tabs(texts.CATALOG_TABS)

with tab_ind:
    rows = {r["code"]: r for r in all_indicators.to_dict("records")}
    chosen = st.selectbox(texts.CATALOG_FORM["choose_indicator"], [NEW, *rows], key="rev_indicator",
                          format_func=lambda c: f"{c} – {rows[c]['name']}" if c else texts.CATALOG_FORM["new"],
                          placeholder=texts.CHOOSE_ONE)
    with st.form(f"rev_ind_form_{chosen}"):
        code = chosen or st.text_input(texts.CATALOG_FORM["code"], key="rev_ind_code",
                                       help=texts.CATALOG_FORM["code_help"])
        fields = catalog_views.indicator_fields(rows.get(chosen, {}), list(measures_df.code),
                                                list(goals_df.number),
                                                f"rev_ind_{chosen}" if chosen else "rev_ind")
        a, b, c = st.columns(3)
        show = a.form_submit_button(texts.CATALOG_PREVIEW_BUTTON, key="rev_ind_preview")
        save = b.form_submit_button(texts.CATALOG_REVISE_SAVE, type="primary", key="rev_ind_save")
        retire = c.form_submit_button(texts.CATALOG_RETIRE, key="rev_ind_retire", disabled=not chosen)
    if show or save or retire:
        catalog_views.preview_or_save(ctx.actor, "indicator", code, None if retire else fields, int(from_year),
                                      save or retire)

with tab_measure:
    mrows = {r["code"]: r for r in measures_df.to_dict("records")}
    agencies = {a.code: a for a in access.read(catalog.list_agencies)}
    chosen = st.selectbox(texts.CATALOG_FORM["choose_measure"], [NEW, *mrows], key="rev_measure",
                          format_func=lambda c: f"{c} – {mrows[c]['text'][:80]}" if c else texts.CATALOG_FORM["new"],
                          placeholder=texts.CHOOSE_ONE)
    row = mrows.get(chosen, {})
    with st.form(f"rev_measure_form_{chosen}"):
        code = chosen or st.text_input(texts.CATALOG_FORM["code"], key="rev_measure_code")
        goals = list(goals_df.number)
        goal = st.selectbox(texts.CATALOG_FORM["goal"], goals, key=f"rev_measure_goal_{chosen}",
                            index=goals.index(row["goal"]) if row.get("goal") in goals else 0,
                            placeholder=texts.CHOOSE_ONE)
        text = st.text_area(texts.CATALOG_FORM["text"], value=row.get("text", ""), key=f"rev_measure_text_{chosen}")
        follow_up = st.text_area(texts.CATALOG_FORM["follow_up"], value=row.get("follow_up", ""),
                                 key=f"rev_measure_follow_up_{chosen}")
        responsible = st.multiselect(texts.CATALOG_FORM["agencies"], list(agencies),
                                     default=[c for c in row.get("agency_codes", []) if c in agencies],
                                     format_func=lambda c: agencies[c].name, key=f"rev_measure_agencies_{chosen}",
                                     placeholder=texts.CHOOSE_MANY)
        frequency = st.selectbox(texts.CATALOG_FORM["frequency"], list(Frequency),
                                 index=list(Frequency).index(row.get("frequency", Frequency.YEARLY)),
                                 format_func=texts.FREQUENCIES.get, key=f"rev_measure_frequency_{chosen}",
                                 placeholder=texts.CHOOSE_ONE)
        a, b, c = st.columns(3)
        show = a.form_submit_button(texts.CATALOG_PREVIEW_BUTTON, key="rev_measure_preview")
        save = b.form_submit_button(texts.CATALOG_REVISE_SAVE, type="primary", key="rev_measure_save")
        retire = c.form_submit_button(texts.CATALOG_RETIRE, key="rev_measure_retire", disabled=not chosen)
    if show or save or retire:
        fields = {"goal": goal, "text": text, "follow_up": follow_up, "agencies": responsible,
                  "frequency": str(frequency)}
        catalog_views.preview_or_save(ctx.actor, "measure", code, None if retire else fields, int(from_year),
                                      save or retire)

with tab_goal:
    grows = {str(r["number"]): r for r in goals_df.to_dict("records")}
    chosen = st.selectbox(texts.CATALOG_FORM["choose_goal"], [NEW, *grows], key="rev_goal",
                          format_func=lambda c: f"{c} – {grows[c]['title']}" if c else texts.CATALOG_FORM["new"],
                          placeholder=texts.CHOOSE_ONE)
    row = grows.get(chosen, {})
    with st.form(f"rev_goal_form_{chosen}"):
        code = chosen or st.text_input(texts.CATALOG_FORM["number"], key="rev_goal_number")
        title = st.text_input(texts.CATALOG_FORM["title"], value=row.get("title", ""), key=f"rev_goal_title_{chosen}")
        in_place = st.text_area(texts.CATALOG_FORM["in_place"], value="\n".join(row.get("in_place", [])),
                                key=f"rev_goal_in_place_{chosen}")
        areas = st.text_area(texts.CATALOG_FORM["development_areas"],
                             value="\n".join(row.get("development_areas", [])), key=f"rev_goal_areas_{chosen}")
        a, b, c = st.columns(3)
        show = a.form_submit_button(texts.CATALOG_PREVIEW_BUTTON, key="rev_goal_preview")
        save = b.form_submit_button(texts.CATALOG_REVISE_SAVE, type="primary", key="rev_goal_save")
        retire = c.form_submit_button(texts.CATALOG_RETIRE, key="rev_goal_retire", disabled=not chosen)
    if show or save or retire:
        fields = {"title": title, "in_place": [x.strip() for x in in_place.splitlines() if x.strip()],
                  "development_areas": [x.strip() for x in areas.splitlines() if x.strip()]}
        catalog_views.preview_or_save(ctx.actor, "goal", code, None if retire else fields, int(from_year),
                                      save or retire)

with tab_file:
    a, b = st.columns(2)
    name, data = access.read(catalog_revisions.export_catalog, "toml")
    with a:
        widgets.download(texts.CATALOG_EXPORT_TOML, data, name, "application/toml", key="cat_export_toml")
    name, data = access.read(catalog_revisions.export_catalog, "xlsx")
    with b:
        widgets.download(texts.CATALOG_EXPORT_XLSX, data, name,
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="cat_export_xlsx")
    upload = st.file_uploader(texts.CATALOG_IMPORT, type=["toml", "xlsx"], key="cat_import")
    if upload is not None:
        catalog_views.file_preview_or_save(ctx.actor, upload.name, upload.getvalue(), int(from_year))
    st.markdown(f"**{texts.CATALOG_REVISIONS_TITLE}**")
    widgets.table(access.read(catalog_revisions.revisions_frame), key="cat_revisions")

with tab_ref:
    st.caption(texts.REFERENCE_INTRO)
    regional = {r["code"]: r for r in all_indicators.to_dict("records") if not r["measure"]}
    with st.form("ref_form"):
        a, b, c, d = st.columns(4)
        indicator = a.selectbox(texts.REFERENCE_COLUMNS["code"], list(regional), key="ref_indicator",
                                format_func=lambda c: f"{c} – {regional[c]['name']}", placeholder=texts.CHOOSE_ONE)
        ref_year = b.number_input(texts.REFERENCE_COLUMNS["year"], min_value=1990, max_value=2100,
                                  value=date.today().year - 1, step=1, key="ref_year")
        areas = access.read(catalog.area_names)
        area = c.selectbox(texts.REFERENCE_COLUMNS["area"], list(areas.values()), key="ref_area",
                           placeholder=texts.CHOOSE_ONE)
        group = d.selectbox(texts.REFERENCE_COLUMNS["grp"], ["alla", *texts.GROUPS], key="ref_group",
                            placeholder=texts.CHOOSE_ONE)
        value = st.text_input(texts.REFERENCE_VALUE, key="ref_value")
        url = st.text_input(texts.REFERENCE_COLUMNS["url"], key="ref_url")
        quote = st.text_area(texts.REFERENCE_COLUMNS["quote"], key="ref_quote")
        if st.form_submit_button(texts.REFERENCE_SAVE, key="ref_save"):
            widgets.say(access.act(reference.add_published_figure, ctx.actor, indicator, int(ref_year), area, group,
                                   value, url, quote))
    upload = st.file_uploader(texts.REFERENCE_UPLOAD, type=["csv"], key="ref_upload")
    if upload is not None:
        catalog_views.reference_preview_or_save(ctx.actor, upload.name, upload.getvalue())

with tab_pop:
    st.caption(texts.POPULATION_INTRO)
    upload = st.file_uploader(texts.POPULATION_UPLOAD, type=["csv", "xlsx"], key="pop_upload")
    if upload is not None:
        catalog_views.population_preview_or_save(ctx.actor, upload.name, upload.getvalue())

with tab_plan:
    widgets.table(pd.DataFrame(access.read(catalog.plan_periods)).rename(columns=texts.PLAN_COLUMNS), key="plans")
    st.caption(texts.PLAN_NEW_INTRO)
    with st.form("plan_form"):
        period = st.text_input(texts.PLAN_NEW_PERIOD, value=f"{plan_now.end_year + 1}-{plan_now.end_year + 4}",
                               key="plan_period")
        carry_goals = st.multiselect(texts.PLAN_CARRY["goals"], [str(g) for g in goals_df.number],
                                     default=[str(g) for g in goals_df.number], key="plan_goals",
                                     placeholder=texts.CHOOSE_MANY)
        carry_measures = st.multiselect(texts.PLAN_CARRY["measures"], list(measures_df.code),
                                        default=list(measures_df.code), key="plan_measures",
                                        placeholder=texts.CHOOSE_MANY)
        carry_inds = st.multiselect(texts.PLAN_CARRY["indicators"], list(all_indicators.code),
                                    default=list(all_indicators.code), key="plan_indicators",
                                    placeholder=texts.CHOOSE_MANY)
        if st.form_submit_button(texts.PLAN_NEW_SAVE, key="plan_save"):
            widgets.say(access.act(plans.new_plan, ctx.actor, plan_now.code, period,
                                   {"goals": carry_goals, "measures": carry_measures, "indicators": carry_inds}))

st.header(texts.YEARS_TITLE)
with st.form("year_form"):
    a, b = st.columns(2)
    year = a.number_input(texts.YEAR_TO_OPEN, min_value=2024, max_value=2100, value=date.today().year, step=1)
    deadline = b.date_input(texts.YEAR_DEADLINE, value=date(date.today().year + 1, 3, 31), format="YYYY-MM-DD")
    if st.form_submit_button(texts.YEAR_SAVE):
        widgets.say(access.act(periods.open_reporting_year, ctx.actor, int(year), deadline))
widgets.table(access.read(periods.reporting_year_table), key="cat_years")
st.header(texts.REOPEN_TITLE)
st.caption(texts.REOPEN_INTRO)
with st.form("reopen_form"):
    a, b = st.columns(2)
    year = a.number_input(texts.YEAR_TO_OPEN, min_value=2024, max_value=2100, value=date.today().year - 1, step=1,
                          key="reopen_year")
    until = b.date_input(texts.REOPEN_UNTIL, value=date.today(), format="YYYY-MM-DD", key="reopen_until")
    reason = st.text_input(texts.REOPEN_REASON, key="reopen_reason")
    if st.form_submit_button(texts.REOPEN_SAVE, key="reopen_save"):
        widgets.say(access.act(periods.reopen_year, ctx.actor, int(year), until, reason))
