"""The render cache (kb_build/render/cache.py) may only save time: with it, docs/ must be exactly
what rendering everything from scratch writes, after any change to an entry, a linked title,
the vocabulary or a generated file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kb_build.check import check_corpus
from kb_build.diagnostics import DiagnosticError
from kb_build.render.cache import CACHE_FILE, RenderCache
from kb_build.render.pages import render_all, render_entry_links, write_pages

EDIT = "https://example.org/edit/"


def _project(tmp_path: Path, root: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(root / "data", project / "data")
    return project


def _build(project: Path, docs: Path, cached: bool = True) -> RenderCache | None:
    corpus = check_corpus(project)
    assert not corpus.errors, corpus.errors[:3]
    cache = RenderCache(project, docs, [EDIT, (project / "data" / "vocab.yml").read_text("utf-8")]) if cached else None
    pages = render_all(corpus, EDIT, cache)
    write_pages(docs, pages)
    if cache:
        cache.save()
    return cache


def _tree(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in sorted(docs.rglob("*.md"))}


def _same_as_from_scratch(project: Path, docs: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    _build(project, scratch, cached=False)
    assert _tree(docs) == _tree(scratch)


def _linked_pair(project: Path) -> tuple[str, Path]:
    """(the zh page of an entry that links to another entry, the linked entry's YAML file)."""
    corpus = check_corpus(project)
    for entry in corpus.all_entries():
        if entry.collection in ("strategies", "warnings", "poa", "violations"):
            _, links = render_entry_links(corpus, entry, "zh")
            for ref in links:
                target = corpus.get(ref)
                if target is not None and target.collection != "glossary":
                    return f"{entry.collection}/{entry.id}.md", target.path
    raise AssertionError("no entry links to another")


def _retitle(path: Path, suffix: str) -> None:
    text = path.read_text("utf-8")
    new, n = re.subn(r"(^title:\n  zh: )(.+)$", lambda m: m.group(1) + m.group(2) + suffix, text, count=1, flags=re.M)
    assert n == 1, path
    path.write_text(new, "utf-8")


def test_a_second_build_renders_no_entry_page_again(tmp_path: Path, root: Path) -> None:
    project, docs = _project(tmp_path, root), tmp_path / "docs"
    first = _build(project, docs)
    assert first is not None and first.hits == 0
    written = _tree(docs)
    second = _build(project, docs)
    entry_pages = [p for p in written if not p.split("/")[-1].startswith("index")]
    assert second is not None and second.hits == len(entry_pages) >= 50
    assert _tree(docs) == written
    _same_as_from_scratch(project, docs, tmp_path)


def test_a_changed_title_renders_the_pages_that_link_to_it(tmp_path: Path, root: Path) -> None:
    project, docs = _project(tmp_path, root), tmp_path / "docs"
    _build(project, docs)
    page, linked = _linked_pair(project)
    before = (docs / page).read_text("utf-8")
    _retitle(linked, "（改名）")
    cache = _build(project, docs)
    assert cache is not None and cache.hits > 0
    after = (docs / page).read_text("utf-8")
    assert after != before and "（改名）" in after
    _same_as_from_scratch(project, docs, tmp_path)


def test_edits_to_entries_vocab_and_generated_files_are_never_served_stale(tmp_path: Path, root: Path) -> None:
    project, docs = _project(tmp_path, root), tmp_path / "docs"
    _build(project, docs)
    # an entry's own text
    own = next((project / "data" / "warnings").glob("*.yml"))
    own.write_text(own.read_text("utf-8").replace("summary:\n  zh: ", "summary:\n  zh: 新增一句。", 1), "utf-8")
    _build(project, docs)
    _same_as_from_scratch(project, docs, tmp_path)
    # the vocabulary every page prints from
    vocab = project / "data" / "vocab.yml"
    vocab.write_text(vocab.read_text("utf-8") + "\n# a comment changes nothing visible, but the file\n", "utf-8")
    cache = _build(project, docs)
    assert cache is not None and cache.hits == 0
    # a generated page edited by hand is written again
    victim = next((docs / "violations").glob("*.en.md"))
    victim.write_text("edited by hand\n", "utf-8")
    _build(project, docs)
    _same_as_from_scratch(project, docs, tmp_path)


def test_an_unreadable_cache_renders_everything(tmp_path: Path, root: Path) -> None:
    project, docs = _project(tmp_path, root), tmp_path / "docs"
    _build(project, docs)
    for garbage in ("{not json", "[]", '{"context": 1, "pages": []}', ""):
        (project / CACHE_FILE).write_text(garbage, "utf-8")
        cache = _build(project, docs)
        assert cache is not None and cache.hits == 0
    _same_as_from_scratch(project, docs, tmp_path)


def test_a_link_whose_target_was_removed_is_still_reported(tmp_path: Path, root: Path) -> None:
    project, docs = _project(tmp_path, root), tmp_path / "docs"
    _build(project, docs)
    _, linked = _linked_pair(project)
    corpus = check_corpus(project)
    # the cache still lists the link; the corpus no longer has its target (check would say KB018)
    del corpus.entries[linked.parent.name][linked.stem]
    cache = RenderCache(project, docs, [EDIT, (project / "data" / "vocab.yml").read_text("utf-8")])
    with pytest.raises(DiagnosticError, match="KB018"):
        render_all(corpus, EDIT, cache)
