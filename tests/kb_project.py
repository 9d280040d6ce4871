"""Helpers for tests that need a small, valid project of their own (not the real data/).

`fill_template` fills the "" placeholders of a `kb_build new` template the way a contributor
would; `make_project` builds a throw-away project: vocab from the real data/, one filled entry
per collection, optional extra files, and (for site builds) a copy of mkdocs.yml and docs/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kb_build.cli.new import render_template
from kb_build.model.entries import COLLECTIONS, PAGE_COLLECTIONS

VIOLATION_ID = "test-violation"
VALUES = {
    "zh": "测试内容，提到 Amazon 和 2026 年。",
    "en": "Test content that mentions Amazon and 2026.",
    "url": "https://sellercentral.amazon.com/help/hub/reference/external/G200386250",
    "title": "Intellectual Property Policy",
    "publisher": "Amazon Seller Central",
    "kind": "official",
    "category": "ip-complaint",
    "severity": "high",
    "severity_basis": "official",
    "appeal": "depends",
    "risk": "high",
    "type": "utility-patent",
    "holder": "Example Holder Inc.",
    "jurisdiction": "US",
    "violation_type": VIOLATION_ID,
    "text": "We removed the listing and checked every other ASIN.",
    "english": "Test term",
    "prompt": "your store name",
    "name": "Test violation",
    "violation": VIOLATION_ID,
    "re": "example phrase",
    "position": "before-cause",
    "when": "today",
    "ref": f"violations/{VIOLATION_ID}",
}
LIST_VALUES = {"applies_to": VIOLATION_ID, "violation_types": VIOLATION_ID, "seller_usage": "测试术语"}
_KEY = re.compile(r'^(\s*)(?:- )?(\w+): ""')
_LIST_KEY = re.compile(r"^(\w+):\s*$")


def fill_template(text: str) -> str:
    out, last_key = [], ""
    for raw in text.splitlines(keepends=True):
        line = raw
        m = _LIST_KEY.match(line)
        if m:
            last_key = m.group(1)
        if line.startswith("tags: []"):
            line = "tags: [ip, patent]\n"
        elif line.strip() == '- ""':
            line = line.replace('""', LIST_VALUES[last_key])
        else:
            k = _KEY.match(line)
            if k:
                value = "other" if k.group(2) == "kind" and last_key == "enforcement" else VALUES[k.group(2)]
                line = line.replace('""', value, 1)
        out.append(line)
    return "".join(out)


def entry_ids() -> dict[str, str]:
    return {c: (VIOLATION_ID if c == "violations" else f"test-{c}") for c in COLLECTIONS}


def make_project(root: Path, real_root: Path, site: bool = False, extra: dict[str, str] | None = None) -> Path:
    """A valid project in `root` with one entry per collection (plus `extra` files)."""
    data = root / "data"
    data.mkdir(parents=True)
    shutil.copy(real_root / "data" / "vocab.yml", data / "vocab.yml")
    shutil.copy(real_root / "data" / "jieba_user.txt", data / "jieba_user.txt")
    for collection, entry_id in entry_ids().items():
        (data / collection).mkdir()
        text = fill_template(render_template(collection, entry_id, real_root))
        (data / collection / f"{entry_id}.yml").write_text(text, "utf-8")
    for rel, text in (extra or {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    if site:
        shutil.copy(real_root / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(real_root / "kb_build", root / "kb_build", ignore=shutil.ignore_patterns("__pycache__"))
        generated = {*PAGE_COLLECTIONS, "tags"}
        shutil.copytree(real_root / "docs", root / "docs",
                        ignore=lambda d, names: [n for n in names if Path(d) == real_root / "docs" and n in generated])
    return root
