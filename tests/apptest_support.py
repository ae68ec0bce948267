"""AppTest helpers: open a page from app.py as a signed-in user (the sample database's demo accounts)."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
READER, REPORTER_POL, REPORTER_KVV, COORDINATOR, ADMIN = (
    "demo-lasare", "demo-polisen", "demo-kriminalvarden", "demo-samordnare", "demo-admin")


def literal(text: str) -> str:
    """What a text escaped by widgets.plain reads as on the page: Markdown's backslashes taken away."""
    return re.sub(r"\\(.)", r"\1", text)


def app(user: str | None = READER, session_url: str | None = None) -> AppTest:
    """app.py, signed in as `user` (None: not signed in) through a sign-in session opened in the database
    (`session_url`: opened through another URL of the same database, e.g. a writable one for a read-only app)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if user:
        from okdata import db
        from okdata.signin import open_session
        from okdata.web.signin import SESSION_KEY

        with db.session(session_url or db.database_url()) as s:
            at.session_state[SESSION_KEY] = open_session(s, user)
    return at


def open_page(page: str, user: str | None = READER, session_url: str | None = None, **params) -> AppTest:
    """Run app.py, switch to `page` with URL parameters, and check that nothing raised. app.py itself is opened
    with the parameters from its first run: run first without them, its widgets kept their defaults and the
    parameters were not read (open_page("app.py", ar=2027) showed the default year)."""
    at = app(user, session_url)
    if page != "app.py":
        at.run()
        at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = str(v)
    at.run()
    assert not at.exception, at.exception
    return at


def capture_downloads(monkeypatch) -> dict[str, bytes]:
    """Record every file that st.download_button offers, by file name: bytes handed to Streamlit's media storage
    as they are, and a file built on click (a callable, Streamlit's deferred download) built here as a click
    would (spies: the files are still stored and registered as usual)."""
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def spy(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes) and filename:
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def spy_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        if file_name:
            files[file_name] = data_callable()
        return original_deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    return files
