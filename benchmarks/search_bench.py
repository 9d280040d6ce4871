"""Search cost for the reader: Material search (split jieba index) vs Pagefind, in headless Chromium.

    .venv/bin/python benchmarks/search_bench.py [--sizes 100,2000] [--profiles none,3g,slow3g]

Needs the sites built by build_bench.py (benchmarks/out/n<N>/site) and `pip install pagefind-bin-extended`.
The site is only read: Pagefind writes its bundle to benchmarks/out/n<N>-pagefind/, and the
Pagefind variant of the home page (Material's search switched off, Pagefind's default UI added)
is served from memory. Text files are served gzip-compressed, as GitHub Pages does.

For each engine, language and query: bytes transferred and time from navigation start until the
first result is on screen, in a fresh browser context (empty cache), optionally throttled with
DevTools' network presets. Then the top-5 result pages of both engines are compared.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser_launch import CHROMIUM, CHROMIUM_ARGS

OUT = Path(__file__).resolve().parent / "out"
# Chrome DevTools presets (bytes/s, ms added per request).
PROFILES = {
    "none": None,
    "3g": {"downloadThroughput": 180_000, "uploadThroughput": 84_375, "latency": 562.5},
    "slow3g": {"downloadThroughput": 50_000, "uploadThroughput": 50_000, "latency": 2000},
}
QUERIES = {
    "zh": ["侵权", "鞋花", "发明专利", "申诉", "Jibbitz"],
    "en": ["retraction", "Jibbitz", "infringement", "appeal", "design patent"],
}
TIMED = {"zh": "侵权", "en": "retraction"}  # the query timed under every profile
PF_UI = (
    '<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script>'
    '<div id="kb-pagefind"></div><script>window.addEventListener("DOMContentLoaded",()=>'
    'new PagefindUI({element:"#kb-pagefind",showSubResults:true,resetStyles:false}))</script>'
)
# A result is on screen, or the engine says there is none.
DONE = """([r, m]) => document.querySelector(r) ||
  /没有|未找到|No matching|No results/i.test((document.querySelector(m) || {}).textContent || "")"""
COMPRESS = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class Handler(SimpleHTTPRequestHandler):
    """Static files with gzip for text types; `overrides` maps URL paths to in-memory HTML."""

    overrides: ClassVar[dict[str, bytes]] = {}
    extra_dirs: ClassVar[dict[str, Path]] = {}
    _gz: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, *_: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        for prefix, folder in self.extra_dirs.items():
            if path.startswith(prefix):
                return str(folder / path[len(prefix) :].split("?", maxsplit=1)[0])
        return super().translate_path(path)

    def do_GET(self) -> None:
        path = self.path.split("?", maxsplit=1)[0]
        file = Path(self.translate_path(self.path))
        file = file / "index.html" if file.is_dir() else file
        if self.overrides and path.endswith("search/search_index.json"):
            self.send_error(404)  # the Pagefind variant has no Material index (the plugin would be removed)
            return
        if path in self.overrides:
            body = gzip.compress(self.overrides[path])
        elif file.suffix in COMPRESS and file.is_file():
            if file not in self._gz:
                self._gz[file] = gzip.compress(file.read_bytes(), 6)
            body = self._gz[file]
        else:
            super().do_GET()  # Pagefind's own files are already compressed
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if path in self.overrides else self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path, overrides: dict[str, bytes], extra_dirs: dict[str, Path]) -> Iterator[str]:
    handler = type("H", (Handler,), {"overrides": overrides, "extra_dirs": extra_dirs, "_gz": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def pagefind_page(html: str) -> bytes:
    """The home page with Material's search switched off and Pagefind's default UI in the content."""
    html = html.replace('data-md-component="search"', 'data-md-component="search-off"')
    html = re.sub(r',\s*"search":\s*"[^"]*"', "", html, count=1)  # else Material still fetches its index
    html = html.replace(
        '<article class="md-content__inner md-typeset">', '<article class="md-content__inner md-typeset">' + PF_UI, 1
    )
    return html.encode()


def index_with_pagefind(site: Path, bundle: Path) -> float:
    t = time.perf_counter()
    cmd = [sys.executable, "-m", "pagefind_bin_extended", "--site", str(site), "--output-path", str(bundle), "--quiet",
           "--root-selector", "article.md-content__inner",
           "--exclude-selectors", ".headerlink", "--exclude-selectors", ".md-content__button"]  # fmt: skip
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t


@dataclass
class Run:
    engine: str
    lang: str
    query: str
    profile: str
    seconds: float  # navigation start -> first result visible
    after_typing: float  # typing -> first result visible
    kb: float  # bytes transferred before the first result
    search_kb: float  # of which: search index / Pagefind files
    requests: int
    count: str
    top: list[str]


SEL = {
    "material": (None, "input.md-search__input", ".md-search-result__item > a",
                 ".md-search-result__meta"),
    "pagefind": (None, ".pagefind-ui__search-input", ".pagefind-ui__result-link", ".pagefind-ui__message"),
}  # fmt: skip


def measure(browser: Any, url: str, engine: str, lang: str, query: str, profile: str) -> Run:
    context = browser.new_context()
    page: Page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if PROFILES[profile]:
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **PROFILES[profile]})
    finished: list[Any] = []

    def on_finished(req: Any) -> None:
        finished.append(req)

    context.on("requestfinished", on_finished)
    opener, box, result, meta = SEL[engine]
    t0 = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded", timeout=300_000)
    if opener:
        page.click(opener)
    page.wait_for_selector(box, timeout=300_000)
    t1 = time.perf_counter()
    page.fill(box, query)
    page.keyboard.press("End")  # Material searches on keyup
    page.wait_for_function(DONE, arg=[result, meta], timeout=300_000)
    t2 = time.perf_counter()
    done = list(finished)
    total = search = 0
    for req in done:
        sizes = req.sizes()
        n = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += n
        if "search_index.json" in req.url or "/pagefind/" in req.url:
            search += n
    page.wait_for_timeout(300)
    top = [re.sub(r"^https?://[^/]+", "", a) for a in page.eval_on_selector_all(result, "els => els.map(e => e.href)")]
    count = (page.text_content(meta) or "").strip()
    context.close()
    return Run(engine, lang, query, profile, t2 - t0, t2 - t1, total / 1024, search / 1024, len(done), count, top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,2000")
    ap.add_argument("--profiles", default="none,3g,slow3g")
    ap.add_argument("--repeat", type=int, default=3, help="unthrottled runs per cell (median reported)")
    args = ap.parse_args()
    runs: list[Run] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in (int(s) for s in args.sizes.split(",")):
            site, bundle = OUT / f"n{n}" / "site", OUT / f"n{n}-pagefind"
            secs = index_with_pagefind(site, bundle)
            pf_kb = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file()) / 1024
            print(f"\nN={n}: Pagefind indexed {site} in {secs:.1f} s; bundle {pf_kb:.0f} KB on disk", flush=True)
            pages = {"/": pagefind_page((site / "index.html").read_text("utf-8")),
                     "/en/": pagefind_page((site / "en" / "index.html").read_text("utf-8"))}  # fmt: skip
            with serve(site, {}, {}) as mat, serve(site, pages, {"/pagefind/": bundle}) as pf:
                for profile in args.profiles.split(","):
                    for lang, queries in QUERIES.items():
                        for query in queries if profile == "none" else [TIMED[lang]]:
                            for engine, base in (("material", mat), ("pagefind", pf)):
                                reps = args.repeat if profile == "none" and query == TIMED[lang] else 1
                                cell = [measure(browser, base + ("/" if lang == "zh" else "/en/"), engine, lang,
                                                query, profile) for _ in range(reps)]  # fmt: skip
                                cell.sort(key=lambda r: r.seconds)
                                run = cell[len(cell) // 2]
                                run.profile = f"{profile} N={n}"
                                runs.append(run)
                                print(f"  {run.profile:14} {engine:8} {lang} {query!r:16} {run.seconds:6.2f} s "
                                      f"({run.after_typing:5.2f} after typing) {run.kb:7.0f} KB "
                                      f"(search {run.search_kb:6.0f} KB, {run.requests} req)  {run.count[:40]!r}",
                                      flush=True)  # fmt: skip
        browser.close()
    report(runs)


def report(runs: list[Run]) -> None:
    print("\n| N, network | lang | query | engine | first result s | after typing s | KB transferred | search KB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in runs:
        if r.query == TIMED[r.lang]:
            print(f"| {r.profile} | {r.lang} | {r.query} | {r.engine} | {r.seconds:.2f} | {r.after_typing:.2f} | "
                  f"{r.kb:.0f} | {r.search_kb:.0f} |")  # fmt: skip
    print("\nResult quality (unthrottled): top-5 pages per engine")
    print("| N | lang | query | Material count | Pagefind count | same top 1 | top-5 overlap |")
    print("|---|---|---|---|---|---|---|")
    by = {(r.profile, r.lang, r.query, r.engine): r for r in runs if r.profile.startswith("none")}
    overlaps = []
    for (profile, lang, query, engine), m in by.items():
        if engine != "material":
            continue
        f = by[(profile, lang, query, "pagefind")]
        mt, ft = _pages(m.top), _pages(f.top)
        overlap = len(set(mt) & set(ft))
        overlaps.append(overlap)
        print(f"| {profile[7:]} | {lang} | {query} | {m.count} | {f.count} | {'yes' if mt[:1] == ft[:1] else 'no'} | "
              f"{overlap}/5 |")  # fmt: skip
        print(f"|  |  |  | {' '.join(mt)} | {' '.join(ft)} |  |  |")
    if overlaps:
        print(f"\nmedian top-5 overlap: {statistics.median(overlaps)}/5")


def _pages(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(_norm(u) for u in urls))[:5]


def _norm(url: str) -> str:
    """Page path without anchor, 'index.html' or language prefix, so both engines compare."""
    url = re.split(r"[#?]", url, maxsplit=1)[0].replace("index.html", "")
    return re.sub(r"^/(en/)?", "", url) or "(home)"


if __name__ == "__main__":
    main()
