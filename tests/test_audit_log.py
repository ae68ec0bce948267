"""The change log as a person reads it (Logg): every kind of event and what it concerns named in Swedish and
offered in the filter, and the state before and after written as Swedish words, not JSON with English keys."""

import ast
import re
from pathlib import Path

from okdata import db, texts
from okdata.analysis import COUNTY, save_analysis
from okdata.auth import actor_for
from okdata.plans import new_plan
from tests.apptest_support import COORDINATOR, open_page

ROOT = Path(__file__).resolve().parent.parent


def _recorded() -> tuple[set[str], set[str]]:
    """The event kinds and entities every audit(…) call in okdata writes, where they are written out."""
    actions, entities = {"approve", "return"}, set()  # review.py names its action in a variable
    for path in (ROOT / "okdata").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "audit" and len(node.args) >= 4:
                for arg, found in ((node.args[2], actions), (node.args[3], entities)):
                    if isinstance(arg, ast.Constant):
                        found.add(arg.value)
    return actions, entities


def test_every_kind_of_event_the_log_records_has_a_swedish_name():
    actions, entities = _recorded()
    assert len(actions) >= 20 and len(entities) >= 10
    assert actions - set(texts.AUDIT_ACTIONS) == set()
    assert entities - set(texts.AUDIT_ENTITIES) == set()


def test_the_log_page_names_every_event_filters_it_and_writes_before_and_after_in_swedish(sample_url):
    with db.session(sample_url) as s:
        me = actor_for(s, "demo-samordnare")
        assert new_plan(s, me, "2024-2027", "2028-2031", {"goals": ["2"], "measures": ["2.4"],
                                                           "indicators": ["2.4a"]}).ok
        assert save_analysis(s, me, 2025, COUNTY, "Länet i korthet.").ok
    at = open_page("pages/9_Logg.py", COORDINATOR)
    log = at.dataframe[0].value
    code = re.compile(r"^[a-z_]+$")
    assert not [v for v in log["Händelse"] if code.match(v)] and not [v for v in log["Gäller"] if code.match(v)]
    assert {"Planperiod startad", "Analys sparad"} <= set(log["Händelse"]), set(log["Händelse"])
    assert {"Planperiod startad", "Analys sparad"} <= set(at.selectbox(key="audit_action").options)
    shown = " ".join(log["Före"]) + " " + " ".join(log["Efter"])
    assert "{" not in shown and "status: Godkänd" in shown and "från: 2024-2027" in shown, shown[:500]


def test_a_flood_of_failed_sign_ins_is_said_and_can_be_hidden_and_the_log_says_how_much_it_shows(sample_url,
                                                                                                   monkeypatch):
    """An audit: failed sign-ins under many names (each is logged) pushed every other event out of the newest 5 000
    the page reads, and neither the page nor its CSV said that older events were left out. The page says how many
    of how many it shows, and hides failed sign-ins on request, which brings the other events back."""
    from sqlalchemy import func, insert, select

    from okdata import auth
    from okdata.models import AuditEvent

    monkeypatch.setattr(auth, "AUDIT_SHOWN", 50)  # the page's limit, small for the test
    with db.session(sample_url) as s:
        s.execute(insert(AuditEvent), [{"user_name": f"gissning{i}", "action": "login_failed", "entity": "user",
                                        "entity_id": f"gissning{i}", "summary": texts.AUDIT["login_failed"]}
                                       for i in range(60)])
        total = s.scalar(select(func.count()).select_from(AuditEvent))
    at = open_page("pages/9_Logg.py", COORDINATOR)
    assert set(at.dataframe[0].value["Händelse"]) == {"Misslyckad inloggning"} and len(at.dataframe[0].value) == 50
    said = " ".join(c.value for c in at.caption)
    assert f"de senaste 50 av {total}" in said.replace("\u00a0", " ").replace(" ", " "), said
    at.toggle(key="audit_hide_failed").set_value(True).run()
    assert not at.exception
    shown = set(at.dataframe[0].value["Händelse"])
    assert "Misslyckad inloggning" not in shown and len(shown) > 1, shown


def test_the_log_and_the_accounts_show_a_sign_in_made_since_the_last_view(sample_url):
    """Sign-ins, failed ones and accounts are kept outside the data version (a sign-in must not make every
    cached view read again), so the pages that show them read them on every run: the log showed a failed sign-in,
    and Användare a new account, only after the next change of figures or catalog."""
    from okdata import signin
    from okdata.auth import add_user, operator_actor

    log = open_page("pages/9_Logg.py", COORDINATOR)
    users = open_page("pages/10_Anvandare.py", "demo-admin")
    assert signin.sign_in(sample_url, "ny-gissning", "fel lösenord", "203.0.113.9").outcome == "unknown"
    with db.session(sample_url) as s:
        add_user(s, operator_actor(), "nytt-konto", "reader", "ett långt lösenord 123", "Nytt konto")
    log.run()
    assert "ny-gissning" in set(log.dataframe[0].value["Användare"][:2]), log.dataframe[0].value.head(3)
    users.run()
    assert "nytt-konto" in set(users.dataframe[0].value.iloc[:, 0]), users.dataframe[0].value.head(3)
