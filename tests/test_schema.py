"""The JSON Schema files are generated from the models and kept in sync; every entry points at one."""

from __future__ import annotations

import json
from pathlib import Path

from kb_build.check import check_corpus
from kb_build.load.corpus import data_files
from kb_build.model.schema import schemas

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_match_the_models() -> None:
    corpus = check_corpus(ROOT)
    for name, text in schemas(corpus.vocab).items():
        committed = ROOT / "schemas" / name
        assert committed.exists(), f"schemas/{name} is missing: run python -m kb_build schema"
        assert committed.read_text("utf-8") == text, f"schemas/{name} is stale: run python -m kb_build schema"


def test_vocabulary_values_are_enums_in_the_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "violations.schema.json").read_text("utf-8"))
    assert "ip-complaint" in schema["properties"]["category"]["enum"]
    tags = schema["properties"]["tags"]["items"]
    assert "enum" in tags


def test_every_entry_starts_with_its_schema_modeline() -> None:
    for path in data_files(ROOT / "data"):
        first = path.read_text("utf-8").splitlines()[0]
        expected = f"# yaml-language-server: $schema=../../schemas/{path.parent.name}.schema.json"
        assert first == expected, f"{path.relative_to(ROOT)}: first line should be {expected!r}"
