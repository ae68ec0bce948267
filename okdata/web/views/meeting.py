"""Mötesläge's slides, made for a projector (issue 17): a title slide, the goals at a glance, one slide per goal that
fits 1920×1080 without scrolling, large type, and → / ← / Page Down / Page Up to move between slides."""

from datetime import date

import pandas as pd
import streamlit as st

from okdata import analysis, meetings, report_files, snapshot, texts
from okdata.domain import ATTENTION, MeasureState
from okdata.file_text import MAX_TYPED
from okdata.formatting import fmt_clock, fmt_list, fmt_quantity, fmt_value
from okdata.report import RECENT_YEARS
from okdata.web import access, widgets
from okdata.web.page import Context

CHART_HEIGHT = 112  # the plot at the browser's normal type size (scaled with the type, CSS); its title is text above it
CHART_MAX = 320  # … and as tall as the slide has room for, up to this
ATTENTION_LINES = 3  # measures listed on a goal slide before "… och n till"
CHANGE_LINES = 3  # uploads named in a goal slide's one line of news
TITLE_LINES = 8

# Large type for the back of the room; the page starts higher than Streamlit's default so that a slide fits.
# A slide is made for 1920×1080. In a smaller window from 1200 px wide (a laptop's 1366×768, a 720p projector, a
# full-HD screen less the browser's own bars) the page's type, and with it Streamlit's spacing and the charts' boxes,
# shrinks in proportion to the window, as a slide program scales its slides, so that a slide still fits. Narrower,
# the page reflows as any page does, so that zooming in (which narrows the window in CSS pixels) enlarges the text.
# In a very low window (developer tools open) the type stops at MIN_TYPE pixels and the slide scrolls.
MIN_TYPE = 10
# A slide fills the window, and its charts take the room the rest of the slide leaves, from CHART_HEIGHT (the busiest
# goal's slide) to CHART_MAX: at a fixed height a slide with few delayed measures left a quarter of a projector's
# screen empty under charts some 70 pixels tall (a screenshot review). Each box between the page and a chart's box
# passes the room on (a column of flex boxes that grows); nothing else on the slide grows or shrinks. The page stops
# 1rem short of the window's foot: Streamlit's last paragraph hangs 1rem below its box (a negative margin).
_CHART_BOX = "[class*='st-key-meet_chart_'][class*='_box']"
GROWING_CHARTS = f"""[data-testid='stMainBlockContainer'] {{ min-height: calc(100% - 1rem); box-sizing: border-box;
    display: flex; flex-direction: column; }}
[data-testid='stMainBlockContainer'] > [data-testid='stVerticalBlock'] {{ flex: 1 0 auto; }}
[data-testid='stLayoutWrapper']:has(> .st-key-meet_slide) {{ flex: 1 0 auto; display: flex; flex-direction: column; }}
.st-key-meet_slide {{ flex: 1 0 auto; }}
.st-key-meet_slide > * {{ flex-shrink: 0; }}
.st-key-meet_slide > [data-testid='stLayoutWrapper']:has({_CHART_BOX}) {{ flex: 1 0 auto; display: flex;
    flex-direction: column; }}
.st-key-meet_slide [data-testid='stHorizontalBlock']:has({_CHART_BOX}) {{ flex: 1 0 auto; align-items: stretch; }}
.st-key-meet_slide [data-testid='stColumn']:has({_CHART_BOX}) {{ display: flex; flex-direction: column; }}
.st-key-meet_slide [data-testid='stColumn']:has({_CHART_BOX}) > [data-testid='stVerticalBlock'] {{ flex: 1 0 auto; }}
.st-key-meet_slide div:has(> {_CHART_BOX}) {{ flex: 1 0 {CHART_HEIGHT / 16}rem !important; height: auto !important;
    max-height: {CHART_MAX / 16}rem; display: flex; flex-direction: column; }}
.st-key-meet_slide {_CHART_BOX} {{ flex: 1 1 auto; height: auto !important; max-height: none !important; }}"""
ANALYSIS_LINES = 3  # the lines of a goal's analysis a slide shows, as tall as its measures' two lines; the rest scrolls
CSS = f"""
@media (min-width: 1200px) {{ html {{
    font-size: max({MIN_TYPE}px, min(100%, 100vw / {1920 / 16:g}, 100vh / {1080 / 16:g})); }} }}
{GROWING_CHARTS}
[data-testid='stMainBlockContainer'] {{ padding-top: 3rem; padding-bottom: 0.5rem; }}
.st-key-meet_slide p, .st-key-meet_slide li, .st-key-meet_slide td, .st-key-meet_slide th {{ font-size: 1.3rem;
    line-height: 1.4; }}
.st-key-meet_slide h1 {{ font-size: 2rem; padding: 0 0 0.4rem 0; }}
.st-key-meet_slide h3 {{ font-size: 1.5rem; padding: 0.4rem 0 0.2rem 0; }}
.st-key-meet_slide [data-testid='stCaptionContainer'] p {{ font-size: 1.05rem; }}
.st-key-meet_screen p {{ font-size: 1.3rem; text-align: center; margin: 0; }}
.st-key-meet_slide .st-key-meet_attention p, .st-key-meet_slide .st-key-meet_states p {{ font-size: 1.15rem;
    line-height: 1.3; }}
.st-key-meet_analysis [role='region'] {{ max-height: {ANALYSIS_LINES * 1.05 * 1.3 + 0.3:g}rem; overflow-y: auto;
    scrollbar-gutter: stable; border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
    padding: 0.15rem 0.5rem; }}
.st-key-meet_slide .st-key-meet_analysis p {{ font-size: 1.05rem; line-height: 1.3; margin: 0 0 0.3rem 0; }}
"""

# Keys move between slides by pressing the page's own buttons (so the URL and the rerun are the buttons' own), but
# never while someone types notes. Added once per browser tab: a rerun does not add a second listener.
KEYS = """<script>
(() => {
  if (window.okdataSlideKeys) return;
  window.okdataSlideKeys = true;
  const keys = {ArrowRight: "meet_next", PageDown: "meet_next", ArrowLeft: "meet_prev", PageUp: "meet_prev"};
  document.addEventListener("keydown", e => {
    const t = e.target;
    if (!keys[e.key] || e.altKey || e.ctrlKey || e.metaKey || (t && (t.isContentEditable ||
        ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)))) return;
    const button = document.querySelector(`.st-key-${keys[e.key]} button`);
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
})();
</script>"""


def setup() -> None:
    """The slides' type and the keyboard."""
    widgets.style(CSS)
    st.html(KEYS, unsafe_allow_javascript=True, width="content")


def navigation(prev, label, next_, screen: int, total: int, caption: str) -> None:
    """Previous / "Bild n av N" / next in the given columns; a button sets the slide in the URL."""
    if prev.button(texts.MEETING_PREV, disabled=screen == 0, key="meet_prev", width="stretch", type="primary"):
        st.query_params["skarm"] = screen - 1
        st.rerun()
    with label.container(key="meet_screen"):
        st.markdown(f"{texts.MEETING_SCREEN.format(n=screen + 1, total=total)} · {caption}",
                    help=texts.MEETING_KEYS)
    if next_.button(texts.MEETING_NEXT, disabled=screen == total - 1, key="meet_next", width="stretch",
                    type="primary"):
        st.query_params["skarm"] = screen + 1
        st.rerun()


def status_line(dist: dict) -> str:
    """Measures by combined state, icon and text."""
    return widgets.status_markdown(dist, texts.STATUS_ICONS, texts.MEASURE_STATES, "  ·  ",
                                   empty=texts.REPORT["no_statuses"])


def title_slide(ctx: Context, data: dict, meeting_date: date, previous: date | None) -> None:
    """The meeting's title naming the plan period and year of the report data shown, the last meeting's decisions
    and the uploads since it."""
    st.title(texts.MEETING_TITLE.format(date=meeting_date.isoformat()))
    st.header(texts.MEETING_SUBTITLE.format(period=report_files.period(data), year=data["year"]))
    log = access.read(meetings.decision_log, None, meeting_date)
    left, right = st.columns(2, gap="large")
    with left:
        if previous is None or log.empty:
            st.info(texts.MEETING_NO_PREVIOUS)
        else:
            st.markdown(f"### {texts.MEETING_LAST_DECISIONS.format(date=previous.isoformat())}")
            last = log[log.meeting_date == previous.isoformat()]
            for r in last.head(TITLE_LINES).itertuples():
                label = texts.GOAL_N.format(n=r.goal) if r.goal else texts.MEETING_OVERVIEW
                st.markdown(f"**{label}:** {widgets.plain(r.decisions or r.notes)}")
            _more(len(last) - TITLE_LINES)  # each goal's decisions are on its own slide
    with right:
        changes = access.read(meetings.changes_since, previous, ctx.scope)
        st.markdown(f"### {texts.MEETING_CHANGES}")
        if changes.empty:
            st.caption(texts.MEETING_NO_CHANGES)
        for c in changes.head(TITLE_LINES).itertuples():
            st.markdown("- " + texts.MEETING_CHANGES_LINE.format(
                id=c.id, agency=widgets.plain(c.agency), year=c.year, new=c.n_new, changed=c.n_changed,
                statuses=c.n_statuses, status=texts.BATCH_STATUSES[c.status]))
        _more(len(changes) - TITLE_LINES, texts.MEETING_MORE_HISTORY,
              widgets.page_url("Historik", plan=access.plan()) if ctx.actor.may_open("history") else None)


def overview_slide(goals: list[dict]) -> None:
    """Every goal's measures by state in one table."""
    st.title(texts.MEETING_OVERVIEW)
    lines = [f"| {texts.GOAL} | {texts.PROGRESS_VIEW['implementation'].format(year='').replace(' (', '(')} |",
             "| --- | --- |"]
    for g in goals:
        lines.append(f"| **{g['number']}** {widgets.plain(g['title'])} | {status_line(g['status_distribution'])} |")
    st.markdown("\n".join(lines))


def goal_slide(ctx: Context, g: dict, year: int, meeting_date: date, previous: date | None) -> None:
    """One goal: its measures by state (reports beside), up to three recent charts, the delayed and cancelled
    measures by name with their agencies, what changed since the last meeting, notes and decisions."""
    st.title(f"{texts.GOAL_N.format(n=g['number'])}: {widgets.plain(g['title'])}")
    text = access.read(analysis.analyses, year).get(g["number"], "")
    # the analysis beside the measures' lines, in a box no taller than they are, which scrolls: a slide has no
    # height to spare for it (a goal with three delayed measures fills a projector's screen without it)
    # the measures' line at the attention list's size and half the width: a goal with every state (– Ej rapporterad
    # … ✕ Avbruten) broke it over two lines beside an analysis, pushing the slide below a laptop's screen
    states, analysed = st.columns(2, gap="large") if text else (st.container(), None)
    with states:
        st.container(key="meet_states").markdown(f"**{texts.MEASURES}:** {status_line(g['status_distribution'])}")
        st.caption(texts.MEETING_REPORTS.format(
            reported=sum(m["reported"] for m in g["measures"]), expected=sum(m["expected"] for m in g["measures"]),
            reports=widgets.status_markdown(g["report_distribution"], texts.STATUS_ICONS, texts.IMPLEMENTATION,
                                            empty=texts.REPORT["no_statuses"])))
    if analysed is not None:
        with analysed:
            widgets.scrolling_text(texts.ANALYSIS["shown"].format(year=year), text, key="meet_analysis")
    _charts(g, year)
    left, right = st.columns([8, 5], gap="large")
    with left.container(key="meet_attention"):
        _attention(g, year)
    with right:
        _goal_changes(ctx, g, year, previous)
        _notes(ctx, g, year, meeting_date)


def _charts(g: dict, year: int) -> None:
    by_code = {i["code"]: i for i in g["indicators"]}
    if g["charts"]:
        for column, code in zip(st.columns(len(g["charts"])), g["charts"]):
            ind = by_code[code]
            # the title above the chart as text, which wraps to the column: in the figure it is cut at the
            # column's edge (a third of a projector's width holds some 50 characters of it)
            # the unit beside the title, not as the axis title: turned on its side it was cut to "tal processer/ins"
            # by the plot's 112 pixels
            with column:
                st.caption(f"**{widgets.plain(report_files.chart_title(ind))}** "
                           + texts.MEETING_CHART_UNIT.format(unit=widgets.plain(ind["unit"])))
                widgets.chart_built(ind, _slide_chart, key=f"meet_chart_{code}", alt=ind["sentence"],
                                    height=CHART_HEIGHT)
    older = [i for i in g["indicators"] if i["code"] not in g["charts"]
             and (len(i["points"]) == 1 or i["points"][-1]["year"] < year - RECENT_YEARS + 1)]
    if older:
        st.caption(texts.MEETING_OLDER.format(first=year - RECENT_YEARS + 1, items="; ".join(
            texts.MEETING_OLDER_ITEM.format(code=i["code"], name=widgets.plain(i["name"]),
                                            value=fmt_value(i["points"][-1]["value"], i["kind"]),
                                            year=i["points"][-1]["year"]) for i in older)))


def _slide_chart(ind: dict) -> tuple:
    """An indicator's chart on a slide and its figures as a table (drawn once per reading: widgets.chart_built)."""
    return report_files.indicator_figure(ind, on_slide=True), pd.DataFrame(
        [{texts.YEAR: p["year"], ind["unit"]: p["value"], texts.COL_SOURCE: p["source"]} for p in ind["points"]])


def _attention(g: dict, year: int) -> None:
    """The delayed and cancelled measures by code and name, their responsible agencies and who reported what."""
    st.markdown(f"## {texts.MEETING_ATTENTION}")
    flagged = [m for m in g["measures"] if any(r["status"] in ATTENTION for r in m["statuses"])]
    flagged.sort(key=lambda m: m["state"] != MeasureState.DELAYED)
    if not flagged:
        st.caption(texts.MEETING_NO_ATTENTION)
    for m in flagged[:ATTENTION_LINES]:
        by_status = {st_: [r["agency"] for r in m["statuses"] if r["status"] == st_] for st_ in ATTENTION}
        reports = " ".join(texts.MEETING_REPORTED_BY.format(status=texts.IMPLEMENTATION[st_],
                                                             agencies=widgets.plain(fmt_list(a)))
                           + "." for st_, a in by_status.items() if a)
        st.markdown(texts.MEETING_ATTENTION_LINE.format(
            icon=texts.STATUS_ICONS[m["state"]], code=m["code"], text=widgets.plain(m["text"]),
            responsible=texts.MEETING_RESPONSIBLE, agencies=widgets.plain(m["agencies"]), reports=reports))
    _more(len(flagged) - ATTENTION_LINES, texts.MEETING_MORE_GOAL.format(n=g["number"]),
          widgets.page_url("Mal", plan=access.plan(), mal=g["number"], ar=year))


def _goal_changes(ctx: Context, g: dict, year: int, previous: date | None) -> None:
    """This goal's uploads since the last meeting, and the measures whose outcome contradicts their report."""
    head = "**" + (texts.MEETING_GOAL_CHANGES.format(year=year, date=previous.isoformat()) if previous
                   else texts.MEETING_GOAL_CHANGES_ALL.format(year=year)) + ":** "
    changes = access.read(meetings.goal_changes_since, previous, g["number"], ctx.scope, year)
    if changes.empty:
        st.markdown(head + texts.MEETING_NO_GOAL_CHANGES)
    else:  # one line, however many uploads: the slide must not grow with them
        uploads = [texts.MEETING_GOAL_CHANGES_UPLOAD.format(id=c.id, agency=widgets.plain(c.agency))
                   for c in changes.head(CHANGE_LINES).itertuples()]
        st.markdown(head + texts.MEETING_GOAL_CHANGES_LINE.format(
            uploads=fmt_quantity(len(changes), texts.UPLOADS), which=", ".join(uploads)
            + (" …" if len(changes) > CHANGE_LINES else ""), values=int(changes.n_values.sum()),
            statuses=int(changes.n_statuses.sum())))
    outcome = access.read(snapshot.measure_progress, year, True)
    mismatched = outcome[(outcome.goal == g["number"]) & outcome.mismatch]
    if mismatched.empty:
        st.markdown(f"**{texts.MEETING_MISMATCH}:** {texts.MEETING_NO_MISMATCH}")
    else:
        st.markdown(f"**{texts.MEETING_MISMATCH}:**")
    for m in mismatched.itertuples():
        st.markdown(f"- ⚠ **{m.code}**: "
                    f"{texts.MEETING_MISMATCH_LINE.format(outcome=texts.PROGRESS_STATUSES[m.outcome])}")


def _notes(ctx: Context, g: dict, year: int, meeting_date: date) -> None:
    notes, decisions = access.read(meetings.current_note, meeting_date, g["number"])
    with st.form(f"meet_form_{g['number']}_{meeting_date}", border=False):
        left, right = st.columns(2)
        new_notes = left.text_area(texts.MEETING_NOTES, value=notes, disabled=not ctx.actor.is_coordinator,
                                   height=68, max_chars=MAX_TYPED)
        new_decisions = right.text_area(texts.MEETING_DECISIONS, value=decisions, max_chars=MAX_TYPED,
                                        disabled=not ctx.actor.is_coordinator, height=68)
        if st.form_submit_button(texts.MEETING_SAVE, disabled=not ctx.actor.is_coordinator):
            widgets.say(access.act(meetings.save_note, ctx.actor, meeting_date, year, g["number"], new_notes,
                                   new_decisions,
                                   done=lambda note: texts.MEETING_SAVED.format(time=fmt_clock(note.saved_at))))
    log = access.read(meetings.decision_log, g["number"], meeting_date)
    if not log.empty:  # the latest earlier decision; the whole log is on the goal's earlier slides
        r = log.iloc[0]
        st.markdown(f"**{texts.MEETING_LOG}:** {r.meeting_date}: {widgets.plain(r.decisions or r.notes)}"
                    + (f" {texts.MEETING_MORE.format(n=len(log) - 1)}" if len(log) > 1 else ""))


def _more(n: int, where: str | None = None, url: str | None = None) -> None:
    """"… och n till" under a list cut short, linking to the page that has the whole list (`where`, at `url`, in
    the meeting's plan period) when there is one; the link opens in a new tab, and the slide stays."""
    if n > 0 and url:  # as text, not a caption: a link in the caption's grey has too little contrast (axe)
        st.markdown(texts.MEETING_MORE_LINK.format(n=n, where=where, url=url))
    elif n > 0:
        st.caption(texts.MEETING_MORE.format(n=n))
