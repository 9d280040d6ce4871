"""The YAML loader: positions kept, hostile constructs refused, no exceptions escape."""

from __future__ import annotations

import time

import yaml

from kb_build.load import yaml_safe
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


def test_yaml_11_surprises_stay_text_and_only_true_false_are_booleans() -> None:
    data = load_bytes(b"a: 0150\nb: 3:00\nc: 1_80\nd: yes\ne: on\nf: 0x1F\ng: true\nh: 180\ni: ~\nj: True\n").data
    assert data == {"a": "0150", "b": "3:00", "c": "1_80", "d": "yes", "e": "on", "f": "0x1F", "g": True,
                    "h": 180, "i": None, "j": "True"}


def test_bad_standard_tags_and_huge_integers_are_problems_not_exceptions() -> None:
    for raw, code in [(b"a: !!int abc\n", "KB013"), (b"a: !!float abc\n", "KB013"), (b"a: !!bool maybe\n", "KB013"),
                      (b"a: !!int ''\n", "KB013"), (b"a: " + b"9" * 5000 + b"\n", "KB022"),
                      (b"a: !!int " + b"9" * 5000 + b"\n", "KB022"), (b"a: !!map x\n", "KB004")]:
        problems = load_bytes(raw).problems
        assert [(p.code, p.line, p.col) for p in problems] == [(code, 1, 4)], (raw[:30], problems)


def test_libyaml_and_python_parsers_give_the_same_data_and_positions(monkeypatch) -> None:
    raw = (b"id: x\ntitle:\n  zh: \xe4\xb8\xad\xe6\x96\x87\n  en: b\nsteps:\n  - one\n  - {k: [1, 2]}\n"
           b"n: 0150\nd: 2024-02-30\n")
    fast = load_bytes(raw)
    monkeypatch.setattr(yaml_safe, "_Loader", yaml.SafeLoader)
    slow = load_bytes(raw)
    assert fast.data == slow.data and fast.positions == slow.positions and not fast.problems
    assert yaml_safe.PARSER in ("libyaml", "python")


def test_more_than_one_document_is_refused() -> None:
    assert codes(b"a: 1\n---\nb: 2\n") == ["KB001"]
