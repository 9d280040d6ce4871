"""The calculator's rules file, /api/v1/expiry-rules.json, built from the violation entries and vocab.

The browser calculator and `python -m kb_build expiry` both read this shape; kb_build.expiry
computes with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_build import project
from kb_build.load.corpus import Corpus
from kb_build.publish.json_out import write_json

SCHEMA_VERSION = 1
Json = dict[str, Any]


def rules_from_corpus(corpus: Corpus) -> Json:
    """The published rules JSON, built from data/violations/*.yml and data/vocab.yml."""
    vocab = corpus.vocab
    groups: Json = {}
    if vocab is not None:
        for gid in sorted(vocab.repeat_groups):
            g = vocab.repeat_groups[gid]
            groups[gid] = {
                "limit": g.limit,
                "limit_basis": g.limit_basis,
                "title": {"zh": g.title.zh, "en": g.title.en},
                "note": {"zh": g.note.zh, "en": g.note.en},
                "sources": [
                    {"url": s.url, "title": s.title, "publisher": s.publisher, "kind": s.kind} for s in g.sources
                ],
            }
    types: Json = {}
    for vid in sorted(corpus.entries.get("violations", {})):
        v = corpus.entries["violations"][vid].model
        if not v.counts_toward_ahr:
            continue  # performance metrics and the like never "expire" from the AHR: offering them would mislead
        types[vid] = {
            "window_days": v.window_days,
            "repeat_group": v.repeat_group if v.repeat_group in groups else None,
            "title": {"zh": v.title.zh, "en": v.title.en},
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "default_window_days": vocab.default_window_days if vocab is not None else 180,
        "types": types,
        "repeat_groups": groups,
    }


def write_rules(corpus: Corpus, site_dir: Path) -> Path:
    """Write <site_dir>/api/v1/expiry-rules.json (the only file this touches) and return its path."""
    return write_json(site_dir, project.EXPIRY_RULES, rules_from_corpus(corpus))
