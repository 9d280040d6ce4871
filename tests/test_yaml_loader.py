"""The YAML loader: positions kept, hostile constructs refused, no exceptions escape."""

from __future__ import annotations

import time

from kb_build.load.yaml_safe import MAX_BYTES, load_bytes


def codes(raw: bytes) -> list[str]:
    return [p.code for p in load_bytes(raw).problems]


def test_positions_are_recorded_for_keys_and_list_items() -> None:
    loaded = load_bytes(b"id: x\ntitle:\n  zh: a\n  en: b\nsteps:\n  - one\n  - two\n")
    assert loaded.problems == []
    assert loaded.data == {"id": "x", "title": {"zh": "a", "en": "b"}, "steps": ["one", "two"]}
    assert loaded.positions[("title", "en")] == (4, 3)
    assert loaded.positions[("steps", 1)] == (7, 5)


def test_position_falls_back_to_nearest_existing_parent() -> None:
    loaded = load_bytes(b"id: x\ntitle:\n  en: b\n")
    assert loaded.position(("title", "zh")) == (2, 1)
    assert loaded.position(("nothing", 3, "zh")) == (1, 1)


def test_dates_stay_strings_so_the_model_can_reject_impossible_ones() -> None:
    loaded = load_bytes(b"added: 2024-02-30\nok: 2024-02-29\n")
    assert loaded.problems == []
    assert loaded.data == {"added": "2024-02-30", "ok": "2024-02-29"}


def test_duplicate_keys_are_rejected_with_both_lines() -> None:
    problems = load_bytes(b"a: 1\nb: 2\na: 3\n").problems
    assert [(p.code, p.line) for p in problems] == [("KB003", 3)]
    assert "line 1" in problems[0].message


def test_billion_laughs_is_refused_quickly() -> None:
    bomb = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i, prev in zip("bcdefghij", "abcdefghi", strict=True):
        bomb += f"{i}: &{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n".encode()
    start = time.perf_counter()
    assert "KB004" in codes(bomb)
    assert time.perf_counter() - start < 2


def test_python_tags_are_refused() -> None:
    assert codes(b"x: !!python/object/apply:os.system ['echo hi']\n") == ["KB004"]
    assert codes(b"x: !custom 1\n") == ["KB004"]


def test_deep_nesting_does_not_recurse() -> None:
    assert codes(b"a: " + b"[" * 20000 + b"]" * 20000 + b"\n") == ["KB005"]
    assert codes(b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 2000))) in (["KB005"], ["KB001"])


def test_oversized_file_is_refused_before_parsing() -> None:
    assert codes(b"a: " + b"x" * (MAX_BYTES + 1)) == ["KB005"]


def test_encoding_problems() -> None:
    assert codes(b"\xef\xbb\xbfid: x\n") == ["KB002"]
    problem = load_bytes(b"id: x\ntitle: \xff\n").problems[0]
    assert (problem.code, problem.line, problem.col) == ("KB002", 2, 8)


def test_empty_and_non_mapping_files() -> None:
    assert codes(b"") == ["KB006"]
    assert codes(b"# only a comment\n") == ["KB006"]
    assert codes(b"- a\n- b\n") == ["KB006"]
    assert codes(b"just text\n") == ["KB006"]


def test_tabs_get_a_specific_message() -> None:
    problems = load_bytes(b"a:\n\tb: 1\n").problems
    assert problems[0].code == "KB001"
    assert "tab" in problems[0].message


def test_syntax_error_has_a_line() -> None:
    problem = load_bytes(b"a: 1\nb: [1, 2\nc: 3\n").problems[0]
    assert problem.code == "KB001"
    assert problem.line >= 2
