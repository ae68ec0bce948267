"""Shared fixtures: real SQLite files built by the app's own init, copied fresh for every test."""

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from okdata import db
from okdata.install import init_database

ROOT = Path(__file__).resolve().parent.parent


def _copy_sqlite(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory) -> Path:
    """The sample database, built once per test session by `init --sample`."""
    path = tmp_path_factory.mktemp("template") / "sample.db"
    init_database(f"sqlite:///{path}", sample=True)
    db.get_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """A database made by a plain `init`: the catalog and reference data, no examples."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    init_database(f"sqlite:///{path}", sample=False)
    db.get_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def sample_url(sample_template, tmp_path, monkeypatch) -> str:
    """A private copy of the sample database, set as OKDATA_DATABASE_URL."""
    path = tmp_path / "okdata.db"
    _copy_sqlite(sample_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("OKDATA_DATABASE_URL", url)
    return url


@pytest.fixture
def empty_url(empty_template, tmp_path, monkeypatch) -> str:
    """A private copy of a freshly initialised database without examples."""
    path = tmp_path / "okdata.db"
    _copy_sqlite(empty_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("OKDATA_DATABASE_URL", url)
    return url


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """st.cache_data survives between AppTest runs in one process (RECIPES.md)."""
    yield
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


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
