"""The real site, built once with --strict: every entry in both languages, nothing external."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest

from kb_build import project
from kb_build.check import check_corpus
from kb_build.model.entries import PAGE_COLLECTIONS

ROOT = Path(__file__).resolve().parent.parent
SITE_PATH = project.base_path(project.site_url())


@pytest.fixture(scope="module")
def corpus():
    c = check_corpus(ROOT)
    assert c.errors == [], "\n".join(d.format() for d in c.errors)
    return c


def test_every_entry_is_built_in_both_languages(built_site: Path, corpus) -> None:
    for collection in PAGE_COLLECTIONS:
        assert (built_site / collection / "index.html").exists()
        assert (built_site / "en" / collection / "index.html").exists()
        if collection == "glossary":
            continue
        for entry_id in corpus.entries[collection]:
            zh = built_site / collection / entry_id / "index.html"
            en = built_site / "en" / collection / entry_id / "index.html"
            assert zh.exists(), zh
            assert en.exists(), en
            assert '<html lang="zh"' in zh.read_text("utf-8")
            assert '<html lang="en"' in en.read_text("utf-8")


def test_glossary_terms_have_anchors(built_site: Path, corpus) -> None:
    html = (built_site / "glossary" / "index.html").read_text("utf-8")
    for term_id in corpus.entries["glossary"]:
        assert f'id="{term_id}"' in html


def test_entry_pages_show_sources_labels_reviewed_date_and_edit_link(built_site: Path, corpus) -> None:
    entry = next(iter(corpus.entries["warnings"].values()))
    html = (built_site / "warnings" / entry.id / "index.html").read_text("utf-8")
    assert "kb-badge" in html
    assert f'datetime="{entry.model.reviewed}"' in html
    assert f"edit/main/data/warnings/{entry.id}.yml" in html


class _Resources(HTMLParser):
    """Collect every URL the browser would fetch on its own (not plain links)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("alternate", "canonical"):
            self.urls.append(a["href"] or "")
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"] or "")


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = []
    for page in built_site.rglob("*.html"):
        text = page.read_text("utf-8")
        parser = _Resources()
        parser.feed(text)
        for url in parser.urls:
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{page.relative_to(built_site)}: {url}")
    for asset in list(built_site.rglob("*.css")) + list(built_site.rglob("*.js")):
        text = asset.read_text("utf-8", "replace")
        if "fonts.googleapis.com" in text or "fonts.gstatic.com" in text:
            offenders.append(f"{asset.relative_to(built_site)}: Google Fonts")
        for url in re.findall(r"url\((['\"]?)(https?://[^)'\"]+)", text):
            offenders.append(f"{asset.relative_to(built_site)}: {url[1]}")
    assert offenders == []


def test_each_language_gets_its_own_pagefind_index(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"zh", "en"}
    assert entry["languages"]["zh"]["page_count"] == entry["languages"]["en"]["page_count"] > 50
    assert not (built_site / "search" / "search_index.json").exists()  # Material's search is gone


def test_only_content_pages_are_indexed(built_site: Path) -> None:
    assert "data-pagefind-body" in (built_site / "warnings" / "crocs-jibbitz-charms" / "index.html").read_text("utf-8")
    assert "data-pagefind-body" not in (built_site / "404.html").read_text("utf-8")
    assert "data-pagefind-body" not in (built_site / "tags" / "index.html").read_text("utf-8")


def _hidden_search_terms(page: Path) -> list[str]:
    """Text of the hidden, heavily weighted elements Pagefind indexes (parsed, not grepped)."""
    doc = html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False)
    return [
        "".join(el.itertext())
        for el in doc.iter()
        if "hidden" in el.attrib and el.attrib.get("data-pagefind-weight") == "10"
    ]


def test_search_terms_are_indexed_but_hidden(built_site: Path) -> None:
    zh = _hidden_search_terms(built_site / "warnings" / "stanley-tumblers" / "index.html")
    assert any("斯坦利杯" in text for text in zh), zh
    en_page = built_site / "en" / "warnings" / "stanley-tumblers" / "index.html"
    en = _hidden_search_terms(en_page)
    assert any("Stanley cup" in text for text in en), en
    assert "斯坦利杯" not in en_page.read_text("utf-8")


def test_chinese_headings_get_readable_anchors(built_site: Path) -> None:
    html = (built_site / "ahr" / "index.html").read_text("utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', html)
    assert ids and not any(re.fullmatch(r"_\d+", i) for i in ids), ids


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"] or "")


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:

    cache: dict[Path, _Links] = {}
    broken: list[str] = []
    insecure: list[str] = []
    for page in built_site.rglob("*.html"):
        links = cache.setdefault(page, _parse(page))
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http",):
                insecure.append(f"{page.relative_to(built_site)}: {href}")
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if parts.path.startswith("/"):
                # 404.html uses absolute links under site_url's path (it is served from any depth)
                if not parts.path.startswith(SITE_PATH):
                    broken.append(f"{page.relative_to(built_site)}: {href} (outside the site)")
                    continue
                target = (built_site / unquote(parts.path[len(SITE_PATH) :])).resolve()
            else:
                target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if parts.path.endswith((".xml", ".json", ".ics", ".csv")) or target.suffix in (".xml", ".json"):
                if not target.exists():
                    broken.append(f"{page.relative_to(built_site)}: {href}")
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)}: {href}")
                continue
            # fragments holding app state (the calculator's "#v=1&...") are not anchors
            if parts.fragment and "=" not in parts.fragment and target.suffix == ".html":
                ids = cache.setdefault(target, _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {href} (no such anchor)")
    assert broken == []
    assert insecure == []
