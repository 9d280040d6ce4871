"""Scalar values by the YAML 1.2 core schema, made stricter.

PyYAML resolves plain scalars by YAML 1.1, where `0150` is octal 104, `3:00` is 180,
`1_80` is 180 and `yes`/`on` are booleans. Here a plain scalar is:

- null: empty, `~` or `null`;
- a boolean: `true` or `false` (lowercase only);
- an integer: decimal digits with an optional sign and no leading zero (`0`, `180`, `-3`);
- a float: decimal digits with a fraction or exponent (`1.5`, `2e3`);
- otherwise text, exactly as written (`0150`, `3:00`, `1_80`, `yes`, `0x1F`, `.inf` stay text,
  and the model then says "must be a whole number, not text '0150'").

Explicit standard tags (`!!int 3`) must hold a value of that type; anything else is a problem
with a hint, never an exception. Timestamps are kept as text so the model decides what a valid
date is.
"""

from __future__ import annotations

import re
from typing import Any

T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (T + n for n in ("str", "int", "float", "bool", "null", "timestamp"))
MAP, SEQ = T + "map", T + "seq"
STANDARD_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MAP, SEQ})

# More digits than any field allows; also keeps int() far from CPython's 4,300-digit limit.
MAX_INT_DIGITS = 18

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
_NULLS = frozenset({"", "~", "null"})
_BOOLS = {"true": True, "false": False}


class ScalarProblem(Exception):
    """A scalar that cannot be used; carries the KB code, message and hint."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def shown_tag(tag: str) -> str:
    return tag.replace(T, "!!")


def _int(value: str) -> int:
    digits = len(value.lstrip("+-"))
    if digits > MAX_INT_DIGITS:
        raise ScalarProblem(
            "KB022",
            f"number {value[:12]}… has {digits} digits",
            f"numbers in entries have at most {MAX_INT_DIGITS} digits; use the value the schema allows",
        )
    return int(value)


def _wrong(value: str, tag: str, what: str, example: str) -> ScalarProblem:
    return ScalarProblem(
        "KB013",
        f"{shown_tag(tag)} value {value[:40]!r} is not {what}",
        f"write {example}, or remove the {shown_tag(tag)} tag",
    )


def plain(value: str) -> Any:
    """Resolve an untagged plain scalar."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.fullmatch(value):
        return _int(value)
    if _FLOAT.fullmatch(value) and len(value) <= 40:
        return float(value)
    return value


def tagged(tag: str, value: str) -> Any:
    """Resolve a scalar with an explicit standard tag (`!!int 3`, `!!str 0150`)."""
    if tag in (STR, TIMESTAMP, "!"):
        return value
    if tag == INT:
        if not _INT.fullmatch(value):
            raise _wrong(value, tag, "a whole number", "decimal digits such as 180")
        return _int(value)
    if tag == FLOAT:
        if not (_FLOAT.fullmatch(value) or _INT.fullmatch(value)) or len(value) > 40:
            raise _wrong(value, tag, "a number", "a decimal number such as 1.5")
        return float(value)
    if tag == BOOL:
        if value not in _BOOLS:
            raise _wrong(value, tag, "true or false", "true or false")
        return _BOOLS[value]
    if tag == NULL:
        if value not in _NULLS:
            raise _wrong(value, tag, "empty", "nothing (or null)")
        return None
    raise ScalarProblem(
        "KB004", f"tag '{shown_tag(tag)}' cannot be used on a single value", "remove the tag and write the value out"
    )
