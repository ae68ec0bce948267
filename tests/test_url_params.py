"""Test that junk in any URL parameter of any page shows the default view, and that no page ever shows a traceback
(issue 14, item 6)."""

import pytest
from sqlalchemy import text

from okdata import clock, db
from tests.apptest_support import ADMIN, COORDINATOR, app, open_page

# Every URL parameter each page reads (the test also checks that a page writes no other one back).
PARAMS = {
    "app.py": ["ar", "plan"],
    "pages/1_Mal.py": ["mal", "ar", "atgard", "uppdelning_1.1a", "plan"],
    "pages/2_Myndigheter.py": ["myndighet", "ar", "plan"],
    "pages/3_Valdstyper.py": ["valdstyp", "per100k", "mal", "fran", "till", "plan"],
    "pages/4_Kommuner.py": ["indikator", "ar", "matt", "visa_sma", "grupp", "fran", "till", "plan"],
    "pages/5_Rapportera.py": ["myndighet", "ar", "plan"],
    "pages/6_Historik.py": ["nr", "plan"],
    "pages/7_Granska.py": ["nr", "plan"],
    "pages/8_Katalog.py": ["indikator", "plan"],
    "pages/9_Logg.py": ["anvandare", "dolj_misslyckade", "plan"],
    "pages/10_Anvandare.py": ["plan"],
    "pages/11_Mote.py": ["ar", "mote", "skarm", "plan"],
    "pages/12_Lagesrapport.py": ["ar", "version", "plan"],
    "pages/13_Rapporteringslage.py": ["ar", "ej_rapporterat", "plan"],
    "pages/14_Indikator.py": ["indikator", "ar", "uppdelning", "plan"],
}
JUNK = ["abc", "2025-13-45", "99999999999999999999999", "-1", "0001-01-01", "9999-12-31", "", "1,,x,ä", "<b>",
        "1e5"]


def test_every_page_of_the_menu_has_its_url_parameters_listed_here():
    """Test that the junk test below covers every page (a new page is listed with its parameters)."""
    from okdata.web.page import PAGES

    assert {p.path for p in PAGES} == set(PARAMS)


@pytest.mark.parametrize("page", list(PARAMS))
def test_junk_in_every_url_parameter_shows_the_default_view(sample_url, page):
    """Test that every page, given junk in each of its URL parameters, runs without an exception or error."""
    user = ADMIN if page == "pages/10_Anvandare.py" else COORDINATOR
    for junk in JUNK:
        at = app(user)
        at.run()
        at.query_params.clear()  # what app.py wrote
        at.switch_page(page)
        for k in PARAMS[page]:
            at.query_params[k] = junk
        at.run()
        assert not at.exception, (junk, at.exception)
        assert not at.error, (junk, [e.value for e in at.error])
        written = {k for k in at.query_params if not k.startswith("uppdelning_")}
        assert written <= set(PARAMS[page]), written - set(PARAMS[page])


def test_the_meeting_urls_from_the_report_fall_back_to_today_and_the_first_screen(sample_url):
    """Test that /Mote?skarm=abc, ?mote=inte-ett-datum and ?mote=2025-13-45 open the title screen of today."""

    for params in ({"skarm": "abc"}, {"mote": "inte-ett-datum"}, {"mote": "2025-13-45"}):
        at = open_page("pages/11_Mote.py", user=COORDINATOR, **params)
        assert at.date_input(key="meet_date").value == clock.today()
        assert at.title[0].value.startswith("Styrgruppsmöte")


def test_production_config_shows_no_error_details():
    """Test that .streamlit/config.toml hides exception details from users."""
    import tomllib

    config = tomllib.loads((db.ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"


def test_an_unexpected_error_on_a_page_is_a_swedish_message_and_a_log_entry(sample_url, caplog):
    """Test that an exception in a page body (here: a table gone missing) shows a Swedish message with a
    reference that is also in the log, never Streamlit's exception box."""
    with db.session(sample_url) as s:
        s.execute(text("ALTER TABLE meeting_note RENAME TO meeting_note_gone"))
    at = app(COORDINATOR)
    at.run()
    at.switch_page("pages/11_Mote.py")
    at.run()
    assert not at.exception
    message = at.error[0].value
    assert "Något gick fel" in message and "meeting_note" not in message and "Traceback" not in message
    ref = message.split("referens ")[1].split(")")[0].strip(" .")
    assert any(ref in r.getMessage() for r in caplog.records)


def test_a_linked_choice_the_page_does_not_offer_is_said_not_swapped_in_silence(sample_url):
    """An audit: Översikt opened with ?ar=2023 (a year it does not offer) showed 2025 and said nothing, so a link
    sent for one year showed another as if it were it."""
    at = open_page("app.py", ar=2023)
    assert not at.exception
    shown = at.selectbox(key="ov_year").value if any(s.key == "ov_year" for s in at.selectbox) else None
    said = [c.value for c in at.caption if "2023" in c.value]
    assert said and (shown is None or str(shown) in said[0]), ([c.value for c in at.caption], shown)
    fine = open_page("app.py", ar=2025)
    assert not [c.value for c in fine.caption if "finns inte att välja" in c.value]


def _link_said(at) -> list[str]:
    return [c.value for c in at.caption if "Länken bad om" in c.value]


def test_a_choice_made_on_the_page_is_not_said_to_be_a_link_the_page_did_not_offer(sample_url):
    """A review of the caption above: it fired on ordinary use, after a goal switch left the previous goal's
    measure in the URL (Mål), after approving the chosen return (Granska, which says so itself) and after
    switching plan period (Översikt). It is for the link that opened the page, not for the page's own choices."""
    goal = open_page("pages/1_Mal.py", user=COORDINATOR, ar=2025, mal=1, atgard="1.1")
    assert not goal.exception and not _link_said(goal)
    goal.selectbox(key="goal_goal").select(2).run()
    assert not goal.exception and not _link_said(goal), _link_said(goal)

    review = open_page("pages/7_Granska.py", user=COORDINATOR)
    chosen = review.selectbox(key="review_batch").value
    review.button(key=f"approve_{chosen}").click().run()
    review.run()
    assert not review.exception and not _link_said(review), _link_said(review)

    stale = open_page("pages/7_Granska.py", user=COORDINATOR, nr=chosen)
    assert not _link_said(stale) and [i.value for i in stale.info if str(chosen) in i.value]


def test_switching_plan_period_is_not_said_to_be_a_link_the_page_did_not_offer(sample_url):
    from datetime import date

    from okdata.auth import actor_for
    from okdata.periods import open_reporting_year
    from okdata.plans import new_plan
    with db.session(sample_url) as s:
        coordinator = actor_for(s, COORDINATOR)
        carried = {"goals": ["2"], "measures": ["2.4"], "indicators": ["2.4a"]}
        assert new_plan(s, coordinator, "2024-2027", "2028-2031", carried).ok
        assert open_reporting_year(s, coordinator, 2028, date(2029, 3, 31)).ok
    for script, extra in [("app.py", {}), ("pages/1_Mal.py", {}), ("pages/14_Indikator.py", {"indikator": "1.1a"})]:
        at = open_page(script, user=COORDINATOR, plan="2024-2027", ar=2025, **extra)
        at.sidebar.selectbox(key="plan_choice").select("2028-2031").run()
        assert not at.exception and not _link_said(at), (script, _link_said(at))


def test_a_linked_year_range_or_violence_type_the_page_does_not_offer_is_said_not_swapped_in_silence(sample_url):
    """An audit: /Valdstyper?fran=2030&till=2020 showed another range, /Kommuner?…&fran=1900&till=99999 showed
    2019–2025 and /Valdstyper?valdstyp=XYZ said "Inga värden för de valda våldstyperna" with nothing chosen, each
    without a word, though the select boxes say so (the test above). The sliders and the violence types say it
    too, once, and an unknown violence type leaves the default types chosen."""
    years = open_page("pages/3_Valdstyper.py", fran=2030, till=1900)
    said = _link_said(years)
    assert any("2030" in c for c in said) and any("1900" in c for c in said), said
    towns = open_page("pages/4_Kommuner.py", indikator="1.6a", ar=2025, fran=1900, till=99999)
    assert len(_link_said(towns)) == 2, _link_said(towns)
    types = open_page("pages/3_Valdstyper.py", valdstyp="XYZ")
    assert any("XYZ" in c for c in _link_said(types)), _link_said(types)
    assert types.multiselect(key="vt_types").value, "the default types stay chosen"
    fine = open_page("pages/3_Valdstyper.py", valdstyp="VNR", fran=2021, till=2024)
    assert not _link_said(fine)
    years.run()  # the page's own next run does not say it again
    assert not _link_said(years)


def test_a_violence_type_linked_twice_is_chosen_once(sample_url):
    """Noticed in an earlier session: /Valdstyper?valdstyp=VNR,VNR chose VNR twice (two chips, two lines)."""
    at = open_page("pages/3_Valdstyper.py", valdstyp="VNR,VNR")
    assert at.multiselect(key="vt_types").value == ["VNR"]
    assert at.query_params.get("valdstyp") in ("VNR", ["VNR"]), at.query_params


def test_a_view_whose_address_already_says_what_its_boxes_show_does_not_rewrite_it(sample_url, monkeypatch):
    """Every write to the address sends the browser a message; a box whose value the address already holds sends
    none, and a choice that changes it sends one."""
    from streamlit.runtime.state.query_params import QueryParams

    sent: list[dict] = []
    real = QueryParams._send_query_param_msg
    monkeypatch.setattr(QueryParams, "_send_query_param_msg",
                        lambda self: sent.append(dict(self._query_params)) or real(self))
    at = open_page("pages/2_Myndigheter.py", myndighet="POL", ar=2025)
    assert sent and sent[-1]["plan"] == "2024-2027"  # the plan, not in the link, is written to the address
    sent.clear()
    at.run()
    assert not at.exception and sent == []
    at.selectbox(key="ag_year").set_value(2024).run()
    assert len(sent) == 1 and sent[0]["ar"] == "2024" and sent[0]["myndighet"] == "POL"
