"""Stage 3, check: rules that look across entries (vocabulary values, references, aliases, dates).

Every problem is added to the corpus's diagnostics with the position of the offending value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel

from kb_build.load.corpus import Corpus, Entry, report
from kb_build.load.yaml_safe import Path_
from kb_build.project import RESERVED_IDS

# Court dates and waves may be announced ahead; anything later than this is a typo.
ENFORCEMENT_AHEAD = dt.timedelta(days=366)


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
    notice = getattr(m, "notice", None)
    for i, step in enumerate(notice.plan if notice is not None else []):
        yield ("notice", "plan", i, "ref"), step.ref


def check_references(corpus: Corpus, today: dt.date) -> None:
    vocab = corpus.vocab
    all_ids = {e.id for e in corpus.all_entries()}
    alias_owner: dict[str, str] = {}
    for entry in corpus.all_entries():
        if vocab is not None:
            for loc, vocab_name, value in _vocab_fields(entry.model):
                allowed = getattr(vocab, vocab_name)
                if value not in allowed:
                    report(
                        corpus,
                        entry,
                        loc,
                        "KB015",
                        f"'{value}' is not a known value for {vocab_name}",
                        f"use one of: {', '.join(sorted(allowed))} (or add it to data/vocab.yml)",
                    )
        for loc, ref in _refs(entry):
            if corpus.get(ref) is None:
                report(
                    corpus,
                    entry,
                    loc,
                    "KB018",
                    f"'{ref}' does not exist",
                    "check the id against the file names in data/" + ref.partition("/")[0] + "/",
                )
            elif ref == entry.ref:
                report(corpus, entry, loc, "KB018", "an entry cannot refer to itself")
        for i, alias in enumerate(entry.model.aliases):
            if alias in all_ids or alias in alias_owner:
                report(
                    corpus,
                    entry,
                    ("aliases", i),
                    "KB017",
                    f"alias '{alias}' is already an id or alias",
                    "aliases must be old ids that no longer exist",
                )
            alias_owner[alias] = entry.ref
        _check_dates(corpus, entry, today)
        for i, alias in enumerate(entry.model.aliases):
            if alias in RESERVED_IDS:
                report(corpus, entry, ("aliases", i), "KB024",
                       f"alias '{alias}' is the name of a page the build writes",
                       "an old id that is reserved cannot redirect; remove it")
        for fname in ("added", "reviewed"):
            if getattr(entry.model, fname) > today:
                report(
                    corpus,
                    entry,
                    (fname,),
                    "KB021",
                    f"'{fname}' is in the future ({getattr(entry.model, fname)})",
                    "use the date you actually added or reviewed the entry",
                )


def _check_dates(corpus: Corpus, entry: Entry, today: dt.date) -> None:
    """`accessed` is never in the future; enforcement dates at most a year ahead."""
    for i, source in enumerate(getattr(entry.model, "sources", []) or []):
        if source.accessed > today:
            report(corpus, entry, ("sources", i, "accessed"), "KB021",
                   f"'sources[{i + 1}].accessed' is in the future ({source.accessed})",
                   "use the date you actually read the source")
    for i, item in enumerate(getattr(entry.model, "enforcement", []) or []):
        if item.date > today + ENFORCEMENT_AHEAD:
            report(corpus, entry, ("enforcement", i, "date"), "KB022",
                   f"'enforcement[{i + 1}].date' is more than a year ahead ({item.date})",
                   "use the date of the case or action as the source gives it")
