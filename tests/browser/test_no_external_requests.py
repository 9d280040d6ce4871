"""Load every kind of page in both languages and fail on any request to another host."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

KINDS = [
    "",
    "ahr/",
    "guides/appeal-or-wait/",
    "tools/expiry/",
    "tools/case/",
    "tools/letters/",
    "tools/poa-check/",
    "strategies/after-deactivation/",
    "violations/",
    "violations/ip-complaint-utility-patent/",
    "strategies/",
    "strategies/rights-owner-retraction/",
    "warnings/",
    "warnings/crocs-jibbitz-charms/",
    "poa/",
    "poa/poa-crocs-charms-utility-patent/",
    "glossary/",
    "no-such-page/",
]


@pytest.mark.parametrize("lang", ["", "en/"])
def test_pages_only_talk_to_their_own_host(page: Page, site_url: str, built_site: Path, lang: str) -> None:
    own = urlsplit(site_url).netloc
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (own, "") else None)
    for kind in KINDS:
        # every kind listed must exist: a page that silently went missing must not pass by being skipped
        assert kind == "no-such-page/" or (built_site / lang / kind / "index.html").exists(), kind
        page.goto(f"{site_url}/{lang}{kind}")
        page.wait_for_load_state("networkidle")
        if kind == "no-such-page/":
            continue
        # open search, which loads the search UI, Pagefind and the index chunks for a query
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").fill("a")
        page.keyboard.press("End")
        page.wait_for_load_state("networkidle")
    assert foreign == []
