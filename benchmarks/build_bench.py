"""Build benchmark: N synthetic warnings, `mkdocs build` with and without kb_build.

    .venv/bin/python benchmarks/build_bench.py [--sizes 100,500,2000] [--repeat 1] [--profile]

Each size gets a throw-away project under benchmarks/out/n<N>/ (git-ignored): mkdocs.yml, docs/
(without the generated folders), kb_build/, data/vocab.yml, data/jieba_user.txt, 5 synthetic
violations and N synthetic, schema-valid warnings. The real data/ is only read (for its words:
en ~420 words, zh ~950 characters per entry). `strict` is off in the copy only, because the
hand-written pages link to real entries that the synthetic corpus does not have.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jieba
import yaml

from kb_build.check import check_corpus
from kb_build.render.pages import render_all, write_pages

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
GENERATED = ("violations", "strategies", "warnings", "poa", "glossary", "tags")
PY = sys.executable
# Run the build in a fresh helper so RUSAGE_CHILDREN holds that one build's peak RSS only.
MEASURE = (
    "import resource,subprocess,sys,time;t=time.perf_counter();"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,text=True);"
    "w=time.perf_counter()-t;print(r.returncode,w,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
    "sys.stderr.write(r.stderr[-3000:] if r.returncode else '')"
)


# ---------- synthetic data ----------


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
    for name in ("vocab.yml", "jieba_user.txt"):
        (root / "data").mkdir(exist_ok=True)
        shutil.copy(ROOT / "data" / name, root / "data" / name)
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
    (dst / "data").mkdir(parents=True)
    shutil.copy(src / "data" / "jieba_user.txt", dst / "data")
    cfg = (src / "mkdocs.yml").read_text("utf-8")
    cfg = re.sub(r"^hooks:\n(  - .*\n)+", "", cfg, flags=re.M)
    cfg = re.sub(r"^watch:\n(  - .*\n)+", "", cfg, flags=re.M)
    (dst / "mkdocs.yml").write_text(cfg, "utf-8")


# ---------- measuring ----------


def build(root: Path, profile: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of `mkdocs build` in root."""
    shutil.rmtree(root / "site", ignore_errors=True)
    cmd = [PY, "-m", "mkdocs", "build", "-q"]
    if profile:
        cmd = [PY, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build", "-q"]
    env_cmd = [PY, "-c", MEASURE, *cmd]
    res = subprocess.run(
        env_cmd, cwd=root, capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    )
    rc, wall, rss = res.stdout.split()
    if rc != "0":
        sys.exit(f"mkdocs build failed in {root}:\n{res.stderr}")
    return float(wall), int(rss) / 1024


def generation_time(root: Path) -> tuple[float, float, float]:
    """kb_build's own step in-process: (load+validate, render, write) seconds."""

    t0 = time.perf_counter()
    corpus = check_corpus(root)
    t1 = time.perf_counter()
    pages = render_all(corpus)
    t2 = time.perf_counter()
    scratch = root / "gen-scratch"
    write_pages(scratch, pages)
    t3 = time.perf_counter()
    shutil.rmtree(scratch)
    assert not corpus.errors, corpus.errors[:3]
    return t1 - t0, t2 - t1, t3 - t2


def site_stats(site: Path) -> dict[str, Any]:
    def median_kb(pattern: str) -> float:
        return statistics.median(p.stat().st_size for p in site.glob(pattern)) / 1024

    stats: dict[str, Any] = {"pages": sum(1 for _ in site.rglob("*.html"))}
    stats["zh_page_kb"] = median_kb("warnings/synth-*/index.html")
    stats["en_page_kb"] = median_kb("en/warnings/synth-*/index.html")
    for lang, rel in (("zh", "search/search_index.json"), ("en", "en/search/search_index.json")):
        raw = (site / rel).read_bytes()
        stats[f"{lang}_idx_kb"] = len(raw) / 1024
        stats[f"{lang}_idx_gz_kb"] = len(gzip.compress(raw, 6)) / 1024
        docs = json.loads(raw)["docs"]
        cjk = sum(1 for d in docs if re.search(r"[\u4e00-\u9fff]{4}", d["title"]))
        stats[f"{lang}_docs"] = (len(docs), cjk)
    zh_locs = [d["location"] for d in json.loads((site / "search/search_index.json").read_bytes())["docs"]]
    stats["split_ok"] = not any(loc.startswith("en/") for loc in zh_locs) and stats["en_docs"][1] == 0
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,500,2000", help="comma-separated N (synthetic entries)")
    ap.add_argument("--repeat", type=int, default=1, help="builds per cell; the fastest is reported")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest kb_build build")
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    gen = Gen(args.seed)
    rows = []
    for n in sizes:
        root, plain = OUT / f"n{n}", OUT / f"n{n}-plain"
        make_project(root, n, gen)
        kb = [build(root) for _ in range(args.repeat)]  # first build also writes docs/<collection>/
        make_plain(root, plain)
        pl = [build(plain) for _ in range(args.repeat)]
        load, render, write = generation_time(root)
        s = site_stats(root / "site")
        wall, rss = min(kb)
        pwall, prss = min(pl)
        rows.append((n, s, wall, rss, pwall, prss, load, render, write))
        print(f"done N={n}: kb {[round(w, 1) for w, _ in kb]} s, plain {[round(w, 1) for w, _ in pl]} s", flush=True)
    report(rows)
    if args.profile:
        profile(OUT / f"n{sizes[-1]}")


def report(rows: list[tuple[Any, ...]]) -> None:
    print("\nmkdocs build (both languages), fastest of --repeat; entry page = median synthetic warning page")
    print(
        "| N | html pages | build s | peak RSS MB | ms/entry | plain md s | generator overhead | gen in-process s"
        " (load+validate / render) | zh page KB | en page KB | zh index KB (gz) | en index KB (gz) | split ok |"
    )
    print("|" + "---|" * 13)
    for n, s, wall, rss, pwall, _prss, load, render, _write in rows:
        print(
            f"| {n} | {s['pages']} | {wall:.1f} | {rss:.0f} | {1000 * wall / n:.1f} | {pwall:.1f} | "
            f"{100 * (wall - pwall) / pwall:+.1f}% | {load + render:.2f} ({load:.2f} / {render:.2f}) | "
            f"{s['zh_page_kb']:.1f} | {s['en_page_kb']:.1f} | {s['zh_idx_kb']:.0f} ({s['zh_idx_gz_kb']:.0f}) | "
            f"{s['en_idx_kb']:.0f} ({s['en_idx_gz_kb']:.0f}) | {'yes' if s['split_ok'] else 'NO'} |"
        )
    marginal = [f"{a[0]}->{b[0]}: {1000 * (b[2] - a[2]) / (b[0] - a[0]):.1f}" for a, b in itertools.pairwise(rows)]
    print(f"\nmarginal build cost, ms per added entry (both languages): {', '.join(marginal) or 'n/a'}")
    n, s, wall, *_ = rows[-1]
    gen_share = max(100 * (r[6] + r[7]) / r[4] for r in rows)
    print("\nTargets (reported, not asserted):")
    print(
        f"- generator adds <= 5% to build time: in-process load+validate+render is at most {gen_share:.1f}% of "
        "the plain build; end-to-end difference: see 'generator overhead' (includes kb_build's post-build outputs)"
    )
    sizes = [(r[0], r[1]["zh_page_kb"], r[1]["en_page_kb"]) for r in rows]
    print(f"- entry page size does not grow with N: {sizes}")
    big = [r for r in rows if r[0] >= 2000]
    if big:
        print(
            f"- 2,000 entries in two languages build in <= 45 s: {big[0][2]:.1f} s "
            f"({'met' if big[0][2] <= 45 else 'MISSED'})"
        )
    print(
        f"- each language ships only its own search index: {'yes' if all(r[1]['split_ok'] for r in rows) else 'NO'}"
        f" (docs in zh / en index at N={n}: {s['zh_docs'][0]} / {s['en_docs'][0]};"
        f" en docs with a Chinese title: {s['en_docs'][1]})"
    )


def profile(root: Path) -> None:

    prof = OUT / "build.prof"
    wall, _ = build(root, prof)
    print(f"\ncProfile of `mkdocs build` in {root} ({wall:.1f} s with profiler), top 25 by cumulative time:")
    pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
