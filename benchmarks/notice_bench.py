"""Case assistant benchmark: decode time of a 20 KB notice in Chromium, and the page's own script weight.

    .venv/bin/python benchmarks/notice_bench.py [--site DIR] [--runs 30]

Without --site the real site is built into a temporary folder first (mkdocs build --strict). The 20 KB
notice is made of the real notices in tests/fixtures/notices/ joined end to end (no invented text).
Targets (issue 11): decode under 50 ms, the page's own scripts under 60 KB gzipped.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser_launch import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

SIZE = 20_000


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def notice_text(size: int = SIZE) -> str:
    texts = [json.loads(p.read_text("utf-8"))["text"] for p in sorted((ROOT / "tests/fixtures/notices").glob("*.json"))]
    out = ""
    while len(out) < size:
        for t in texts:
            out += t + "\n\n"
            if len(out) >= size:
                break
    return out[:size]


def build(dest: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)], cwd=ROOT, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    tmp = None
    site = args.site
    if site is None:
        tmp = tempfile.TemporaryDirectory()
        site = Path(tmp.name) / "site"
        build(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    scripts: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: scripts.append(urlsplit(r.url).path) if r.resource_type == "script" else None)
        page.goto(base + "/tools/case/")
        page.wait_for_selector(".kb-case[data-ready]")
        times = page.evaluate(
            """async ([text, runs]) => {
                 const { decodeNotice } = await import('/javascripts/case/decode.js');
                 const rules = await (await fetch('/api/v1/notice-rules.json')).json();
                 decodeNotice(text, rules);
                 const out = [];
                 for (let i = 0; i < runs; i++) {
                   const t0 = performance.now();
                   decodeNotice(text, rules);
                   out.push(performance.now() - t0);
                 }
                 return out;
               }""",
            [notice_text(), args.runs],
        )
        browser.close()
    server.shutdown()
    own = sorted({p for p in scripts if p.startswith("/javascripts/")})
    sizes = {p: len(gzip.compress((site / p.lstrip("/")).read_bytes(), 9)) for p in own}
    median = statistics.median(times)
    print(f"decode of a {SIZE // 1000} KB notice in Chromium: median {median:.1f} ms, max {max(times):.1f} ms "
          f"over {args.runs} runs (target < 50 ms)")
    total = sum(sizes.values())
    case = sum(v for p, v in sizes.items() if "/case/" in p or "/expiry/" in p)
    print(f"page's own scripts: {len(own)} files, {total / 1024:.1f} KB gzipped in all "
          f"({case / 1024:.1f} KB for the case modules and the calculator modules they import; target < 60 KB)")
    for p in own:
        print(f"  {sizes[p]:>6} B  {p}")
    if tmp is not None:
        tmp.cleanup()
    return 0 if median < 50 and total < 60 * 1024 else 1


if __name__ == "__main__":
    raise SystemExit(main())
