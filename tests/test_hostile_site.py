"""Hostile corpora, built: whatever passes `check` builds with --strict and adds no markup.

tests/hostile_corpus.py fills every text and URL field of a few entries per collection, and every
vocabulary title, with payloads (seeded; KB_HOSTILE_SEED picks another corpus). Every built HTML
page is parsed with html5lib, as a browser would, and compared with the real site built from clean
data (the `built_site` fixture): no element, attribute, event handler, URL scheme, protocol-relative
URL or inline script the templates do not produce themselves. Search-index titles and texts (which
Material's search renders as HTML) get the same audit; feeds are parsed as XML, JSON as JSON.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import html5lib
import pytest

from tests.conftest import ROOT, build_site
from tests.hostile_corpus import hostile_project

SEEDS = [int(os.environ.get("KB_HOSTILE_SEED", "1")), 7]
URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "poster", "data", "cite", "background", "xlink:href"}
NS = "{http://www.w3.org/1999/xhtml}"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _elements(root: ET.Element) -> Iterator[ET.Element]:
    for el in root.iter():
        if isinstance(el.tag, str):
            yield el


def _name(el: ET.Element) -> str:
    return el.tag.replace(NS, "").split("}")[-1]


def _attr(key: str) -> str:
    return key.rsplit("}", maxsplit=1)[-1]


class Shape:
    """What a set of pages contains: elements, (element, attribute), URL schemes, inline scripts."""

    def __init__(self) -> None:
        self.elements: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.schemes: set[str] = set()
        self.scripts: set[str] = set()
        self.problems: list[str] = []

    def add(self, root: ET.Element, where: str) -> None:
        for el in _elements(root):
            tag = _name(el)
            self.elements.add(tag)
            if tag == "script" and (el.text or "").strip():
                self.scripts.add(el.text.strip())
            for key, value in el.attrib.items():
                name = _attr(key)
                self.attributes.add((tag, name))
                if name.startswith("on"):
                    self.problems.append(f"{where}: <{tag} {name}>")
                if name in URL_ATTRS:
                    for url in value.split(",") if name == "srcset" else [value]:
                        parts = urlsplit(url.strip().split(" ")[0])
                        self.schemes.add(parts.scheme.lower())
                        if not parts.scheme and parts.netloc:
                            self.problems.append(f"{where}: protocol-relative {name}={url!r}")
                if tag == "meta" and el.get("http-equiv", "").lower() == "refresh":
                    self.schemes.add(urlsplit(value.partition("url=")[2]).scheme.lower())

    def diff(self, clean: Shape) -> list[str]:
        return [
            *self.problems,
            *(f"new element <{e}>" for e in sorted(self.elements - clean.elements)),
            *(f"new attribute <{t} {a}>" for t, a in sorted(self.attributes - clean.attributes)),
            *(f"new URL scheme {s!r}" for s in sorted(self.schemes - clean.schemes)),
            *(f"new inline script {s[:80]!r}" for s in sorted(self.scripts - clean.scripts)),
        ]


def _parse(text: str) -> ET.Element:
    return html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=True)


def _fragment(text: str) -> ET.Element:
    return html5lib.parseFragment(text, treebuilder="etree", namespaceHTMLElements=True)


def shape_of(site: Path) -> tuple[Shape, Shape]:
    """(pages, search-index fragments) of a built site."""
    pages, search = Shape(), Shape()
    for page in sorted(site.rglob("*.html")):
        pages.add(_parse(page.read_text("utf-8")), str(page.relative_to(site)))
    for index in site.rglob("search_index.json"):
        for doc in json.loads(index.read_text("utf-8")).get("docs", []):
            for field in ("title", "text"):
                search.add(_fragment(doc.get(field, "")), f"{index.relative_to(site)}:{doc.get('location')}")
    return pages, search


@pytest.fixture(scope="session")
def clean_shape(built_site: Path) -> tuple[Shape, Shape]:
    return shape_of(built_site)


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: f"seed{s}")
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    project, refs = hostile_project(tmp_path_factory.mktemp(f"hostile{request.param}"), ROOT, request.param)
    check = subprocess.run(
        [sys.executable, "-m", "kb_build", "check", "--no-lint"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    site = project / "site"
    build = build_site(project, site)  # --strict: what passes check must build
    assert build.returncode == 0, f"check passed but mkdocs build --strict failed:\n{build.stdout}\n{build.stderr}"
    return site, refs


def test_hostile_pages_add_no_markup(hostile: tuple[Path, list[str]], clean_shape: tuple[Shape, Shape]) -> None:
    site, refs = hostile
    pages, search = shape_of(site)
    assert pages.diff(clean_shape[0]) == []
    assert search.diff(clean_shape[1]) == []
    for ref in refs:  # the payloads did reach the pages
        if not ref.startswith("glossary/"):
            assert (site / ref / "index.html").is_file() and (site / "en" / ref / "index.html").is_file()


def test_hostile_feeds_and_json_parse(hostile: tuple[Path, list[str]]) -> None:
    site, _ = hostile
    for feed in (site / "feeds").glob("*.xml"):
        ET.fromstring(feed.read_bytes())  # raises on invalid XML
    for path in site.rglob("*.xml"):
        ET.fromstring(path.read_bytes())
    files = list((site / "api").rglob("*.json"))
    assert files
    for path in files:
        json.loads(path.read_bytes())


def test_source_links_are_exactly_the_validated_url(hostile: tuple[Path, list[str]]) -> None:
    """Every link in a Sources list points at an https URL exactly as the model validated it
    (the API publishes the validated data), never at anything a title or note could smuggle in."""
    site, refs = hostile
    urls: set[str] = set()
    for f in (site / "api").rglob("*.json"):
        stack = [json.loads(f.read_bytes())]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                urls |= {v for k, v in x.items() if k == "url" and isinstance(v, str)}
                stack += list(x.values())
            elif isinstance(x, list):
                stack += x
    for ref in (r for r in refs if not r.startswith("glossary/")):
        root = _parse((site / ref / "index.html").read_text("utf-8"))
        for li in (el for el in _elements(root) if (el.get("id") or "").startswith("source-")):
            anchors = [a for a in _elements(li) if _name(a) == "a" and urlsplit(a.get("href", "")).scheme]
            assert anchors, ref
            assert anchors[0].get("href") in urls and anchors[0].get("href").startswith("https://")


def test_no_dialog_fires_on_hostile_pages_in_chromium(hostile: tuple[Path, list[str]], browser: Any) -> None:
    """Chromium opens every hostile entry page, the indexes and the tag pages: no alert() may fire."""
    site, refs = hostile
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    paths = [f"{lang}{ref}/" for ref in refs if not ref.startswith("glossary/") for lang in ("", "en/")]
    collections = ("violations", "strategies", "warnings", "poa", "glossary")
    paths += [f"{lang}{c}/" for c in collections for lang in ("", "en/")]
    paths += ["tags/", "en/tags/"]
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    try:
        for path in paths:
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_timeout(150)  # ontoggle and onerror fire right after load
        assert page.evaluate("document.querySelector('h1') !== null")
    finally:
        page.close()
        server.shutdown()
    assert dialogs == []
