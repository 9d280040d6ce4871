"""`python -m kb_build expiry [--rules FILE] < input.json`: print the expiry output JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kb_build.cli.common import InputError, checked_corpus, read_json_file, read_stdin_text, run
from kb_build.diagnostics import printable
from kb_build.expiry import compute_expiry
from kb_build.load.rules_file import rules_problems
from kb_build.publish.rules import rules_from_corpus

EXPECTED = '{"today": "YYYY-MM-DD", "violations": [{"type": ..., "date": ...}]}'


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "expiry",
        help="read an expiry input JSON on stdin and print when each violation stops counting",
        description="Read {'today': 'YYYY-MM-DD', 'violations': [...]} on stdin; print the result JSON.",
    )
    p.add_argument("--rules", type=Path, help="rules JSON (default: built from data/)")
    p.set_defaults(func=cmd_expiry)


def load_rules(path: Path | None) -> dict[str, Any]:
    if path is None:
        return rules_from_corpus(checked_corpus())
    rules = read_json_file(path)
    problems = rules_problems(rules)
    if problems:
        raise InputError(f"{printable(str(path))} is not an expiry rules file: " + "; ".join(problems))
    return rules


def _read_input() -> Any:
    text = read_stdin_text()
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"the input is not valid JSON ({exc.msg} at {where}); expected {EXPECTED}") from None
    except RecursionError:
        raise InputError("the input is nested too deeply") from None


def cmd_expiry(args: argparse.Namespace) -> int:
    def body() -> int:
        rules = load_rules(args.rules)
        result = compute_expiry(_read_input(), rules)
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 1 if "errors" in result else 0

    return run("expiry", body)
