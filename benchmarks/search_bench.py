"""Search cost for the reader, in headless Chromium: the built site's Pagefind search.

    .venv/bin/python benchmarks/search_bench.py [--sizes 100,2000] [--profiles none,slow3g] [--repeat 3]

Needs the sites built by build_bench.py (benchmarks/out/n<N>/site, Pagefind bundle included),
served gzip-compressed as GitHub Pages does. For each language and query, in a fresh browser
context (empty cache), optionally throttled with DevTools' network presets:

- page view: bytes of the home page and everything it loads, and how many requests went to the
  Pagefind bundle (there must be none: only the 2 KB loader is on the page; the search UI, Pagefind
  and its index load when the reader focuses the box);
- first result: time from focusing the search box to the first result on screen (query typed
  at once, as an IME commits it), and the bytes fetched from focus to that moment.

"Today's index" for the comparison is Material's per-language index at the same N, measured by
the previous build benchmark (benchmarks/RESULTS.md): 4.0 MB (zh) / 2.6 MB (en) gzipped at N=2000.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser_launch import CHROMIUM, CHROMIUM_ARGS

OUT = Path(__file__).resolve().parent / "out"
PROFILES = {  # Chrome DevTools presets (bytes/s, ms added per request)
    "none": None,
    "3g": {"downloadThroughput": 180_000, "uploadThroughput": 84_375, "latency": 562.5},
    "slow3g": {"downloadThroughput": 50_000, "uploadThroughput": 50_000, "latency": 2000},
}
QUERIES = {
    "zh": ["侵权", "鞋花", "发明专利", "180天", "申诉"],
    "en": ["retraction", "Jibbitz", "appeal", "design patent"],
}
MATERIAL_INDEX_GZ_KB = {100: {"zh": 220, "en": 147}, 500: {"zh": 1024, "en": 652}, 2000: {"zh": 4096, "en": 2662}}
COMPRESS = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
RENDERED = "q => document.querySelector('[data-kb-search]').dataset.kbQuery !== undefined"


class Handler(SimpleHTTPRequestHandler):
    _gz: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, *_: Any) -> None:
        pass

    def do_GET(self) -> None:
        file = Path(self.translate_path(self.path))
        file = file / "index.html" if file.is_dir() else file
        if file.suffix not in COMPRESS or not file.is_file():
            super().do_GET()  # Pagefind's index and fragments are gzip files already
            return
        if file not in self._gz:
            self._gz[file] = gzip.compress(file.read_bytes(), 6)
        body = self._gz[file]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = type("H", (Handler,), {"_gz": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _kb(requests: list[Any]) -> float:
    total = 0
    for req in requests:
        sizes = req.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total / 1024


def measure(browser: Any, url: str, query: str, profile: str) -> dict[str, Any]:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if PROFILES[profile]:
        cdp.send("Network.emulateNetworkConditions", {"offline": False, **PROFILES[profile]})
    finished: list[Any] = []
    context.on("requestfinished", lambda req: finished.append(req))  # noqa: PLW0108 (playwright tags the handler)
    page.goto(url, wait_until="load", timeout=300_000)
    page.wait_for_load_state("networkidle", timeout=300_000)
    view = list(finished)
    t0 = time.perf_counter()
    page.focus("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.wait_for_function(RENDERED, timeout=300_000)
    elapsed = time.perf_counter() - t0
    search = finished[len(view) :]
    count = page.locator(".md-search-result__list > li.md-search-result__item").count()
    result = {
        "view_kb": _kb(view), "view_search": sum("/pagefind/" in r.url for r in view),
        "first_s": elapsed, "search_kb": _kb(search), "requests": len(search), "shown": count,
    }  # fmt: skip
    context.close()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,2000")
    ap.add_argument("--profiles", default="none,slow3g")
    ap.add_argument("--repeat", type=int, default=3, help="unthrottled runs per query (median reported)")
    args = ap.parse_args()
    print("| N | network | lang | query | page view KB (Pagefind requests) | first result s | fetched for it KB"
          " (requests) | vs Material's index | results shown |")
    print("|" + "---|" * 9)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in (int(s) for s in args.sizes.split(",")):
            site = OUT / f"n{n}" / "site"
            if not (site / "pagefind" / "pagefind-entry.json").exists():
                sys.exit(f"{site}: run benchmarks/build_bench.py --sizes {n} first")
            with serve(site) as base:
                for profile in args.profiles.split(","):
                    for lang, queries in QUERIES.items():
                        for query in queries if profile == "none" else queries[:1]:
                            row(browser, base, n, profile, lang, query, args.repeat if profile == "none" else 1)
        browser.close()


def row(browser: Any, base: str, n: int, profile: str, lang: str, query: str, repeat: int) -> None:
    url = f"{base}/{'en/' if lang == 'en' else ''}"
    runs = sorted((measure(browser, url, query, profile) for _ in range(repeat)), key=lambda x: x["first_s"])
    r = runs[len(runs) // 2]  # median
    material = MATERIAL_INDEX_GZ_KB.get(n, {}).get(lang)
    ratio = f"{r['search_kb'] / material:.1%}" if material else "n/a"
    print(
        f"| {n} | {profile} | {lang} | {query} | {r['view_kb']:.0f} ({r['view_search']}) | {r['first_s']:.2f} |"
        f" {r['search_kb']:.0f} ({r['requests']}) | {ratio} | {r['shown']} |",
        flush=True,
    )


if __name__ == "__main__":
    main()
