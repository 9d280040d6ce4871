"""The parse cache (kb_build/load/parse_cache.py) must give back exactly what parsing gives:
the same data, the same line and column for every node, and the same problems."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kb_build.check import check_corpus
from kb_build.load.parse_cache import CACHE_FILE, ParseCache
from kb_build.load.yaml_safe import load_bytes


def _files(root: Path) -> list[Path]:
    return sorted((root / "data").rglob("*.yml"))


def test_a_warm_cache_returns_what_the_parser_returns_for_every_real_file(tmp_path: Path, root: Path) -> None:
    cold = ParseCache(tmp_path)
    for path in _files(root):
        cold.load(path.read_bytes())
    cold.save()
    warm = ParseCache(tmp_path)
    for path in _files(root):
        raw = path.read_bytes()
        cached, parsed = warm.load(raw), load_bytes(raw)
        assert cached.data == parsed.data, path
        assert type(cached.data) is type(parsed.data)
        assert all(cached.position(p) == pos for p, pos in parsed.positions.items()), path
        assert cached.positions == parsed.positions, path  # rebuilt in full by the first position()
        assert cached.problems == parsed.problems == []
    assert warm.hits == len(_files(root)) > 100


def test_files_with_problems_are_parsed_and_reported_every_time(tmp_path: Path) -> None:
    bad = b"id: x\nid: y\n"  # a duplicate key
    for _ in range(2):
        cache = ParseCache(tmp_path)
        assert [p.code for p in cache.load(bad).problems] == [p.code for p in load_bytes(bad).problems] != []
        cache.save()
        assert cache.hits == 0


def test_types_and_odd_text_survive_the_round_trip(tmp_path: Path) -> None:
    raw = 'a: 1\nb: 1.5\nc: true\nd: null\ne: "tab\\there \\u00e9"\nf: [1, "1", 鞋花, 1e400]\n'.encode()
    first = ParseCache(tmp_path)
    expected = first.load(raw)
    assert expected.problems == []
    surrogate = b'a: "\\ud800"\n'  # refused by the parser, so never cached
    assert first.load(surrogate).problems
    first.save()
    again = ParseCache(tmp_path).load(raw)
    assert again.data == expected.data and again.position(("f", 2)) == expected.position(("f", 2)) != (1, 1)
    assert [type(v) for v in again.data.values()] == [type(v) for v in expected.data.values()]


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, root: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(root / "data", project / "data")
    clean = check_corpus(project)
    path = project / CACHE_FILE
    saved = json.loads(path.read_text("utf-8"))
    key = next(iter(saved["records"]))
    damaged = [
        "{broken",
        json.dumps({"context": "another kb_build", "records": saved["records"]}),
        json.dumps({**saved, "records": {key: {"data": "not a mapping", "positions": []}}}),
        json.dumps({**saved, "records": {key: {"data": {}, "marks": ["x"]}}}),
        json.dumps({**saved, "records": {key: {"data": {}, "marks": [1, 1.5]}}}),
    ]
    for text in damaged:
        path.write_text(text, "utf-8")
        again = check_corpus(project)
        assert again.diagnostics == clean.diagnostics
        assert {e.ref: e.model for e in again.all_entries()} == {e.ref: e.model for e in clean.all_entries()}
