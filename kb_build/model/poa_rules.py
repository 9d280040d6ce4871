"""The POA checker's rules (data/poa-rules/<id>.yml): what each rule looks for, and the regex safety rules.

A rule's patterns run in Python (kb_build/poa_check.py) and in the browser
(docs/javascripts/letters/poa-check.js) and must find the same matches in both. So a pattern is
refused at check time unless it is plain ASCII, compiles, uses only the syntax both engines read
the same way (no inline flags, named groups, back-references, look-behind, ^ or $), cannot match
empty text, and cannot backtrack badly: a group may only be made optional with `?`, at most one
unbounded quantifier (`*`, `+`, `{n,}`) per pattern, bounded repeats go up to {0,100}, and the ways to
match at one position (repeats and `?` multiply along the pattern) stay under MAX_COST. Syntax the
two engines read differently is refused too: possessive quantifiers, `{,n}`, a class opening with `]`,
and a non-ASCII letter written in one case only (JavaScript's "i" folds é/É, re.ASCII does not).

This module imports nothing from kb_build.model.entries (which imports it).
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kb_build.model.text import Text

FLAGS = re.IGNORECASE | re.ASCII  # the JS side uses the flags "gi" (no "u"): ASCII \b \w \d \s in both
MAX_PATTERN = 400
MAX_REPEAT = 100
MAX_COST = 2000  # ways to match at one position (see _backtracking_cost)
UNBOUNDED_COST = 100
CAP = 10**9
_FORBIDDEN = (
    (re.compile(r"\(\?(?![:=!])"), "inline flags, named groups and look-behind are not allowed; use (?: ) or (?= )"),
    (re.compile(r"\\(?:[1-9]|k|A|Z|z|G|p|P|N)"), "back-references and \\A \\Z \\p \\N escapes are not allowed"),
    (re.compile(r"(?<!\\)[\^$](?![^\[]*\])"), "^ and $ are not allowed (Python and JavaScript read them differently)"),
)
_SAMPLES = ("", "a", " ", "\n", "ab cd. 12, x-y", "中文")


def _fail(message: str, pattern: str) -> PydanticCustomError:
    return PydanticCustomError("KB023", "pattern {p}: {m}", {"p": repr(pattern[:60]), "m": message})


def _scan(pattern: str) -> None:
    """Refuse quantified groups (other than `?`), several unbounded quantifiers and big repeats."""
    unbounded = 0
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            i += 1
            continue
        if ch == "[":
            in_class = True
            i += 2 if pattern[i + 1 : i + 2] == "]" else 1
            continue
        if ch in "*+":
            unbounded += 1
        elif ch == "{":
            m = re.match(r"\{(\d+)(,(\d*))?\}", pattern[i:])
            if m:
                if m.group(2) and not m.group(3):
                    unbounded += 1
                elif int(m.group(3) or m.group(1)) > MAX_REPEAT:
                    raise _fail(f"repeats go up to {{0,{MAX_REPEAT}}}", pattern)
        elif ch == ")" and i + 1 < n and pattern[i + 1] in "*+{":
            raise _fail("a group may only be followed by '?' (no nested quantifiers)", pattern)
        i += 1
    if unbounded > 1:
        raise _fail("use at most one unbounded quantifier (*, +, {n,}) per pattern", pattern)


def check_pattern(pattern: str) -> str:
    if not pattern or len(pattern) > MAX_PATTERN:
        raise _fail(f"must be 1 to {MAX_PATTERN} characters", pattern)
    if not pattern.isascii() or any(ord(c) < 32 for c in pattern):
        raise _fail("write it in plain ASCII; use \\uXXXX escapes for other characters", pattern)
    for rx, message in _FORBIDDEN:
        if rx.search(pattern):
            raise _fail(message, pattern)
    _scan(pattern)
    if (difference := _engine_difference(pattern)) is not None:
        raise _fail(difference, pattern)
    try:
        compiled = re.compile(pattern, FLAGS)
    except re.error as exc:
        raise _fail(f"does not compile ({exc.msg} at position {exc.pos})", pattern) from None
    for sample in _SAMPLES:
        if any(m.end() == m.start() for m in compiled.finditer(sample)):
            raise _fail("can match empty text; every match must contain at least one character", pattern)
    if _backtracking_cost(pattern) > MAX_COST:
        raise _fail(
            f"its repeats and optional parts multiply to more than {MAX_COST} ways to match at one place "
            "(two {0,100}, or many '?' in a row, can freeze the reader's browser); use fewer or smaller repeats",
            pattern,
        )
    return pattern


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))")
_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d+(?:,\d*)?\})\??")


def _char(pattern: str, i: int) -> tuple[int | None, int]:
    """The character code at pattern[i] (a literal or a \\u / \\x escape) and the index after it."""
    m = _ESCAPE.match(pattern, i)
    if m:
        return int(m.group(1) or m.group(2), 16), m.end()
    if pattern[i] == "\\":
        return None, i + 2  # \d, \w, \. …: ASCII classes or an ASCII character
    return ord(pattern[i]), i + 1


@functools.cache
def _case_classes() -> dict[int, frozenset[int]]:
    """Non-ASCII characters JavaScript's "i" flag (no "u") treats as one: the same single-character upper case."""
    groups: dict[int, set[int]] = {}
    for code in range(128, 0x10000):
        upper = chr(code).upper()
        key = ord(upper) if len(upper) == 1 and ord(upper) >= 128 else code
        groups.setdefault(key, {key}).add(code)
    return {c: frozenset(g) for g in groups.values() if len(g) > 1 for c in g}


def _class(pattern: str, i: int) -> tuple[set[int], int]:
    """The character codes a class starting at pattern[i] lists (escapes like \\w left out) and the index after it."""
    members: set[int] = set()
    i += 2 if pattern[i + 1 : i + 2] == "^" else 1
    if pattern[i : i + 1] == "]":
        raise ValueError("escape a ']' that opens a class as \\] (JavaScript reads '[]' as an empty class)")
    while i < len(pattern) and pattern[i] != "]":
        low, i = _char(pattern, i)
        high = low
        if low is not None and pattern[i : i + 1] == "-" and pattern[i + 1 : i + 2] not in ("]", ""):
            high, i = _char(pattern, i + 1)
        if low is not None and high is not None:
            members.update(range(low, high + 1))
    return members, i + 1


def _engine_difference(pattern: str) -> str | None:
    """What Python's re (re.I | re.ASCII) and JavaScript (flags "gi") would read differently, if anything."""
    i, n, after_quantifier = 0, len(pattern), False
    while i < n:
        m = _QUANTIFIER.match(pattern, i) if pattern[i - 1 : i] != "(" else None
        if m:
            if after_quantifier and pattern[i] == "+":
                return "possessive quantifiers (a?+, a{2}+) do not exist in JavaScript"
            i, after_quantifier = m.end(), True
            continue
        after_quantifier = False
        if pattern.startswith("{,", i):
            return "write {0,n}, not {,n} (JavaScript reads '{,n}' as text)"
        if pattern[i] == "[":
            try:
                members, i = _class(pattern, i)
            except ValueError as exc:
                return str(exc)
        else:
            code, i = _char(pattern, i)
            members = {code} if code is not None else set()
        folds = _case_classes()
        if any(not folds.get(c, frozenset()) <= members for c in members if c > 127):
            return "a non-ASCII letter in one case only (JavaScript's 'i' folds é/É, Python's re.ASCII does not); " \
                "list every case in a class, e.g. [\\u00e9\\u00c9]"
    return None


def _backtracking_cost(pattern: str) -> int:
    """An upper bound on the ways a pattern can match at one position: repeats and '?' multiply along a
    sequence, alternatives count as the largest one, an unbounded repeat counts as UNBOUNDED_COST."""
    stack = [[0, 1, 1]]  # per open group: [best finished alternative, product before the last item, last item]
    i, n = 0, len(pattern)
    while i < n:
        ch, top = pattern[i], stack[-1]
        m = re.match(r"\{(\d+)(,(\d*))?\}\??", pattern[i:])
        if ch in "?*+" and not (ch == "?" and pattern[i - 1 : i] == "("):
            top[2] = top[2] + 1 if ch == "?" else top[2] * UNBOUNDED_COST
            i += 2 if pattern[i + 1 : i + 2] == "?" else 1
            continue
        if m:
            low, high = int(m.group(1)), m.group(3)
            top[2] *= UNBOUNDED_COST if m.group(2) and not high else int(high or low) - low + 1
            i += m.end()
            continue
        if ch == "(":
            stack.append([0, 1, 1])
        elif ch == ")" and len(stack) > 1:
            done = stack.pop()
            inner = max(done[0], done[1] * done[2])
            stack[-1][1], stack[-1][2] = min(stack[-1][1] * stack[-1][2], CAP), inner
        elif ch == "|":
            top[0], top[1], top[2] = max(top[0], top[1] * top[2]), 1, 1
        else:
            top[1], top[2] = min(top[1] * top[2], CAP), 1
            if ch == "[":
                i = _class_end(pattern, i)
                continue
            i += 2 if ch == "\\" else 1
            continue
        i += 1
    return min(max(stack[0][0], stack[0][1] * stack[0][2]), CAP)


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class that starts at pattern[i]."""
    i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


PatternStr = Annotated[str, AfterValidator(check_pattern)]
RuleId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    re: PatternStr = Field(description="An English regular expression, matched case-insensitively.")
    weight: int = Field(default=1, strict=True, ge=1, le=5, description="How much one match of this pattern counts.")


class PoaRuleBody(BaseModel):
    """The rule-specific fields; kb_build.model.entries.PoaRule adds the shared entry fields.

    `summary` (from the entry fields) says why the rule matters; `fix` says how to mend the letter.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    check: Literal["present", "absent", "length"] = Field(
        description=(
            "present: a finding when the matched patterns' weights add up to `threshold` or more; "
            "absent: a finding when they add up to less (a missing section); length: more than `max_words` words."
        )
    )
    applies_to: list[RuleId] = Field(
        default_factory=list, description="Violation ids (data/violations/); empty means every violation type."
    )
    severity: Literal["high", "medium", "low"]
    patterns: list[Pattern] = Field(default_factory=list)
    unless: list[PatternStr] = Field(
        default_factory=list, description="If any of these matches, the rule stays silent (e.g. counsel is named)."
    )
    threshold: int = Field(default=1, strict=True, ge=1, le=20)
    max_words: int | None = Field(default=None, strict=True, ge=100, le=20000)
    fix: Text

    @model_validator(mode="after")
    def _shape(self) -> PoaRuleBody:
        if self.check == "length" and self.max_words is None:
            raise PydanticCustomError("KB010", "a 'length' rule needs 'max_words'", {})
        if self.check != "length" and not self.patterns:
            raise PydanticCustomError("KB010", "a '{c}' rule needs at least one pattern", {"c": self.check})
        return self
