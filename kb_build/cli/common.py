"""What the tool subcommands (expiry, notice, poa-check) share: reading a rules file or data/,
reading stdin, and turning every bad input into one `<command>: message` line with exit 2."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb_build.check import check_corpus
from kb_build.diagnostics import printable
from kb_build.load.corpus import Corpus
from kb_build.project import project_root


class InputError(ValueError):
    """A rules file, data/ or stdin that the command cannot use; the message says why."""


def fail(command: str, message: str) -> int:
    print(f"{command}: {message}", file=sys.stderr)
    return 2


def read_json_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the rules file: {printable(str(exc.strerror or exc))}") from None
    except UnicodeDecodeError:
        raise InputError("the rules file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"the rules file is not valid JSON: {exc}") from None
    except RecursionError:
        raise InputError(f"{printable(str(path))} is nested too deeply to be a rules file") from None


def checked_corpus() -> Corpus:
    corpus = check_corpus(project_root())
    if corpus.errors:
        raise InputError(f"data/ has {len(corpus.errors)} error(s); run python -m kb_build check")
    return corpus


def read_stdin_text(limit: int | None = None) -> str:
    raw = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the input is not UTF-8 text") from None


def run(command: str, body: Callable[[], int]) -> int:
    """Run a subcommand body; an InputError becomes one line on stderr and exit 2."""
    try:
        return body()
    except InputError as exc:
        return fail(command, str(exc))


def from_rules_file(what: str, compute: Callable[[], Any]) -> Any:
    """Run the pure function on a contributor- or user-supplied rules file: a file whose shape
    differs from the published one is refused with a message instead of a traceback."""
    try:
        return compute()
    except InputError:
        raise
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        raise InputError(f"the rules file does not have the shape of {what} ({type(exc).__name__}: {exc})") from None
