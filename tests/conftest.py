"""Shared fixtures: real SQLite files built by the app's own init, copied fresh for every test."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from okdata import db
from okdata.install import init_database

ROOT = Path(__file__).resolve().parent.parent


def _copy_sqlite(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


def pytest_addoption(parser):
    parser.addoption("--db", choices=["sqlite", "postgresql"], default=os.environ.get("OKDATA_TEST_DB", "sqlite"),
                     help="the database the suite runs against (a real PostgreSQL server is started for 'postgresql')")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--db") == "postgresql":
        skip = pytest.mark.skip(reason="SQLite-specific (file copy, online backup)")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


def open_test_years(url: str) -> None:
    """The test world: a plain init opens no reporting year; the tests' returns are for 2024 and 2025, opened
    here with a deadline far away. Tests of deadlines and locks open and lock their own years."""
    from datetime import date

    from okdata.auth import operator_actor
    from okdata.periods import open_reporting_year

    with db.session(url) as s:
        for year in (2024, 2025):
            open_reporting_year(s, operator_actor(), year, date(2099, 12, 31))


class Backend:
    """Template databases built once by the app's own init, and fresh private copies per test."""

    def __init__(self, kind: str, tmp: Path, server_url: str | None = None):
        self.kind, self.tmp, self.server_url = kind, tmp, server_url
        self.templates: dict[str, str] = {}
        self.count = 0

    def template(self, name: str) -> str:
        if name not in self.templates:
            if self.kind == "sqlite":
                url = f"sqlite:///{self.tmp / f'{name}.db'}"
            else:
                from tests.pg_support import admin_execute, database_url

                admin_execute(self.server_url, f"CREATE DATABASE tpl_{name}")
                url = database_url(self.server_url, f"tpl_{name}")
            init_database(url, sample=name == "sample")
            if name == "empty":
                open_test_years(url)
            db.get_engine(url).dispose()
            self.templates[name] = url
        return self.templates[name]

    def blank(self) -> str:
        """A new, completely empty database."""
        self.count += 1
        if self.kind == "sqlite":
            return f"sqlite:///{self.tmp / f'blank{self.count}.db'}"
        from tests.pg_support import admin_execute, database_url

        name = f"b{os.getpid()}_{self.count}"
        admin_execute(self.server_url, f"CREATE DATABASE {name}")
        return database_url(self.server_url, name)

    def fresh(self, name: str) -> str:
        """A new database with the content of template `name`."""
        source = self.template(name)
        self.count += 1
        if self.kind == "sqlite":
            path = self.tmp / f"t{self.count}.db"
            _copy_sqlite(Path(make_url(source).database), path)
            return f"sqlite:///{path}"
        from tests.pg_support import admin_execute, database_url

        target = f"t{os.getpid()}_{self.count}"
        admin_execute(self.server_url, f"CREATE DATABASE {target} TEMPLATE tpl_{name}")
        return database_url(self.server_url, target)


@pytest.fixture(scope="session")
def backend(request, tmp_path_factory):
    """SQLite files, or a real PostgreSQL server started for the session (--db=postgresql)."""
    kind = request.config.getoption("--db")
    tmp = tmp_path_factory.mktemp("databases")
    if kind == "sqlite":
        yield Backend(kind, tmp)
        return
    from tests.pg_support import find_bindir, postgres_server

    if find_bindir() is None:
        if browser_required():
            pytest.fail("CI=true but PostgreSQL is not installed: the suite must run against PostgreSQL in CI")
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    with postgres_server() as server_url:
        yield Backend(kind, tmp, server_url)


@pytest.fixture(scope="session", autouse=True)
def sample_returns(backend) -> Path:
    """The example returns in sample_data/, written from the sample database as `bash run.sh app` does."""
    from okdata.sample_returns import write_sample_returns

    folder = ROOT / "sample_data"
    url = backend.template("sample")
    with db.read_session(url) as s:
        write_sample_returns(s, folder, 2025)
    db.get_engine(url).dispose()  # PostgreSQL copies a template only while nobody is connected to it
    return folder


@pytest.fixture
def sample_url(backend, monkeypatch) -> str:
    """A private copy of the sample database, set as OKDATA_DATABASE_URL."""
    url = backend.fresh("sample")
    monkeypatch.setenv("OKDATA_DATABASE_URL", url)
    yield url
    db.get_engine(url).dispose()


@pytest.fixture
def empty_url(backend, monkeypatch) -> str:
    """A private copy of a freshly initialised database without examples."""
    url = backend.fresh("empty")
    monkeypatch.setenv("OKDATA_DATABASE_URL", url)
    yield url
    db.get_engine(url).dispose()


@pytest.fixture(scope="session", autouse=True)
def _scan_for_streamlit_components_once():
    """Every AppTest instance scans all installed packages for Streamlit components before its first run (Streamlit
    1.67: ~0.2 s, two thirds of a typical page run here, hundreds of times a session). The installed packages do not
    change during a session: scan once per process and hand every AppTest the same result."""
    from streamlit.components.v2 import manifest_scanner

    if not hasattr(manifest_scanner, "scan_component_manifests"):  # a later Streamlit: nothing to save
        yield
        return
    found = manifest_scanner.scan_component_manifests()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: list(found))
        yield


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """st.cache_data and the readings okdata keeps survive between AppTest runs in one process (RECIPES.md)."""
    yield
    import streamlit as st

    from okdata.web import access

    st.cache_data.clear()
    st.cache_resource.clear()
    access.forget_readings()


def _starts_the_command_line(args) -> bool:
    """Whether a subprocess's arguments run okdata's command line (`-m okdata`, or a script calling its main)."""
    args = [str(a) for a in args] if isinstance(args, list | tuple) else [str(args)]
    return any(a == "-m" and b == "okdata" for a, b in zip(args, args[1:])) or any("okdata.__main__" in a
                                                                                 for a in args)


@pytest.fixture(autouse=True)
def _command_line_tests_are_marked_cli(request, monkeypatch):
    """`-m "not cli"` leaves out every test that starts the command line, so each such test must say so."""
    if request.node.get_closest_marker("cli") is not None:
        return
    start = subprocess.Popen.__init__

    def refuse_the_command_line(self, args, *rest, **kwargs):
        if _starts_the_command_line(args):
            pytest.fail("this test starts `python -m okdata`: mark it @pytest.mark.cli", pytrace=False)
        start(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse_the_command_line)


def browser_required() -> bool:
    """In CI (CI=true) browser tests must run; elsewhere they skip when Chromium is missing."""
    return os.environ.get("CI", "").lower() == "true"


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        if browser_required():
            pytest.fail("CI=true but /usr/bin/chromium is missing: browser tests must run in CI")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_PATH, LAUNCH_ARGS

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM_PATH, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (no cookies shared between tests)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    pg = context.new_page()
    yield pg
    context.close()
