"""Parsed YAML kept between builds, keyed by the file's bytes: unchanged files are not parsed again.

Parsing with positions is most of what loading costs (an event-driven builder in Python over
libyaml's C parser). The result depends only on the bytes and on kb_build's code, so it is
cached under the SHA-256 of the bytes, as JSON (data, and the line/column of every node).
Only clean parses are cached: a file with a problem is parsed, and reported, every time.
Validation (pydantic) and every check still run on every build.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from kb_build import build_cache
from kb_build.build_cache import sha
from kb_build.load.yaml_safe import LoadedYaml, load_bytes

CACHE_FILE = build_cache.CACHE_DIR / "yaml.json"
FORMAT = 1
_SCALARS = (str, int, float, bool, type(None))


def _json_safe(data: Any) -> bool:
    """True if JSON gives `data` back unchanged (it holds only what the loader produces today)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif not isinstance(item, _SCALARS) or (isinstance(item, float) and math.isnan(item)):
            return False
    return True


class ParseCache:
    def __init__(self, root: Path) -> None:
        self.file = root / CACHE_FILE
        self.context = sha(f"{FORMAT}\0{build_cache.code_digest()}")
        self._old = build_cache.read(self.file, self.context)
        self._new: dict[str, Any] = {}
        self.hits = 0

    def load(self, raw: bytes) -> LoadedYaml:
        key = sha(raw)
        record = self._old.get(key)
        if isinstance(record, dict):
            try:
                positions = {tuple(path): (int(line), int(col)) for path, line, col in record["positions"]}
                loaded = LoadedYaml(data=record["data"], positions=positions)
            except (KeyError, TypeError, ValueError):
                loaded = None
            if loaded is not None and isinstance(loaded.data, dict):
                self._new[key] = record
                self.hits += 1
                return loaded
        loaded = load_bytes(raw)
        if not loaded.problems and _json_safe(loaded.data):
            positions = [[list(path), line, col] for path, (line, col) in loaded.positions.items()]
            self._new[key] = {"data": loaded.data, "positions": positions}
        return loaded

    def save(self) -> None:
        """Keep the files seen by this load only; nothing is written when nothing changed."""
        if self._new.keys() != self._old.keys():
            build_cache.write(self.file, self.context, self._new)
