"""Diagnostics: one problem, at one place, with a code and a fix hint."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from kb_build import codes


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

    def format(self) -> str:
        hint = self.hint or codes.get(self.code).hint
        text = f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"
        if hint and hint not in self.message:
            text += f" — {hint}"
        return text

    def format_github(self) -> str:
        kind = "error" if self.severity == "error" else "warning"
        hint = self.hint or codes.get(self.code).hint
        msg = f"{self.message} — {hint}" if hint and hint not in self.message else self.message
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col},title={self.code}::{msg}"

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


class DiagnosticError(Exception):
    """Raised by the build when the data has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        lines = "\n".join(d.format() for d in errors)
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
