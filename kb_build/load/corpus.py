"""Stage 2, load: data/ into validated models, collecting every problem with file:line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kb_build.diagnostics import Diagnostic, rel
from kb_build.load import pydantic_errors as errors
from kb_build.load.files import check_name, walk
from kb_build.load.parse_cache import ParseCache
from kb_build.load.yaml_safe import LoadedYaml, Path_, load_bytes
from kb_build.model.entries import COLLECTIONS, MODELS, PAGE_COLLECTIONS
from kb_build.model.vocab import Vocab
from kb_build.project import RESERVED_IDS, reserved_id

SCHEMA_COMMENT = "# yaml-language-server: $schema="
Parser = Callable[[bytes], LoadedYaml]  # load_bytes, or ParseCache.load in front of it


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
    """The entry files under data_dir (kb_build.load.files says why anything else is not one)."""
    return walk(data_dir)[0]


def load_corpus(root: Path, extra: list[Path] | None = None) -> Corpus:
    """Load data/vocab.yml and every entry; `extra` files replace or add entries (for `check PATHS`).

    Each file is read and validated on its own; checks across entries are kb_build.check's.
    """
    corpus = Corpus(root=root)
    data_dir = root / "data"
    parse = ParseCache(root)
    corpus.vocab = _load_vocab(data_dir / "vocab.yml", corpus, parse.load)
    files, problems = walk(data_dir)
    for p in problems:
        _diag(corpus, rel(p.path, root), (1, 1), p.code, p.message, p.hint)
    if extra:
        extra_resolved = {p.resolve() for p in extra}
        files = [f for f in files if f.resolve() not in extra_resolved] + list(extra)
    parse.prefetch([raw for raw in map(_bytes_or_none, files) if raw is not None])
    seen_ids: dict[str, Entry] = {}
    for path in files:
        entry = _load_entry(path, corpus, parse.load)
        if entry is None:
            continue
        # Ids are unique across the page collections (URLs, aliases); a data-only collection has its own.
        key = entry.id if entry.collection in PAGE_COLLECTIONS else entry.ref
        other = seen_ids.get(key)
        if other is not None:
            report(corpus, entry, ("id",), "KB017", f"id '{entry.id}' is also used by {other.relpath}")
            continue
        seen_ids[key] = entry
        corpus.entries[entry.collection][entry.id] = entry
    corpus.diagnostics = sorted(set(corpus.diagnostics))  # a file both walked and named reports once
    parse.save()
    return corpus


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None  # _read reports it


def _diag(corpus: Corpus, relpath: str, pos: tuple[int, int], code: str, message: str, hint: str = "") -> None:
    corpus.diagnostics.append(Diagnostic(relpath, pos[0], pos[1], code, message, hint))


def report(corpus: Corpus, entry: Entry, loc: Path_, code: str, message: str, hint: str = "") -> None:
    _diag(corpus, entry.relpath, entry.yaml.position(loc), code, message, hint)


def _read(path: Path, relpath: str, corpus: Corpus, parse: Parser) -> LoadedYaml | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _diag(corpus, relpath, (1, 1), "KB006", f"cannot read file: {exc.strerror}")
        return None
    loaded = parse(raw)
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


def _load_vocab(path: Path, corpus: Corpus, parse: Parser = load_bytes) -> Vocab | None:
    relpath = rel(path, corpus.root)
    if path.is_symlink():
        return None  # reported by the walk over data/
    if not path.exists():
        _diag(corpus, relpath, (1, 1), "KB006", "data/vocab.yml is missing")
        return None
    loaded = _read(path, relpath, corpus, parse)
    return _validate(Vocab, loaded, relpath, corpus) if loaded else None


def _load_entry(path: Path, corpus: Corpus, parse: Parser = load_bytes) -> Entry | None:
    relpath = rel(path, corpus.root)
    collection = path.parent.name
    if collection not in MODELS:
        _diag(
            corpus,
            relpath,
            (1, 1),
            "KB025",
            "file is not in a collection folder",
            f"put it in data/<collection>/ where collection is one of: {', '.join(COLLECTIONS)}",
        )
        return None
    if path.is_symlink():
        _diag(corpus, relpath, (1, 1), "KB025", "symbolic links are not followed",
              "replace the link with the file itself (a link could point outside the repository)")
        return None
    name_problem = check_name(path)
    if name_problem is not None:
        _diag(corpus, relpath, (1, 1), name_problem.code, name_problem.message, name_problem.hint)
        if path.suffix != ".yml":
            return None  # not meant as an entry; an odd '<id>.yml' name is still checked inside
    loaded = _read(path, relpath, corpus, parse)
    if loaded is None:
        return None
    model = _validate(MODELS[collection], loaded, relpath, corpus)
    if model is None:
        return None
    entry = Entry(collection, path, relpath, model, loaded)
    if reserved_id(collection, model.id) or reserved_id(collection, path.stem):
        reserved = model.id if reserved_id(collection, model.id) else path.stem
        where = f"glossary/#{reserved}" if reserved not in RESERVED_IDS else f"{collection}/{reserved}/"
        report(corpus, entry, ("id",), "KB024",
               f"id '{reserved}' is the name of a page or anchor the build writes ({where})",
               "choose another id; reserved: " + ", ".join(sorted(RESERVED_IDS)))
        return None
    if name_problem is not None:
        return None
    if path.stem != model.id:
        report(
            corpus,
            entry,
            ("id",),
            "KB016",
            f"id '{model.id}' does not match the file name '{path.name}'",
            f"rename the file to '{model.id}.yml' or set 'id: {path.stem}'",
        )
    return entry
