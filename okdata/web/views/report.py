"""Views of the lägesrapport: the Samordnare's analysis where it is read (Mål, Mötesläge), the executive summary
as a preview, and the editor for the analyses with their history."""

import streamlit as st

from okdata import analysis, report_files, texts
from okdata.formatting import fmt_time
from okdata.web import access
from okdata.web.widgets import chart, plain, say, table


def goal_analysis(year: int, goal: int) -> None:
    """The Samordnare's current analysis of a goal (analysis.COUNTY: the county summary) in the report for
    `year`, as plain text (a meeting slide shows it in a box of its own: views/meeting.py)."""
    text = access.read(analysis.analyses, year).get(goal, "")
    st.markdown(f"### {texts.ANALYSIS['shown'].format(year=year)}")
    if text:
        st.markdown(plain(text))
    else:
        st.caption(texts.ANALYSIS["none"].format(year=year))


def summary_preview(data: dict) -> None:
    """The report's first page before any file is built: the county summary, reporting, the chart of every
    goal's measures by state, implementation and outcome per goal and the largest changes."""
    with st.container(border=True, key="rep_preview"):
        st.header(report_files.title(data))
        st.caption(report_files.source_note(data))
        if data["summary"]["text"]:
            st.markdown(plain(data["summary"]["text"]))
        st.markdown(f"**{report_files.reporting_line(data)}**")
        chart(report_files.summary_figure(data, on_page=True), key="rep_summary_chart",
              alt=report_files.summary_alt(data), once=False)  # a figure made for this view
        # a table that wraps its lines, not a grid: the outcome column was cut mid-word at 1366×768
        st.markdown(_summary_table(data))
        if report_files.changes(data):
            st.markdown(f"**{texts.REPORT['changes'].format(year=data['year'] - 1)}**")
            st.markdown("\n".join(f"- {plain(c)}" for c in report_files.changes(data)))


def _summary_table(data: dict) -> str:
    """Implementation and outcome per goal as a Markdown table of literal text (report_files' lines)."""
    rows = [(texts.GOAL, texts.REPORT["implementation"], texts.REPORT["outcomes"])]
    rows += [(str(g["number"]), report_files.status_line(g["status_distribution"]),
              report_files.outcome_line(g["outcome_distribution"])) for g in data["goals"]]
    # a line breaks between its items, never inside one ("⚠ Försenad 1"): its spaces are non-breaking, and a word
    # joiner holds its symbol to it (a line may break after a dash, "–", before a non-breaking space)
    lines = ["| " + " | ".join(" · ".join(plain(item).replace(" ", "\u2060\u00a0", 1).replace(" ", "\u00a0")
                                          for item in c.split(" · ")) for c in row) + " |" for row in rows]
    return "\n".join([lines[0], "| --- | --- | --- |", *lines[1:]])


def analysis_editor(actor, data: dict) -> None:
    """The Samordnare writes the county summary and each goal's analysis: the field starts from the saved text or,
    when nothing is saved, from a proposal drafted from the report; every save keeps the earlier versions."""
    year = data["year"]
    st.header(texts.ANALYSIS["edit_title"])
    st.caption(texts.ANALYSIS["edit_intro"])
    choices = [analysis.COUNTY] + [g["number"] for g in data["goals"]]
    titles = {g["number"]: report_files.goal_title(g) for g in data["goals"]}
    goal = st.selectbox(texts.ANALYSIS["pick"], choices, key="rep_analysis_pick",
                        format_func=lambda n: texts.ANALYSIS["county"] if n == analysis.COUNTY else titles[n],
                        placeholder=texts.CHOOSE_ONE)
    saved = access.read(analysis.analyses, year).get(goal)
    if saved is None:
        st.info(texts.ANALYSIS["proposal"])
    with st.form(f"rep_analysis_{year}_{goal}"):
        text = st.text_area(texts.ANALYSIS["text"], value=saved if saved is not None else
                            analysis.proposal(data, goal), height=260, max_chars=analysis.MAX_CHARS)
        if st.form_submit_button(texts.ANALYSIS["save"], type="primary"):
            say(access.act(analysis.save_analysis, actor, year, goal, text))
    history = access.read(analysis.analysis_history, year, goal)
    if not history.empty:
        with st.expander(texts.ANALYSIS["history"].format(n=len(history))):
            table(history.assign(saved_at=history.saved_at.map(fmt_time)).rename(
                columns=texts.ANALYSIS["history_columns"]), key="rep_analysis_history")
