"""Synthetic projects for the benchmarks: N schema-valid warnings written with the real data's words.

make_project() writes a throw-away project (mkdocs.yml, docs/, kb_build/, data/vocab.yml, 5
violations, N warnings) and links node_modules/ (Pagefind) from the real project;
make_plain() turns a built one into plain Markdown without the hook (the baseline).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import jieba
import yaml

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ("violations", "strategies", "warnings", "poa", "glossary", "tags")


def _texts(node: Any, lang: str) -> list[str]:
    if isinstance(node, dict):
        if lang in node and isinstance(node[lang], str) and len(node) == 2:
            return [node[lang]]
        return [t for v in node.values() for t in _texts(v, lang)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v, lang)]
    return []


def word_pools() -> tuple[list[str], list[str]]:
    """Chinese words (jieba) and English words that occur in the real entries, with repeats."""
    zh: list[str] = []
    en: list[str] = []
    jieba.setLogLevel(60)
    for path in sorted((ROOT / "data").glob("*/*.yml")):
        try:
            doc = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        except (OSError, yaml.YAMLError):  # data/ may be mid-edit; we only want its words
            continue
        for t in _texts(doc, "zh"):
            zh += [w for w in jieba.cut(t) if re.fullmatch(r"[\u4e00-\u9fff]+", w)]
        for t in _texts(doc, "en"):
            en += [w for w in t.split() if re.fullmatch(r"[A-Za-z][A-Za-z'-]*", w)]
    return zh, en


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.zh, self.en = word_pools()

    def zh_text(self, chars: int) -> str:
        out, clause = "", 0
        while len(out) < chars:
            w = self.rng.choice(self.zh)
            out += w
            clause += len(w)
            if clause > self.rng.randint(10, 22):
                out += "，" if self.rng.random() < 0.7 else "。"
                clause = 0
        return out.rstrip("，。") + "。"

    def en_text(self, words: int) -> str:
        picked = [self.rng.choice(self.en) for _ in range(words)]
        sentences = [picked[i : i + 14] for i in range(0, words, 14)]
        return " ".join(" ".join(s).capitalize() + "." for s in sentences)

    def text(self, en_words: int) -> dict[str, str]:
        return {"zh": self.zh_text(round(en_words * 2.3)), "en": self.en_text(en_words)}

    def violation(self, ident: str, categories: list[str], severities: list[str]) -> dict[str, Any]:
        return {
            "id": ident,
            "title": self.text(6),
            "summary": self.text(50),
            "sources": self.sources(0),
            "added": "2026-01-15",
            "reviewed": "2026-01-15",
            "category": self.rng.choice(categories),
            "page_label": self.text(4),
            "triggers": [self.text(15) for _ in range(3)],
            "severity": self.rng.choice(severities),
            "severity_basis": "official",
            "appeal": "depends",
            "appeal_note": self.text(30),
            "window_note": self.text(20),
            "removal": {"removes": [self.text(12)], "does_not_remove": [self.text(12)]},
            "actions": [self.text(15) for _ in range(3)],
        }

    def sources(self, i: int) -> list[dict[str, str]]:
        return [
            {
                "url": f"https://example.com/source/{i}/{k}",
                "title": self.en_text(5)[:-1],
                "publisher": "Example",
                "kind": "official" if k == 0 else "third-party",
                "accessed": "2026-01-15",
            }
            for k in range(3)
        ]

    def warning(self, i: int, n: int, violations: list[str], tags: list[str]) -> dict[str, Any]:
        r = self.rng
        title = {
            "zh": f"合成预警 {i:04d}：" + self.zh_text(16)[:-1],
            "en": f"Synthetic warning {i:04d}: " + self.en_text(7)[:-1],
        }
        return {
            "id": f"synth-{i:04d}",
            "title": title,
            "summary": self.text(60),
            "tags": r.sample(tags, 3),
            "related": [f"warnings/synth-{(i + d) % n:04d}" for d in (1, 2) if n > 2],
            "niche": self.text(25),
            "violation_types": r.sample(violations, 1),
            "marketplaces": ["US"],
            "risk": "high",
            "risk_note": self.text(45),
            "rights": [
                {
                    "type": "design-patent",
                    "holder": "Example Holder Ltd.",
                    "numbers": [f"US D{i:07d}"],
                    "jurisdiction": "US",
                    "status": self.text(25),
                }
                for _ in range(2)
            ],
            "enforcement": [
                {
                    "kind": "case",
                    "date": "2025-05-01",
                    "court": "U.S. District Court, N.D. Ill.",
                    "number": f"1:25-cv-{i:05d}",
                    "summary": self.text(30),
                    "source": 2,
                }
                for _ in range(2)
            ],
            "check_before_listing": [self.text(15) for _ in range(4)],
            "if_already_listed": [self.text(15) for _ in range(4)],
            "disagreements": [
                {
                    "topic": self.text(10),
                    "views": [{"text": self.text(15), "sources": [1]}, {"text": self.text(15), "sources": [2]}],
                    "our_reading": self.text(20),
                }
            ],
            "sources": self.sources(i),
            "added": "2026-01-15",
            "reviewed": "2026-01-15",
        }


def make_project(root: Path, n: int, gen: Gen) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", root / "docs", ignore=lambda d, names: GENERATED if Path(d) == ROOT / "docs" else [])
    shutil.copytree(ROOT / "kb_build", root / "kb_build", ignore=shutil.ignore_patterns("__pycache__"))
    cfg = (ROOT / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(cfg.replace("\nstrict: true", "\nstrict: false"), "utf-8")
    (root / "data").mkdir(exist_ok=True)
    shutil.copy(ROOT / "data" / "vocab.yml", root / "data" / "vocab.yml")
    (root / "node_modules").symlink_to(ROOT / "node_modules")  # Pagefind's binary
    vocab = yaml.load((ROOT / "data" / "vocab.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    violations = [f"synth-violation-{k}" for k in range(5)]
    docs = [
        ("violations", v, gen.violation(v, sorted(vocab["categories"]), sorted(vocab["severities"])))
        for v in violations
    ]
    docs += [("warnings", f"synth-{i:04d}", gen.warning(i, n, violations, sorted(vocab["tags"]))) for i in range(n)]
    for collection, ident, doc in docs:
        text = yaml.dump(doc, allow_unicode=True, sort_keys=False, width=10_000, Dumper=yaml.CSafeDumper)
        (root / "data" / collection).mkdir(exist_ok=True)
        (root / "data" / collection / f"{ident}.yml").write_text(text, "utf-8")


def make_plain(src: Path, dst: Path) -> None:
    """The same pages as plain Markdown: kb_build's output in docs/, the hook removed."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src / "docs", dst / "docs")
    cfg = (src / "mkdocs.yml").read_text("utf-8")
    cfg = re.sub(r"^hooks:\n(  - .*\n)+", "", cfg, flags=re.M)
    cfg = re.sub(r"^watch:\n(  - .*\n)+", "", cfg, flags=re.M)
    (dst / "mkdocs.yml").write_text(cfg, "utf-8")
