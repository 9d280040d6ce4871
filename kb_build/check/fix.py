"""`check --fix`: safe, meaning-preserving mends of data files.

What it does, in order:
1. line endings to LF, trailing whitespace stripped (except where it is part of a literal block's
   text), exactly one final newline;
2. the schema comment (`# yaml-language-server: $schema=../../schemas/<collection>.schema.json`)
   added as the first line, or corrected if it names another collection;
3. top-level keys put in canonical order (`field_order`: the model's field order, with
   disagreements, sources, added and reviewed last). A top-level block is a column-0 `key:` line plus
   everything under it; comment lines directly above a key travel with it. Nested keys are left
   as they are (moving them safely would need a round-trip YAML editor).

Every step is verified: the file is parsed before and after (with the project's own loader),
and a step whose result does not parse to exactly the same data is dropped. A file that does not
parse is left alone. So --fix can only ever change formatting, never content.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kb_build.load.corpus import SCHEMA_COMMENT, data_files
from kb_build.load.yaml_safe import load_bytes
from kb_build.model.entries import MODELS

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)")


# Shared fields that read best at the end of a file: the evidence and the dates.
TAIL_FIELDS = ("disagreements", "sources", "added", "reviewed")


def field_order(collection: str) -> list[str]:
    """The canonical top-level key order: the model's field order, with the shared
    evidence and date fields (TAIL_FIELDS) moved after the collection's own fields."""
    names = list(MODELS[collection].model_fields)
    return [n for n in names if n not in TAIL_FIELDS] + [n for n in TAIL_FIELDS if n in names]


def modeline(collection: str) -> str:
    return f"{SCHEMA_COMMENT}../../schemas/{collection}.schema.json"


def _data(text: str) -> Any:
    loaded = load_bytes(text.encode("utf-8"))
    return None if loaded.problems else loaded.data


def _whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.rstrip("\n").split("\n")
    stripped = "\n".join(ln.rstrip() for ln in lines) + "\n"
    if stripped == text:
        return text
    original = _data(text)
    if _data(stripped) == original:
        return stripped
    # Some trailing whitespace is content (inside a literal block): strip line by line, keeping those.
    for i, line in enumerate(lines):
        if line != line.rstrip():
            candidate = [*lines[:i], line.rstrip(), *lines[i + 1 :]]
            if _data("\n".join(candidate) + "\n") == original:
                lines = candidate
    return "\n".join(lines) + "\n"


def _modeline(text: str, collection: str) -> str:
    wanted = modeline(collection)
    lines = text.split("\n")
    for i, line in enumerate(lines[:5]):
        if line.startswith(SCHEMA_COMMENT):
            if line.strip() == wanted:
                return text
            lines[i] = wanted
            return "\n".join(lines)
        if not line.startswith("#") and line.strip():
            break
    return wanted + "\n" + text


def _key_order(text: str, collection: str) -> str:
    """Reorder top-level blocks to the model's field order, keeping comments with their key."""
    model = MODELS.get(collection)
    if model is None or re.search(r"^(---|\.\.\.)\s*$", text, re.M):
        return text
    lines = text.rstrip("\n").split("\n")
    header: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    pending: list[str] = []  # comment lines waiting for the next key
    for line in lines:
        m = _TOP_KEY.match(line)
        if m:
            blocks.append((m.group(1), [*pending, line]))
            pending = []
        elif not blocks:
            header.append(line)
        elif line.startswith("#"):
            pending.append(line)
        else:
            if pending:  # a column-0 comment followed by continuation: it belonged to the block
                blocks[-1][1].extend(pending)
                pending = []
            blocks[-1][1].append(line)
    if not blocks:
        return text
    # The header (modeline and every comment line before the first key) never moves.
    order = {name: i for i, name in enumerate(field_order(collection))}
    keys = [k for k, _ in blocks]
    ranked = sorted(range(len(blocks)), key=lambda i: (order.get(keys[i], len(order)), i))
    if ranked == list(range(len(blocks))):
        return text
    body = [line for i in ranked for line in blocks[i][1]]
    return "\n".join(header + body + pending).rstrip("\n") + "\n"


def normalise(text: str, collection: str, parsed: Any = None) -> str:
    """Return the normalised text; identical to `text` when nothing can be mended safely.

    `parsed` is the already-loaded data of `text`, if the caller has it (saves a parse)."""
    steps = (_whitespace, lambda t: _modeline(t, collection), lambda t: _key_order(t, collection))
    current = text
    original = parsed
    for step in steps:
        candidate = step(current)
        if candidate == current:
            continue
        if original is None:
            original = _data(text)
            if original is None:
                return text  # does not parse: leave it alone
        if _data(candidate) == original:
            current = candidate
    return current


def fix_files(root: Path, files: list[Path] | None = None) -> list[Path]:
    """Normalise the given data files (default: every file in data/<collection>/); return those changed."""
    paths = files if files is not None else data_files(root / "data")
    changed: list[Path] = []
    for path in paths:
        collection = path.resolve().parent.name
        if path.suffix != ".yml" or collection not in MODELS:
            continue
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        fixed = normalise(text, collection)
        if fixed != text:
            path.write_bytes(fixed.encode("utf-8"))
            changed.append(path)
    return changed
