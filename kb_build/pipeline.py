"""The build, in stage order: load → check → render (before MkDocs) and publish (after it).

Kept independent of MkDocs so it can be tested and reused; kb_build/mkdocs_hook.py maps
MkDocs' events onto these functions and is the only module that imports MkDocs.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
from pathlib import Path
from typing import Any

from kb_build import project, timings
from kb_build.check import check_corpus
from kb_build.diagnostics import DiagnosticError
from kb_build.load.corpus import Corpus
from kb_build.publish import SearchIndexer, publish_site
from kb_build.render.cache import RenderCache
from kb_build.render.pages import TEMPLATE_DIR, render_all, write_pages

log = logging.getLogger("mkdocs.plugins.kb_build")

_cache: dict[str, Corpus] = {}
_generated: set[tuple[str, str, str, str]] = set()


class _Search:
    """The search index being fed during the current build (None: index the finished site)."""

    indexer: SearchIndexer | None = None


_search = _Search()


def data_fingerprint(root: Path) -> str:
    """Cheap fingerprint of data/ (paths, sizes, mtimes): i18n builds once per language,
    and the second build should not re-parse unchanged YAML."""
    h = hashlib.sha256()
    for path in sorted((root / "data").rglob("*")):
        if path.is_file():
            st = path.stat()
            h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def source_date_epoch(root: Path) -> str:
    """A build timestamp that depends only on the commit, so rebuilds are byte-identical.

    MkDocs uses SOURCE_DATE_EPOCH for sitemap dates and gzip headers. We take the
    last commit's time, or the newest entry date when there is no git history.
    """
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
        if out.isdigit():
            return out
    except (OSError, subprocess.SubprocessError):
        pass
    dates = [f.stat().st_mtime for f in (root / "data").rglob("*.yml")]
    return str(int(max(dates))) if dates else "0"


def load_checked(root: Path) -> Corpus:
    """Stages 1–3: load and check data/; raise DiagnosticError on any error."""
    key = data_fingerprint(root)
    corpus = _cache.get(key)
    if corpus is None:
        with timings.stage("load"):
            corpus = check_corpus(root)
        _cache.clear()
        _cache[key] = corpus
    if corpus.errors:
        raise DiagnosticError(corpus.diagnostics)
    return corpus


def _templates_fingerprint() -> str:
    h = hashlib.sha256()
    for path in sorted(TEMPLATE_DIR.glob("*.j2")):
        h.update(f"{path.name}:{path.stat().st_mtime_ns}\n".encode())
    return h.hexdigest()


def build_pages(root: Path, docs_dir: Path, edit_base: str = project.REPO_EDIT_BASE) -> Corpus:
    """Stage 4: render data/ into docs/. mkdocs-static-i18n runs the build once per language;
    the second pass finds the same data and templates and renders nothing."""
    corpus = load_checked(root)
    key = (str(docs_dir), edit_base, data_fingerprint(root), _templates_fingerprint())
    if key in _generated:
        return corpus
    with timings.stage("render"):
        vocab = root / "data" / "vocab.yml"
        vocab_sha = hashlib.sha256(vocab.read_bytes()).hexdigest() if vocab.exists() else ""
        cache = RenderCache(root, docs_dir, [edit_base, vocab_sha])
        pages = render_all(corpus, edit_base, cache)
    with timings.stage("write"):
        written, deleted = write_pages(docs_dir, pages)
        cache.save()
    _generated.clear()
    _generated.add(key)
    if written or deleted:
        log.info("kb_build: wrote %d page(s), removed %d orphan(s); %d unchanged", written, deleted, cache.hits)
    return corpus


def start_search_index(root: Path) -> None:
    """Start indexing pages as they are built (a complete build only: a --dirty build renders
    only changed pages, so its index is taken from the finished site)."""
    stop_search_index()
    _search.indexer = SearchIndexer(root)


def index_page(url: str, html: str) -> None:
    if _search.indexer is not None:
        with timings.stage("search_feed"):
            _search.indexer.add(url, html)


def seal_search_index() -> None:
    """Every page fed so far is final (a language pass ended): those languages' indexes are written now."""
    if _search.indexer is not None:
        _search.indexer.seal()


def stop_search_index() -> None:
    """Drop the running index (the build failed, or a new one starts)."""
    if _search.indexer is not None:
        _search.indexer.abort()
        _search.indexer = None


def publish(root: Path, site_dir: Path, site_url: str) -> dict[str, Any]:
    """Stage 5: write the outputs that need the finished site (raises PatchError)."""
    indexer, _search.indexer = _search.indexer, None
    try:
        summary = publish_site(load_checked(root), site_dir, site_url, indexer)
    except BaseException:
        if indexer is not None:
            indexer.abort()
        raise
    log.info("kb_build: published %s", summary)
    log.info("kb_build: seconds per stage %s", timings.flush())
    return summary
