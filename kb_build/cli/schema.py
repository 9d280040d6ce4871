"""`python -m kb_build schema [--check]`: regenerate schemas/*.schema.json from the models and vocab."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kb_build.load.corpus import load_corpus
from kb_build.model.schema import write_schemas
from kb_build.project import project_root


def cmd_schema(args: argparse.Namespace) -> int:
    root = project_root()
    changed = write_schemas(root, load_corpus(root).vocab)
    for p in changed:
        print(f"wrote {p.relative_to(root)}")
    if args.check and changed:
        print("schemas/ was out of date; commit the regenerated files", file=sys.stderr)
        return 1
    return 0


def register(sub: Any) -> None:
    schema = sub.add_parser("schema", help="regenerate schemas/*.schema.json from the models")
    schema.add_argument("--check", action="store_true", help="exit 1 if the files were out of date")
    schema.set_defaults(func=cmd_schema)
