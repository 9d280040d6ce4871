"""Safe YAML loading that keeps line numbers and refuses hostile input.

Two passes over the text:
1. a streaming pass over parser *events* (not recursive, so 20,000-deep nesting
   cannot blow the stack) that rejects anchors/aliases, custom tags and deep nesting;
2. a compose pass whose node tree is walked iteratively into plain Python data,
   recording the (line, column) of every key and list item, and rejecting
   duplicate keys.

Timestamps are kept as strings so the model decides what a valid date is
(PyYAML would raise a bare ValueError on 2024-02-30).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml's C parser when present: 5-7x faster on large corpora.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

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
    try:
        problems = _scan_events(text)
    except yaml.YAMLError as exc:
        result.problems.append(_syntax_problem(exc, text))
        return result
    if problems:
        result.problems.extend(problems)
        return result
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        result.problems.append(_syntax_problem(exc, text))
        return result
    if not isinstance(node, yaml.MappingNode):
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        result.problems.append(YamlProblem(line, col, "KB006", "the file must be a mapping of fields (key: value)"))
        return result
    result.data = _to_python(node, result)
    return result


def _scan_events(text: str) -> list[YamlProblem]:
    problems: list[YamlProblem] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            problems.append(YamlProblem(*where, "KB004", f"alias '*{event.anchor}' is not allowed"))
            return problems  # aliases are how "billion laughs" works: stop at the first
        anchor = getattr(event, "anchor", None)
        if anchor:
            problems.append(YamlProblem(*where, "KB004", f"anchor '&{anchor}' is not allowed"))
        tag = getattr(event, "tag", None)
        if tag and tag not in _STANDARD_TAGS and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(YamlProblem(*where, "KB004", f"tag '{shown}' is not allowed"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(YamlProblem(*where, "KB005", f"nesting is deeper than {MAX_DEPTH} levels"))
                return problems
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return problems


def _syntax_problem(exc: yaml.YAMLError, text: str) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    lines = text.splitlines()
    hint = ""
    if "\t" in text and ("tab" in str(problem) or (0 < line <= len(lines) and "\t" in lines[line - 1])):
        tab_line = next((i + 1 for i, ln in enumerate(lines) if "\t" in ln), line)
        return YamlProblem(tab_line, 1, "KB001", "tab character used for indentation", "indent with spaces, not tabs")
    context = getattr(exc, "context", None)
    message = f"{context}, {problem}" if context else str(problem)
    return YamlProblem(line, col, "KB001", message, hint)


_constructor = yaml.SafeLoader("")  # only used for its scalar constructors


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # the model parses and checks dates
    return _constructor.construct_object(node, deep=False)


def _to_python(root: yaml.Node, result: LoadedYaml) -> Any:
    """Iteratively convert a node tree to dict/list/scalars, recording positions."""
    out: dict[Any, Any] = {}
    stack: list[tuple[yaml.Node, Any, Path_]] = [(root, out, ())]
    result.positions[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
    while stack:
        node, container, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    result.problems.append(
                        YamlProblem(
                            key_node.start_mark.line + 1,
                            key_node.start_mark.column + 1,
                            "KB013",
                            "keys must be plain words",
                        )
                    )
                    continue
                key = str(key_node.value)
                key_line = key_node.start_mark.line + 1
                if key in seen:
                    result.problems.append(
                        YamlProblem(
                            key_line,
                            key_node.start_mark.column + 1,
                            "KB003",
                            f"key '{key}' appears twice (first on line {seen[key]})",
                        )
                    )
                    continue
                seen[key] = key_line
                child_path = (*path, key)
                result.positions[child_path] = (key_line, key_node.start_mark.column + 1)
                container[key] = _place(value_node, stack, child_path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child_path = (*path, index)
                result.positions[child_path] = (item.start_mark.line + 1, item.start_mark.column + 1)
                container.append(_place(item, stack, child_path))
    return out


def _place(node: yaml.Node, stack: list[tuple[yaml.Node, Any, Path_]], path: Path_) -> Any:
    if isinstance(node, yaml.MappingNode):
        child: Any = {}
    elif isinstance(node, yaml.SequenceNode):
        child = []
    else:
        return _scalar(node)
    stack.append((node, child, path))
    return child
