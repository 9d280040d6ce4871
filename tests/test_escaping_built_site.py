"""Escaping is verified on the built HTML, not only on templates.

A valid entry full of markup tricks (each one allowed by the validator because it is
plain text) is built into a real site; no page may end up with contributor-made tags,
event-handler attributes, script URLs or images from another host.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

TRICKS = [
    "a < b && c > d",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{: onclick=alert(1) }",
    "![pixel](https://tracker.example/p.png)",
    '[click](https://example.com/" onmouseover="alert(1))',
    "# heading injection",
    '!!! danger "admonition injection"',
    "| table | injection |",
    ":material-alert: `code && stuff`",
    "*** --- ___",
    "5 < 6 > 4",
]


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src") and (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "img" and (dict(attrs).get("src") or "").startswith(("http:", "https:", "//")):
            self.problems.append(f"external image {dict(attrs).get('src')}")
        if tag in ("b", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}> from content")
        self.in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.problems.append("script containing alert(")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("tricky")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "kb_build", project / "kb_build", ignore=shutil.ignore_patterns("__pycache__"))
    generated = {"violations", "strategies", "warnings", "poa", "glossary", "tags"}
    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        ignore=lambda d, names: [n for n in names if Path(d) == ROOT / "docs" and n in generated],
    )
    shutil.copytree(ROOT / "tests" / "fixtures" / "corpus" / "data", project / "data")
    shutil.copy(ROOT / "data" / "jieba_user.txt", project / "data" / "jieba_user.txt")
    path = project / "data" / "violations" / "fixture-violation.yml"
    text = path.read_text("utf-8")
    tricks = "\n".join(f"  - {{zh: {_yaml_str(t)}, en: {_yaml_str(t)}}}" for t in TRICKS)
    text = text.replace("actions:\n", f"actions:\n{tricks}\n", 1)
    path.write_text(text, "utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "kb_build", "check", "--no-lint"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout  # every trick is valid text: escaping, not validation, must stop it
    site = project / "site"
    build = build_site(project, site, strict=False)  # hand-written pages link to real entries it lacks
    assert build.returncode == 0, build.stderr
    return site


@pytest.mark.parametrize("lang", ["", "en/"])
def test_tricks_render_as_text(tricky_site: Path, lang: str) -> None:
    page = tricky_site / lang / "violations" / "fixture-violation" / "index.html"
    html = page.read_text("utf-8")
    audit = _Audit()
    audit.feed(html)
    assert audit.problems == []
    text = _Text()
    text.feed(html)
    seen = " ".join(text.parts)
    assert "a < b && c > d" in seen  # what a reader sees, decoded by an HTML parser
    # actions are rich text: as in any Markdown, an entity is the character it names, shown as text
    assert "<script>alert(1)</script>" in seen
    assert "{: onclick=alert(1) }" in seen and "| table | injection |" in seen
    assert '!!! danger "admonition injection"' in seen and 'class="admonition danger"' not in html


def test_no_page_of_the_tricky_site_has_injected_markup(tricky_site: Path) -> None:
    problems = []
    for page in tricky_site.rglob("*.html"):
        audit = _Audit()
        audit.feed(page.read_text("utf-8"))
        problems += [f"{page.relative_to(tricky_site)}: {p}" for p in audit.problems]
    assert problems == []
