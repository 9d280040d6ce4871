"""Stage 3, check: what no single file can tell (references, vocabularies, dates), and the style lint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb_build import project
from kb_build.check.letters import check_letters
from kb_build.check.references import check_references
from kb_build.load.corpus import Corpus, load_corpus


def check_corpus(root: Path, extra: list[Path] | None = None, today: dt.date | None = None) -> Corpus:
    """Load data/ and run the checks across entries; problems end up in corpus.diagnostics."""
    corpus = load_corpus(root, extra)
    check_references(corpus, today or project.today())
    check_letters(corpus)
    corpus.diagnostics.sort()
    return corpus
