"""Bilingual text and the safety rules every contributor string must pass."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

# A tag-like construct: <b>, </div>, <!-- -->, <script ...>, <!doctype>
_HTML = re.compile(r"</?[A-Za-z!?][^<>]*>|</?(script|style|iframe|img|svg|object|embed|math)\b", re.I)
_SCHEMES = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.I)
# Markdown link or image target: [text](target) / ![alt](target)
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_HTTP = re.compile(r"\bhttp://", re.I)
# C0 and C1 controls (a line break is the only one text may hold), the line/paragraph separators,
# and the two non-characters XML refuses. Invisible formatting (zero-width, bidi) is a KB109 warning.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069\u061c]")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def check_controls(value: str) -> str:
    m = _CONTROL.search(value)
    if m:
        raise PydanticCustomError(
            "KB026",
            "text contains the control character U+{code} at character {pos}",
            {"code": f"{ord(m.group(0)):04X}", "pos": m.start() + 1},
        )
    return value


def check_single_line(value: str) -> str:
    """One-line fields (titles, names, seller_usage items) take no line break."""
    if "\n" in value:
        raise PydanticCustomError(
            "KB026",
            "a line break is not allowed in a one-line field",
            {"hint": "write it on one line; a '>' or '|' block adds a line break (use '>-' or plain text)"},
        )
    return value


def check_safe_text(value: str) -> str:
    """Reject control characters, raw HTML, script URLs and non-https links in contributor text."""
    check_controls(value)
    if _HTML.search(value):
        raise PydanticCustomError(
            "KB020", "raw HTML is not allowed in text ({snippet})", {"snippet": _snippet(_HTML, value)}
        )
    if _SCHEMES.search(value):
        raise PydanticCustomError(
            "KB019", "'{scheme}' links are not allowed", {"scheme": _SCHEMES.search(value).group(0)}
        )  # type: ignore[union-attr]
    for target in _MD_LINK.findall(value):
        if target and not target.startswith("https://"):
            raise PydanticCustomError("KB019", "link target '{target}' is not an https URL", {"target": target[:60]})
    if _HTTP.search(value):
        raise PydanticCustomError("KB019", "plain http:// links are not allowed", {})
    return value


def _snippet(pattern: re.Pattern[str], value: str) -> str:
    m = pattern.search(value)
    return m.group(0)[:40] if m else ""


def check_nonblank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("KB012", "text is empty", {})
    return value


SafeStr = Annotated[str, AfterValidator(check_safe_text)]
LineStr = Annotated[str, AfterValidator(check_safe_text), AfterValidator(check_single_line)]


class Text(BaseModel):
    """A human-readable field in both languages. Markdown emphasis is allowed; HTML is not."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: Annotated[str, AfterValidator(check_nonblank), AfterValidator(check_safe_text)]
    en: Annotated[str, AfterValidator(check_nonblank), AfterValidator(check_safe_text)]

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


_Line = Annotated[
    str, AfterValidator(check_nonblank), AfterValidator(check_safe_text), AfterValidator(check_single_line)
]


class LineText(Text):
    """A one-line human-readable field (a title or label): no line breaks."""

    zh: _Line
    en: _Line
