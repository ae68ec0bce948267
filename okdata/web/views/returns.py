"""Views of returns: the chosen year's state, every problem of a file, the preview of what a save would do, and
the lists of batches, values and statuses in Historik and Granska."""

import pandas as pd
import streamlit as st

from okdata import texts
from okdata.checks import problem
from okdata.formatting import fmt_time
from okdata.web.widgets import file_input, plain, safe_cells, table
from okdata.workbook import MAX_FILE_BYTES, too_big_problem


def year_state_notice(state, is_coordinator: bool) -> None:
    """Whether returns may write the chosen year: its deadline, or why it is locked."""
    if state.locked:
        text = texts.YEAR_NOTICE["locked_coordinator" if is_coordinator else "locked"]
        st.warning(text.format(year=state.year, why=state.why), icon=":material/lock:")
    elif state.reopened_until:
        st.info(texts.YEAR_NOTICE["reopened"].format(year=state.year, until=state.reopened_until),
                icon=":material/lock_open:")
    elif state.deadline:
        st.caption(texts.YEAR_NOTICE["deadline"].format(year=state.year, deadline=state.deadline))



PROBLEMS_WRITTEN_OUT = 200  # messages written out whole below a problem table


def problems_table(problems: list, key: str, said: bool = False) -> None:
    """Every problem as a table a coordinator can work through: sheet, row and column ("–" for one about a whole
    sheet or the file), what and how; below it every message whole, for those longer than the column shows. `said`:
    the messages as they were said at an upload (Granska, Historik), headed as such rather than with the question
    the reporter is asked."""
    message = texts.PROBLEM_COLUMNS["said" if said else "message"]

    def place(value) -> str:
        return texts.MISSING if value is None or value == "" else str(value)

    df = pd.DataFrame([{
        texts.PROBLEM_COLUMNS["severity"]: texts.SEVERITY[p.severity], texts.PROBLEM_COLUMNS["sheet"]: p.sheet,
        texts.PROBLEM_COLUMNS["row"]: place(p.row), texts.PROBLEM_COLUMNS["column"]: place(p.column),
        texts.PROBLEM_COLUMNS["code"]: p.code, message: p.message,
    } for p in problems])
    st.dataframe(safe_cells(df), hide_index=True, width="stretch", key=key, column_config={
        message: st.column_config.TextColumn(width="large")})
    with st.expander(texts.PROBLEMS_WHOLE):
        if len(problems) > PROBLEMS_WRITTEN_OUT:  # a file of 40 000 bad rows: the table holds them all
            st.caption(texts.PROBLEMS_WHOLE_FIRST.format(n=PROBLEMS_WRITTEN_OUT, total=len(problems)))
        st.markdown("\n".join("- " + plain(texts.PROBLEM_WHOLE.format(
            severity=texts.SEVERITY[p.severity], sheet=p.sheet, row=place(p.row), column=place(p.column),
            code=p.code, message=p.message)) for p in problems[:PROBLEMS_WRITTEN_OUT]))


def upload_warnings(warnings, counted: int, key: str) -> None:
    """The warnings said to the uploader before a save (history.batch_warnings), each where it was in the file, and
    whether they were confirmed on the page; for a batch saved before they were kept, that only their number
    (`counted`) is known."""
    if warnings.problems:
        st.caption(texts.WARNINGS_CONFIRMED if warnings.confirmed else texts.WARNINGS_UNCONFIRMED)
        problems_table(list(warnings.problems), key=key, said=True)
    elif counted:
        st.caption(texts.WARNINGS_NOT_KEPT.format(n=counted))


def preview_tabs(check) -> None:
    """The difference of a return against the store: new, changed (old → new), unchanged, statuses."""
    changes = pd.DataFrame([c.as_dict() for c in check.changes],
                           columns=["kind", "indicator", "year", "breakdown", "old", "new", "sheet_row"])
    cols = {"indicator": texts.COL_INDICATOR_ID, "year": texts.YEAR, "breakdown": texts.COL_BREAKDOWN,
            "old": texts.COL_OLD, "new": texts.COL_NEW, "sheet_row": texts.PROBLEM_COLUMNS["row"]}
    parts = {k: changes[changes.kind == k].drop(columns="kind").rename(columns=cols)
             for k in ("new", "changed", "unchanged")}
    statuses = pd.DataFrame([{texts.COL_CODE: st_.measure, texts.YEAR: st_.year,
                              texts.COLUMNS_MEASURES["status"]: texts.IMPLEMENTATION[st_.status],
                              texts.COLUMNS_MEASURES["description"]: st_.description}
                             for st_ in check.statuses_to_save])
    tabs = st.tabs([texts.PREVIEW_NEW.format(n=len(parts["new"])),
                    texts.PREVIEW_CHANGED.format(n=len(parts["changed"])),
                    texts.PREVIEW_UNCHANGED.format(n=len(parts["unchanged"])),
                    texts.PREVIEW_STATUSES.format(n=len(statuses))])
    for tab, df, key in zip(tabs, [parts["new"].drop(columns=texts.COL_OLD), parts["changed"],
                                   parts["unchanged"].drop(columns=texts.COL_OLD), statuses],
                            ["prev_new", "prev_changed", "prev_unchanged", "prev_statuses"]):
        with tab:
            if df.empty:
                st.caption(texts.NONE_IN_LIST)
            else:
                table(df, key=key)



def batches_table(batches: pd.DataFrame, key: str, reviewed: bool = True) -> None:
    """The list of batches with Swedish headings and labels; `reviewed`: with who approved or returned each and
    when, the provenance of what the views show (a Rapportör cannot open Logg); not in Granska's queue, where
    none is reviewed yet."""
    batches = batches.assign(reviewed=[f"{by}, {fmt_time(at)}" if isinstance(by, str) and by else texts.MISSING
                                       for by, at in zip(batches.reviewed_by, batches.reviewed_at)])
    df = batches[[c for c in texts.BATCH_COLUMNS if reviewed or c != "reviewed"]].copy()
    df["kind"] = df["kind"].map(lambda k: texts.BATCH_KINDS.get(k, k))
    df["status"] = df["status"].map(lambda k: texts.BATCH_STATUSES.get(k, k))
    df["created_at"] = df["created_at"].map(fmt_time)
    # reference data and the example load have no year: "–", never the grid's "None" (issue 20)
    df["year"] = [texts.MISSING if pd.isna(y) else str(int(y)) for y in df["year"]]
    table(df.rename(columns=texts.BATCH_COLUMNS), key=key, height=260)



def batch_values_table(values: pd.DataFrame, key: str) -> None:
    """A batch's values; 'Visas i vyerna' says whether the views show each to the one reading."""
    df = values.copy()
    df["shown"] = df["shown"].map(texts.YES_NO)
    table(df.rename(columns={"indicator": texts.COL_INDICATOR_ID, "year": texts.YEAR,
                             "breakdown": texts.COL_BREAKDOWN, "value": texts.COL_NEW,
                             "comment": texts.COLUMNS_INDICATORS["comment"],
                             "sheet_row": texts.PROBLEM_COLUMNS["row"], "shown": texts.COL_SHOWN}),
          key=key)



def batch_statuses_table(statuses: pd.DataFrame, key: str) -> None:
    """A batch's measure statuses; beside each the approved status it would replace, when any has one."""
    df = statuses.copy()
    df["shown"] = df["shown"].map(texts.YES_NO)
    df["status"] = df["status"].map(texts.IMPLEMENTATION)
    if df["before"].astype(bool).any():
        df["before"] = df["before"].map(lambda b: texts.IMPLEMENTATION.get(b, "") if b else "–")
    else:
        df = df.drop(columns="before")
    table(df.rename(columns={"measure": texts.COL_CODE, "year": texts.YEAR, "before": texts.COL_STATUS_BEFORE,
                             "status": texts.COLUMNS_MEASURES["status"],
                             "description": texts.COLUMNS_MEASURES["description"],
                             "shown": texts.COL_SHOWN}), key=key)



def review_table(df: pd.DataFrame, key: str) -> None:
    """A submitted batch's values beside the approved ones they would replace; a column of those a later approved
    upload holds (they would not be shown) only when there are such values."""
    if not df["after"].astype(bool).any():
        df = df.drop(columns="after")
    table(df.rename(columns={"indicator": texts.COL_INDICATOR_ID, "year": texts.YEAR,
                             "breakdown": texts.COL_BREAKDOWN, "old": texts.COL_OLD, "new": texts.COL_NEW,
                             "comment": texts.COLUMNS_INDICATORS["comment"],
                             "sheet_row": texts.PROBLEM_COLUMNS["row"], "after": texts.COL_AFTER}), key=key)


UPLOAD_CEILING_MB = 100  # Streamlit's own limit (its refusal is in English): ours, in Swedish, is lower



def file_upload(label: str, key: str, limit: int):
    """A file uploader for returns: any file type is accepted here so that the check can say in Swedish what is
    wrong with it; a file over `limit` bytes is refused at once, before its bytes are copied."""

    allowed = min(limit, MAX_FILE_BYTES)
    upload = file_input(label, key, "return", help=texts.UPLOAD_HELP.format(limit=limit // (1024 * 1024)),
                        ceiling_mb=UPLOAD_CEILING_MB, excel_bytes=allowed)
    if upload is not None and upload.size > allowed:
        too_big = too_big_problem(upload.size)
        st.error(texts.CHECK_ERRORS.format(n=1), icon=":material/error:")
        problems_table([problem(texts.FILE_LEVEL, None, "", too_big.code, **too_big.args)], key=f"{key}_size")
        return None
    return upload
