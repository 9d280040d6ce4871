"""Load data/ into validated models, collecting every problem with file:line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kb_build import errors
from kb_build.diagnostics import Diagnostic, rel
from kb_build.models import COLLECTIONS, ID_PATTERN, MODELS, Vocab
from kb_build.yaml_loader import LoadedYaml, Path_, load_bytes

SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass
class Entry:
    collection: str
    path: Path
    relpath: str
    model: Any
    yaml: LoadedYaml

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def ref(self) -> str:
        return f"{self.collection}/{self.model.id}"


@dataclass
class Corpus:
    root: Path
    vocab: Vocab | None = None
    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {c: {} for c in COLLECTIONS})
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def all_entries(self) -> Iterator[Entry]:
        for collection in COLLECTIONS:
            yield from sorted(self.entries[collection].values(), key=lambda e: e.id)

    def get(self, ref: str) -> Entry | None:
        collection, _, entry_id = ref.partition("/")
        return self.entries.get(collection, {}).get(entry_id)


def data_files(data_dir: Path) -> list[Path]:
    files = []
    for collection in COLLECTIONS:
        folder = data_dir / collection
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")))
    return files


def load_corpus(root: Path, extra: list[Path] | None = None, today: dt.date | None = None) -> Corpus:
    """Load data/vocab.yml and every entry; `extra` files replace or add entries (for `check PATHS`)."""
    corpus = Corpus(root=root)
    data_dir = root / "data"
    corpus.vocab = _load_vocab(data_dir / "vocab.yml", corpus)
    files = data_files(data_dir)
    if extra:
        extra_resolved = {p.resolve() for p in extra}
        files = [f for f in files if f.resolve() not in extra_resolved] + list(extra)
    seen_ids: dict[str, Entry] = {}
    for path in files:
        entry = _load_entry(path, corpus)
        if entry is None:
            continue
        other = seen_ids.get(entry.id)
        if other is not None:
            _report(corpus, entry, ("id",), "KB017", f"id '{entry.id}' is also used by {other.relpath}")
            continue
        seen_ids[entry.id] = entry
        corpus.entries[entry.collection][entry.id] = entry
    _check_cross_references(corpus, today or dt.date.today())
    corpus.diagnostics.sort()
    return corpus


def _diag(corpus: Corpus, relpath: str, pos: tuple[int, int], code: str, message: str, hint: str = "") -> None:
    corpus.diagnostics.append(Diagnostic(relpath, pos[0], pos[1], code, message, hint))


def _report(corpus: Corpus, entry: Entry, loc: Path_, code: str, message: str, hint: str = "") -> None:
    _diag(corpus, entry.relpath, entry.yaml.position(loc), code, message, hint)


def _read(path: Path, relpath: str, corpus: Corpus) -> LoadedYaml | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _diag(corpus, relpath, (1, 1), "KB006", f"cannot read file: {exc.strerror}")
        return None
    loaded = load_bytes(raw)
    for p in loaded.problems:
        _diag(corpus, relpath, (p.line, p.col), p.code, p.message, p.hint)
    if loaded.problems and any(p.code != "KB003" for p in loaded.problems):
        return None
    return loaded if not loaded.problems else None


def _validate(model: type[BaseModel], loaded: LoadedYaml, relpath: str, corpus: Corpus) -> Any:
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        for loc, code, message, hint in errors.translate(exc):
            _diag(corpus, relpath, loaded.position(loc), code, message, hint)
        return None


def _load_vocab(path: Path, corpus: Corpus) -> Vocab | None:
    relpath = rel(path, corpus.root)
    if not path.exists():
        _diag(corpus, relpath, (1, 1), "KB006", "data/vocab.yml is missing")
        return None
    loaded = _read(path, relpath, corpus)
    return _validate(Vocab, loaded, relpath, corpus) if loaded else None


def _load_entry(path: Path, corpus: Corpus) -> Entry | None:
    relpath = rel(path, corpus.root)
    collection = path.parent.name
    if collection not in MODELS:
        _diag(
            corpus,
            relpath,
            (1, 1),
            "KB023",
            "file is not in a collection folder",
            f"put it in data/<collection>/ where collection is one of: {', '.join(COLLECTIONS)}",
        )
        return None
    if path.suffix != ".yml":
        _diag(corpus, relpath, (1, 1), "KB016", f"file name must end in .yml, not '{path.suffix}'")
        return None
    loaded = _read(path, relpath, corpus)
    if loaded is None:
        return None
    model = _validate(MODELS[collection], loaded, relpath, corpus)
    if model is None:
        return None
    entry = Entry(collection, path, relpath, model, loaded)
    if path.stem != model.id:
        _report(
            corpus,
            entry,
            ("id",),
            "KB016",
            f"id '{model.id}' does not match the file name '{path.name}'",
            f"rename the file to '{model.id}.yml' or set 'id: {path.stem}'",
        )
        if not re.match(ID_PATTERN, path.stem):
            return None
    return entry


def _vocab_fields(model: BaseModel, loc: Path_ = ()) -> Iterator[tuple[Path_, str, str]]:
    """Yield (loc, vocab name, value) for every vocabulary-backed value in a model."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        vocab_name = extra.get("x-vocab")
        if vocab_name and value is not None:
            values = value if isinstance(value, list) else [value]
            for i, v in enumerate(values):
                yield ((*loc, name, i) if isinstance(value, list) else (*loc, name)), str(vocab_name), v
        elif isinstance(value, BaseModel):
            yield from _vocab_fields(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _vocab_fields(item, (*loc, name, i))


def _refs(entry: Entry) -> Iterator[tuple[Path_, str]]:
    m = entry.model
    for i, ref in enumerate(getattr(m, "related", []) or []):
        yield ("related", i), ref
    for i, ref in enumerate(getattr(m, "see_also", []) or []):
        yield ("see_also", i), ref
    for fname, coll in (
        ("applies_to", "violations"),
        ("violation_types", "violations"),
        ("confusable_with", "glossary"),
    ):
        for i, ident in enumerate(getattr(m, fname, []) or []):
            yield (fname, i), f"{coll}/{ident}"
    if entry.collection == "poa":
        yield ("violation_type",), f"violations/{m.violation_type}"


def _check_cross_references(corpus: Corpus, today: dt.date) -> None:
    vocab = corpus.vocab
    all_ids = {e.id for e in corpus.all_entries()}
    alias_owner: dict[str, str] = {}
    for entry in corpus.all_entries():
        if vocab is not None:
            for loc, vocab_name, value in _vocab_fields(entry.model):
                allowed = getattr(vocab, vocab_name)
                if value not in allowed:
                    _report(
                        corpus,
                        entry,
                        loc,
                        "KB015",
                        f"'{value}' is not a known value for {vocab_name}",
                        f"use one of: {', '.join(sorted(allowed))} (or add it to data/vocab.yml)",
                    )
        for loc, ref in _refs(entry):
            if corpus.get(ref) is None:
                _report(
                    corpus,
                    entry,
                    loc,
                    "KB018",
                    f"'{ref}' does not exist",
                    "check the id against the file names in data/" + ref.partition("/")[0] + "/",
                )
            elif ref == entry.ref:
                _report(corpus, entry, loc, "KB018", "an entry cannot refer to itself")
        for i, alias in enumerate(entry.model.aliases):
            if alias in all_ids or alias in alias_owner:
                _report(
                    corpus,
                    entry,
                    ("aliases", i),
                    "KB017",
                    f"alias '{alias}' is already an id or alias",
                    "aliases must be old ids that no longer exist",
                )
            alias_owner[alias] = entry.ref
        for fname in ("added", "reviewed"):
            if getattr(entry.model, fname) > today:
                _report(
                    corpus,
                    entry,
                    (fname,),
                    "KB021",
                    f"'{fname}' is in the future ({getattr(entry.model, fname)})",
                    "use the date you actually added or reviewed the entry",
                )
