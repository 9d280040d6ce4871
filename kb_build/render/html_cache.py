"""MkDocs' Markdown-to-HTML step, kept between builds for the generated pages.

Python-Markdown is most of a build's time (about 5 ms a page). A generated page whose Markdown,
location and surroundings are the same as last time converts to the same HTML, so the hook
(kb_build/mkdocs_hook.py) asks this cache first and, on a hit, hands MkDocs an empty page and
puts the stored HTML, table of contents and anchors back afterwards.

The key covers everything the conversion reads: the page's final Markdown (after every plugin's
on_page_markdown), its source path and URL, every file of the build with its URL (links resolve
against them), mkdocs.yml, kb_build's code and the versions of the libraries that convert.
A page is stored only if converting it logged nothing (a page with a broken link warns on every
build, --strict fails on every build) and only when MkDocs logs warnings at all (under -q it
does not, so a quiet build could not tell). Records are JSON files under .cache/kb_build/html/,
named by their key; nothing in them is trusted beyond the key that names them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb_build import build_cache
from kb_build.build_cache import sha

CACHE_DIR = build_cache.CACHE_DIR / "html"
FORMAT = 1
# properdocs: the same pages built by the other engine never share records with MkDocs builds
LIBRARIES = ("mkdocs", "properdocs", "markdown", "pymdown-extensions", "mkdocs-material", "mkdocs-static-i18n")


def files_digest(pages: list[tuple[str, str]]) -> str:
    """Digest of (source path, URL) for every file of one build (one language)."""
    return sha("\n".join(f"{src}\0{url}" for src, url in sorted(pages)))


class HtmlCache:
    def __init__(self, root: Path, config_text: bytes) -> None:
        self.dir = root / CACHE_DIR
        self.context = build_cache.context(FORMAT, LIBRARIES, sha(config_text))
        self.used: set[str] = set()
        self.hits = 0

    def key(self, files: str, src_uri: str, url: str, markdown: str) -> str:
        return sha(json.dumps([self.context, files, src_uri, url, markdown], ensure_ascii=False))

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            record = json.loads(self._path(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not (isinstance(record, dict) and record.get("key") == key and isinstance(record.get("html"), str)):
            return None
        self.used.add(key)
        self.hits += 1
        return record

    def put(self, key: str, record: dict[str, Any]) -> None:
        """Store a page (if it cannot be written, the next build converts it again)."""
        self.used.add(key)
        build_cache.write_json(self._path(key), {**record, "key": key})

    def prune(self) -> int:
        """Delete the records this build did not use (after a complete build only)."""
        removed = 0
        for path in self.dir.glob("*/*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def toc_record(items: list[Any]) -> list[dict[str, Any]]:
    """MkDocs' table of contents (AnchorLink objects) as JSON-ready data."""
    return [
        {"title": i.title, "id": i.id, "level": i.level, "children": toc_record(list(i.children))} for i in items
    ]
