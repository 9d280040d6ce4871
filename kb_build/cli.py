"""Command line: python -m kb_build {check,schema,codes,expiry,new}."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb_build import expiry_cli, guide, scaffold
from kb_build.corpus import load_corpus
from kb_build.diagnostics import Diagnostic, preferred_lang


def project_root() -> Path:
    """The folder holding data/ and mkdocs.yml: the current one, or the package's parent."""
    cwd = Path.cwd()
    if (cwd / "data").is_dir():
        return cwd
    return Path(__file__).resolve().parent.parent


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
    corpus = load_corpus(root, extra=files or None)
    diags = corpus.diagnostics
    if files:
        wanted = {str(f) for f in files} | {
            f.resolve().relative_to(root).as_posix() for f in files if f.resolve().is_relative_to(root)
        }
        diags = [d for d in diags if d.path in wanted]
    if args.fix:
        from kb_build.fix import fix_files

        fixed = fix_files(root, files or None)
        for path in fixed:
            print(f"fixed {path}", file=sys.stderr)
    if args.lint:
        from kb_build.lint import lint_corpus

        diags = sorted(diags + [d for d in lint_corpus(corpus) if not files or d.path in wanted])
    _print(diags, args.format, preferred_lang() if args.lang == "auto" else args.lang)
    errors = [d for d in diags if d.severity == "error"]
    warnings = len(diags) - len(errors)
    if args.format != "github":
        total = sum(len(v) for v in corpus.entries.values())
        print(f"{len(errors)} error(s), {warnings} warning(s) in {total} entries", file=sys.stderr)
    return 1 if errors or missing else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from kb_build.schema_export import write_schemas

    root = project_root()
    corpus = load_corpus(root)
    changed = write_schemas(root, corpus.vocab)
    for p in changed:
        print(f"wrote {p.relative_to(root)}")
    if args.check and changed:
        print("schemas/ was out of date; commit the regenerated files", file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kb_build", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate data/ (or the given files) and report problems as file:line:col")
    check.add_argument("paths", nargs="*", help="files or folders to report on (default: all of data/)")
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.add_argument("--fix", action="store_true", help="normalise whitespace, key order and the schema comment")
    check.add_argument(
        "--lang", choices=["auto", "en", "zh"], default="auto", help="language of titles and hints (auto: from $LANG)"
    )
    check.add_argument("--no-lint", dest="lint", action="store_false", help="skip KB1xx style warnings")
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="regenerate schemas/*.schema.json from the models")
    schema.add_argument("--check", action="store_true", help="exit 1 if the files were out of date")
    schema.set_defaults(func=cmd_schema)

    # Subcommands that live in their own modules add their own parsers.
    for module in (expiry_cli, scaffold, guide):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
