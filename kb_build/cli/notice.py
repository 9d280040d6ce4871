"""`python -m kb_build notice [--rules FILE] < notice.txt`: say what a pasted Amazon notice is.

Prints the decoder's JSON (kb_build/notice.py), the same JSON the case assistant's
decodeNotice() returns in the browser.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kb_build.check import check_corpus
from kb_build.notice import MAX_TEXT, decode_notice
from kb_build.project import project_root
from kb_build.publish.notice_rules import notice_rules_from_corpus


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "notice",
        help="read a pasted Amazon notice on stdin and print what it is (kinds, ASINs, deadlines...)",
        description="Read one notice as text on stdin; print the decoder's JSON.",
    )
    p.add_argument("--rules", type=Path, help="notice-rules JSON (default: built from data/)")
    p.set_defaults(func=cmd_notice)


def _fail(message: str) -> int:
    print(f"notice: {message}", file=sys.stderr)
    return 2


def load_rules(path: Path | None) -> dict[str, Any]:
    if path is not None:
        rules = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(rules, dict) or not isinstance(rules.get("kinds"), dict) or "order" not in rules:
            raise ValueError(f"{path} is not a notice rules file (no 'kinds' object)")
        return rules
    corpus = check_corpus(project_root())
    if corpus.errors:
        raise ValueError(f"data/ has {len(corpus.errors)} error(s): run python -m kb_build check")
    return notice_rules_from_corpus(corpus)


def cmd_notice(args: argparse.Namespace) -> int:
    try:
        rules = load_rules(args.rules)
    except OSError as exc:
        return _fail(f"cannot read the rules file: {exc.strerror or exc}")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail(f"the rules file is not valid JSON: {exc}")
    except ValueError as exc:
        return _fail(str(exc))
    raw = sys.stdin.buffer.read(MAX_TEXT * 4 + 4)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _fail("the input is not UTF-8 text")
    print(json.dumps(decode_notice(text, rules), ensure_ascii=False, indent=2))
    return 0
