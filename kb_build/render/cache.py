"""Render only what changed: an entry page is re-rendered when one of its inputs is new.

A page's inputs are its own YAML file, the titles of the entries it links to (Ctx.link is
the only way a template reads another entry, and it records what it read), and a context
that every page shares: kb_build's code and templates, data/vocab.yml and the edit link
base. The cache (.cache/kb_build/render.json, git-ignored) keeps, per page, a key over those
inputs, the links it read and the digest of the Markdown written; a page is skipped only if
the key still matches and the file in docs/ is still the one written. Any doubt (no cache,
an unreadable one, another kb_build) means rendering again: the cache can only save time.
Index pages list whole collections and are always rendered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb_build import build_cache
from kb_build.build_cache import sha

CACHE_FILE = build_cache.CACHE_DIR / "render.json"
FORMAT = 1
# The libraries whose output lands in the Markdown (a new version may write it differently).
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "pyyaml")


def page_key(context: str, lang: str, relpath: str, source: bytes, links: dict[str, str]) -> str:
    parts = {"context": context, "lang": lang, "source": relpath, "sha": sha(source), "links": sorted(links.items())}
    return sha(json.dumps(parts, ensure_ascii=False))


class RenderCache:
    def __init__(self, root: Path, docs_dir: Path, shared_inputs: list[str]) -> None:
        self.file = root / CACHE_FILE
        self.docs_dir = docs_dir
        self.context = build_cache.context(FORMAT, LIBRARIES, *shared_inputs)
        self._old: dict[str, Any] = build_cache.read(self.file, self.context)
        self._new: dict[str, Any] = {}
        self.hits = 0

    def fresh(self, page: str, lang: str, relpath: str, source: bytes, title_of: Callable[[str], str | None]) -> bool:
        """True if docs/<page> is what rendering would write again (then it is kept as it is)."""
        record = self._old.get(page)
        if not isinstance(record, dict) or not isinstance(record.get("links"), list):
            return False
        links = {}
        for ref in record["links"]:
            title = title_of(str(ref))
            if title is None:  # the link's target is gone: render, so the error is reported
                return False
            links[str(ref)] = title
        if page_key(self.context, lang, relpath, source, links) != record.get("key"):
            return False
        try:
            on_disk = (self.docs_dir / page).read_bytes()
        except OSError:
            return False
        if sha(on_disk) != record.get("out"):
            return False
        self._new[page] = record
        self.hits += 1
        return True

    def store(self, page: str, lang: str, relpath: str, source: bytes, links: dict[str, str], text: str) -> None:
        key = page_key(self.context, lang, relpath, source, links)
        self._new[page] = {"key": key, "links": sorted(links), "out": sha(text)}

    def save(self) -> None:
        """Keep the records of this build's pages only."""
        build_cache.write(self.file, self.context, self._new)
