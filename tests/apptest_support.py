"""AppTest helpers: open a page from app.py as a signed-in user (the sample database's demo accounts)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
READER, REPORTER_POL, REPORTER_KVV, COORDINATOR, ADMIN = (
    "demo-lasare", "demo-polisen", "demo-kriminalvarden", "demo-samordnare", "demo-admin")


def app(user: str | None = READER) -> AppTest:
    """app.py, signed in as `user` (None: not signed in) through a sign-in session opened in the database."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user:
        from okdata import db
        from okdata.signin import open_session
        from okdata.ui import SESSION_KEY

        with db.session(db.database_url()) as s:
            at.session_state[SESSION_KEY] = open_session(s, user)
    return at


def open_page(page: str, user: str | None = READER, **params) -> AppTest:
    """Run app.py, switch to `page` with URL parameters, and check that nothing raised."""
    at = app(user)
    at.run()
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = str(v)
    at.run()
    assert not at.exception, at.exception
    return at
