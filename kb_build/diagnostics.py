"""Diagnostics: one problem, at one place, with a code and a fix hint."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from kb_build import codes


def preferred_lang() -> str:
    """Language for titles and hints: Chinese when the shell's locale is Chinese."""
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else "en"


def printable(text: str) -> str:
    """Text safe to print on one line under any locale: a file name's undecodable bytes (kept by
    Python as surrogates) become \\xNN, line breaks and other control or invisible characters
    become escapes, so a file name can never forge a line or crash a strict UTF-8 terminal."""
    out = []
    for ch in text:
        o = ord(ch)
        if 0xDC80 <= o <= 0xDCFF:
            out.append(f"\\x{o - 0xDC00:02x}")
        elif ch in "\n\r\t":
            out.append(repr(ch)[1:-1])
        elif o < 0x20 or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or ch in _INVISIBLE:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u2060\ufeff\u061c") | {
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def github_data(text: str) -> str:
    """Escape a workflow-command message (GitHub Actions toolkit's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a workflow-command property such as file= (the toolkit's escapeProperty)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = field(default="", compare=False)

    @property
    def severity(self) -> codes.Severity:
        return codes.get(self.code).severity

    def _text(self, lang: str) -> str:
        """The message with its fix hint; in Chinese, the code's Chinese title and hint lead."""
        hint = self.hint or codes.get(self.code).hint
        if lang == "zh":
            title, zh_hint = codes.ZH[self.code]
            detail = f"（{self.hint}）" if self.hint else ""
            return f"{title}：{self.message} — {zh_hint}{detail}"
        return f"{self.message} — {hint}" if hint and hint not in self.message else self.message

    def format(self, lang: str = "en") -> str:
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.code} {printable(self._text(lang))}"

    def format_github(self, lang: str = "en") -> str:
        kind = "error" if self.severity == "error" else "warning"
        msg = github_data(printable(self._text(lang)))
        where = f"file={github_property(printable(self.path))},line={self.line},col={self.col}"
        return f"::{kind} {where},title={self.code}::{msg}"

    def to_json(self) -> str:
        return json.dumps({**self.__dict__, "path": printable(self.path)}, ensure_ascii=False)


class DiagnosticError(Exception):
    """Raised by the build when the data has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        lang = preferred_lang()
        lines = "\n".join(d.format(lang) for d in errors)
        super().__init__(f"{len(errors)} problem(s) in data/:\n{lines}")

    def __reduce__(self) -> tuple[type[DiagnosticError], tuple[list[Diagnostic]]]:
        return (DiagnosticError, (self.diagnostics,))  # survives a worker process (kb_build/parallel.py)


def rel(path: Path, root: Path) -> str:
    """Path as contributors see it: relative to the project root when possible."""
    try:
        return path.relative_to(root).as_posix()  # the common case, without touching the disk
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
