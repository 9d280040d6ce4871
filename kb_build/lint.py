"""KB1xx style warnings (placeholder module filled in by the linting work)."""

from __future__ import annotations

from kb_build.corpus import Corpus
from kb_build.diagnostics import Diagnostic


def lint_corpus(corpus: Corpus) -> list[Diagnostic]:
    return []
