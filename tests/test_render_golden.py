"""Golden tests: the Markdown rendered from the fixture corpus, byte for byte.

Regenerate after an intended template change with:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_golden.py
and review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kb_build.check import check_corpus
from kb_build.render.pages import Page, render_all, write_pages
from tests.clock import TODAY

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    corpus = check_corpus(CORPUS, today=TODAY)
    assert corpus.errors == []
    return {p.path: p.text for p in render_all(corpus)}


def test_rendered_pages_match_golden_files(pages: dict[str, str]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for path, text in pages.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, "utf-8")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text("utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from tests/golden/{path}"


def test_both_languages_for_every_page(pages: dict[str, str]) -> None:
    zh = {p for p in pages if not p.endswith(".en.md")}
    en = {p.replace(".en.md", ".md") for p in pages if p.endswith(".en.md")}
    assert zh == en


def test_contributor_markup_is_escaped(pages: dict[str, str]) -> None:
    zh = pages["violations/fixture-violation.md"]
    # Markdown-significant characters are numeric references: Markdown and tables read them as text
    assert "a &#60; b &#38; c" in zh
    assert "&#123;: onclick=x&#125;" in zh
    assert "&#35; 这不是标题" in zh
    assert '<a href="https://patents.google.com/" rel="nofollow ugc noopener noreferrer">Google Patents</a>' in zh


def test_write_pages_only_writes_changes_and_removes_orphans(tmp_path: Path, pages: dict[str, str]) -> None:

    page_list = [Page(p, t) for p, t in pages.items()]
    assert write_pages(tmp_path, page_list) == (len(page_list), 0)
    orphan = tmp_path / "violations" / "gone.md"
    orphan.write_text("old", "utf-8")
    keep = tmp_path / "violations" / "fixture-violation.md"
    mtime = keep.stat().st_mtime_ns
    assert write_pages(tmp_path, page_list) == (0, 1)
    assert not orphan.exists()
    assert keep.stat().st_mtime_ns == mtime
