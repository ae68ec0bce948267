"""Views of Katalog och år: the forms that revise the catalog (goal, measure, indicator), each previewed before it
is saved as a new catalog revision; the catalog as a file both ways; published figures, population and plan periods."""

from datetime import date

import pandas as pd
import streamlit as st

from okdata import catalog, catalog_edits, catalog_revisions, plans, population, reference, texts
from okdata.domain import Dimension, Frequency, IndicatorKind, Outcome, Result
from okdata.web import access, widgets
from okdata.web.page import Context


def preview_or_save(actor, what: str, code: str, fields: dict | None, from_year: int, save: bool) -> None:
    """Show what the edit changes and affects; save it when asked (a refusal is shown, nothing is written)."""
    try:
        preview = access.read(catalog_edits.preview_edit, what, code, fields)
    except ValueError as e:
        widgets.say(Outcome(Result.REFUSED, "invalid", str(e)))
        return
    show_preview(preview)
    if save:
        widgets.say(access.act(catalog_edits.edit_catalog, actor, what, code, fields, from_year))


def show_preview(preview) -> None:
    """The changes and what they affect."""
    if preview.empty:
        st.info(texts.CATALOG_PREVIEW["none"], icon=":material/info:")
        return
    st.markdown(f"**{texts.CATALOG_PREVIEW_TITLE}**")
    widgets.table(preview.changes_frame(), key=f"preview_{id(preview)}")
    for line in preview.lines()[len(preview.changes):]:
        st.caption(widgets.plain(line))


def indicator_fields(row: dict, measures: list[str], goals: list[int], key: str) -> dict:
    """The indicator form's fields (the catalog file's keys), one widget per field."""
    a, b, c = st.columns(3)
    measure = a.selectbox(texts.CATALOG_FORM["measure"], ["", *measures], key=f"{key}_measure",
                          index=(["", *measures].index(row.get("measure", "")) if row.get("measure", "") in measures
                                 else 0), format_func=lambda m: m or texts.CATALOG_FORM["regional"],
                          placeholder=texts.CHOOSE_ONE)
    goal = b.selectbox(texts.CATALOG_FORM["regional_goal"], goals, key=f"{key}_goal",
                       index=goals.index(row["goal"]) if row.get("goal") in goals else 0, placeholder=texts.CHOOSE_ONE)
    kinds = list(IndicatorKind)
    kind = c.selectbox(texts.CATALOG_FORM["kind"], kinds, index=kinds.index(row.get("kind", "count")),
                       format_func=texts.KINDS.get, key=f"{key}_kind", placeholder=texts.CHOOSE_ONE)
    name = st.text_input(texts.CATALOG_FORM["name"], value=row.get("name", ""), key=f"{key}_name")
    a, b, c, d = st.columns(4)
    unit = a.text_input(texts.CATALOG_FORM["unit"], value=row.get("unit", ""), key=f"{key}_unit")
    direction = b.selectbox(texts.CATALOG_DIRECTION, [1, -1, 0], index=[1, -1, 0].index(int(row.get("direction", 0))),
                            format_func=texts.DIRECTIONS.get, key=f"{key}_direction", placeholder=texts.CHOOSE_ONE)
    target = c.number_input(texts.CATALOG_TARGET, value=_number(row.get("target_value")),
                            placeholder=texts.CATALOG_NO_TARGET, key=f"{key}_target")
    target_year = d.number_input(texts.CATALOG_TARGET_YEAR, value=_number(row.get("target_year")), step=1,
                                 placeholder=texts.CATALOG_NO_TARGET, key=f"{key}_target_year")
    a, b = st.columns(2)
    frequency = a.selectbox(texts.CATALOG_FORM["frequency"], list(Frequency),
                            index=list(Frequency).index(row.get("frequency", Frequency.YEARLY)),
                            format_func=texts.FREQUENCIES.get, key=f"{key}_frequency", placeholder=texts.CHOOSE_ONE)
    breakdowns = b.multiselect(texts.CATALOG_FORM["breakdowns"], list(Dimension),
                               default=[Dimension(x) for x in row.get("breakdowns", [])],
                               format_func=texts.DIMENSION_WORDS.get, key=f"{key}_breakdowns",
                               placeholder=texts.CHOOSE_MANY)
    categories = st.text_area(texts.CATALOG_FORM["categories"], value="\n".join(row.get("categories", [])),
                              key=f"{key}_categories")
    development = st.checkbox(texts.CATALOG_FORM["development"], value=bool(row.get("is_development")),
                              key=f"{key}_development")
    per_100k = st.checkbox(texts.CATALOG_FORM["per_100k"], value=bool(row.get("per_capita")),
                           key=f"{key}_per_100k")
    return {"measure": measure, "goal": goal, "name": name, "kind": str(kind), "unit": unit,
            "direction": int(direction), "target_value": target,
            "target_year": int(target_year) if target_year is not None else None, "frequency": str(frequency),
            "breakdowns": [str(x) for x in breakdowns],
            "categories": [c.strip() for c in categories.splitlines() if c.strip()], "development": development,
            "per_100k": per_100k}


def _number(v):
    return None if v is None or pd.isna(v) else v


def _checked(fn, data: bytes, *args):
    """A kept check of an uploaded file, or None after showing the Swedish reason it could not be read."""
    try:
        return access.check_once(fn, data, *args)
    except ValueError as e:
        widgets.say(Outcome(Result.REFUSED, "invalid", str(e)))
        return None


def file_preview_or_save(actor, file_name: str, data: bytes, from_year: int) -> None:
    """An uploaded catalog file: the same preview and check as an edit, then save it as a revision."""
    preview = _checked(catalog_revisions.preview_file, data, file_name)
    if preview is None:
        return
    show_preview(preview)
    if not preview.empty and st.button(texts.CATALOG_IMPORT_SAVE, type="primary", key="cat_import_save"):
        widgets.say(access.act(catalog_revisions.import_catalog, actor, data, file_name, from_year))
        access.forget_checks()


def reference_preview_or_save(actor, file_name: str, data: bytes) -> None:
    """An uploaded CSV of published figures: its rows and problems, then save them."""
    check = _checked(reference.check_reference_file, data)
    if check is None:
        return
    for line in check.problems:
        st.error(widgets.plain(line), icon=":material/error:")
    widgets.table(check.frame(), key="ref_preview")
    if check.rows and not check.problems and st.button(texts.REFERENCE_SAVE_FILE, type="primary",
                                                       key="ref_upload_save"):
        widgets.say(access.act(reference.import_reference, actor, data, file_name))
        access.forget_checks()


def population_preview_or_save(actor, file_name: str, data: bytes) -> None:
    """An uploaded SCB export: the population per area and year it holds, then save it with its provenance."""
    check = _checked(population.check_population_file, data, file_name)
    if check is None:
        return
    for line in check.problems:
        st.error(widgets.plain(line), icon=":material/error:")
    if check.ignored_regions:
        st.caption(texts.POPULATION_IGNORED.format(n=check.ignored_regions))
    if check.rows:
        widgets.table(check.frame(access.read(catalog.area_names)), key="pop_preview")
    if check.rows and not check.problems and st.button(texts.POPULATION_SAVE, type="primary", key="pop_save"):
        widgets.say(access.act(population.import_population, actor, file_name, data))
        access.forget_checks()


NEW = ""  # the first choice of a revise list: a new goal, measure or indicator


def revise(ctx: Context) -> None:
    """Revise the catalog: goals, measures and indicators (each previewed, saved as a catalog revision in force
    from a chosen year), the catalog as a file, published figures, population and plan periods, one tab each."""
    st.header(texts.CATALOG_REVISE_TITLE)
    st.caption(texts.CATALOG_REVISE_INTRO)
    plan_now = access.read(catalog.plan_info)
    from_year = st.number_input(texts.CATALOG_FROM_YEAR, min_value=plan_now.start_year, max_value=plan_now.end_year,
                                value=min(max(date.today().year, plan_now.start_year), plan_now.end_year), step=1,
                                key="rev_from_year")
    frames = (access.read(catalog.indicators_frame), access.read(catalog.measures_frame),
              access.read(catalog.goals_frame))
    tabs = (_indicators_tab, _measures_tab, _goals_tab, _file_tab, _reference_tab, _population_tab, _plan_tab)
    for tab, draw in zip(st.tabs(texts.CATALOG_TABS), tabs):
        with tab:
            draw(ctx, plan_now, int(from_year), *frames)


def _revise_buttons(prefix: str, chosen: str) -> tuple[bool, bool, bool]:
    """Preview, save and retire in a revise form (retire only for an existing item)."""
    a, b, c = st.columns(3)
    return (a.form_submit_button(texts.CATALOG_PREVIEW_BUTTON, key=f"{prefix}_preview"),
            b.form_submit_button(texts.CATALOG_REVISE_SAVE, type="primary", key=f"{prefix}_save"),
            c.form_submit_button(texts.CATALOG_RETIRE, key=f"{prefix}_retire", disabled=not chosen))


def _indicators_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
                    goals_df: pd.DataFrame) -> None:
    """Add, change or retire an indicator."""
    rows = {r["code"]: r for r in all_indicators.to_dict("records")}
    chosen = st.selectbox(texts.CATALOG_FORM["choose_indicator"], [NEW, *rows], key="rev_indicator",
                          format_func=lambda c: f"{c} – {rows[c]['name']}" if c else texts.CATALOG_FORM["new"],
                          placeholder=texts.CHOOSE_ONE)
    with st.form(f"rev_ind_form_{chosen}"):
        code = chosen or st.text_input(texts.CATALOG_FORM["code"], key="rev_ind_code",
                                       help=texts.CATALOG_FORM["code_help"])
        fields = indicator_fields(rows.get(chosen, {}), list(measures_df.code),
                                                list(goals_df.number),
                                                f"rev_ind_{chosen}" if chosen else "rev_ind")
        show, save, retire = _revise_buttons("rev_ind", chosen)
    if show or save or retire:
        preview_or_save(ctx.actor, "indicator", code, None if retire else fields, int(from_year),
                                      save or retire)


def _measures_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
                  goals_df: pd.DataFrame) -> None:
    """Add, change or retire a measure and its responsible agencies."""
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
        show, save, retire = _revise_buttons("rev_measure", chosen)
    if show or save or retire:
        fields = {"goal": goal, "text": text, "follow_up": follow_up, "agencies": responsible,
                  "frequency": str(frequency)}
        preview_or_save(ctx.actor, "measure", code, None if retire else fields, int(from_year),
                                      save or retire)


def _goals_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
               goals_df: pd.DataFrame) -> None:
    """Add, change or retire a goal."""
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
        show, save, retire = _revise_buttons("rev_goal", chosen)
    if show or save or retire:
        fields = {"title": title, "in_place": [x.strip() for x in in_place.splitlines() if x.strip()],
                  "development_areas": [x.strip() for x in areas.splitlines() if x.strip()]}
        preview_or_save(ctx.actor, "goal", code, None if retire else fields, int(from_year),
                                      save or retire)


def _file_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
              goals_df: pd.DataFrame) -> None:
    """The catalog as TOML and Excel, both ways, and its revisions."""
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
        file_preview_or_save(ctx.actor, upload.name, upload.getvalue(), int(from_year))
    st.markdown(f"**{texts.CATALOG_REVISIONS_TITLE}**")
    widgets.table(access.read(catalog_revisions.revisions_frame), key="cat_revisions")


def _reference_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
                   goals_df: pd.DataFrame) -> None:
    """Published regional figures with their source, one at a time or as a CSV file."""
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
        reference_preview_or_save(ctx.actor, upload.name, upload.getvalue())


def _population_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
                    goals_df: pd.DataFrame) -> None:
    """Population from SCB's export."""
    st.caption(texts.POPULATION_INTRO)
    upload = st.file_uploader(texts.POPULATION_UPLOAD, type=["csv", "xlsx"], key="pop_upload")
    if upload is not None:
        population_preview_or_save(ctx.actor, upload.name, upload.getvalue())


def _plan_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
              goals_df: pd.DataFrame) -> None:
    """The plan periods, and the next one started with what it carries over."""
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
