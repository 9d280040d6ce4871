"""`python -m kb_build poa-check --violation ID [--rules FILE] < letter.txt`: print the POA checker's findings."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kb_build.check import check_corpus
from kb_build.poa_check import check_poa, rules_from_api
from kb_build.project import project_root


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "poa-check",
        help="read a Plan of Action on stdin and print the checker's findings as JSON",
        description="Read the POA text (UTF-8) on stdin; print {'findings': [...]} (same as the browser checker).",
    )
    p.add_argument("--violation", required=True, help="violation id, e.g. ip-complaint-utility-patent")
    p.add_argument("--rules", type=Path, help="a poa-rules.json file (default: built from data/poa-rules/)")
    p.set_defaults(func=cmd_poa_check)


def _fail(message: str) -> int:
    print(f"poa-check: {message}", file=sys.stderr)
    return 2


def _rules(path: Path | None) -> tuple[list[dict[str, Any]], set[str] | None]:
    if path is not None:
        return rules_from_api(json.loads(path.read_text(encoding="utf-8"))), None
    corpus = check_corpus(project_root())
    if corpus.errors:
        raise ValueError(f"data/ has {len(corpus.errors)} error(s); run python -m kb_build check")
    rules = [e.model.model_dump(mode="json") for e in corpus.entries["poa-rules"].values()]
    return rules, set(corpus.entries["violations"])


def cmd_poa_check(args: argparse.Namespace) -> int:
    try:
        rules, violations = _rules(args.rules)
    except OSError as exc:
        return _fail(f"cannot read the rules file: {exc.strerror or exc}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail(f"the rules file is not valid JSON: {exc}")
    except ValueError as exc:
        return _fail(str(exc))
    if violations is not None and args.violation not in violations:
        return _fail(f"unknown violation '{args.violation}'; use one of: {', '.join(sorted(violations))}")
    try:
        text = sys.stdin.buffer.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return _fail("the input is not UTF-8 text")
    result = check_poa(text, rules, args.violation)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 2 if "error" in result else 0
