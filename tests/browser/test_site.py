"""Browser tests on the built site: language switch and per-language search (Pagefind)."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

CROCS = "warnings/crocs-jibbitz-charms/"
WAIT_FOR = "q => document.querySelector('[data-kb-search]').dataset.kbQuery === q"
DONE = "() => document.querySelector('[data-kb-search]').dataset.kbQuery !== undefined"


def search(page: Page, query: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    # the dialog marks the (normalised) query it has rendered; the test queries need no normalising
    page.wait_for_function(WAIT_FOR, arg=query.strip().lower(), timeout=15000)
    expect(page.locator(".md-search-result__list li").first).to_be_visible(timeout=15000)


def result_links(page: Page) -> list[str]:
    return page.locator(".md-search-result__list > li > a:first-child").evaluate_all("els => els.map(e => e.href)")


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
    # the result link carries the whole query for highlighting on the page
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
    page.wait_for_function(DONE, timeout=15000)
    links = result_links(page)
    assert all("/en/" in link for link in links), links


def test_no_search_bytes_until_the_reader_searches(page: Page, site_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(f"{site_url}/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in urls if "/pagefind/" in u or "search_index" in u or "/search/ui.js" in u], urls
    with page.expect_request(re.compile(r"/pagefind/pagefind\.zh_\w+\.pf_meta$")):
        page.locator(".md-search__input").first.focus()  # focus loads the engine and page list
    assert any(u.endswith("/pagefind/pagefind.js") for u in urls), urls
    assert not [u for u in urls if "/pagefind/index/" in u or "/pagefind/fragment/" in u], urls
    page.locator("input.md-search__input").fill("鞋花")
    page.wait_for_function(DONE, timeout=15000)
    assert [u for u in urls if "/pagefind/index/" in u] and [u for u in urls if "/pagefind/fragment/" in u]


def test_keyboard_opens_and_closes_the_dialog(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/ahr/")
    dialog = page.get_by_role("dialog", name="站内搜索")
    expect(dialog).to_have_count(1)
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    assert page.locator("#__search").is_checked()
    page.keyboard.type("申诉")
    page.wait_for_function(DONE, timeout=15000)
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_the_result_page_highlights_the_query(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    search(page, "鞋花")
    page.locator(".md-search-result__list > li > a:first-child").first.click()
    page.wait_for_url(re.compile(r"/warnings/crocs-jibbitz-charms/\?h="))
    marks = page.locator("[data-pagefind-body] mark[data-md-highlight]")
    expect(marks.first).to_be_visible()
    assert set(marks.all_inner_texts()) == {"鞋花"}


def test_results_are_grouped_by_page(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/en/")
    search(page, "retraction")
    item = page.locator(".md-search-result__list > li").first
    links = item.locator("a").evaluate_all("els => els.map(e => e.href)")
    assert len(links) > 1 and all(link.split("#")[0].split("?")[0] == links[0].split("?")[0] for link in links), links


def test_search_fits_a_360px_phone_in_dark_mode(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme="dark", is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill("亚马逊账户状况评级 180天")
    page.wait_for_function(DONE, timeout=15000)
    box = page.locator(".md-search-result__list").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    context.close()
