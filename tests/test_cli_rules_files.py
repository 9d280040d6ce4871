"""The tool subcommands refuse a bad --rules file or bad stdin with one line and exit 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "notice": (["notice"], b"Notice: Policy Warning. ASIN B0ABCDEFGH was removed."),
    "poa-check": (["poa-check", "--violation", "ip-complaint-trademark"], b"We will never do it again."),
    "expiry": (["expiry"], b'{"today": "2024-05-16", "violations": []}'),
}
BAD_RULES = [
    "", "nope", "[[[[", "[" * 100_000, "null", "5", '"text"', "{}", '{"kinds": {"x": 5}, "order": ["x"]}',
    '{"kinds": {}, "order": 3}', '{"entries": [{"data": 5}]}', '[{"id": 3}]', '{"types": {"a": {"window_days": true}}}',
]


def _run(argv: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kb_build", *argv], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120, check=False)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("rules", BAD_RULES)
def test_a_bad_rules_file_is_one_line_not_a_traceback(command: str, rules: str, tmp_path: Path) -> None:
    argv, stdin = COMMANDS[command]
    path = tmp_path / "rules.json"
    path.write_text(rules, "utf-8")
    result = _run([*argv, "--rules", str(path)], stdin)
    err = result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    # Either the file is refused with a message, or it is a usable (if empty) rules file.
    assert result.returncode == 0 or (result.returncode == 2 and err.startswith(f"{command}: ")), err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_input_that_is_not_utf8_is_refused(command: str) -> None:
    argv, _ = COMMANDS[command]
    result = _run(argv, b"\xff\xfe\x00bad")
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"{command}: ")
