"""Split Material's combined search index into one index per language.

mkdocs-static-i18n merges every language into site/search/search_index.json,
so a Chinese reader would get English hits and the reverse (static-i18n #31, #271).
We write the default language's entries to site/search/ and each other language's
to site/<lang>/search/, with locations made relative to that language's root;
overrides/main.html points the English pages' search at /en/.
"""

from __future__ import annotations

import json
from pathlib import Path


def split_index(site_dir: Path, other_langs: list[str]) -> dict[str, int]:
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return {}
    index = json.loads(index_path.read_text("utf-8"))
    buckets: dict[str, list[dict]] = {lang: [] for lang in ["default", *other_langs]}
    for doc in index.get("docs", []):
        location: str = doc.get("location", "")
        lang = next((lg for lg in other_langs if location == f"{lg}/" or location.startswith(f"{lg}/")), "default")
        buckets[lang].append(doc if lang == "default" else {**doc, "location": location[len(lang) + 1 :]})
    sizes = {}
    for lang, docs in buckets.items():
        target = index_path if lang == "default" else site_dir / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"config": index.get("config", {}), "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, "utf-8")
        sizes[lang] = len(text.encode())
    return sizes
