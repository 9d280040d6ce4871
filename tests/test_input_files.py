"""Issue 9, input side: files under data/ that are not entries, odd file names, reserved ids,
dates that depend on today, and bad rules files: each a KB error or a clear message, no traceback."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb_build.check import check_corpus
from kb_build.check.lint import lint_corpus
from kb_build.check.lint_safety import imitates_amazon
from kb_build.cli.new import validate_id
from kb_build.project import RESERVED_IDS
from tests.clock import TODAY

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "corpus" / "data"
STRATEGY = FIXTURE_DATA / "strategies" / "fixture-strategy.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path


def _strategy(entry_id: str) -> str:
    return STRATEGY.read_text("utf-8").replace("id: fixture-strategy", f"id: {entry_id}")


def _codes(project: Path) -> list[tuple[str, str]]:
    return [(d.path, d.code) for d in check_corpus(project, today=TODAY).diagnostics]


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kb_build", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env}, errors="replace",
    )


def test_nested_folder_symlinks_and_stray_files_are_reported(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yml"
    outside.write_text(_strategy("secret"), "utf-8")
    (project / "data" / "violations" / "sub").mkdir()
    (project / "data" / "violations" / "sub" / "x.yml").write_text(_strategy("x"), "utf-8")
    (project / "data" / "strategies" / "secret.yml").symlink_to(outside)
    (project / "data" / "linked").symlink_to(outside.parent, target_is_directory=True)
    (project / "data" / "notes.txt").write_text("hello", "utf-8")
    (project / "data" / "stuff").mkdir()
    (project / "data" / "strategies" / ".hidden.yml").write_text(_strategy("hidden"), "utf-8")
    (project / "data" / "README.md").write_text("about data/", "utf-8")
    found = _codes(project)
    for path, code in [
        ("data/violations/sub", "KB025"), ("data/strategies/secret.yml", "KB025"), ("data/linked", "KB025"),
        ("data/notes.txt", "KB025"), ("data/stuff", "KB025"), ("data/strategies/.hidden.yml", "KB016"),
    ]:
        assert (path, code) in found, found
    assert not any(p == "data/README.md" for p, _ in found)
    corpus = check_corpus(project, today=TODAY)
    assert "secret" not in corpus.entries["strategies"], "a symlink must never be read"


def test_reserved_ids_are_refused_by_check_and_new(project: Path) -> None:
    (project / "data" / "poa" / "index.yml").write_text(
        (FIXTURE_DATA / "poa" / "fixture-poa.yml").read_text("utf-8").replace("id: fixture-poa", "id: index"), "utf-8"
    )
    corpus = check_corpus(project, today=TODAY)
    assert ("data/poa/index.yml", "KB024") in [(d.path, d.code) for d in corpus.diagnostics]
    assert "index" not in corpus.entries["poa"]
    for name in ("index", "tags", "search", "api"):
        assert name in RESERVED_IDS
        assert "reserved" in (validate_id("strategies", name, project) or "")


def test_non_utf8_and_newline_file_names_under_a_strict_utf8_locale(project: Path) -> None:
    folder = os.fsencode(project / "data" / "strategies")
    with open(folder + b"/bad\xff-name.yml", "wb") as fh:
        fh.write(_strategy("bad-name").encode())
    with open(folder + b"/line\nbreak,x:%.yml", "wb") as fh:
        fh.write(_strategy("line").encode())
    for fmt in ("text", "github"):
        result = _run(["check", "--no-lint", "--format", fmt], project, LC_ALL="C.UTF-8", LANG="C.UTF-8",
                      PYTHONUTF8="1", PYTHONIOENCODING="utf-8:strict")
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
        lines = result.stdout.splitlines()
        assert all(ln.startswith(("data/", "::error ", "::warning ")) for ln in lines), lines
        assert any("bad\\xff-name.yml" in ln and "KB016" in ln for ln in lines), lines
        if fmt == "github":
            assert any("file=data/strategies/line\\nbreak%2Cx%3A%25.yml," in ln for ln in lines), lines
        else:
            assert any(ln.startswith("data/strategies/line\\nbreak,x:%.yml:1:1: KB016") for ln in lines), lines


def test_future_dates_are_relative_to_today(project: Path) -> None:
    """Generated from tests/clock.TODAY (a committed future date would expire)."""
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    text = _strategy("future-dates").replace("reviewed: 2026-11-01", f"reviewed: {tomorrow}")
    text = text.replace("accessed: 2026-11-01", f"accessed: {tomorrow}")
    (project / "data" / "strategies" / "future-dates.yml").write_text(text, "utf-8")
    diags = [d for d in check_corpus(project, today=TODAY).diagnostics if d.path.endswith("future-dates.yml")]
    assert [d.code for d in diags].count("KB021") == 2, [d.format() for d in diags]
    assert any("accessed" in d.message for d in diags)


def test_enforcement_dates_more_than_a_year_ahead_are_refused(project: Path) -> None:
    path = project / "data" / "warnings" / "fixture-warning.yml"
    text = path.read_text("utf-8")
    old = re.search(r"date: (\d{4}-\d{2}-\d{2})", text)
    assert old
    far = (TODAY + dt.timedelta(days=400)).isoformat()
    path.write_text(text.replace(old.group(0), f"date: {far}", 1), "utf-8")
    diags = [d for d in check_corpus(project, today=TODAY).diagnostics if d.path.endswith("fixture-warning.yml")]
    assert "KB022" in [d.code for d in diags], [d.format() for d in diags]


@pytest.mark.parametrize("rules", [
    "[]", '{"types": []}', '{"types": {"a": {"window_days": "x"}}}', '{"types": {"a": {"window_days": true}}}',
    '{"types": {"a": {"repeat_group": "g"}}}', '{"types": {}, "repeat_groups": {"g": {}}}',
    '{"types": {}, "repeat_groups": {"g": {"limit": "3"}}}', "[" * 100_000, "not json",
])
def test_expiry_with_a_bad_rules_file_says_why_without_a_traceback(rules: str, tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(rules, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "kb_build", "expiry", "--rules", str(path)],
        input=json.dumps({"today": "2026-01-01", "violations": [{"type": "a", "date": "2025-12-01"}]}),
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("expiry: "), result.stderr


@pytest.mark.parametrize(("host", "warns"), [
    ("sellercentral.amazon.com", False), ("sellercentral-europe.amazon.com", False), ("www.amazon.co.uk", False),
    ("sellercentral.amazon.de", False), ("amazon.cn", False), ("example.com", False),
    ("amazon.com.evil", True), ("amaz0n.com", True), ("sellercentral-amazon.co", True),
    ("xn--mazon-3ve.com", True), ("arnazon.com", True), ("amzn-support.help", True),
    ("sellercentral.amazon.com.evil.example", True),
    # agencies with the word in their own name are not look-alikes (real sources in data/)
    ("amazonsellerslawyer.com", False), ("www.amazonsellers.attorney", False), ("myamazonguy.com", False),
])
def test_hosts_that_imitate_amazon_warn(host: str, warns: bool) -> None:
    assert imitates_amazon(host) is warns


def test_lint_warns_on_lookalike_hosts_and_invisible_characters(project: Path) -> None:
    text = _strategy("sneaky").replace("https://example.com/official", "https://sellercentral.amaz0n.com/help")
    title = "title: {zh: 测试策略, en: Fixture strategy}"
    text = text.replace(title, 'title: {zh: 测试策略, en: "Fixture \\u202estrategy"}')
    (project / "data" / "strategies" / "sneaky.yml").write_text(text, "utf-8")
    corpus = check_corpus(project, today=TODAY)
    found = {d.code for d in lint_corpus(corpus, today=TODAY) if d.path.endswith("sneaky.yml")}
    assert {"KB108", "KB109"} <= found
