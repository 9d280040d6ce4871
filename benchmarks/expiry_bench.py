"""How long 1,000 violations take to compute and render in Chromium (printed, never asserted).

    .venv/bin/python benchmarks/expiry_bench.py            # builds the site into a temp dir first
    .venv/bin/python benchmarks/expiry_bench.py --site site # uses an existing build

Target from issue 3: under 50 ms for compute + render. Also printed: the calculator's own script weight
(docs/javascripts/expiry/*.js, raw and gzipped) and how fast hostile links (49,000 and 99,000 items) are refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from kb_build.expiry import compute_expiry  # noqa: E402
from tests.browser_launch import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TODAY = dt.date(2024, 5, 16)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_site(dest: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(dest)], cwd=ROOT, env=env, check=True)


def make_items(rules: dict, n: int, seed: int = 1) -> list[dict[str, str]]:
    rng = random.Random(seed)
    types = sorted(rules["types"])
    items = []
    for _ in range(n):
        date = TODAY - dt.timedelta(days=rng.randrange(0, 200))
        item = {"type": rng.choice(types), "date": date.isoformat()}
        if rng.random() < 0.1:
            item["resolved_on"] = (date + dt.timedelta(days=rng.randrange(0, (TODAY - date).days + 1))).isoformat()
        items.append(item)
    return items


def fragment(items: list[dict[str, str]]) -> str:
    parts = [f"{i['type']}:{i['date']}" + (f":{i['resolved_on']}" if "resolved_on" in i else "") for i in items]
    return f"#v=1&today={TODAY.isoformat()}&items={','.join(parts)}"


JS_MEASURE = """async ([rules, input, runs]) => {
  const { computeExpiry } = await import(new URL('../../javascripts/expiry/compute.js', location.href).href);
  const app = document.querySelector('.kb-expiry').kbExpiry;
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (f) => {
    document.body.offsetHeight;
    const t = performance.now();
    f();
    document.body.offsetHeight;
    return performance.now() - t;
  };
  const m = { compute: [], update: [], all: [], inputs: [] };
  for (let i = 0; i < runs; i++) {
    m.compute.push(time(() => computeExpiry(input, rules)));
    app.view.showAllResults = false;
    m.update.push(time(() => app.render({ inputs: false })));
    app.view.showAllResults = true;
    m.all.push(time(() => app.render({ inputs: false })));
    app.view.showAllInputs = true;
    m.inputs.push(time(() => app.renderInputs()));
    app.view.showAllInputs = false;
    app.renderInputs();
  }
  app.view.showAllResults = false;
  app.render();
  return { compute: median(m.compute), update: median(m.update), all: median(m.all), inputs: median(m.inputs),
           rows: document.querySelectorAll('[data-kb=table] tbody tr').length };
}"""


def script_weight() -> tuple[int, int, int]:
    files = sorted((ROOT / "docs" / "javascripts" / "expiry").glob("*.js"))
    raw = b"".join(f.read_bytes() for f in files)
    each_gz = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    return len(files), len(raw), each_gz


def hostile_load(page: Any, base: str, n: int) -> float:
    page.goto("about:blank")
    t = time.perf_counter()
    page.goto(f"{base}#v=1&items=" + ",".join(["a"] * n))
    page.wait_for_selector(".kb-expiry[data-ready]", timeout=60_000)
    return (time.perf_counter() - t) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="an existing build (default: build into a temp dir)")
    parser.add_argument("-n", type=int, default=1000, help="number of violations (default 1000)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            t = time.perf_counter()
            build_site(site)
            print(f"site build: {time.perf_counter() - t:.1f} s")
        rules = json.loads((site / "api/v1/expiry-rules.json").read_text(encoding="utf-8"))
        items = make_items(rules, args.n)
        data = {"today": TODAY.isoformat(), "violations": items}

        t = time.perf_counter()
        for _ in range(args.runs):
            compute_expiry(data, rules)
        print(f"Python compute_expiry, {args.n} violations: {(time.perf_counter() - t) / args.runs * 1000:.1f} ms")

        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/tools/expiry/{fragment(items)}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                t = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(".kb-expiry[data-ready]", timeout=60_000)
                load = time.perf_counter() - t
                m = page.evaluate(JS_MEASURE, [rules, data, args.runs])
                base = url.split("#", maxsplit=1)[0]
                hostile = {n: hostile_load(page, base, n) for n in (49_000, 99_000)}
                browser.close()
        finally:
            server.shutdown()
    n = args.n
    print(f"Chromium, {n} violations, median of {args.runs} runs (times include style and layout):")
    print(f"  computeExpiry only:                                   {m['compute']:6.1f} ms")
    print(
        f"  compute + render results ({m['rows']} table rows shown, charts): {m['update']:6.1f} ms   (target < 50 ms)"
    )
    print(f"  compute + render results with all {n} table rows:       {m['all']:6.1f} ms")
    print(f"  render all {n} editable input rows ('Show all'):        {m['inputs']:6.1f} ms")
    print(f"  page load from a {len(fragment(items))}-character link to ready: {load * 1000:.0f} ms")
    for k, ms in hostile.items():
        print(f"  page load from a hostile {k:,}-item link to ready (refused with a message): {ms:6.0f} ms")
    count, raw, gz = script_weight()
    print(f"Calculator script: {count} modules, {raw / 1024:.1f} KB raw, {gz / 1024:.1f} KB gzipped (file by file)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
