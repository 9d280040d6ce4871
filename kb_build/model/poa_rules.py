"""The POA checker's rules (data/poa-rules/<id>.yml): what each rule looks for, and the regex safety rules.

A rule's patterns run in Python (kb_build/poa_check.py) and in the browser
(docs/javascripts/letters/poa-check.js) and must find the same matches in both. So a pattern is
refused at check time unless it is plain ASCII, compiles, uses only the syntax both engines read
the same way (no inline flags, named groups, back-references, look-behind, ^ or $), cannot match
empty text, and cannot backtrack badly: a group may only be made optional with `?`, at most one
unbounded quantifier (`*`, `+`, `{n,}`) per pattern, and bounded repeats go up to {0,100}.

This module imports nothing from kb_build.model.entries (which imports it).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kb_build.model.text import Text

FLAGS = re.IGNORECASE | re.ASCII  # the JS side uses the flags "gi" (no "u"): ASCII \b \w \d \s in both
MAX_PATTERN = 400
MAX_REPEAT = 100
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
    try:
        compiled = re.compile(pattern, FLAGS)
    except re.error as exc:
        raise _fail(f"does not compile ({exc.msg} at position {exc.pos})", pattern) from None
    for sample in _SAMPLES:
        if any(m.end() == m.start() for m in compiled.finditer(sample)):
            raise _fail("can match empty text; every match must contain at least one character", pattern)
    return pattern


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
