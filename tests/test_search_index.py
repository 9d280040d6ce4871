"""The Pagefind step of publishing: what gets indexed, the NFKC fold, a clear error without the binary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kb_build.publish import search_index
from kb_build.publish.nfkc import fold
from kb_build.publish.pagefind_service import PagefindService, PagefindServiceError
from kb_build.publish.search_index import (
    SearchIndexer,
    SearchIndexError,
    build_search_index,
    searchable_pages,
)
from tests.conftest import ROOT, build_site


def test_fold_treats_full_width_like_half_width_and_keeps_markup_inert() -> None:
    assert fold("<p>１８０天 ＡＨＲ</p>") == "<p>180天 AHR</p>"
    # a full-width < in text must not become a tag
    assert fold("<p>ａ＜ｂ＞</p>") == "<p>a&lt;b&gt;</p>"
    assert fold('<a href="/x">鞋花</a>') == '<a href="/x">鞋花</a>'


def test_only_pages_with_a_pagefind_body_are_indexed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<html lang="zh"><div data-pagefind-body>x</div></html>', "utf-8")
    (tmp_path / "redirect.html").write_text('<meta http-equiv="refresh" content="0; url=a/">', "utf-8")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "x.html").write_text("data-pagefind-body", "utf-8")
    assert searchable_pages(tmp_path) == [tmp_path / "a" / "index.html"]


def test_a_missing_binary_stops_the_build_with_a_way_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(search_index.project, "PACKAGE_DIR", tmp_path / "kb_build")
    monkeypatch.setattr(search_index.sys, "prefix", str(tmp_path / ".venv"))
    with pytest.raises(SearchIndexError, match="npm ci"):
        search_index.pagefind_binary(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nope"))
    with pytest.raises(SearchIndexError, match="npm ci"):
        build_search_index(tmp_path)


def test_the_index_is_written_per_language(tmp_path: Path, root: Path) -> None:
    site = tmp_path / "site"
    for rel, lang, text in (("index.html", "zh", "鞋花 １８０天"), ("en/index.html", "en", "shoe charms")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        body = f"<div data-pagefind-body><h1>{text}</h1></div>"
        (site / rel).write_text(f'<html lang="{lang}"><body>{body}</body></html>', "utf-8")
    summary = build_search_index(site, root)
    assert summary["pages"] == 2 and summary["bundle_bytes"] > 0
    languages = (site / "pagefind" / "pagefind-entry.json").read_text("utf-8")
    assert '"zh"' in languages and '"en"' in languages
    assert (site / "pagefind" / "pagefind.js").exists() and not list((site / "pagefind").glob("pagefind-ui*"))
    assert (site / "index.html").read_text("utf-8").endswith("１８０天</h1></div></body></html>")  # site untouched


def test_glossary_terms_are_published_for_the_search_box(tmp_path: Path, root: Path) -> None:
    """The search box counts the glossary for less unless the query is mostly one of its terms."""
    terms = search_index.glossary_terms(root)
    assert "律师函" in terms and "demand letter" in terms and "cease-and-desist letter" in terms
    assert all(t == t.lower() and len(t) >= 2 for t in terms)
    module = search_index.write_glossary_terms(tmp_path, root).read_text("utf-8")
    assert module.startswith("// Generated") and '"律师函"' in module


def test_the_index_built_beside_mkdocs_equals_one_built_from_the_finished_site(
    built_site: Path, root: Path, tmp_path: Path
) -> None:
    """The build streams pages to Pagefind as MkDocs writes them; reading site/ afterwards (what a
    --dirty build does) must index the same pages with the same text and URLs."""
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    summary = build_search_index(copy, root)  # from disk, replacing the streamed bundle
    streamed, from_disk = built_site / "pagefind", copy / "pagefind"

    def counts(bundle: Path) -> dict[str, int]:
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        return {lang: v["page_count"] for lang, v in entry["languages"].items()}

    assert counts(streamed) == counts(from_disk) and sum(counts(streamed).values()) == summary["pages"] > 100
    # fragment files are named by their content (URL, title, text, meta): the same names, the same pages
    assert sorted(p.name for p in (streamed / "fragment").iterdir()) == sorted(
        p.name for p in (from_disk / "fragment").iterdir()
    )


def test_a_pagefind_that_dies_is_a_clear_error(tmp_path: Path) -> None:
    for dead in ("/bin/false", str(tmp_path / "missing")):
        with pytest.raises(PagefindServiceError, match=r"Pagefind|cannot run"):
            PagefindService(Path(dead), {})


def test_pages_queued_to_a_service_are_all_in_the_bundle(tmp_path: Path, root: Path) -> None:
    service = PagefindService(search_index.pagefind_binary(root), {}, transform=fold)
    for i in range(50):
        lang = "zh" if i % 2 else "en"
        body = f"<body data-pagefind-body><h1>页 {i} ｐａｇｅ</h1></body>"
        service.add_page(f"/p{i}/", f'<html lang="{lang}">{body}</html>')
    service.write(tmp_path / "bundle")
    entry = json.loads((tmp_path / "bundle" / "pagefind-entry.json").read_text("utf-8"))
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"en": 25, "zh": 25}


def _index(root: Path, feed: list[tuple[str, str]], site: Path, seal_after: int | None = None) -> dict[str, int]:
    indexer = SearchIndexer(root)
    for i, (url, html) in enumerate(feed):
        if i == seal_after:
            indexer.seal()
        indexer.add(url, html)
    return indexer.finish(site)


def _bundle(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*"))
            if p.is_file()}


def _page(lang: str, i: int, word: str = "Page") -> tuple[str, str]:
    prefix = "/en" if lang == "en" else ""
    return f"{prefix}/p{i}/", f'<html lang="{lang}"><body data-pagefind-body><h1>{word} {i} 鞋花</h1></body></html>'


def test_a_language_whose_pages_did_not_change_reuses_its_last_bundle(tmp_path: Path) -> None:
    pages = [_page("zh", i) for i in range(4)] + [_page("en", i) for i in range(4)]
    first = _index(tmp_path, pages, tmp_path / "one", seal_after=4)
    again = _index(tmp_path, pages, tmp_path / "two", seal_after=4)
    assert (first["reused"], again["reused"]) == (0, 2)
    assert _bundle(tmp_path / "one") == _bundle(tmp_path / "two")
    # one English page changed: the Chinese part is reused, the English one written again
    edited = [*pages[:7], _page("en", 3, "Seite")]
    changed = _index(tmp_path, edited, tmp_path / "three", seal_after=4)
    assert changed["reused"] == 1 and _bundle(tmp_path / "three") != _bundle(tmp_path / "one")
    scratch = tmp_path / "scratch"
    assert _index(scratch, edited, scratch / "site")["reused"] == 0  # no cache there
    assert _bundle(tmp_path / "three") == _bundle(scratch / "site")
    # a damaged keep (no KEY) is never used
    (tmp_path / ".cache" / "kb_build" / "pagefind" / "zh" / "KEY").unlink()
    assert _index(tmp_path, edited, tmp_path / "four", seal_after=4)["reused"] == 1


def test_a_page_after_its_language_was_sealed_falls_back_to_the_finished_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pages = [_page("zh", 0), _page("en", 0), _page("zh", 1)]
    for url, html in pages:
        target = site / url.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, "utf-8")
    summary = _index(tmp_path, pages, site, seal_after=1)  # zh sealed, then another zh page arrives
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert summary["pages"] == 3 and {k: v["page_count"] for k, v in entry["languages"].items()} == {"en": 1, "zh": 2}


def test_a_pagefind_that_dies_behind_the_feeder_stops_the_build_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # runs, then exits at once
    indexer = SearchIndexer(tmp_path)
    indexer.add(*_page("zh", 0))
    with pytest.raises(SearchIndexError) as caught:
        indexer.finish(tmp_path / "site")
    assert "Pagefind (zh pages)" in str(caught.value) and "Traceback" not in str(caught.value)


def test_a_build_whose_pagefind_dies_fails_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    done = build_site(ROOT, tmp_path / "site", env={"PAGEFIND_BINARY_PATH": "/bin/false"})
    assert done.returncode == 1
    assert "Pagefind (" in done.stderr and "Traceback" not in done.stderr and "RuntimeWarning" not in done.stderr
