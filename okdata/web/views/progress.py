"""Views of progress: the largest movements, changed statuses and outcomes, and an agency's reporting per year."""

import pandas as pd
import streamlit as st

from okdata import texts
from okdata.explore import change_line
from okdata.formatting import fmt_pct
from okdata.progress import ICONS
from okdata.web.widgets import table


def change_list(changes: pd.DataFrame) -> None:
    """The largest movements in the figures, as text lines."""

    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_changes"])
        return
    for r in changes.itertuples():
        st.markdown(f"- {change_line(r)}" + (f" *({texts.EXAMPLE_DATA})*" if r.example else ""))



def status_change_list(changes: pd.DataFrame) -> None:
    """Reported statuses changed since last year: how many of each change, the full list in an expander."""
    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_changes"])
        return
    counts = changes.groupby(["before", "after"], sort=False).size().sort_values(ascending=False)
    for (before, after), n in counts.items():
        st.markdown("- " + texts.PROGRESS_VIEW["transition_line"].format(
            before=f"{texts.STATUS_ICONS[before]} {texts.IMPLEMENTATION[before]}",
            after=f"{texts.STATUS_ICONS[after]} {texts.IMPLEMENTATION[after]}", n=n))
    with st.expander(texts.PROGRESS_VIEW["all_changes"].format(n=len(changes))):
        labelled = changes.assign(before=changes.before.map(texts.IMPLEMENTATION),
                                  after=changes.after.map(texts.IMPLEMENTATION))
        table(labelled.rename(columns={"measure": texts.COL_CODE, "agency": texts.COL_AGENCIES,
                                      "before": texts.PROGRESS_VIEW["col_before"],
                                      "after": texts.PROGRESS_VIEW["col_after"]}), key="ov_status_changes")



def reporting_table(df: pd.DataFrame, key: str) -> None:
    """Reported against expected values per year, the share as a percentage."""

    out = df.copy()
    out["share"] = out["share"].map(lambda x: fmt_pct(x, 0) if x == x and x is not None else "–")
    table(out.rename(columns=texts.AGENCY_VIEW["columns"]), key=key)



def outcome_change_list(changes: pd.DataFrame) -> None:
    """Measures whose outcome status changed since last year, with icons (never colour alone)."""

    if changes.empty:
        st.caption(texts.PROGRESS_VIEW["no_outcome_changes"])
        return
    for r in changes.itertuples():
        st.markdown("- " + texts.PROGRESS_VIEW["outcome_line"].format(
            measure=r.measure, before=f"{ICONS[r.before]} {texts.PROGRESS_STATUSES[r.before]}",
            after=f"{ICONS[r.after]} {texts.PROGRESS_STATUSES[r.after]}"))
