"""Catalog texts are text: goal titles, what must be in place, development areas, measure texts, indicator names and
units, agency names are typed by the Samordnare (in the app or a catalog file) and must never be read as Markdown
or as the HTML Plotly draws in its titles, names and axes (an audit: an image in a goal's in-place list was fetched
from another server, and an indicator's name made a link in its chart's title)."""

import re

import pytest

from okdata import db
from okdata.auth import actor_for
from okdata.catalog import catalog_document
from okdata.catalog_edits import edit_catalog
from okdata.catalog_revisions import save_catalog
from tests.apptest_support import COORDINATOR, READER, REPORTER_KVV, open_page

MARKUP = "![bild](http://127.0.0.1:9/pixel.png) **fet** <b>b</b> [länk](http://evil.example/) $x^2$"
LINK = '<a href="http://evil.example/">länk</a>'
# Markup read as markup: not preceded by Markdown's backslash (str() of a proto doubles it, so one is enough)
RAW = re.compile(r"(?<!\\)\*\*fet|(?<!\\)!\[bild|(?<!\\)<b>b|(?<!\\)\[länk\]|(?<!\\)\$x")
# Element types whose text Streamlit shows without Markdown
LITERAL = ("Dataframe", "Selectbox", "Multiselect", "UnknownElement", "TextArea", "TextInput", "Radio")


@pytest.fixture
def marked(sample_url):
    """The sample catalog with markup in every kind of catalog text (from 2024: every year of the plan)."""
    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, COORDINATOR), "goal", "2", {
            "title": "Måltitel " + MARKUP, "in_place": ["På plats " + MARKUP],
            "development_areas": ["Utvecklingsområde " + MARKUP]}, 2024).ok
    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, COORDINATOR), "indicator", "2.10a", {
            "name": f"Indikatornamn {MARKUP} {LINK}", "unit": 'st <a href="http://evil.example/">u</a>'}, 2024).ok
    with db.session(sample_url) as s:
        assert edit_catalog(s, actor_for(s, COORDINATOR), "measure", "2.10", {"text": "Åtgärdstext " + MARKUP}, 2024).ok
    with db.session(sample_url) as s:  # one of Översikt's largest changes of 2025
        assert edit_catalog(s, actor_for(s, COORDINATOR), "indicator", "7.6a", {"name": "Nedladdningar " + MARKUP},
                            2024).ok
    with db.session(sample_url) as s:
        doc = catalog_document(s)
        for a in doc["agency"]:
            if a["code"] == "KVV":
                a["name"], a["short_name"] = "Myndighet " + MARKUP, "KVV **fet** ![bild](http://127.0.0.1:9/k.png)"
        assert save_catalog(s, actor_for(s, COORDINATOR), doc, 2024).ok
    return sample_url


def _elements(node, out: list) -> list:
    proto = getattr(node, "proto", None)
    if proto is not None:
        out.append((type(node).__name__, str(proto)))
    for child in getattr(node, "children", {}).values():
        _elements(child, out)
    return out


def read_as_markup(at) -> list[str]:
    """Every place on the page where the catalog's markup is read as Markdown or as Plotly's HTML."""
    found = []
    for kind, text in _elements(at._tree, []):
        if kind == "UnknownElement":  # a Plotly chart: its figure as JSON, < > / written as \\u003c …
            spec = re.sub(r"\\+u002f", "/", re.sub(r"\\+u003e", ">", re.sub(r"\\+u003c", "<", text)))
            hit = re.search(r"<b>b</b>|<a(<br>|\s)", spec)
            if hit:
                found.append(f"Plotly: {spec[max(0, hit.start() - 100):hit.end() + 30]}")
            continue
        if kind in LITERAL:
            continue
        m = RAW.search(text)
        if m:
            found.append(f"{kind}: {text[max(0, m.start() - 80):m.end() + 20]}".replace("\n", " "))
    return found


PAGES = [
    ("app.py", {"ar": 2025}),
    ("pages/1_Mal.py", {"mal": 2, "ar": 2025, "atgard": "2.10"}),
    ("pages/2_Myndigheter.py", {"myndighet": "KVV", "ar": 2025}),
    ("pages/3_Valdstyper.py", {"mal": 2}),
    ("pages/14_Indikator.py", {"indikator": "2.10a", "ar": 2025}),
    ("pages/14_Indikator.py", {"indikator": "2.10a", "ar": 2025, "uppdelning": "kategori"}),
    ("pages/11_Mote.py", {"ar": 2025, "skarm": 0}),
    ("pages/11_Mote.py", {"ar": 2025, "skarm": 1}),
    ("pages/11_Mote.py", {"ar": 2025, "skarm": 3}),
    ("pages/12_Lagesrapport.py", {"ar": 2025}),
    ("pages/13_Rapporteringslage.py", {"ar": 2025}),
]


def test_catalog_texts_are_shown_as_typed_on_every_page(marked):
    found = []
    for page, params in PAGES:
        found += [f"{page} {params}: {f}" for f in read_as_markup(open_page(page, READER, **params))]
    for page, params in [("pages/5_Rapportera.py", {"ar": 2025}), ("pages/2_Myndigheter.py", {"ar": 2025})]:
        found += [f"{page} (Kriminalvården): {f}" for f in read_as_markup(open_page(page, REPORTER_KVV, **params))]
    for page in ("pages/7_Granska.py", "pages/8_Katalog.py", "pages/6_Historik.py", "pages/9_Logg.py",
                 "pages/12_Lagesrapport.py", "pages/5_Rapportera.py"):
        found += [f"{page} (Samordnare): {f}" for f in read_as_markup(open_page(page, COORDINATOR, ar=2025))]
    assert not found, "\n".join(found)
