"""Command line: python -m kb_build {check,schema,codes,expiry,notice,poa-check,new}.

Each subcommand lives in its own module.
"""

from __future__ import annotations

import argparse

from kb_build.cli import check, codes, expiry, new, notice, poa_check, schema

SUBCOMMANDS = (check, schema, expiry, notice, poa_check, new, codes)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kb_build", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for module in SUBCOMMANDS:
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
