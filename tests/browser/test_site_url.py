"""A site built for another address works wherever it is served (issue: hard-coded base path).

Built with SITE_URL=https://mirror.example.org/kb/ and served at the root of a local server: no
page, feed or API file links to the default base path, and a browser walking the main pages
and the language switch sees no 404 and no console error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from kb_build import project
from tests.conftest import ROOT, build_site, serve

MIRROR = "https://mirror.example.org/kb/"
DEFAULT_PATH = project.base_path(project.DEFAULT_SITE_URL)  # '/account-health-kb/'
PAGES = ["", "ahr/", "guides/appeal-or-wait/", "tools/expiry/", "violations/", "glossary/", "warnings/"]


@pytest.fixture(scope="module")
def mirror_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("mirror")
    result = build_site(ROOT, site, env={"SITE_URL": MIRROR})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def mirror_url(mirror_site: Path) -> Iterator[str]:
    with serve(mirror_site) as url:
        yield url


def test_no_output_names_the_default_address(mirror_site: Path) -> None:
    default_host = project.DEFAULT_SITE_URL
    for path in mirror_site.rglob("*"):
        if path.suffix not in {".html", ".xml", ".json", ".js"} or not path.is_file():
            continue
        text = path.read_text("utf-8", errors="replace")
        assert default_host not in text, path
        assert f'"{DEFAULT_PATH}' not in text and f"'{DEFAULT_PATH}" not in text, path


def test_canonical_sitemap_and_api_follow_site_url(mirror_site: Path) -> None:
    assert f'<link rel="canonical" href="{MIRROR}ahr/">' in (mirror_site / "ahr" / "index.html").read_text("utf-8")
    assert f"<loc>{MIRROR}en/ahr/</loc>" in (mirror_site / "sitemap.xml").read_text("utf-8")
    assert f'"{MIRROR}api/v1/vocab.json"' in (mirror_site / "api" / "v1" / "index.json").read_text("utf-8")
    assert f"{MIRROR}feeds/warnings.en.xml" in (mirror_site / "feeds" / "warnings.en.xml").read_text("utf-8")


@pytest.mark.parametrize("width", [360, 1280])
def test_served_at_another_base_nothing_is_missing(page: Page, mirror_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    missing: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for lang_prefix in ("", "en/"):
        for rel in PAGES:
            page.goto(f"{mirror_url}/{lang_prefix}{rel}", wait_until="networkidle")
    # The language switch from the home pages lands on the other home page.
    page.goto(f"{mirror_url}/", wait_until="networkidle")
    href = page.locator('a.md-select__link[hreflang="en"]').get_attribute("href")
    page.goto(f"{mirror_url}/{href}", wait_until="networkidle")
    assert page.url == f"{mirror_url}/en/"
    assert missing == []
    assert errors == []
