"""Seeded hostile corpora for tests/test_hostile_site.py.

`hostile_project(dest, seed)` copies the real project and overwrites every text and URL field of a
few entries per collection (and every vocabulary title) with payloads from PAYLOADS / URLS, mixed
by a seeded generator. A payload the model refuses for a field is swapped for the next one, and
anything `check` still reports as an error is put back to its original value: the test is about
what passes the input side.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import yaml

from kb_build.check import check_corpus
from kb_build.load.yaml_safe import load_bytes
from kb_build.model.entries import MODELS, PAGE_COLLECTIONS
from kb_build.model.vocab import Vocab
from tests.clock import TODAY

PAYLOADS = [
    'x"><video src=x onerror=alert(document.domain) y="',
    "T <details open ontoggle=alert(1) ",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</title></textarea></style><script>alert(1)</script>",
    "x](https://evil.example/phish) [y",
    "[x][r]\n\n[r]: ms-msdt:id%20PCWDiagnostic",
    "[x][r]\n\n[r]: //evil.example/",
    "[x][r]\n\n[r]: ftp://evil.example/",
    "[x][r]\n\n[r]: #nope",
    "[x][r] [r]: javascript:alert(1)",
    "[click](javascript:alert(1))",
    '[a](https://example.com/" onmouseover="alert(1))',
    "[t](https://example.com/ 'title\" onmouseover=alert(1) x=')",
    "![p](https://tracker.example/p.png)",
    "![p][i]\n\n[i]: https://tracker.example/p.png",
    "<https://example.com/\" onclick=\"alert(1)>",
    "<mailto:a@b.example>",
    "text {: onclick=alert(1) }",
    "# h\n{: onclick=alert(1) #x .y }",
    '!!! danger "x"\n    <b>y</b>',
    '??? note "x"\n    body',
    '<div markdown="1">*x* <span onclick=alert(1)>y</span></div>',
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "a | b || c \\| d",
    "\u202eevil\u202c \u200b \u2066iso\u2069",
    "emoji 😀🇨🇳 ‍",
    "key: value # not a comment",
    "- list\n1. item\n> quote\n---\n***",
    "`code <b>` **b** _i_ ~~s~~",
    "&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62;",
    "\x80 C1 \x85 next",
    "' \" \\ }}{{ {% raw %} ${x}",
    "<!-- c --> <![CDATA[x]]> <?php ?>",
    "\x02wzxhzdk:0\x03",
    "[[1]](#source-99)",
    "<a href=https://evil.example>x</a>",
    "%3Cscript%3E",
    "\u2028line\u2029para",
    "\x07bell \x1b[31m",
    "    indented <b>code</b>",
    "```\n<script>alert(1)</script>\n```",
    "@@@ ::: +++ === ^^^",
    "\ud800 lone",
]
URLS = [
    "https://example.com/)[click](javascript:alert(1))",
    "https://sellercentral.amazon.com@evil.example/",
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/a|b",
    "https://example.com/<script>",
    "javascript:alert(1)",
    "data:text/html,x",
    "//evil.example/",
    "http://example.com/",
    "ftp://example.com/",
    "ms-msdt:x",
    "https://example.com/#nope",
    "https://example.com/{: onclick=x}",
    "https://例え.jp/パス",
    "https://example.com/a b",
    "https://example.com/\u202e",
    "https://example.com/`c`*x*_y_(z)",
    "https://example.com/?q=<b>&x='y'",
]
TEXT_KEYS = {"zh", "en", "title", "publisher", "holder", "court", "number", "parties", "official_zh", "english", "text"}
LIST_TEXT_KEYS = {"numbers", "seller_usage"}


def _leaves(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    out: list[tuple[tuple, str]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            if isinstance(v, str) and (k in TEXT_KEYS or k == "url"):
                out.append(((*path, k), k))
            elif isinstance(v, list) and k in LIST_TEXT_KEYS:
                out += [((*path, k, i), k) for i, x in enumerate(v) if isinstance(x, str)]
            else:
                out += _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _leaves(v, (*path, i))
    return out


def _get(data: Any, path: tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _payload(rng: random.Random, kind: str) -> list[str]:
    pool = URLS if kind == "url" else PAYLOADS
    picks = rng.sample(pool, 4)
    if kind != "url":
        picks.insert(1, rng.choice(PAYLOADS) + rng.choice([" ", "\n\n", ""]) + rng.choice(PAYLOADS))
    return picks


def _poison(data: Any, rng: random.Random, valid: Any) -> dict[tuple, Any]:
    """Overwrite leaves with payloads the model accepts; returns the originals of what changed."""
    originals: dict[tuple, Any] = {}
    for path, kind in _leaves(data):
        original = _get(data, path)
        for candidate in _payload(rng, kind):
            _set(data, path, candidate)
            if valid(data):
                originals[path] = original
                break
        else:
            _set(data, path, original)
    return originals


def _valid(model: Any) -> Any:
    def check(data: Any) -> bool:
        try:
            model.model_validate(data)
        except Exception:  # any refusal means: try the next payload
            return False
        return True

    return check


def hostile_project(dest: Path, root: Path, seed: int, per_collection: int = 2) -> tuple[Path, list[str]]:
    """A copy of the project whose chosen entries and vocab hold payloads; returns (project, hostile refs)."""
    rng = random.Random(seed)
    shutil.copy(root / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(root / "kb_build", dest / "kb_build", ignore=shutil.ignore_patterns("__pycache__"))
    generated = {*PAGE_COLLECTIONS, "tags"}
    shutil.copytree(
        root / "docs", dest / "docs", ignore=lambda d, n: [x for x in n if Path(d) == root / "docs" and x in generated]
    )
    # The committed data (a colleague's half-written entry in the working tree is not ours to judge).
    archive = subprocess.run(["git", "archive", "HEAD", "data"], cwd=root, capture_output=True, check=False)
    if archive.returncode == 0:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(dest, filter="data")
    else:
        shutil.copytree(root / "data", dest / "data")
    if (root / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(root / "node_modules")
    root_data = dest / "data.orig"
    shutil.copytree(dest / "data", root_data)
    targets: dict[Path, dict[tuple, Any]] = {}
    vocab_path = dest / "data" / "vocab.yml"
    files = [vocab_path]
    for collection in PAGE_COLLECTIONS:
        names = sorted((dest / "data" / collection).glob("*.yml"))
        files += rng.sample(names, min(per_collection, len(names)))
    refs = []
    for path in files:
        data = yaml.safe_load(path.read_text("utf-8"))
        collection = path.parent.name
        model = Vocab if path == vocab_path else MODELS[collection]
        targets[path] = _poison(data, rng, _valid(model))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        if path != vocab_path:
            refs.append(f"{collection}/{path.stem}")
    pristine = {path: (root_data / path.relative_to(dest / "data")).read_text("utf-8") for path in targets}
    for attempt in range(40):  # put back what the input side refuses
        errors = [d for d in check_corpus(dest, today=TODAY).errors]
        if not errors:
            return dest, refs
        ours = [d for d in errors if targets.get(dest / d.path)]  # others' errors may follow from ours
        if not ours:
            raise AssertionError(f"the clean part of the corpus fails check: {errors[0].format()}")
        for d in ours[:1] if ours[0].code == "KB001" else ours:
            path = dest / d.path
            originals = targets[path]
            if attempt >= 12:  # the field cannot be found from the line: give the file back whole
                path.write_text(pristine[path], "utf-8")
                originals.clear()
                continue
            data = yaml.safe_load(path.read_text("utf-8"))
            positions = load_bytes(path.read_bytes()).positions
            before = [(positions.get(p, (0, 0))[0], p) for p in originals if positions.get(p, (0, 0))[0] <= d.line]
            p = max(before)[1] if before else next(iter(originals))
            _set(data, p, originals.pop(p))
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    raise AssertionError("could not reach a corpus that passes check")
