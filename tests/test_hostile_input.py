"""Hostile input fails `kb_build check` and `mkdocs build` precisely, quickly, and without writing a site."""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import mkdocs_env
from tests.hostile.cases import CASES

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "corpus" / "data"
MEMORY_LIMIT = 2 * 1024**3  # 2 GiB of address space: a bomb that expands would hit it
TIME_LIMIT = 60


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away project: the real config, docs and package, with the small fixture data."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs",
        tmp_path / "docs",
        ignore=shutil.ignore_patterns("violations", "strategies", "warnings", "poa", "glossary"),
    )
    shutil.copytree(ROOT / "kb_build", tmp_path / "kb_build", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    shutil.copy(ROOT / "data" / "jieba_user.txt", tmp_path / "data" / "jieba_user.txt")
    return tmp_path


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        cwd=cwd,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limits,
        check=False,
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_is_refused_by_check_and_build(case: str, project: Path) -> None:
    relpath, content, code = CASES[case]()
    target = project / "data" / relpath
    target.write_bytes(content)

    check = _run([sys.executable, "-m", "kb_build", "check", "--no-lint"], project)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Traceback" not in check.stdout + check.stderr
    pattern = rf"^data/{re.escape(relpath)}:\d+:\d+: {code} "
    assert re.search(pattern, check.stdout, re.M), check.stdout

    site = project / "site"
    build = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project)
    output = build.stdout + build.stderr
    assert build.returncode == 1, output
    assert "Traceback" not in output
    assert re.search(pattern, output, re.M), output
    assert not site.exists(), "a failed build must not write a site"
