"""The read-only JSON API written into site/api/v1/ after the build.

Files (documented on docs/api.md, changes logged in CHANGELOG_API.md):
- api/v1/index.json              what exists: collections, feeds, the expiry rules file
- api/v1/vocab.json              the shared vocabularies (titles of every code used in entries)
- api/v1/<collection>.json       every entry of one collection, full data
- api/v1/<collection>/<id>.json  one entry
- api/v1/expiry-rules.json       the calculator's rules (kb_build.publish.rules)

Every file carries `schema_version` and `generated_at`. `generated_at` is deterministic for a
given commit: SOURCE_DATE_EPOCH when set (reproducible-builds convention), otherwise the newest
`reviewed` date in the corpus. Output is sorted and byte-stable, so two builds of the same
commit produce identical files.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from kb_build.load.corpus import Corpus, Entry
from kb_build.model.entries import COLLECTIONS, PAGE_COLLECTIONS
from kb_build.project import API_DIR, EXPIRY_RULES, FEEDS, LANGS, absolute, page_path, url_prefix
from kb_build.publish.json_out import dump_json, write_text_file
from kb_build.render import labels

SCHEMA_VERSION = 1


def generated_at(corpus: Corpus, env: dict[str, str] | None = None) -> str:
    """UTC timestamp 'YYYY-MM-DDTHH:MM:SSZ' that depends only on the commit being built."""
    env = os.environ if env is None else env
    epoch = (env.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    newest = max((e.model.reviewed for e in corpus.all_entries()), default=dt.date(1970, 1, 1))
    return f"{newest.isoformat()}T00:00:00Z"


def entry_record(entry: Entry, site_url: str) -> dict[str, Any]:
    return {
        "collection": entry.collection,
        "id": entry.id,
        "url": (  # data-only collections (notices) have no pages
            {lang: absolute(site_url, page_path(entry.collection, entry.id, lang)) for lang in LANGS}
            if entry.collection in PAGE_COLLECTIONS else None
        ),
        "api": absolute(site_url, f"{API_DIR}/{entry.collection}/{entry.id}.json"),
        "source_file": entry.relpath,
        "data": entry.model.model_dump(mode="json"),
    }


def build_api(corpus: Corpus, site_url: str = "", stamp: str | None = None) -> dict[str, str]:
    """Relative file path (under site/) -> JSON text, for every API file this module owns."""
    stamp = stamp or generated_at(corpus)
    head = {"schema_version": SCHEMA_VERSION, "generated_at": stamp}
    base = API_DIR
    files: dict[str, str] = {}
    collections: dict[str, Any] = {}
    for collection in COLLECTIONS:
        entries = sorted(corpus.entries[collection].values(), key=lambda e: e.id)
        records = [entry_record(e, site_url) for e in entries]
        for record in records:
            files[f"{base}/{collection}/{record['id']}.json"] = dump_json({**head, "entry": record})
        files[f"{base}/{collection}.json"] = dump_json(
            {**head, "collection": collection, "total": len(records), "entries": records}
        )
        collections[collection] = {
            "title": labels.COLLECTION_TITLES[collection],
            "total": len(records),
            "url": absolute(site_url, f"{base}/{collection}.json"),
            "ids": [r["id"] for r in records],
        }
    vocab = corpus.vocab.model_dump(mode="json") if corpus.vocab is not None else {}
    files[f"{base}/vocab.json"] = dump_json({**head, "vocab": vocab})
    files[f"{base}/index.json"] = dump_json(
        {
            **head,
            "docs": {lang: absolute(site_url, f"{url_prefix(lang)}api/") for lang in LANGS},
            "collections": collections,
            "files": {
                "vocab": absolute(site_url, f"{base}/vocab.json"),
                "expiry_rules": absolute(site_url, EXPIRY_RULES),
            },
            "feeds": {lang: absolute(site_url, path) for lang, path in FEEDS.items()},
            "total": sum(c["total"] for c in collections.values()),
        }
    )
    return files


def write_api(corpus: Corpus, site_dir: Path, site_url: str = "") -> dict[str, int]:
    """Write the API files; return bytes per file (for the build log and tests)."""
    sizes: dict[str, int] = {}
    for rel, text in build_api(corpus, site_url).items():
        sizes[rel] = write_text_file(site_dir, rel, text)
    return sizes
