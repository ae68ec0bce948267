"""Views of Katalog och år: the forms that revise the catalog (goal, measure, indicator), each previewed before it
is saved as a new catalog revision, and the catalog as a file both ways."""

import pandas as pd
import streamlit as st

from okdata import catalog, catalog_edits, catalog_revisions, population, reference, texts
from okdata.domain import Dimension, Frequency, IndicatorKind, Outcome, Result
from okdata.web import access, widgets


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
