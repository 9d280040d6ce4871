"""Build the Pagefind search index (one index per language) while MkDocs builds the site.

Every page that marks its searchable part with `data-pagefind-body` (overrides/main.html) is
handed to Pagefind's extended binary (npm `pagefind`, ICU4X segmentation for Chinese) in its
service mode as soon as MkDocs has rendered it (SearchIndexer.add, from the hook's
on_post_page), so indexing runs beside the build instead of after it; at the end the bundle is
written to site/pagefind/. Without a running indexer (a --dirty build, the benchmarks) the
finished site is read from disk instead. Pagefind sees each page with full-width and
half-width forms folded together (NFKC, the same fold the browser applies to the query); the
published HTML is not changed. Pagefind splits the index by `<html lang>`, which
mkdocs-static-i18n sets per page, so Chinese and English pages never share an index.

The domain dictionary (data/jieba_user.txt, once jieba's) is published as
javascripts/search/domain-words.js: the search box quotes those words in a query so that
Pagefind matches them whole (鞋花 as a phrase, not any page with 鞋 and 花). The glossary's
terms (data/glossary/*.yml: seller usage and English names) are published as
javascripts/search/glossary-terms.js: the search box counts the glossary, which mentions nearly
everything, for less than a specific page unless the query is mostly a glossary term.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

from kb_build import build_cache, project
from kb_build.publish.pagefind_parts import Part, merge, page_language
from kb_build.publish.pagefind_service import PagefindServiceError

BUNDLE_DIR = "pagefind"
DOMAIN_WORDS = "javascripts/search/domain-words.js"
GLOSSARY_TERMS = "javascripts/search/glossary-terms.js"
# "Demand letter (cease-and-desist letter)" -> "demand letter", "cease-and-desist letter"
_TERM_SPLIT = re.compile(r"[()（）/、,，;；]+")
BODY_MARK = "data-pagefind-body"
# Not worth indexing: headings' permalink signs, the edit button, the sources' fine print.
EXCLUDE_SELECTORS = [".headerlink", ".md-content__button", ".md-source-file"]
# Pagefind's own UIs: the site has its own (docs/javascripts/search/), so they are not published.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def pagefind_binary(root: Path | None = None) -> Path:
    """The extended Pagefind binary installed by `npm ci` (PAGEFIND_BINARY_PATH overrides it).

    Looked up in the project's node_modules/, then next to the kb_build package and next to the
    virtualenv (a copied project, as the tests and benchmarks build, uses the real one's)."""
    override = os.environ.get("PAGEFIND_BINARY_PATH", "").strip()
    if override:
        return Path(override)
    homes = [root or project.project_root(), project.PACKAGE_DIR.parent, Path(sys.prefix).resolve().parent]
    base = homes[0] / "node_modules" / "@pagefind"
    found = [b for home in homes for b in sorted((home / "node_modules" / "@pagefind").glob("*/bin/pagefind_extended"))]
    if not found:
        raise SearchIndexError(
            f"Pagefind's extended binary is missing ({base}/<platform>/bin/pagefind_extended): "
            "run `npm ci` (or `make install`) in the project root; the site cannot be searched without it"
        )
    return found[0]


def searchable_pages(site_dir: Path) -> list[Path]:
    """HTML files that opt in with data-pagefind-body (redirect stubs, 404 and the bundle do not)."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == BUNDLE_DIR:
            continue
        if BODY_MARK.encode() in path.read_bytes():
            pages.append(path)
    return pages


def page_url(rel_path: str) -> str:
    """The URL Pagefind's CLI gives a file: 'en/a/index.html' -> '/en/a/', 'b.html' -> '/b.html'."""
    url = "/" + rel_path.lstrip("/")
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


class SearchIndexer:
    """The site's Pagefind index, fed page by page, one part per page language.

    seal() says that every page fed so far is final (mkdocs-static-i18n builds one language after
    the other): those parts start writing at once, beside the rest of the build. A page that
    arrives for a language already sealed means the assumption failed; the index is then taken
    from the finished site instead, so it is never missing a page."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or project.project_root()
        self.binary = pagefind_binary(self.root)
        if not os.access(self.binary, os.X_OK):
            raise SearchIndexError(f"cannot run Pagefind ({self.binary}): not an executable file; run `npm ci`")
        try:
            stat = self.binary.stat()
            identity = f"{self.binary.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            identity = str(self.binary)
        self._context = "\0".join([build_cache.code_digest(), identity, *EXCLUDE_SELECTORS, ""])
        self._parts: dict[str, Part] = {}
        self._late = False
        self.pages = 0

    def _part(self, lang: str) -> Part:
        part = self._parts.get(lang)
        if part is None:
            config = {"exclude_selectors": EXCLUDE_SELECTORS}
            try:
                part = self._parts[lang] = Part(lang, self.binary, config, self._context, self.root)
            except PagefindServiceError as exc:
                raise SearchIndexError(f"{exc}; run `npm ci` in the project root") from None
        return part

    def add(self, url: str, html: str) -> bool:
        """Index a rendered page if it opts in (data-pagefind-body); True if it did."""
        if BODY_MARK not in html:
            return False
        part = self._part(page_language(html))
        if part.sealed:
            self._late = True
            return False
        part.add(url, html)
        self.pages += 1
        return True

    def add_site(self, site_dir: Path) -> None:
        for path in searchable_pages(site_dir):
            self.add(page_url(path.relative_to(site_dir).as_posix()), path.read_text("utf-8"))

    def seal(self) -> None:
        for part in self._parts.values():
            part.seal()

    def finish(self, site_dir: Path) -> dict[str, int]:
        """Write the bundle to site_dir/pagefind/ and the search box's word lists."""
        if self._late:
            self.abort()
            fresh = SearchIndexer(self.root)
            fresh.add_site(site_dir)
            return fresh.finish(site_dir)
        write_domain_words(site_dir, self.root)
        write_glossary_terms(site_dir, self.root)
        bundle = site_dir / BUNDLE_DIR
        shutil.rmtree(bundle, ignore_errors=True)
        parts = [self._parts[lang] for lang in sorted(self._parts)]
        try:
            for part in parts:
                part.wait()
            merge(parts, bundle)
        except PagefindServiceError as exc:
            raise SearchIndexError(str(exc)) from None
        finally:
            self.abort()
        for pattern in UNUSED:
            for path in bundle.glob(pattern):
                path.unlink()
        files = [p for p in bundle.rglob("*") if p.is_file()]
        return {
            "pages": self.pages,
            "bundle_files": len(files),
            "bundle_bytes": sum(p.stat().st_size for p in files),
            "reused": sum(part.reused for part in parts),
        }

    def abort(self) -> None:
        for part in self._parts.values():
            part.discard()


def domain_words(root: Path) -> list[str]:
    """Words of data/jieba_user.txt (jieba's format: word, then optional frequency and tag), NFKC."""
    path = root / "data" / "jieba_user.txt"
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    words = {unicodedata.normalize("NFKC", line.split()[0]).lower() for line in lines if line.strip()}
    return sorted(words, key=lambda w: (-len(w), w))


def glossary_terms(root: Path) -> list[str]:
    """The glossary's terms in both languages (seller usage, English name and its parts), NFKC."""
    terms: set[str] = set()
    for path in sorted((root / "data" / "glossary").glob("*.yml")):
        entry = yaml.safe_load(path.read_text("utf-8")) or {}
        names = [*(entry.get("seller_usage") or []), str(entry.get("english") or "")]
        for name in names:
            for part in _TERM_SPLIT.split(unicodedata.normalize("NFKC", str(name)).lower()):
                if len(part.strip()) >= 2:
                    terms.add(" ".join(part.split()))
    return sorted(terms, key=lambda t: (-len(t), t))


def _write_module(site_dir: Path, rel: str, words: list[str], source: str) -> Path:
    target = site_dir / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    header = f"// Generated from {source} by kb_build/publish/search_index.py"
    target.write_text(f"{header}\nexport default {json.dumps(words, ensure_ascii=False)};\n", "utf-8")
    return target


def write_domain_words(site_dir: Path, root: Path) -> Path:
    return _write_module(site_dir, DOMAIN_WORDS, domain_words(root), "data/jieba_user.txt")


def write_glossary_terms(site_dir: Path, root: Path) -> Path:
    return _write_module(site_dir, GLOSSARY_TERMS, glossary_terms(root), "data/glossary/*.yml")


def build_search_index(
    site_dir: Path, root: Path | None = None, indexer: SearchIndexer | None = None
) -> dict[str, int]:
    """Index site_dir into site_dir/pagefind/; return the number of pages and bundle bytes.

    With an indexer that was fed during the build, only the bundle is written; without one,
    the finished pages are read from site_dir."""
    site_dir = Path(site_dir)
    if indexer is None:
        indexer = SearchIndexer(root)
        try:
            indexer.add_site(site_dir)
        except BaseException:
            indexer.abort()
            raise
    return indexer.finish(site_dir)
