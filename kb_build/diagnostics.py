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
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self._text(lang)}"

    def format_github(self, lang: str = "en") -> str:
        kind = "error" if self.severity == "error" else "warning"
        msg = self._text(lang).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col},title={self.code}::{msg}"

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


class DiagnosticError(Exception):
    """Raised by the build when the data has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        lang = preferred_lang()
        lines = "\n".join(d.format(lang) for d in errors)
        super().__init__(f"{len(errors)} problem(s) in data/:\n{lines}")


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
