"""`python -m kb_build poa-check --violation ID [--rules FILE] < letter.txt`: print the POA checker's findings."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kb_build.cli.common import InputError, checked_corpus, from_rules_file, read_json_file, read_stdin_text, run
from kb_build.poa_check import check_poa, rules_from_api


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "poa-check",
        help="read a Plan of Action on stdin and print the checker's findings as JSON",
        description="Read the POA text (UTF-8) on stdin; print {'findings': [...]} (same as the browser checker).",
    )
    p.add_argument("--violation", required=True, help="violation id, e.g. ip-complaint-utility-patent")
    p.add_argument("--rules", type=Path, help="a poa-rules.json file (default: built from data/poa-rules/)")
    p.set_defaults(func=cmd_poa_check)


def _rules(path: Path | None) -> tuple[list[dict[str, Any]], set[str] | None]:
    if path is not None:
        doc = read_json_file(path)
        return from_rules_file("poa-rules.json", lambda: rules_from_api(doc)), None
    corpus = checked_corpus()
    rules = [e.model.model_dump(mode="json") for e in corpus.entries["poa-rules"].values()]
    return rules, set(corpus.entries["violations"])


def cmd_poa_check(args: argparse.Namespace) -> int:
    def body() -> int:
        rules, violations = _rules(args.rules)
        if violations is not None and args.violation not in violations:
            raise InputError(f"unknown violation '{args.violation}'; use one of: {', '.join(sorted(violations))}")
        text = read_stdin_text()
        result = from_rules_file("poa-rules.json", lambda: check_poa(text, rules, args.violation))
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 2 if "error" in result else 0

    return run("poa-check", body)
