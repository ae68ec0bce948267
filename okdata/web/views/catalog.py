"""Views of Katalog och år: the forms that revise the catalog (goal, measure, indicator), each previewed before it
is saved as a new catalog revision; the catalog as a file both ways; published figures, population and plan periods.

A change is saved only as it was previewed (issue 19): the preview button shows the change and what it affects with
the save button under it, and the save stores exactly the previewed change, or asks for a new preview when the
form, the file, the year or the plan period changed since (preview_then_save)."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from okdata import catalog, catalog_edits, catalog_revisions, clock, plans, population, reference, texts
from okdata.domain import Dimension, Frequency, IndicatorKind, Outcome, Result
from okdata.file_text import MAX_TYPED
from okdata.formatting import fmt_quantity, fmt_years
from okdata.web import access, widgets
from okdata.web.page import Context


@dataclass(frozen=True)
class Shown:
    """A preview on the page: a digest of what it was made from, how to draw it, and the action (a domain function
    and its arguments after the actor) that saves exactly that, under the save button's label."""

    digest: str
    draw: Callable[[], None]
    action: Callable
    args: tuple
    label: str
    kwargs: tuple = ()


def digest(*parts: Any) -> str:
    """What a preview is made from (a form's fields or a file's bytes, the year), with the chosen plan period."""
    h = hashlib.sha256()
    for part in (*parts, access.plan()):
        h.update(part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, default=str).encode())
        h.update(b"\0")
    return h.hexdigest()


def preview_then_save(form: str, where, now: str, make: Callable[[], Shown | None] | None, actor,
                      in_form: bool = True, item: str = "") -> None:
    """The one way a revise form or file saves. `make` (given when a preview was asked for, or a file or year is new)
    returns the preview to show, or None after saying why there is nothing to save. The preview kept for `form`
    (and its `item`: the goal, measure or indicator chosen) is drawn in `where` with its save button `{form}_save`
    under it; the save stores what was previewed when `now` (the digest of what the form holds now) is the
    preview's, and otherwise saves nothing and asks for a new preview."""
    key = f"{form}_{item}_previewed" if item else f"{form}_previewed"
    if make is not None:
        st.session_state.pop(key, None)
        with where:
            made = make()
        if made is not None:
            st.session_state[key] = made
    shown = st.session_state.get(key)
    if shown is None:
        return
    slot = where.empty()
    with slot.container():
        shown.draw()
        st.caption(texts.PREVIEW_SAVE_HINT.format(button=shown.label))
        button = st.form_submit_button if in_form else st.button
        saved = button(shown.label, key=f"{form}_save", type="primary")
    if not saved:
        return
    if make is not None or shown.digest != now:
        with where:
            st.warning(texts.PREVIEW_AGAIN["file" if make is not None else "form"], icon=":material/warning:")
        if make is None:
            del st.session_state[key]
            slot.empty()
        return
    del st.session_state[key]
    slot.empty()
    with where:
        widgets.say(access.act(shown.action, actor, *shown.args, **dict(shown.kwargs)))


def catalog_shown(now: str, preview_of: tuple, from_year: int | None, key: str, action: Callable, args: tuple,
                  label: str, kwargs: dict | None = None) -> Shown | None:
    """A catalog preview to show (`preview_of`: a reader and its arguments), saved by `action(actor, *args,
    **kwargs)` (by default given the previewed changes, so that a catalog changed meanwhile is refused), or None
    after saying why there is nothing to save."""
    reader, *reader_args = preview_of
    try:
        preview = access.read(reader, *reader_args)
    except ValueError as e:
        widgets.say(Outcome(Result.REFUSED, "invalid", str(e)))
        return None
    if preview.empty:
        st.info(texts.CATALOG_PREVIEW["none"], icon=":material/info:")
        return None
    kwargs = {"previewed": tuple(preview.changes)} if kwargs is None else kwargs
    return Shown(now, lambda: show_preview(preview, from_year, key), action, args, label, tuple(kwargs.items()))


def show_preview(preview, from_year: int | None, key: str) -> None:
    """The changes, what they affect, and the year the revision will be in force from."""
    st.markdown(f"**{texts.CATALOG_PREVIEW_TITLE}**")
    widgets.table(preview.changes_frame(), key=key)
    for line in preview.lines()[len(preview.changes):]:
        st.caption(widgets.plain(line))
    if from_year is not None:
        st.caption(texts.CATALOG_PREVIEW["from_year"].format(year=from_year))
        first = access.read(catalog.plan_info).start_year
        if from_year > first:  # a revision from an earlier year than a saved one is refused (revision_year)
            st.caption(texts.CATALOG_PREVIEW["closes"].format(years=fmt_years(range(first, from_year))))


def from_year_input(key: str) -> int:
    """The year a catalog revision is in force from: a year of the plan period read, this year to start with."""
    plan_now = access.read(catalog.plan_info)
    return st.number_input(texts.CATALOG_FROM_YEAR, min_value=plan_now.start_year, max_value=plan_now.end_year,
                           value=min(max(clock.today().year, plan_now.start_year), plan_now.end_year), step=1,
                           key=key)


def indicator_settings(ctx: Context, row) -> None:
    """An indicator's direction and target (`row`: its IndicatorRef), previewed with whose status may change, then
    saved."""
    with st.form(f"cat_form_{row.code}"):
        direction = st.radio(texts.CATALOG_DIRECTION, [1, -1, 0], index=[1, -1, 0].index(int(row.direction)),
                             format_func=texts.DIRECTIONS.get, horizontal=True, key=f"cat_direction_{row.code}")
        a, b = st.columns(2)
        target = a.number_input(texts.CATALOG_TARGET, value=row.target_value, placeholder=texts.CATALOG_NO_TARGET,
                                key=f"cat_target_{row.code}")
        target_year = b.number_input(texts.CATALOG_TARGET_YEAR, value=row.target_year, step=1,
                                     placeholder=texts.CATALOG_NO_TARGET, key=f"cat_target_year_{row.code}")
        from_year = int(from_year_input(f"cat_from_year_{row.code}"))
        asked = st.form_submit_button(texts.CATALOG_PREVIEW_BUTTON, key="cat_preview")
        where = st.container()
    settings = (row.code, direction, target, target_year)
    now = digest("settings", *settings, from_year)

    def make() -> Shown | None:
        return catalog_shown(now, (catalog_edits.preview_indicator, *settings, from_year), from_year,
                             "preview_settings", catalog_edits.edit_indicator, (row.code,), texts.CATALOG_SAVE,
                             {"direction": direction, "target_value": target, "target_year": target_year,
                              "from_year": from_year})

    preview_then_save("cat", where, now, make if asked else None, ctx.actor, item=row.code)


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
    """An uploaded catalog file: the same preview and check as an edit, shown as soon as the file (or the year) is
    new, then saved as a revision exactly as previewed."""
    now = digest("file", file_name, data, from_year)
    kept = st.session_state.get("cat_import_previewed")

    def make() -> Shown | None:
        return catalog_shown(now, (catalog_revisions.preview_file, data, file_name, from_year), from_year,
                             "preview_file", catalog_revisions.import_catalog, (data, file_name, from_year),
                             texts.CATALOG_IMPORT_SAVE)

    preview_then_save("cat_import", st.container(), now, make if kept is None or kept.digest != now else None, actor,
                      in_form=False)


def series_breaks(ctx: Context, code: str) -> None:
    """Series breaks: add one for the chosen indicator, every break in a table, and take one away that was saved by
    mistake (the page runs again, so the table shows it gone; the outcome said under the heading)."""
    st.header(texts.BREAKS_TITLE)
    widgets.said()
    emptied = f"break_text_{code}"
    if st.session_state.pop(f"{emptied}_saved", False):  # set before the box is drawn, so the browser's box empties
        st.session_state[emptied] = ""
    with st.form(f"break_form_{code}"):
        year = st.number_input(texts.BREAK_YEAR, min_value=catalog_edits.FIRST_BREAK_YEAR,
                               max_value=clock.today().year + 1, value=clock.today().year, step=1,
                               key=f"break_year_{code}")
        text = st.text_input(texts.BREAK_TEXT, max_chars=MAX_TYPED, key=f"break_text_{code}")
        if st.form_submit_button(texts.BREAK_SAVE, key=f"break_save_{code}"):
            outcome = access.act(catalog_edits.add_series_break, ctx.actor, code, int(year), text)
            if outcome.ok:  # saved: the form starts empty for the next break; a refused one keeps its text
                st.session_state[f"{emptied}_saved"] = True
            widgets.say_after(outcome)
    breaks = access.read(catalog_edits.series_breaks)
    widgets.table(breaks.drop(columns="id").rename(columns=texts.BREAK_COLUMNS), key="cat_breaks")
    if breaks.empty:
        return
    labels = {int(r.id): texts.BREAK_OPTION.format(code=r.indicator, year=r.year, description=r.description[:80])
              for r in breaks.itertuples()}
    with st.form("break_remove_form"):
        chosen = st.selectbox(texts.BREAK_REMOVE_PICK, list(labels), format_func=labels.get, key="break_remove")
        if st.form_submit_button(texts.BREAK_REMOVE, key="break_remove_save"):
            widgets.say_after(access.act(catalog_edits.remove_series_break, ctx.actor, int(chosen)))


def reference_preview_or_save(actor, file_name: str, data: bytes) -> None:
    """An uploaded CSV of published figures: its rows and problems, then save them."""
    check = _checked(reference.check_reference_file, data)
    if check is None:
        return
    for line in check.problems:
        st.error(widgets.plain(line), icon=":material/error:")
    _reference_rows(check, "ref_preview")
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
        st.caption(texts.POPULATION_IGNORED.format(n=fmt_quantity(check.ignored_regions, texts.COUNTED["regions"])))
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
    from_year = from_year_input("rev_from_year")
    frames = (access.read(catalog.indicators_frame), access.read(catalog.measures_frame),
              access.read(catalog.goals_frame))
    tabs = (_indicators_tab, _measures_tab, _goals_tab, _file_tab, _reference_tab, _population_tab, _plan_tab)
    # keyed, so that the chosen tab stays when a message above it (said once) goes away: unkeyed, the tabs were drawn
    # one place higher on the next run and the browser made them anew with the first tab chosen
    for tab, draw in zip(st.tabs(texts.CATALOG_TABS, key="cat_tabs"), tabs):
        with tab:
            draw(ctx, plan_now, int(from_year), *frames)


def _revise_buttons(prefix: str, chosen: str):
    """The preview and retire buttons of a revise form (retire only for an existing item), and the place under them
    in the form where the preview and its save button appear."""
    a, b = st.columns(2)
    show = a.form_submit_button(texts.CATALOG_PREVIEW_BUTTON, key=f"{prefix}_preview")
    retire = b.form_submit_button(texts.CATALOG_RETIRE, key=f"{prefix}_retire", disabled=not chosen)
    return ("retire" if retire else "show" if show else None), st.container()


def _revise(ctx: Context, prefix: str, chosen: str, what: str, code: str, fields: dict, from_year: int,
            asked: str | None, where) -> None:
    """Preview an edit (or retiring the item), then save exactly that (preview_then_save)."""
    now = digest(what, code, fields, from_year)
    retire = asked == "retire"
    target, label = (None, texts.CATALOG_RETIRE_SAVE) if retire else (fields, texts.CATALOG_REVISE_SAVE)

    def make() -> Shown | None:
        return catalog_shown(now, (catalog_edits.preview_edit, what, code, target, from_year), from_year,
                             f"preview_{what}",
                             catalog_edits.edit_catalog, (what, code, target, from_year), label)

    preview_then_save(prefix, where, now, make if asked else None, ctx.actor, item=chosen)


def _choose(label: str, rows: dict[str, dict], key: str, describe: Callable[[dict], str]) -> str:
    """The code of the item a revise form is for (NEW: a new one), chosen by 'code – description'."""
    return st.selectbox(texts.CATALOG_FORM[label], [NEW, *rows], key=key,
                        format_func=lambda c: f"{c} – {describe(rows[c])}" if c else texts.CATALOG_FORM["new"],
                        placeholder=texts.CHOOSE_ONE)


def _indicators_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
                    goals_df: pd.DataFrame) -> None:
    """Add, change or retire an indicator."""
    rows = {r["code"]: r for r in all_indicators.to_dict("records")}
    chosen = _choose("choose_indicator", rows, "rev_indicator", lambda r: r["name"])
    with st.form(f"rev_ind_form_{chosen}"):
        code = chosen or st.text_input(texts.CATALOG_FORM["code"], key="rev_ind_code",
                                       help=texts.CATALOG_FORM["code_help"])
        fields = indicator_fields(rows.get(chosen, {}), list(measures_df.code), list(goals_df.number),
                                  f"rev_ind_{chosen}" if chosen else "rev_ind")
        asked, where = _revise_buttons("rev_ind", chosen)
    _revise(ctx, "rev_ind", chosen, "indicator", code, fields, from_year, asked, where)


def _measures_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
                  goals_df: pd.DataFrame) -> None:
    """Add, change or retire a measure and its responsible agencies."""
    mrows = {r["code"]: r for r in measures_df.to_dict("records")}
    agencies = {a.code: a for a in access.read(catalog.list_agencies)}
    chosen = _choose("choose_measure", mrows, "rev_measure", lambda r: r["text"][:80])
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
        asked, where = _revise_buttons("rev_measure", chosen)
    fields = {"goal": goal, "text": text, "follow_up": follow_up, "agencies": responsible,
              "frequency": str(frequency)}
    _revise(ctx, "rev_measure", chosen, "measure", code, fields, from_year, asked, where)


def _goals_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
               goals_df: pd.DataFrame) -> None:
    """Add, change or retire a goal."""
    grows = {str(r["number"]): r for r in goals_df.to_dict("records")}
    chosen = _choose("choose_goal", grows, "rev_goal", lambda r: r["title"])
    row = grows.get(chosen, {})
    with st.form(f"rev_goal_form_{chosen}"):
        code = chosen or st.text_input(texts.CATALOG_FORM["number"], key="rev_goal_number")
        title = st.text_input(texts.CATALOG_FORM["title"], value=row.get("title", ""), key=f"rev_goal_title_{chosen}")
        in_place = st.text_area(texts.CATALOG_FORM["in_place"], value="\n".join(row.get("in_place", [])),
                                key=f"rev_goal_in_place_{chosen}")
        areas = st.text_area(texts.CATALOG_FORM["development_areas"],
                             value="\n".join(row.get("development_areas", [])), key=f"rev_goal_areas_{chosen}")
        asked, where = _revise_buttons("rev_goal", chosen)
    fields = {"title": title, "in_place": [x.strip() for x in in_place.splitlines() if x.strip()],
              "development_areas": [x.strip() for x in areas.splitlines() if x.strip()]}
    _revise(ctx, "rev_goal", chosen, "goal", code, fields, from_year, asked, where)


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
    upload = widgets.file_input(texts.CATALOG_IMPORT, "cat_import", "catalog", types=["toml", "xlsx"])
    if upload is not None:
        file_preview_or_save(ctx.actor, upload.name, upload.getvalue(), int(from_year))
    else:
        st.session_state.pop("cat_import_previewed", None)
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
                                  value=clock.today().year - 1, step=1, key="ref_year")
        areas = access.read(catalog.area_names)
        area = c.selectbox(texts.REFERENCE_COLUMNS["area"], list(areas.values()), key="ref_area",
                           placeholder=texts.CHOOSE_ONE)
        group = d.selectbox(texts.REFERENCE_COLUMNS["grp"], ["alla", *texts.GROUPS], key="ref_group",
                            placeholder=texts.CHOOSE_ONE)
        value = st.text_input(texts.REFERENCE_VALUE, key="ref_value")
        url = st.text_input(texts.REFERENCE_COLUMNS["url"], key="ref_url")
        quote = st.text_area(texts.REFERENCE_COLUMNS["quote"], key="ref_quote")
        asked = st.form_submit_button(texts.CATALOG_PREVIEW_BUTTON, key="ref_preview")
        where = st.container()
    figure = (indicator, int(ref_year), area, group, value, url, quote)
    now = digest("figure", *figure)
    preview_then_save("ref", where, now, (lambda: _figure_preview(figure, now)) if asked else None, ctx.actor)
    upload = widgets.file_input(texts.REFERENCE_UPLOAD, "ref_upload", "reference", types=["csv"])
    if upload is not None:
        reference_preview_or_save(ctx.actor, upload.name, upload.getvalue())


def _figure_preview(figure: tuple, now: str) -> Shown | None:
    """The row one typed figure stores, or None after showing its problems."""
    check = access.read(reference.check_published_figure, *figure)
    for line in check.problems:
        st.error(widgets.plain(line), icon=":material/error:")
    if check.problems or not check.rows:
        return None
    return Shown(now, lambda: _reference_rows(check, "ref_figure_preview"), reference.add_published_figure,
                 figure, texts.REFERENCE_SAVE)


def _reference_rows(check: reference.ReferenceCheck, key: str) -> None:
    """The published figures a save stores, and before them each stored figure one of them replaces."""
    for line in check.locked:
        st.warning(widgets.plain(line), icon=":material/lock:")
    for line in check.replaces:
        st.warning(widgets.plain(line), icon=":material/swap_horiz:")
    widgets.table(check.frame(), key=key)


def _population_tab(ctx: Context, plan_now, from_year: int, all_indicators: pd.DataFrame, measures_df: pd.DataFrame,
                    goals_df: pd.DataFrame) -> None:
    """Population from SCB's export."""
    st.caption(texts.POPULATION_INTRO)
    upload = widgets.file_input(texts.POPULATION_UPLOAD, "pop_upload", "population", types=["csv", "xlsx"])
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
        asked = st.form_submit_button(texts.PLAN_PREVIEW_BUTTON, key="plan_preview")
        where = st.container()
    carry = {"goals": carry_goals, "measures": carry_measures, "indicators": carry_inds}
    now = digest("plan", plan_now.code, period, carry)
    preview_then_save("plan", where, now, (lambda: _plan_preview(plan_now.code, period, carry, now)) if asked else None,
                      ctx.actor)


def _plan_preview(from_code: str, period: str, carry: dict, now: str) -> Shown | None:
    """What starting the plan period will carry over and leave behind, or None after saying why it cannot start."""
    try:
        preview = access.read(plans.preview_plan, from_code, period, carry)
    except ValueError as e:
        widgets.say(Outcome(Result.REFUSED, "invalid", str(e)))
        return None

    def draw() -> None:
        st.markdown(f"**{texts.CATALOG_PREVIEW_TITLE}**")
        for line in preview.lines():
            st.markdown(widgets.plain(line))

    return Shown(now, draw, plans.new_plan, (from_code, period, carry), texts.PLAN_NEW_SAVE)
