"""The checks behind tests/test_parallel.py, run in a fresh interpreter: forked workers are used
only by a process without threads, and the test session has some (a local web server)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from kb_build import parallel
from kb_build.check import check_corpus
from kb_build.diagnostics import DiagnosticError
from kb_build.render.pages import render_all, render_entry_links

ROOT = Path(__file__).resolve().parent.parent


def _modes(mode: str) -> None:
    parallel.MIN_ITEMS = 1 if mode == "parallel" else 10**9


def loading(tmp_path: Path) -> None:
    results = {}
    for mode in ("serial", "parallel"):
        project = tmp_path / mode
        shutil.copytree(ROOT / "data", project / "data")
        # one broken file, so problems cross the process boundary too
        (project / "data" / "warnings" / "broken.yml").write_text("id: broken\nid: twice\n", "utf-8")
        _modes(mode)
        corpus = check_corpus(project)
        entry = next(iter(corpus.entries["violations"].values()))
        results[mode] = (
            [(d.path.replace(mode, "X"), d.line, d.col, d.code) for d in corpus.diagnostics],
            {e.ref: e.model for e in corpus.all_entries()},
            {p: entry.yaml.position(p) for p in [("id",), ("title", "zh"), ("sources", 0, "url")]},
        )
    assert results["serial"] == results["parallel"]
    assert any(code == "KB003" for *_, code in results["parallel"][0])


def rendering(tmp_path: Path) -> None:
    corpus = check_corpus(ROOT)
    pages = {}
    for mode in ("serial", "parallel"):
        _modes(mode)
        pages[mode] = [(p.path, p.text) for p in render_all(corpus, "https://example.org/edit/")]
    assert pages["serial"] == pages["parallel"] and len(pages["serial"]) > 100


def first_error(tmp_path: Path) -> None:
    corpus = check_corpus(ROOT)
    for entry in corpus.all_entries():  # remove an entry that another page links to
        if entry.collection != "glossary":
            links = render_entry_links(corpus, entry, "zh")[1]
            target = next((corpus.get(r) for r in links if not r.startswith("glossary/")), None)
            if target is not None:
                del corpus.entries[target.collection][target.id]
                break
    messages = {}
    for mode in ("serial", "parallel"):
        _modes(mode)
        try:
            render_all(corpus)
        except DiagnosticError as exc:
            messages[mode] = (str(exc), exc.diagnostics)
    assert messages["serial"] == messages["parallel"] and "KB018" in messages["serial"][0]


if __name__ == "__main__":
    if parallel.workers() < 2:
        sys.exit(3)  # no fork, one core, or threads: nothing to compare
    with tempfile.TemporaryDirectory() as tmp:
        {"loading": loading, "rendering": rendering, "first_error": first_error}[sys.argv[1]](Path(tmp))
    print("compared serial and parallel")
