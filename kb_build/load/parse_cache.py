"""Parsed YAML kept between builds, keyed by the file's bytes: unchanged files are not parsed again.

Parsing with positions is most of what loading costs (an event-driven builder in Python over
libyaml's C parser). The result depends only on the bytes and on kb_build's code, so it is
cached under the SHA-256 of the bytes, as JSON: the data, and the line and column of every node
as a flat list in document order (a node's path follows from the data, so it is not stored).
Positions are rebuilt only when a diagnostic asks for one.
Only clean parses are cached: a file with a problem is parsed, and reported, every time.
Validation (pydantic) and every check still run on every build.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from kb_build import build_cache
from kb_build.build_cache import sha
from kb_build.load.yaml_safe import LoadedYaml, Path_, load_bytes
from kb_build.parallel import map_ordered

CACHE_FILE = build_cache.CACHE_DIR / "yaml.json"
FORMAT = 2
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


def node_paths(data: Any) -> list[Path_]:
    """Every node's path in document order: the order the loader records positions in."""
    out: list[Path_] = [()]
    stack: list[tuple[Path_, Any]] = [((), iter(_children(data)))]
    while stack:
        path, children = stack[-1]
        step = next(children, None)
        if step is None:
            stack.pop()
            continue
        key, child = step
        out.append((*path, key))
        if isinstance(child, dict | list):
            stack.append(((*path, key), iter(_children(child))))
    return out


def _children(value: Any) -> Any:
    return value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()


class CachedYaml(LoadedYaml):
    """A parse from the cache: positions are rebuilt from the data on the first position() call."""

    def __init__(self, data: Any, marks: list[int]) -> None:
        super().__init__(data=data)
        self._marks: list[int] | None = marks

    def position(self, path: Path_) -> tuple[int, int]:
        if self._marks is not None:
            marks, self._marks = self._marks, None
            paths = node_paths(self.data)
            if len(marks) == 2 * len(paths):
                self.positions = {p: (marks[2 * i], marks[2 * i + 1]) for i, p in enumerate(paths)}
        return super().position(path)


class ParseCache:
    def __init__(self, root: Path) -> None:
        self.file = root / CACHE_FILE
        self.context = build_cache.context(FORMAT, ())
        self._old = build_cache.read(self.file, self.context)
        self._new: dict[str, Any] = {}
        self._parsed: dict[str, LoadedYaml] = {}
        self.hits = 0

    def prefetch(self, raws: list[bytes]) -> None:
        """Parse, over the machine's cores, the files the cache does not hold (load() then takes them)."""
        misses = {sha(raw): raw for raw in raws}
        misses = {key: raw for key, raw in misses.items() if key not in self._old}
        self._parsed = dict(zip(misses, map_ordered(load_bytes, list(misses.values())), strict=True))

    def load(self, raw: bytes) -> LoadedYaml:
        key = sha(raw)
        record = self._old.get(key)
        if isinstance(record, dict) and isinstance(record.get("data"), dict):
            marks = record.get("marks")
            if isinstance(marks, list) and all(type(m) is int for m in marks):
                self._new[key] = record
                self.hits += 1
                return CachedYaml(record["data"], marks)
        loaded = self._parsed.pop(key, None) or load_bytes(raw)
        if not loaded.problems and _json_safe(loaded.data) and list(loaded.positions) == node_paths(loaded.data):
            self._new[key] = {"data": loaded.data, "marks": [n for pos in loaded.positions.values() for n in pos]}
        return loaded

    def save(self) -> None:
        """Keep the files seen by this load only; nothing is written when nothing changed."""
        if self._new.keys() != self._old.keys():
            build_cache.write(self.file, self.context, self._new)
