"""The HTML cache (kb_build/render/html_cache.py, wired in kb_build/mkdocs_hook.py) may only save
time: a build that takes pages from it writes exactly the site a build from scratch writes."""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb_build import mkdocs_hook, project
from kb_build.render.html_cache import CACHE_DIR, HtmlCache
from tests.conftest import ROOT, mkdocs_env

HITS = re.compile(r"kb_build: (\d+) page\(s\) converted from the HTML cache")


def _copy_project(dest: Path) -> Path:
    generated = {*project.GENERATED_DIRS, "tags"}
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("data", "kb_build"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=lambda d, names: [
        n for n in names if Path(d) == ROOT / "docs" and n in generated
    ])
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # Pagefind's binary
    return dest


def _build(project_dir: Path, site: Path, *, quiet: bool = False) -> int:
    """Build (not quiet unless asked: a quiet build does not store pages); return the cache hits."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)] + (["-q"] if quiet else [])
    done = subprocess.run(cmd, cwd=project_dir, env=mkdocs_env(), capture_output=True, text=True, timeout=900,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    found = HITS.search(done.stderr)
    return int(found.group(1)) if found else 0


def _tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _records(project_dir: Path) -> int:
    return len(list((project_dir / CACHE_DIR).glob("*/*.json")))


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """A project built twice: (project, site of the first build, hits of the second)."""
    base = tmp_path_factory.mktemp("html-cache")
    (base / "project").mkdir()
    proj = _copy_project(base / "project")
    assert _build(proj, base / "cold") == 0
    hits = _build(proj, base / "warm")
    return proj, base, hits


def test_a_second_build_converts_no_generated_page_and_writes_the_same_site(warm: tuple[Path, Path, int]) -> None:
    proj, base, hits = warm
    generated = [p for p in (proj / "docs").rglob("*.md") if p.relative_to(proj / "docs").parts[0]
                 in project.GENERATED_DIRS]
    assert hits == len(generated) == _records(proj)
    assert _tree(base / "warm") == _tree(base / "cold")


def test_after_an_edit_the_cached_build_equals_a_build_from_scratch(warm: tuple[Path, Path, int]) -> None:
    proj, base, _ = warm
    entry = next((proj / "data" / "violations").glob("*.yml"))
    entry.write_text(entry.read_text("utf-8").replace("summary:\n  zh: ", "summary:\n  zh: 改过的一句。", 1), "utf-8")
    before = _records(proj)
    hits = _build(proj, base / "edited")
    # converted again: the entry's Chinese page (only its Chinese text changed), and at most the
    # index pages that print its summary
    assert 1 <= before - hits <= 3
    shutil.rmtree(proj / ".cache")
    assert _build(proj, base / "scratch", quiet=True) == 0
    assert _tree(base / "edited") == _tree(base / "scratch")
    assert "改过的一句" in (base / "edited" / "violations" / entry.stem / "index.html").read_text("utf-8")


def test_a_quiet_build_stores_nothing(tmp_path: Path) -> None:
    proj = _copy_project(tmp_path)
    _build(proj, tmp_path / "site", quiet=True)
    assert _records(proj) == 0


def test_a_page_that_logs_while_converting_is_not_stored(tmp_path: Path) -> None:
    """Driven through the hook with MkDocs' own objects: a generated page links to a missing page."""
    (tmp_path / "docs" / "violations").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions: [toc]\n", "utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    mkdocs_hook._Html.cache = HtmlCache(tmp_path, b"t")
    try:
        for name, text in (("bad.md", "# Bad\n\n[x](missing.md)\n"), ("good.md", "# Good\n\n## Part\n")):
            (tmp_path / "docs" / "violations" / name).write_text(text, "utf-8")
            file = File(f"violations/{name}", str(tmp_path / "docs"), str(tmp_path / "site"), True)
            files = Files([file])
            page = Page(None, file, config)
            page.read_source(config)
            mkdocs_hook.on_files(files, config)
            markdown = mkdocs_hook.on_page_markdown(page.markdown or "", page=page, config=config)
            page.markdown = markdown
            page.render(config, files)
            mkdocs_hook.on_page_content(page.content or "", page=page, config=config, files=files)
        assert _records(tmp_path) == 1  # good.md only
        # and the stored page comes back with its table of contents
        page = Page(None, file, config)
        page.read_source(config)
        assert mkdocs_hook.on_page_markdown(page.markdown or "", page=page, config=config) == ""
        page.markdown = ""
        page.render(config, files)
        html = mkdocs_hook.on_page_content(page.content or "", page=page, config=config, files=files)
        assert 'id="part"' in html and [a.id for a in page.toc.items[0].children] == ["part"]
    finally:
        mkdocs_hook._Html.cache = None
