"""`python -m kb_build new`: the template, its placeholders, and the ids it refuses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb_build.check import check_corpus
from kb_build.check.fix import normalise
from kb_build.check.lint import lint_corpus
from kb_build.cli import main
from kb_build.cli.new import render_template
from kb_build.load.yaml_safe import load_bytes
from kb_build.model.entries import COLLECTIONS, MODELS
from tests.clock import TODAY
from tests.kb_project import fill_template, make_project


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_template_shape(collection: str, root: Path) -> None:
    text = render_template(collection, "new-entry", root, today=dt.date(2026, 1, 2))
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{collection}.schema.json"
    data = load_bytes(text.encode()).data
    assert data["id"] == "new-entry"
    assert data["added"] == data["reviewed"] == "2026-01-02"
    required = {n for n, f in MODELS[collection].model_fields.items() if f.is_required()}
    assert required <= set(data), f"template misses {required - set(data)}"
    assert "zh:" in text and "en:" in text and "#" in text.split("\n", 1)[1]
    assert normalise(text, collection) == text  # `check --fix` leaves a fresh template alone


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_filled_template_validates_and_unfilled_does_not(collection: str, tmp_path: Path, root: Path) -> None:
    project = make_project(tmp_path / "p", root)
    path = project / "data" / collection / f"another-{collection}.yml"
    template = render_template(collection, f"another-{collection}", root)
    path.write_text(template, "utf-8")
    corpus = check_corpus(project)
    unfilled = [d for d in corpus.errors if d.path.endswith(path.name)]
    assert unfilled, "an unfilled template must not pass"
    assert all(d.line > 1 for d in unfilled)
    path.write_text(fill_template(template), "utf-8")
    corpus = check_corpus(project)
    assert corpus.errors == []
    assert [d for d in lint_corpus(corpus) if d.path.endswith(path.name)] == []


def _run(project: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.chdir(project)
    return main(list(argv))


def test_new_writes_the_file(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p", root)
    assert _run(project, monkeypatch, "new", "warnings", "shiny-new-trap") == 0
    path = project / "data" / "warnings" / "shiny-new-trap.yml"
    assert path.exists()
    assert TODAY.isoformat() in path.read_text("utf-8")
    assert "data/warnings/shiny-new-trap.yml" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("collection", "entry_id", "message"),
    [
        ("warnings", "test-warnings", "already exists"),
        ("violations", "test-warnings", "already exists"),  # ids are unique across collections
        ("warnings", "old-name", "alias"),
        ("warnings", "Bad_Id", "not a valid id"),
        ("warnings", "double--hyphen", "not a valid id"),
        ("warnings", "trailing-", "not a valid id"),
        ("warnings", "a" * 81, "not a valid id"),
        ("warnings", "../escape", "not a valid id"),
    ],
)
def test_new_refuses(collection: str, entry_id: str, message: str, tmp_path: Path, root: Path,
                     monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p", root)
    strat = project / "data" / "strategies" / "test-strategies.yml"
    strat.write_text(strat.read_text("utf-8").replace("related: []", "related: []\naliases: [old-name]"), "utf-8")
    before = sorted(p.as_posix() for p in (project / "data").rglob("*.yml"))
    contents = {p: p.read_bytes() for p in (project / "data").rglob("*.yml")}
    assert _run(project, monkeypatch, "new", collection, entry_id) == 1
    err = capsys.readouterr().err
    assert message in err and err.startswith("error: ")
    assert sorted(p.as_posix() for p in (project / "data").rglob("*.yml")) == before
    assert all(p.read_bytes() == b for p, b in contents.items())


def test_new_rejects_unknown_collection(tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", root)
    with pytest.raises(SystemExit) as exc:
        _run(project, monkeypatch, "new", "blog", "x")
    assert exc.value.code == 2
