"""Safe YAML loading that keeps line numbers and refuses hostile input.

One streaming pass over the parser's *events* builds plain Python data (dicts, lists, scalars)
without recursion, so 20,000-deep nesting cannot blow the stack, and without PyYAML's composer
or constructor. On the way it records the (line, column) of every key and list item and refuses
anchors and aliases, non-standard tags, deep nesting, duplicate and non-scalar keys and more than
one document. Scalars are resolved by kb_build.load.scalars (YAML 1.2 core rules, stricter), so
`0150`, `3:00`, `1_80` and `yes` are never numbers or booleans, and a bad `!!int abc` is a
problem, not an exception.

libyaml's C parser is used when PyYAML was built with it (marks and events are the same), else
the pure-Python parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from kb_build.load import scalars

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # only its parser is used
PARSER = "libyaml" if _Loader is not yaml.SafeLoader else "python"

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40

Path_ = tuple[str | int, ...]


@dataclass
class YamlProblem:
    line: int
    col: int
    code: str
    message: str
    hint: str = ""


@dataclass
class LoadedYaml:
    data: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int, int]:
        """Line/column of the deepest existing prefix of `path` (1-based)."""
        for end in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:end]))
            if pos:
                return pos
        return (1, 1)


def decode(raw: bytes) -> tuple[str | None, YamlProblem | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, YamlProblem(1, 1, "KB002", "file starts with a UTF-8 byte-order mark (BOM)")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, YamlProblem(line, col, "KB002", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8")


def load_bytes(raw: bytes) -> LoadedYaml:
    result = LoadedYaml()
    if len(raw) > MAX_BYTES:
        result.problems.append(
            YamlProblem(1, 1, "KB005", f"file is {len(raw) // 1024} KB; the limit is {MAX_BYTES // 1024} KB")
        )
        return result
    text, problem = decode(raw)
    if problem:
        result.problems.append(problem)
        return result
    assert text is not None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        result.problems.append(YamlProblem(1, 1, "KB006", "file is empty"))
        return result
    builder = _Builder(result)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                break
    except yaml.YAMLError as exc:
        result.problems.append(_syntax_problem(exc, text))
        return result
    except RecursionError:  # defensive: the builder itself never recurses
        result.problems.append(YamlProblem(1, 1, "KB005", f"nesting is deeper than {MAX_DEPTH} levels"))
        return result
    if builder.fatal:
        return result
    if not isinstance(builder.root, dict):
        line, col = builder.root_mark
        result.problems.append(YamlProblem(line, col, "KB006", "the file must be a mapping of fields (key: value)"))
        return result
    result.data = builder.root
    return result


_SKIP = object()  # a mapping value whose key was refused: read it, keep nothing


@dataclass
class _Frame:
    obj: Any  # dict, list, or None for a subtree that is read and dropped
    path: Path_
    key: Any = None  # mapping frames: None while a key is expected, else the key (or _SKIP)
    seen: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Turns parser events into Python data, one event at a time (no recursion)."""

    def __init__(self, result: LoadedYaml) -> None:
        self.result = result
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.root_mark = (1, 1)
        self.documents = 0
        self.fatal = False

    def problem(self, mark: Any, code: str, message: str, hint: str = "") -> None:
        self.result.problems.append(YamlProblem(mark.line + 1, mark.column + 1, code, message, hint))

    def stop(self, mark: Any, code: str, message: str, hint: str = "") -> bool:
        self.problem(mark, code, message, hint)
        self.fatal = True
        return False

    def feed(self, event: yaml.Event) -> bool:
        """Consume one event; False to stop reading (a problem that makes the rest meaningless)."""
        mark = event.start_mark
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                return self.stop(mark, "KB001", "the file holds more than one YAML document",
                                 "keep one entry per file; remove the '---' line")
            return True
        if isinstance(event, yaml.AliasEvent):  # "billion laughs" needs aliases: stop at the first
            return self.stop(mark, "KB004", f"alias '*{event.anchor}' is not allowed")
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
            return True
        if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            return True  # stream start/end, document end
        if event.anchor:
            self.problem(mark, "KB004", f"anchor '&{event.anchor}' is not allowed")
            self.fatal = True
        tag = event.tag
        if tag and tag not in scalars.STANDARD_TAGS and tag != "!":
            self.problem(mark, "KB004", f"tag '{scalars.shown_tag(tag)}' is not allowed")
            self.fatal = True
            tag = None
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, tag)
        return self.collection(event, tag)

    def scalar(self, event: yaml.ScalarEvent, tag: str | None) -> bool:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.obj, dict) and parent.key is None:
            return self.key(parent, event)
        try:
            value = scalars.plain(event.value) if tag is None and event.implicit[0] else scalars.tagged(
                tag or scalars.STR, event.value
            )
        except scalars.ScalarProblem as exc:
            self.problem(event.start_mark, exc.code, f"field '{self.where()}': {exc.message}", exc.hint)
            value = None
        self.place(value, event.start_mark)
        return True

    def where(self) -> str:
        """The name of the field the next value goes into, as the model's messages write it."""
        if not self.stack:
            return "(top level)"
        parent = self.stack[-1]
        path = (*parent.path, parent.key if isinstance(parent.obj, dict) else len(parent.obj or []))
        out = ""
        for part in path:
            out += f"[{part + 1}]" if isinstance(part, int) else ("." if out else "") + str(part)
        return out

    def key(self, parent: _Frame, event: yaml.ScalarEvent) -> bool:
        key, mark = str(event.value), event.start_mark
        if key in parent.seen:
            self.problem(mark, "KB003", f"key '{key}' appears twice (first on line {parent.seen[key]})")
            parent.key = _SKIP
            return True
        parent.seen[key] = mark.line + 1
        parent.key = key
        self.result.positions[(*parent.path, key)] = (mark.line + 1, mark.column + 1)
        return True

    def collection(self, event: yaml.Event, tag: str | None) -> bool:
        mark = event.start_mark
        is_map = isinstance(event, yaml.MappingStartEvent)
        if tag not in (None, "!", scalars.MAP if is_map else scalars.SEQ):
            what = "a mapping" if is_map else "a list"
            self.problem(mark, "KB004", f"tag '{scalars.shown_tag(tag or '')}' cannot be used on {what}",
                         "remove the tag")
        if len(self.stack) >= MAX_DEPTH:
            return self.stop(mark, "KB005", f"nesting is deeper than {MAX_DEPTH} levels")
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.obj, dict) and parent.key is None:
            self.problem(mark, "KB013", "keys must be plain words")
            parent.key = _SKIP  # drop the key's subtree and its value
            self.stack.append(_Frame(None, parent.path))
            return True
        obj: Any = {} if is_map else []
        path = self.place(obj, mark)
        self.stack.append(_Frame(obj if path is not None else None, path or ()))
        return True

    def place(self, value: Any, mark: Any) -> Path_ | None:
        """Put a value into the open container; its path, or None if it is dropped."""
        if not self.stack:
            if self.root is None and not self.result.positions:
                self.root, self.root_mark = value, (mark.line + 1, mark.column + 1)
                self.result.positions[()] = self.root_mark
            return ()
        parent = self.stack[-1]
        if isinstance(parent.obj, list):
            path = (*parent.path, len(parent.obj))
            self.result.positions[path] = (mark.line + 1, mark.column + 1)
            parent.obj.append(value)
            return path
        if isinstance(parent.obj, dict):
            key, parent.key = parent.key, None
            if key is _SKIP:
                return None
            parent.obj[key] = value
            return (*parent.path, key)
        return None  # inside a dropped subtree


def _syntax_problem(exc: yaml.YAMLError, text: str) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_problem(exc, text)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    lines = text.splitlines()
    if "\t" in text and ("tab" in str(problem) or (0 < line <= len(lines) and "\t" in lines[line - 1])):
        tab_line = next((i + 1 for i, ln in enumerate(lines) if "\t" in ln), line)
        return YamlProblem(tab_line, 1, "KB001", "tab character used for indentation", "indent with spaces, not tabs")
    context = getattr(exc, "context", None)
    message = f"{context}, {problem}" if context else str(problem)
    return YamlProblem(line, col, "KB001", message)


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A control character written raw into the file: say which and where."""
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    index = text.find(chr(code)) if code else -1
    index = max(index, 0)
    before = text[:index]
    line = before.count("\n") + 1
    col = index - (before.rfind("\n") + 1) + 1
    return YamlProblem(
        line, col, "KB001", f"control character U+{code:04X} is not allowed in YAML",
        "delete the invisible character (retype the text around it)",
    )
