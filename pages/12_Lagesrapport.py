"""Lägesrapport: the summary page as a preview, the Samordnare's analyses, the year's report as PowerPoint, PDF,
Word and Excel; publishing frozen versions; comparing them."""

import streamlit as st

from okdata import report, report_files, texts
from okdata.formatting import fmt_quantity, fmt_time
from okdata.periods import report_year, reporting_years
from okdata.web import access, page, widgets
from okdata.web.views import report as report_view

with page.frame("lagesrapport") as ctx:
    st.title(texts.PAGE_TITLES["lagesrapport"])
    st.caption(texts.REPORT_PAGE_INTRO)
    years = access.read(reporting_years)
    year = widgets.select_param(texts.YEAR, years, "ar", "rep_year_pick",
                                default=report_year(years))
    widgets.example_banner()

    data = access.read(report.report_data, year, ctx.approved_only)
    report_files.prepare(data)  # the charts are drawn while the page is read, so that a build finds them ready
    report_view.summary_preview(data)
    columns = st.columns(2) * 2  # two by two: four side by side cut their names at 1366×768
    for col, (fmt, name) in zip(columns, texts.REPORT_FORMATS.items()):
        with col:
            widgets.build_on_click(texts.REPORT_BUILD.format(name=name), f"report_{fmt}_{year}_{ctx.approved_only}",
                              lambda step, fmt=fmt: report_files.build(
                                  data, fmt, lambda: access.read(report.year_values, year, ctx.scope), step),
                              report_files.file_name(year, fmt), report_files.MIME[fmt],
                              texts.REPORT_BUILDING.format(name=name))

    if ctx.actor.is_coordinator:
        # the draft from approved figures only, whatever the page shows: the text is read by everyone once saved
        report_view.analysis_editor(ctx.actor, data if ctx.approved_only else access.read(report.report_data, year,
                                                                                          True))

    st.header(texts.PUBLISH_TITLE)
    st.caption(texts.PUBLISH_INTRO)
    published = access.read(report.publications, year)
    if published.empty:
        st.info(texts.NO_PUBLICATIONS.format(year=year))
    else:
        widgets.table(published.drop(columns="id").assign(published_at=published.published_at.map(fmt_time))
                      .rename(columns=texts.PUBLICATIONS_COLUMNS), key="pub_list")
    if ctx.actor.is_coordinator:
        version = access.read(report.next_version, year)
        early = access.read(report.early_publication, year)  # publishing locks a year still being reported
        if early:
            st.warning(early, icon=":material/lock_clock:")
        sure = st.checkbox(texts.PUBLISH_CONFIRM.format(year=year, version=version), key=f"pub_sure_{year}")
        if early:
            sure = st.checkbox(texts.PUBLISH_EARLY_CONFIRM.format(year=year), key=f"pub_early_{year}") and sure
        if st.button(texts.PUBLISH_BUTTON.format(year=year), disabled=not sure, type="primary", key=f"pub_{year}",
                     icon=":material/publish:"):
            widgets.say(access.act(report.publish_early if early else report.publish, ctx.actor, year,
                                   draft=report.draft_publication,
                                   done=lambda pub: texts.PUBLISHED.format(year=year, version=pub.version)))
    if not published.empty:
        versions = list(published.version)
        chosen = widgets.select_param(texts.COMPARE_PICK, versions, "version", "pub_compare")
        frozen = access.read(report.published_content, year, int(chosen))
        diff = access.read(report.comparison, year, int(chosen))
        if diff.empty:
            st.success(texts.COMPARE_NONE)
        else:
            st.warning(texts.COMPARE_COUNT.format(n=fmt_quantity(len(diff), texts.COUNTED["differences"]),
                                                  version=chosen))
            widgets.table(diff.rename(columns=texts.COMPARE_COLUMNS), key="pub_diff")
        st.caption(texts.PUBLISHED_FILES.format(version=chosen))
        cols = st.columns(2) * 2  # as above
        for col, (fmt, name) in zip(cols, texts.REPORT_FORMATS.items()):
            with col:
                widgets.build_on_click(texts.REPORT_BUILD.format(name=name), f"pub_{fmt}_{year}_{chosen}",
                                  lambda step, fmt=fmt: report_files.build(
                                      frozen, fmt, lambda: access.read(report.published_values, year, int(chosen)),
                                      step),
                                  report_files.file_name(year, fmt).replace(".", f"-v{chosen}."),
                                  report_files.MIME[fmt],
                                  texts.REPORT_BUILDING.format(name=name))
