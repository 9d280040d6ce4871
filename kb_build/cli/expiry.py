"""`python -m kb_build expiry [--rules FILE] < input.json`: print the expiry output JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kb_build.check import check_corpus
from kb_build.diagnostics import printable
from kb_build.expiry import compute_expiry
from kb_build.load.rules_file import rules_problems
from kb_build.project import project_root
from kb_build.publish.rules import rules_from_corpus


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "expiry",
        help="read an expiry input JSON on stdin and print when each violation stops counting",
        description="Read {'today': 'YYYY-MM-DD', 'violations': [...]} on stdin; print the result JSON.",
    )
    p.add_argument("--rules", type=Path, help="rules JSON (default: built from data/)")
    p.set_defaults(func=cmd_expiry)


def _fail(message: str) -> int:
    print(f"expiry: {message}", file=sys.stderr)
    return 2


def load_rules(path: Path | None) -> dict[str, Any]:
    if path is not None:
        try:
            rules = json.loads(path.read_text(encoding="utf-8"))
        except RecursionError:
            raise ValueError(f"{printable(str(path))} is nested too deeply to be a rules file") from None
        problems = rules_problems(rules)
        if problems:
            raise ValueError(f"{printable(str(path))} is not an expiry rules file: " + "; ".join(problems))
        return rules
    return rules_from_corpus(check_corpus(project_root()))


def cmd_expiry(args: argparse.Namespace) -> int:
    try:
        rules = load_rules(args.rules)
    except OSError as exc:
        return _fail(f"cannot read the rules file: {printable(str(exc.strerror or exc))}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail(f"the rules file is not valid JSON: {exc}")
    except ValueError as exc:
        return _fail(str(exc))
    raw = sys.stdin.buffer.read()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _fail("the input is not UTF-8 text")
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        return _fail(
            f"the input is not valid JSON ({exc.msg} at {where}); expected "
            '{"today": "YYYY-MM-DD", "violations": [{"type": ..., "date": ...}]}'
        )
    except RecursionError:
        return _fail("the input is nested too deeply")
    result = compute_expiry(data, rules)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if "errors" in result else 0
