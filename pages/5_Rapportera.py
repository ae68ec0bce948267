"""Rapportera: download the agency's template, upload the filled-in file, see every problem or a preview, save."""

import streamlit as st

from okdata import texts
from okdata.export import XLSX_MIME
from okdata.formatting import by_number, fmt_counted
from okdata.periods import open_years, year_state
from okdata.returns import check_return, replaced_said, warnings_said
from okdata.scope import agencies_reporting_in
from okdata.template import build_template
from okdata.web import access, page, widgets
from okdata.web.views import returns as views
from okdata.workbook import MAX_FILE_BYTES

with page.frame("report") as ctx:
    st.title(texts.PAGE_TITLES["report"])
    st.caption(texts.REPORT_INTRO)

    years = access.read(open_years)
    if not years:
        st.info(texts.NO_OPEN_YEARS, icon=":material/event_busy:")
        st.stop()
    agencies = {a.code: a for a in access.read(agencies_reporting_in, years) if ctx.actor.may_report_for(a.id)}
    if not agencies:
        st.info(texts.NOTHING_TO_REPORT, icon=":material/info:")
        st.stop()
    left, right = st.columns([3, 1])
    with left:
        code = widgets.select_param(texts.REPORT_AGENCY, list(agencies), "myndighet", "rep_agency",
                               format_func=lambda c: agencies[c].name)
    with right:
        year = widgets.select_param(texts.REPORT_YEAR, years, "ar", "rep_year")
    agency = agencies[code]
    views.year_state_notice(access.read(year_state, year), ctx.actor.is_coordinator)

    st.header(texts.STEP_TEMPLATE)
    template = access.read(build_template, agency, year)
    if template.is_empty:
        st.info(texts.TEMPLATE_NOTHING.format(agency=widgets.plain(agency.name), year=year), icon=":material/info:")
        st.stop()
    st.caption(fmt_counted(texts.TEMPLATE_CONTENTS, texts.COUNTED, rows=template.indicator_rows,
                           measures=template.measure_rows, agency=widgets.plain(agency.name), year=year))
    widgets.download(texts.DOWNLOAD_TEMPLATE, template.content, template.file_name, XLSX_MIME, key="rep_template")

    st.header(texts.STEP_UPLOAD)
    upload = views.file_upload(texts.UPLOAD_LABEL, key=f"rep_upload_{code}_{year}", limit=MAX_FILE_BYTES)
    if upload is not None:
        data = upload.getvalue()
        check = access.check_once(check_return, data, upload.name, code, ctx.actor, None, year)
        st.header(texts.STEP_PREVIEW)
        if check.errors:
            st.error(texts.CHECK_ERRORS.format(n=len(check.errors)), icon=":material/error:")
            views.problems_table(check.problems, key="rep_problems")
            st.stop()
        if check.warnings:
            st.warning(by_number(len(check.warnings), texts.CHECK_WARNINGS).format(n=len(check.warnings)),
                       icon=":material/warning:")
            views.problems_table(check.warnings, key="rep_warnings")
        else:
            st.success(texts.CHECK_CLEAN, icon=":material/check_circle:")
        st.markdown(fmt_counted(texts.PREVIEW_SUMMARY, texts.COUNTED, new=check.n_new, changed=check.n_changed,
                                unchanged=check.n_unchanged, statuses=check.n_statuses))
        saves = check.duplicate_of is None and check.has_changes
        if check.replaces and saves:  # said only of a file that would be saved (a duplicate replaces nothing)
            st.info(replaced_said(check.replaces, texts.REPLACES_WAITING), icon=":material/swap_horiz:")
        views.preview_tabs(check)
        if check.duplicate_of is not None:
            st.info(texts.ALREADY_SAVED.format(batch=check.duplicate_of), icon=":material/info:")
            st.stop()
        if not check.has_changes:
            st.info(texts.NOTHING_TO_SAVE_SAME.format(batch=check.same_as), icon=":material/info:")
            st.stop()
        # one box per set of warnings: warnings that change (a check made again) are confirmed anew
        confirmed = st.checkbox(texts.CONFIRM_WARNINGS, key=f"rep_confirm_{hash(warnings_said(check))}") \
            if check.warnings else True
        if st.button(texts.SAVE, type="primary", disabled=not confirmed, key="rep_save", icon=":material/save:"):
            result = access.save_upload(data, upload.name, code, ctx.actor, year, check)
            access.forget_checks()
            if result.outcome == "saved":
                st.success(texts.SAVED.format(batch=result.batch_id, new=result.check.n_new,
                                              changed=result.check.n_changed, statuses=result.check.n_statuses)
                           + (replaced_said(result.check.replaces, texts.SAVED_REPLACED)
                              if result.check.replaces else ""), icon=":material/check_circle:")
                if not ctx.actor.is_coordinator:
                    st.info(texts.SAVED_SUBMITTED, icon=":material/hourglass:")
                st.page_link("app.py", label=texts.GO_TO_OVERVIEW, icon=":material/dashboard:",
                             query_params={"ar": result.check.year})
            elif result.outcome == "duplicate":
                st.info(texts.ALREADY_SAVED.format(batch=result.batch_id))
            elif result.outcome == "nothing":
                st.info(texts.NOTHING_TO_SAVE_SAME.format(batch=result.batch_id))
            elif result.outcome == "recheck":
                st.warning(texts.RECHECK_WARNINGS, icon=":material/warning:")
                views.problems_table(result.check.warnings, key="rep_warnings_after")
            else:
                st.error(texts.CHECK_ERRORS.format(n=len(result.check.errors)))
                views.problems_table(result.check.problems, key="rep_problems_after")
