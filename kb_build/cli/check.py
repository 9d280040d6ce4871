"""`python -m kb_build check [PATHS] [--fix] [--format text|github] [--lang auto|en|zh]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kb_build.check import check_corpus
from kb_build.check.fix import fix_files
from kb_build.check.lint import lint_corpus
from kb_build.diagnostics import Diagnostic, preferred_lang
from kb_build.project import project_root


def _print(diags: list[Diagnostic], fmt: str, lang: str) -> None:
    for d in diags:
        print(d.format_github(lang) if fmt == "github" else d.format(lang))


def cmd_check(args: argparse.Namespace) -> int:
    root = project_root()
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"{p}:1:1: KB006 file does not exist — check the path")
    files = [f for p in paths if p.exists() for f in (sorted(p.rglob("*.y*ml")) if p.is_dir() else [p])]
    corpus = check_corpus(root, extra=files or None)
    diags = corpus.diagnostics
    wanted: set[str] = set()
    if files:
        wanted = {str(f) for f in files} | {
            f.resolve().relative_to(root).as_posix() for f in files if f.resolve().is_relative_to(root)
        }
        diags = [d for d in diags if d.path in wanted]
    if args.fix:
        for path in fix_files(root, files or None):
            print(f"fixed {path}", file=sys.stderr)
    if args.lint:
        diags = sorted(diags + [d for d in lint_corpus(corpus) if not files or d.path in wanted])
    _print(diags, args.format, preferred_lang() if args.lang == "auto" else args.lang)
    errors = [d for d in diags if d.severity == "error"]
    warnings = len(diags) - len(errors)
    if args.format != "github":
        total = sum(len(v) for v in corpus.entries.values())
        print(f"{len(errors)} error(s), {warnings} warning(s) in {total} entries", file=sys.stderr)
    return 1 if errors or missing else 0


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="validate data/ (or the given files) and report problems as file:line:col")
    check.add_argument("paths", nargs="*", help="files or folders to report on (default: all of data/)")
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.add_argument("--fix", action="store_true", help="normalise whitespace, key order and the schema comment")
    check.add_argument(
        "--lang", choices=["auto", "en", "zh"], default="auto", help="language of titles and hints (auto: from $LANG)"
    )
    check.add_argument("--no-lint", dest="lint", action="store_false", help="skip KB1xx style warnings")
    check.set_defaults(func=cmd_check)
