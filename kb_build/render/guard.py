"""Render-time problems as diagnostics with the entry's file:line, never a bare MkDocs failure.

`check` catches nearly everything; what only rendering can see (text that cannot be written as
UTF-8, a value that does not survive the YAML front matter round trip, a link the templates
refuse to build, a reference with no page) is raised here as a DiagnosticError pointing at the
YAML scalar that holds the offending value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kb_build.diagnostics import Diagnostic, DiagnosticError
from kb_build.load.corpus import Corpus, Entry
from kb_build.load.yaml_safe import Path_


def _strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    stack: list[tuple[Path_, Any]] = [(path, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            yield here, value
        elif isinstance(value, dict):
            stack.extend(((*here, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend(((*here, i), v) for i, v in reversed(list(enumerate(value))))


def locate(corpus: Corpus, needle: str, prefer: Entry | None = None) -> tuple[str, int, int]:
    """file, line, col of the first YAML string containing `needle` (the preferred entry first)."""
    entries = [prefer] if prefer else []
    entries += [e for e in corpus.all_entries() if e is not prefer]
    for entry in entries:
        for path, value in _strings(entry.yaml.data):
            if needle and needle in value:
                line, col = entry.yaml.position(path)
                return entry.relpath, line, col
    if prefer:
        return prefer.relpath, 1, 1
    return "data/vocab.yml", 1, 1


def _fail(corpus: Corpus, needle: str, code: str, message: str, prefer: Entry | None) -> DiagnosticError:
    path, line, col = locate(corpus, needle, prefer)
    return DiagnosticError([Diagnostic(path, line, col, code, message)])


def guarded(corpus: Corpus, render: Callable[[], str], entry: Entry | None = None) -> str:
    """Run one page render; turn the failures only rendering can detect into diagnostics."""
    try:
        text = render()
    except LookupError as exc:
        ref = str(exc.args[0]) if exc.args else ""
        raise _fail(corpus, ref, "KB018", f"'{ref[:80]}' has no page to link to", entry) from None
    except ValueError as exc:
        value = str(exc.args[1]) if len(exc.args) > 1 else ""
        raise _fail(corpus, value, "KB023", f"cannot render this value: {exc.args[0]}", entry) from None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise _fail(
            corpus, char, "KB023", f"text holds U+{ord(char):04X}, which cannot be written as UTF-8", entry
        ) from None
    return text
