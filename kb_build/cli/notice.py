"""`python -m kb_build notice [--rules FILE] < notice.txt`: say what a pasted Amazon notice is.

Prints the decoder's JSON (kb_build/notice.py), the same JSON the case assistant's
decodeNotice() returns in the browser.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kb_build.cli.common import InputError, checked_corpus, from_rules_file, read_json_file, read_stdin_text, run
from kb_build.diagnostics import printable
from kb_build.notice import MAX_TEXT, decode_notice
from kb_build.publish.notice_rules import notice_rules_from_corpus


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "notice",
        help="read a pasted Amazon notice on stdin and print what it is (kinds, ASINs, deadlines...)",
        description="Read one notice as text on stdin; print the decoder's JSON.",
    )
    p.add_argument("--rules", type=Path, help="notice-rules JSON (default: built from data/)")
    p.set_defaults(func=cmd_notice)


def load_rules(path: Path | None) -> dict[str, Any]:
    if path is None:
        return notice_rules_from_corpus(checked_corpus())
    rules = read_json_file(path)
    if not isinstance(rules, dict) or not isinstance(rules.get("kinds"), dict) or "order" not in rules:
        raise InputError(f"{printable(str(path))} is not a notice rules file (no 'kinds' object and 'order' list)")
    return rules


def cmd_notice(args: argparse.Namespace) -> int:
    def body() -> int:
        rules = load_rules(args.rules)
        text = read_stdin_text(MAX_TEXT * 4 + 4)
        result = from_rules_file("notice-rules.json", lambda: decode_notice(text, rules))
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0

    return run("notice", body)
