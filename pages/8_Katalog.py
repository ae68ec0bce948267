"""Katalog och år: directions, targets and series breaks; revising goals, measures and indicators (previewed, saved
as catalog revisions); the catalog as a file both ways; published figures; population; plan periods; reporting
years and deadlines."""

from datetime import date

import streamlit as st

from okdata import catalog_edits, clock, periods, texts
from okdata.file_text import MAX_TYPED
from okdata.web import access, page, widgets
from okdata.web.views import catalog as catalog_views

with page.frame("catalog") as ctx:
    st.title(texts.PAGE_TITLES["catalog"])
    st.caption(texts.CATALOG_INTRO)

    indicators = {r.code: r for r in access.read(catalog_edits.editable_indicators)}
    code = widgets.select_param(texts.CATALOG_INDICATOR, list(indicators), "indikator", "cat_indicator",
                           format_func=lambda c: f"{c} – {indicators[c].name}")
    catalog_views.indicator_settings(ctx, indicators[code])

    catalog_views.series_breaks(ctx, code)

    catalog_views.revise(ctx)

    st.header(texts.YEARS_TITLE)
    years = access.read_general(periods.year_field, clock.today())  # a plan period's years, no other
    with st.form("year_form"):
        a, b = st.columns(2)
        year = a.number_input(texts.YEAR_TO_OPEN, min_value=years.first, max_value=years.last, value=years.this_year,
                              step=1)
        deadline = b.date_input(texts.YEAR_DEADLINE, value=date(clock.today().year + 1, 3, 31), format="YYYY-MM-DD")
        if st.form_submit_button(texts.YEAR_SAVE):
            widgets.say(access.act(periods.open_reporting_year, ctx.actor, int(year), deadline))
    widgets.table(access.read(periods.reporting_year_table).rename(columns=texts.REPORTING_YEAR_COLUMNS),
                  key="cat_years")
    st.header(texts.REOPEN_TITLE)
    st.caption(texts.REOPEN_INTRO)
    with st.form("reopen_form"):
        a, b = st.columns(2)
        year = a.number_input(texts.YEAR_TO_OPEN, min_value=years.first, max_value=years.last, value=years.last_year,
                              step=1, key="reopen_year")
        until = b.date_input(texts.REOPEN_UNTIL, value=clock.today(), format="YYYY-MM-DD", key="reopen_until")
        reason = st.text_input(texts.REOPEN_REASON, key="reopen_reason", max_chars=MAX_TYPED)
        if st.form_submit_button(texts.REOPEN_SAVE, key="reopen_save"):
            widgets.say(access.act(periods.reopen_year, ctx.actor, int(year), until, reason))
