"""Build the Pagefind search index for the finished site (one index per language).

MkDocs has written site/; we copy every page that marks its searchable part with
`data-pagefind-body` (overrides/main.html) into a scratch folder, with full-width and
half-width forms folded together (NFKC, the same fold the browser applies to the query),
and run Pagefind's extended binary (npm `pagefind`, ICU4X segmentation for Chinese) on the
copy, writing the bundle to site/pagefind/. Pagefind splits the index by `<html lang>`, which
mkdocs-static-i18n sets per page, so Chinese pages and English pages never share an index.
The published HTML itself is not changed.

The domain dictionary (data/jieba_user.txt, once jieba's) is published as
javascripts/search/domain-words.js: the search box quotes those words in a query so that
Pagefind matches them whole (鞋花 as a phrase, not any page with 鞋 and 花). The glossary's
terms (data/glossary/*.yml: seller usage and English names) are published as
javascripts/search/glossary-terms.js: the search box counts the glossary, which mentions nearly
everything, for less than a specific page unless the query is mostly a glossary term.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import yaml

from kb_build import project

BUNDLE_DIR = "pagefind"
DOMAIN_WORDS = "javascripts/search/domain-words.js"
GLOSSARY_TERMS = "javascripts/search/glossary-terms.js"
# "Demand letter (cease-and-desist letter)" -> "demand letter", "cease-and-desist letter"
_TERM_SPLIT = re.compile(r"[()（）/、,，;；]+")
BODY_MARK = b"data-pagefind-body"
# Runs of non-ASCII characters: NFKC may turn them into ASCII (＜ → <), so the result is
# escaped again and markup can never appear where there was text.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
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


def fold(text: str) -> str:
    """NFKC on the text of an HTML document, leaving its ASCII markup untouched."""
    return _NON_ASCII.sub(lambda m: html.escape(unicodedata.normalize("NFKC", m.group()), quote=True), text)


def searchable_pages(site_dir: Path) -> list[Path]:
    """HTML files that opt in with data-pagefind-body (redirect stubs, 404 and the bundle do not)."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir)
        if rel.parts[0] == BUNDLE_DIR:
            continue
        if BODY_MARK in path.read_bytes():
            pages.append(path)
    return pages


def _copy_folded(site_dir: Path, pages: list[Path], scratch: Path) -> None:
    for path in pages:
        target = scratch / path.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fold(path.read_text("utf-8")), "utf-8")


def _run(binary: Path, scratch: Path, bundle: Path) -> str:
    cmd = [str(binary), "--site", str(scratch), "--output-path", str(bundle)]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    except OSError as exc:
        raise SearchIndexError(f"cannot run Pagefind ({binary}): {exc}; run `npm ci` in the project root") from None
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


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


def build_search_index(site_dir: Path, root: Path | None = None) -> dict[str, int]:
    """Index site_dir into site_dir/pagefind/; return the number of pages and bundle bytes."""
    site_dir = Path(site_dir)
    binary = pagefind_binary(root)
    write_domain_words(site_dir, root or project.project_root())
    write_glossary_terms(site_dir, root or project.project_root())
    pages = searchable_pages(site_dir)
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="kb-pagefind-") as tmp:
        _copy_folded(site_dir, pages, Path(tmp))
        _run(binary, Path(tmp), bundle)
    for pattern in UNUSED:
        for path in bundle.glob(pattern):
            path.unlink()
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return {"pages": len(pages), "bundle_files": len(files), "bundle_bytes": sum(p.stat().st_size for p in files)}
