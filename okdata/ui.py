"""The only module that imports Streamlit: page frame, menu, cached readers, URL-bound widgets."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from okdata import db, texts
from okdata.install import ensure_database, has_catalog
from okdata.values import has_example_data


@dataclass(frozen=True)
class Page:
    """A page of the app: key, script path, menu label, icon."""

    key: str
    path: str
    label: str
    icon: str


PAGES = [
    Page("overview", "app.py", texts.MENU["overview"], ":material/dashboard:"),
    Page("goals", "pages/1_Mal.py", texts.MENU["goals"], ":material/flag:"),
]
PAGE_BY_KEY = {p.key: p for p in PAGES}


@dataclass(frozen=True)
class Context:
    """What a page knows after frame(): the database and what the viewer may see."""

    url: str
    approved_only: bool = True


def frame(page: str) -> Context:
    """Set up a page: config, database (created with examples on first start), menu. Every page calls it
    first, because a deep link runs a page script without app.py."""
    st.set_page_config(page_title=f"{texts.PAGE_TITLES[page]} – {texts.APP_TITLE}", page_icon="📊",
                       layout="wide", initial_sidebar_state="expanded")
    url = db.database_url()
    _ensure(url)
    if not _has_catalog(url):
        st.error(texts.DATABASE_EMPTY)
        st.stop()
    _menu(page)
    return Context(url=url)


@st.cache_resource(show_spinner=texts.CREATING_DATABASE)
def _ensure(url: str) -> bool:
    return ensure_database(url)


@st.cache_data(ttl=60, show_spinner=False)
def _has_catalog(url: str) -> bool:
    return has_catalog(url)


def _menu(current: str) -> None:
    with st.sidebar:
        st.markdown(f"### {texts.APP_TITLE}")
        st.caption(texts.APP_SUBTITLE)
        for p in PAGES:
            st.page_link(p.path, label=p.label, icon=p.icon)


# --- Cached readers -------------------------------------------------------------------------------


@st.cache_data(ttl=600, show_spinner=False, max_entries=2000)
def _cached(key: str, url: str, args: tuple, kwargs: tuple, _fn: Callable) -> Any:
    with db.read_session(url) as s:
        return _fn(s, *args, **dict(kwargs))


def read(fn: Callable, *args, **kwargs) -> Any:
    """Call a reader `fn(session, *args)` in a read transaction, cached per database URL and arguments."""
    key = f"{fn.__module__}.{fn.__qualname__}"
    return _cached(key, db.database_url(), args, tuple(sorted(kwargs.items())), fn)


def refresh() -> None:
    """Forget every cached reading; called after every write."""
    _cached.clear()
    _has_catalog.clear()


# --- Widgets bound to the URL (shareable views) ---------------------------------------------------


def select_param(label: str, options: Sequence, param: str, key: str, format_func: Callable = str,
                 default: Any = None, sidebar: bool = False) -> Any:
    """A selectbox whose value lives in the URL's query parameter `param`."""
    options = list(options)
    wanted = st.query_params.get(param)
    index = next((i for i, o in enumerate(options) if str(o) == wanted), None)
    if index is None:
        index = options.index(default) if default in options else 0
    where = st.sidebar if sidebar else st
    value = where.selectbox(label, options, index=index, key=key, format_func=format_func)
    st.query_params[param] = str(value)
    return value


def multiselect_param(label: str, options: Sequence, param: str, key: str, format_func: Callable = str,
                      default: Sequence = ()) -> list:
    """A multiselect whose values live in the URL as a comma-separated query parameter."""
    options = list(options)
    by_str = {str(o): o for o in options}
    if param in st.query_params:
        chosen = [by_str[v] for v in st.query_params[param].split(",") if v in by_str]
    else:
        chosen = list(default)
    value = st.multiselect(label, options, default=chosen, key=key, format_func=format_func)
    st.query_params[param] = ",".join(str(v) for v in value)
    return value


# --- Display --------------------------------------------------------------------------------------


def example_banner() -> None:
    """The Exempeldata notice, shown wherever example figures may appear."""
    if read(has_example_data):
        st.info(texts.EXAMPLE_BANNER, icon=":material/science:")


def table(df: pd.DataFrame, key: str, height: int | None = None) -> None:
    """A read-only table over the full width."""
    st.dataframe(df, hide_index=True, width="stretch", key=key, **({"height": height} if height else {}))
