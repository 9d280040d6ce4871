"""Reading on a phone (issue 14): the glossary, entry pages that open with their answer, the home page's routes."""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypinyin import Style, lazy_pinyin

PHONE = {"width": 360, "height": 780}
CROCS = "warnings/crocs-jibbitz-charms/"
POA = "poa/poa-crocs-charms-utility-patent/"
TERM = re.compile(r'<details class="kb-term" id="([^"]+)">\s*<summary><strong>(.*?)</strong>', re.S)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def screens(page: Page) -> float:
    return page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]


def pinyin_key(term: str) -> list[str]:
    return [w for chunk in lazy_pinyin(term, style=Style.NORMAL) for w in re.findall(r"[a-z0-9]+", chunk.lower())]


def test_chinese_glossary_is_in_pinyin_order(built_site: Path) -> None:
    html = (built_site / "glossary" / "index.html").read_text("utf-8")
    terms = [re.sub(r"<[^>]+>", "", t) for _, t in TERM.findall(html)]
    assert len(terms) > 40
    keys = [pinyin_key(t) for t in terms]
    digits = [k for k in keys if k[0][0].isdigit()]
    assert keys[: len(digits)] == digits, "terms starting with a number come first, under #"
    letters = keys[len(digits) :]
    assert letters == sorted(letters), [t for t, k in zip(terms, keys, strict=True) if k in letters][:20]
    # 封号 (feng hao) files under F, after AHA and before 账户健康页面 (zhang hu ...)
    assert terms.index("AHA") < terms.index("封号") < terms.index("账户健康页面")


def test_english_glossary_is_in_alphabetical_order(built_site: Path) -> None:
    html = (built_site / "en" / "glossary" / "index.html").read_text("utf-8")
    terms = [re.sub(r"<[^>]+>", "", t).lower() for _, t in TERM.findall(html)]
    assert terms == sorted(terms, key=lambda t: (not t[0].isdigit(), t))


@pytest.mark.parametrize("lang", ["", "en/"])
def test_glossary_opens_short_with_a_letter_index(phone: Page, site_url: str, lang: str) -> None:
    phone.goto(f"{site_url}/{lang}glossary/")
    assert screens(phone) < 10
    letters = phone.locator(".kb-letters a")
    assert letters.count() >= 10
    expect(letters.first).to_be_in_viewport()
    letters.nth(3).click()
    target = letters.nth(3).get_attribute("href")
    expect(phone.locator(target)).to_be_in_viewport()


def test_old_term_anchors_open_their_term(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/en/glossary/#shoe-charms")
    term = phone.locator("details#shoe-charms")
    expect(term).to_have_attribute("open", "")
    expect(term.locator("summary")).to_be_in_viewport()
    # a link to another term on the same page opens that one too
    term.locator("a[href$='#foam-clogs']").first.click()
    expect(phone.locator("details#foam-clogs")).to_have_attribute("open", "")
    expect(phone.locator("details#foam-clogs > summary")).to_be_in_viewport()


def test_glossary_filter(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/glossary/")
    box = phone.get_by_label("筛选术语（中文或英文）")
    box.fill("鞋花")
    visible = phone.locator("details.kb-term:visible")
    assert 1 <= visible.count() <= 10
    expect(phone.locator("details#shoe-charms")).to_be_visible()
    box.fill("")
    assert phone.locator("details.kb-term:visible").count() > 40


@pytest.mark.parametrize("lang", ["", "en/"])
def test_home_first_screen_routes_the_three_situations(phone: Page, site_url: str, lang: str) -> None:
    phone.goto(f"{site_url}/{lang}")
    for target in ("tools/case/", "tools/expiry/", "guides/appeal-or-wait/", "strategies/after-deactivation/", "poa/"):
        link = phone.locator(f".kb-routes a[href$='{target}']").first
        expect(link).to_be_in_viewport()
    expect(phone.locator(".kb-routes")).to_contain_text("账户被停用了怎么办" if not lang else "deactivated")
    # contributing and the API are in the footer, not in the sellers' menu
    assert phone.locator(".md-nav a[href$='contributing/']").count() == 0
    for href in phone.locator(".md-copyright a[href$='contributing/'], .md-copyright a[href$='api/']").evaluate_all(
        "els => els.map(a => a.href)"
    ):
        with urllib.request.urlopen(href) as resp:
            assert resp.status == 200, href
            assert (b'<html lang="en"' in resp.read()) == bool(lang)


def test_titles_footer_and_header(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/")
    assert phone.title() == "账户健康知识库"
    phone.goto(f"{site_url}/en/")
    assert phone.title() == "Account Health KB"
    assert not re.search(r"[\u4e00-\u9fff]", phone.locator(".md-copyright").inner_text())
    title = phone.locator(".md-header__topic .md-ellipsis").first
    assert title.evaluate("el => el.scrollWidth <= el.clientWidth"), "the English site name is cut off"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_entry_pages_open_with_their_answer(phone: Page, site_url: str, lang: str) -> None:
    for path in (CROCS, POA, "violations/ip-complaint-utility-patent/", "strategies/after-deactivation/"):
        phone.goto(f"{site_url}/{lang}{path}")
        first = phone.locator("article h1 ~ *").first
        expect(first).to_have_class(re.compile(r"\bkb-answer\b"))
        expect(first).to_be_in_viewport()
        jumps = phone.locator("nav .kb-jump--toc a")
        expect(jumps.first).to_be_visible()
        for href in jumps.evaluate_all("els => els.map(a => a.getAttribute('href'))"):
            assert phone.locator(href).count() == 1, (path, href)
        assert screens(phone) < 25, path


def test_wide_tables_stack_on_a_phone(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/{CROCS}")
    table = phone.locator("#rights ~ .md-typeset__scrollwrap table").first
    expect(table).to_have_attribute("data-kb-stack", "")
    assert table.evaluate("t => t.getBoundingClientRect().right <= window.innerWidth")
    cell = table.locator("tbody td").nth(3)
    assert cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"').startswith("法域")


def test_poa_letter_has_a_copy_button(phone: Page, site_url: str) -> None:
    phone.goto(f"{site_url}/en/{POA}")
    expect(phone.get_by_role("button", name="Copy the letter")).to_be_visible()
    button = phone.locator("button.kb-copy")
    button.click()
    expect(button).to_have_text("Copied")
    copied = phone.evaluate("navigator.clipboard.readText()")
    letter = phone.locator("#kb-letter-text p").first.inner_text()
    assert copied.startswith(letter.strip()[:40])
    assert "\n\n" in copied
