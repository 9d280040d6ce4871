"""Build benchmark: N synthetic warnings, `mkdocs build` with kb_build against plain MkDocs.

    .venv/bin/python benchmarks/build_bench.py [--sizes 100,500,2000] [--repeat 1] [--profile]

Each size gets a throw-away project under benchmarks/out/n<N>/ (git-ignored, see synth.py): 5
synthetic violations and N synthetic, schema-valid warnings, both languages. The baseline in the
same run is plain MkDocs: the Markdown kb_build wrote, built without the hook (so without the
JSON API, feeds and the Pagefind index). Figures are printed as a ratio to that baseline, with
kb_build's own share and Pagefind's apart. Both come from the builds themselves
(KB_BUILD_TIMINGS, kb_build/timings.py): kb_build = load + validate + render + write + publish
+ handing pages to Pagefind; Pagefind = the wait at the end of the build for the index it has
been building beside MkDocs. "Pagefind alone" indexes the finished site again from disk, once,
for comparison. `strict` is off in the copies only: the hand-written pages
link to real entries that the synthetic corpus does not have.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from synth import Gen, make_plain, make_project

from kb_build.publish.search_index import build_search_index

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
PY = sys.executable
# Run the build in a fresh helper so RUSAGE_CHILDREN holds that one build's peak RSS only.
MEASURE = (
    "import resource,subprocess,sys,time;t=time.perf_counter();"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,text=True);"
    "w=time.perf_counter()-t;print(r.returncode,w,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
    "sys.stderr.write(r.stderr[-3000:] if r.returncode else '')"
)


def build(root: Path, profile: Path | None = None) -> tuple[float, float, dict[str, float]]:
    """(wall seconds, peak RSS MB, kb_build's stage timings) of `mkdocs build` in root."""
    # not -q: under -q MkDocs creates no warnings, so kb_build's HTML cache stores nothing
    cmd = [PY, "-m", "mkdocs", "build"]
    if profile:
        cmd = [PY, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build"]
    stages = root / "timings.json"
    stages.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env["KB_BUILD_TIMINGS"] = str(stages)
    res = subprocess.run([PY, "-c", MEASURE, *cmd], cwd=root, capture_output=True, text=True, check=False, env=env)
    rc, wall, rss = res.stdout.split()
    if rc != "0":
        sys.exit(f"mkdocs build failed in {root}:\n{res.stderr}")
    return float(wall), int(rss) / 1024, json.loads(stages.read_text("utf-8")) if stages.exists() else {}


def pagefind_alone(root: Path) -> float:
    """Seconds to index the finished site again from disk (what a separate Pagefind step costs)."""
    cwd = Path.cwd()
    os.chdir(root)  # Pagefind's binary is found from the project root
    try:
        t0 = time.perf_counter()
        build_search_index(root / "site", root)
        return time.perf_counter() - t0
    finally:
        os.chdir(cwd)


def edit_one(root: Path) -> None:
    """Change one warning's Chinese summary, as a contributor's pull request would."""
    files = sorted((root / "data" / "warnings").glob("*.yml"))
    path = files[len(files) // 2]
    text = path.read_text("utf-8")
    path.write_text(text.replace("summary:\n  zh: ", "summary:\n  zh: 新增一句。", 1), "utf-8")


def own(stages: dict[str, float]) -> float:
    """kb_build's own seconds in a build (everything but the wait for Pagefind)."""
    return sum(v for k, v in stages.items() if k != "search_finish")


def site_stats(site: Path) -> dict[str, Any]:
    def median_kb(pattern: str) -> float:
        return statistics.median(p.stat().st_size for p in site.glob(pattern)) / 1024

    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    files = [p for p in bundle.rglob("*") if p.is_file()]
    stats: dict[str, Any] = {"pages": sum(1 for p in site.rglob("*.html") if bundle not in p.parents)}
    stats["zh_page_kb"] = median_kb("warnings/synth-*/index.html")
    stats["en_page_kb"] = median_kb("en/warnings/synth-*/index.html")
    stats["indexed"] = {lang: v["page_count"] for lang, v in entry["languages"].items()}
    stats["bundle_mb"] = sum(p.stat().st_size for p in files) / 2**20
    stats["bundle_files"] = len(files)
    chunks = [p for p in files if p.parent.name in ("index", "fragment")]
    stats["chunk_gz_kb"] = statistics.median(len(gzip.compress(p.read_bytes(), 6)) for p in chunks) / 1024
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
        first = build(root)  # cold: also renders docs/<collection>/
        kb = [build(root) for _ in range(args.repeat)]  # warm: data unchanged, nothing re-rendered
        edit_one(root)
        one = build(root)  # one entry changed since the warm build
        make_plain(root, plain)
        pl = [build(plain) for _ in range(args.repeat)]
        rows.append((n, site_stats(root / "site"), first, min(kb), min(pl), pagefind_alone(root), one))
        print(f"done N={n}: kb cold {first[0]:.1f} s, warm {[round(w[0], 1) for w in kb]} s, "
              f"plain {[round(w[0], 1) for w in pl]} s; stages cold {first[2]}, warm {min(kb)[2]}", flush=True)
    report(rows)
    if args.profile:
        profile(OUT / f"n{sizes[-1]}")


def report(rows: list[tuple[Any, ...]]) -> None:
    print("\nmkdocs build (both languages); plain = the same Markdown without kb_build or search, same run")
    print("cold = first build of a fresh project; warm = the same data again; one edit = one entry changed")
    print("| N | html pages | plain s | build s (cold / warm / one edit) | ratio to plain (cold / warm / one edit) |"
          " peak RSS MB | kb_build s cold (load / render+write / publish / feed) | kb_build s (warm / one edit) |"
          " kb_build share (cold / warm / one edit) | wait for Pagefind s (cold / warm) | Pagefind alone s |"
          " zh / en page KB | indexed zh / en | bundle MB (files) | median chunk gz KB |")
    print("|" + "---|" * 15)
    for n, s, (cold, _, c), (warm, rss, w), (pwall, _, _), alone, (one, _, o) in rows:
        print(
            f"| {n} | {s['pages']} | {pwall:.1f} | {cold:.1f} / {warm:.1f} / {one:.1f} |"
            f" {cold / pwall:.2f} / {warm / pwall:.2f} / {one / pwall:.2f} | {rss:.0f} |"
            f" {own(c):.2f} ({c.get('load', 0):.2f} / {c.get('render', 0) + c.get('write', 0):.2f} /"
            f" {c.get('publish', 0):.2f} / {c.get('search_feed', 0):.2f}) | {own(w):.2f} / {own(o):.2f} |"
            f" {100 * own(c) / cold:.1f}% / {100 * own(w) / warm:.1f}% / {100 * own(o) / one:.1f}% |"
            f" {c.get('search_finish', 0):.2f} / {w.get('search_finish', 0):.2f} | {alone:.2f} |"
            f" {s['zh_page_kb']:.1f} / {s['en_page_kb']:.1f} | {s['indexed'].get('zh')} / {s['indexed'].get('en')} |"
            f" {s['bundle_mb']:.1f} ({s['bundle_files']}) | {s['chunk_gz_kb']:.1f} |"
        )
    pairs = itertools.pairwise(rows)
    marginal = [f"{a[0]}->{b[0]}: {1000 * (b[2][0] - a[2][0]) / (b[0] - a[0]):.1f}" for a, b in pairs]
    print(f"\nmarginal build cost, ms per added entry (both languages, cold): {', '.join(marginal) or 'n/a'}")
    print("\nTargets (reported, not asserted):")
    for n, _s, cold, warm, _pl, _alone, one in rows:
        for label, (wall, _, stages) in (("cold", cold), ("warm", warm), ("one edit", one)):
            share = own(stages) / wall
            verdict = "met" if share <= 0.05 else "MISSED"
            print(f"- N={n} {label}: kb_build's own share {100 * share:.1f}% of the build ({verdict}, target <= 5%)")
    for n, _s, cold, warm, _pl, _alone, one in rows:
        if n >= 2000:
            for label, (wall, _, _) in (("cold", cold), ("warm", warm), ("one edit", one)):
                verdict = "met" if wall <= 45 else "MISSED"
                print(f"- {n:,} entries, two languages, {label} build <= 45 s: {wall:.1f} s ({verdict})")
    sizes = [(r[0], round(r[1]["zh_page_kb"], 1), round(r[1]["en_page_kb"], 1)) for r in rows]
    print(f"- entry page size does not grow with N: {sizes}")
    print(f"- one index per language: {[(r[0], r[1]['indexed']) for r in rows]}")


def profile(root: Path) -> None:
    prof = OUT / "build.prof"
    wall, _, _ = build(root, prof)
    print(f"\ncProfile of `mkdocs build` in {root} ({wall:.1f} s with profiler), top 25 by cumulative time:")
    pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
