"""Browser tests on the built site: language switch and per-language search."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

CROCS = "warnings/crocs-jibbitz-charms/"


def search(page: Page, query: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    page.keyboard.press("End")  # Material searches on keyup
    expect(page.locator(".md-search-result__list li").first).to_be_visible(timeout=15000)


def result_links(page: Page) -> list[str]:
    return page.locator(".md-search-result__list a").evaluate_all("els => els.map(e => e.href)")


def switch_language(page: Page, lang: str) -> None:
    page.locator(".md-header .md-select").first.hover()  # the menu opens on hover or focus
    page.locator(f".md-header .md-select a[hreflang='{lang}']").first.click()


def test_language_switch_keeps_the_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{CROCS}")
    switch_language(page, "en")
    page.wait_for_url(re.compile(r"/en/warnings/crocs-jibbitz-charms/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).not_to_have_text(re.compile(r"[\u4e00-\u9fff]"))
    switch_language(page, "zh")
    page.wait_for_url(re.compile(rf"{re.escape(site_url)}/warnings/crocs-jibbitz-charms/$"))


def test_chinese_search_finds_the_charms_warning(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    search(page, "鞋花")
    links = result_links(page)
    assert CROCS in links[0], links
    assert not any("/en/" in link for link in links), links
    # the whole word is searched, not just its first character (kb_build.publish.material_patch)
    assert "h=%E9%9E%8B%E8%8A%B1" in links[0], links
    assert not any(link.endswith("h=%E9%9E%8B") or "h=%E9%9E%8B#" in link for link in links), links


def test_seller_words_find_their_entries(page: Page, site_url: str) -> None:
    for query, expected in (
        ("发明专利", "violations/ip-complaint-utility-patent/"),
        ("撤回投诉", "strategies/rights-owner-retraction/"),
    ):
        page.goto(f"{site_url}/")
        search(page, query)
        links = result_links(page)
        assert any(expected in link for link in links[:8]), (query, links[:8])


def test_english_words_with_suffixes_are_found(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/")
    search(page, "retraction")
    links = result_links(page)
    assert any("/en/strategies/rights-owner-retraction/" in link for link in links), links


def test_english_search_finds_the_english_page_only(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/")
    search(page, "Jibbitz")
    links = result_links(page)
    assert any(f"/en/{CROCS}" in link for link in links), links
    assert all("/en/" in link for link in links), links


def test_chinese_query_on_english_site_finds_no_chinese_pages(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("鞋花")
    page.keyboard.press("End")
    page.wait_for_timeout(1500)
    links = result_links(page)
    assert all("/en/" in link for link in links), links
