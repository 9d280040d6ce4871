"""Every KB0xx error code has a failing fixture under tests/fixtures/invalid/.

Each fixture's first line says which code it must produce (`# expect: KB012`).
The fixtures are checked against the small fixture corpus so that real content
changes never affect them.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kb_build import codes
from kb_build.check import check_corpus
from tests.clock import TODAY

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"
INVALID = sorted((HERE / "fixtures" / "invalid").glob("*/*.yml"))


def expected_code(path: Path) -> str:
    head = path.read_bytes()[:200].decode("utf-8", "replace")
    match = re.search(r"expect: (KB\d{3})", head)
    assert match, f"{path} has no '# expect: KBnnn' line"
    return match.group(1)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_fixture_fails_with_its_code_and_a_position(path: Path) -> None:
    corpus = check_corpus(CORPUS, extra=[path], today=TODAY)
    mine = [d for d in corpus.diagnostics if d.path.endswith(path.name)]
    assert expected_code(path) in {d.code for d in mine}, [d.format() for d in mine]
    for d in mine:
        assert d.line >= 1 and d.col >= 1
        assert re.match(r"^.+\.yml:\d+:\d+: KB\d{3} .+ — .+", d.format()), d.format()


def test_every_error_code_has_a_fixture() -> None:
    covered = {expected_code(p) for p in INVALID}
    errors = {c for c, spec in codes.CODES.items() if spec.severity == "error"}
    # KB005 (size and depth) is generated in test_yaml_loader: a 512 KB fixture would bloat the repo.
    assert errors - covered <= {"KB005"}, errors - covered


def test_fixture_corpus_is_valid() -> None:
    corpus = check_corpus(CORPUS, today=TODAY)
    assert corpus.errors == []


def test_cli_reports_file_line_and_exits_1_without_traceback() -> None:
    target = HERE / "fixtures" / "invalid" / "strategies" / "kb012-missing-zh.yml"
    result = subprocess.run(
        [sys.executable, "-m", "kb_build", "check", "--no-lint", str(target.relative_to(CORPUS.parent.parent.parent))],
        cwd=CORPUS.parent.parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(
        r"kb012-missing-zh\.yml:3:1: KB012 field 'title' has no 'zh' text — add a Chinese title", result.stdout
    )


def test_cli_on_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kb_build", "check", str(tmp_path / "nope.yml")],
        capture_output=True,
        text=True,
        check=False,
        cwd=HERE.parent,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "KB006" in result.stdout


def test_chinese_contributors_get_chinese_titles_and_hints() -> None:
    target = HERE / "fixtures" / "invalid" / "strategies" / "kb012-missing-zh.yml"
    corpus = check_corpus(CORPUS, extra=[target], today=TODAY)
    mine = next(d for d in corpus.diagnostics if d.path.endswith(target.name))
    assert mine.format("zh").endswith(
        "KB012 缺少译文：field 'title' has no 'zh' text — 每个面向读者的字段都要有 zh 和 en（add a Chinese title）"
    )
    assert codes.ZH.keys() == codes.CODES.keys()
