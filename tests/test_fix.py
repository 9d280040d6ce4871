"""`check --fix`: only safe mends, idempotent, never a change in meaning."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb_build.check.fix import field_order, fix_files, modeline, normalise
from kb_build.cli import main
from kb_build.load.corpus import data_files
from kb_build.load.yaml_safe import load_bytes
from tests.kb_project import make_project

MODE = modeline("glossary")
ENTRY = """\
# header comments stay on top
english: Retraction\x20\x20\x20
id: retraction
# a note about this term
official_zh: 撤回
# how sellers say it
seller_usage:
  - 撤诉
definition:
  zh: |
    权利人撤回投诉。\x20\x20
  en: The rights owner withdraws the complaint.
sources:
  - url: https://example.com/x
    title: T
    publisher: P
    kind: official
    accessed: 2026-11-26
reviewed: 2026-11-26
added: 2026-11-26"""


def data(text: str) -> object:
    return load_bytes(text.encode()).data


def test_mends_whitespace_modeline_and_key_order() -> None:
    fixed = normalise(ENTRY, "glossary")
    assert data(fixed) == data(ENTRY)
    lines = fixed.splitlines()
    assert lines[0] == MODE
    assert fixed.endswith("added: 2026-11-26\nreviewed: 2026-11-26\n")
    assert "english: Retraction\n" in fixed
    keys = [ln.split(":")[0] for ln in lines if ln[:1].isalpha()]
    assert keys == [k for k in field_order("glossary") if k in keys]
    # comments travel with the key below them
    assert lines[1] == "# header comments stay on top"
    assert "# a note about this term\nofficial_zh:" in fixed
    assert "# how sellers say it\nseller_usage:" in fixed
    # trailing spaces inside a literal block are content: the whitespace step is refused
    assert "权利人撤回投诉。  \n" in fixed


def test_idempotent() -> None:
    once = normalise(ENTRY, "glossary")
    assert normalise(once, "glossary") == once


def test_wrong_modeline_is_corrected() -> None:
    text = modeline("warnings") + "\n" + normalise(ENTRY, "glossary").split("\n", 1)[1]
    fixed = normalise(text, "glossary")
    assert fixed.splitlines()[0] == MODE
    assert fixed.count("yaml-language-server") == 1


@pytest.mark.parametrize("broken", ["id: [unclosed\n", "a: 1\na: 2\n", "", "\ufeffid: x\n", "key: &a 1\nother: *a\n"])
def test_unparseable_files_are_left_alone(broken: str) -> None:
    assert normalise(broken, "glossary") == broken


def test_crlf_and_missing_newline() -> None:
    text = MODE + "\r\nid: x\r\nenglish: y"
    assert normalise(text, "glossary") == MODE + "\nid: x\nenglish: y\n"


def test_keep_chomping_block_is_not_damaged() -> None:
    text = MODE + "\nenglish: |+\n  kept\n\n\nid: x\n"
    fixed = normalise(text, "glossary")
    assert data(fixed) == data(text)


@settings(max_examples=150, deadline=None)
@given(
    order=st.permutations(["id: x", "english: y", "tags: [ip]", "# comment", "definition:\n  zh: 中\n  en: e"]),
    trailing=st.sampled_from(["", " ", "\t", "  \n\n"]),
)
def test_never_changes_meaning(order: list[str], trailing: str) -> None:
    text = "\n".join(order) + trailing
    fixed = normalise(text, "glossary")
    if data(text) is not None and not load_bytes(text.encode()).problems:
        assert data(fixed) == data(text)
        assert normalise(fixed, "glossary") == fixed


def test_fix_files(tmp_path: Path, root: Path) -> None:
    project = make_project(tmp_path / "p", root)
    target = project / "data" / "glossary" / "test-glossary.yml"
    target.write_text(ENTRY.replace("retraction", "test-glossary"), "utf-8")
    assert fix_files(project) == [target]
    assert fix_files(project) == []
    for p in data_files(project / "data"):
        assert normalise(p.read_text("utf-8"), p.parent.name) == p.read_text("utf-8")


def test_check_fix_cli(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    project = make_project(tmp_path / "p", root)
    target = project / "data" / "poa" / "test-poa.yml"
    target.write_text(target.read_text("utf-8").replace("id: test-poa", "id: test-poa   "), "utf-8")
    monkeypatch.chdir(project)
    assert main(["check", "--fix", "data/poa/test-poa.yml"]) == 0
    assert "id: test-poa\n" in target.read_text("utf-8")
