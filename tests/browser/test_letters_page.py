"""The letters tool and the POA checker in headless Chromium, zh and en, at 360 px and desktop width."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

ROOT = Path(__file__).resolve().parents[2]
UP = "ip-complaint-utility-patent"
FIXTURES = ROOT / "tests" / "fixtures" / "poa_letters"
GENERIC_FILE = FIXTURES / "template-performance-metrics-not-ahr-uxup-odr-bad-logistics.json"
GENERIC = json.loads(GENERIC_FILE.read_text("utf-8"))["text"]
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
LANGS = {"zh": "", "en": "en/"}
CASE = "#kind=retraction&violation=" + UP + "&reason=never-sold&asins=B0ABCDEFG1&store=" + quote("Lumi Charms")


@pytest.fixture(params=[(s, lang) for s in SIZES for lang in LANGS], ids=lambda p: f"{p[0]}-{p[1]}")
def tool(request: pytest.FixtureRequest, browser: Browser, site_url: str):
    size, lang = request.param
    context = browser.new_context(viewport=SIZES[size])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    own = urlsplit(site_url).netloc
    page.foreign = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("request", lambda r: page.foreign.append(r.url) if urlsplit(r.url).netloc not in (own, "") else None)  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    page.on("dialog", lambda d: page.errors.append(f"dialog {d.message}"))  # type: ignore[attr-defined]
    yield page, f"{site_url}/{LANGS[lang]}tools/", lang
    assert page.foreign == [] and page.errors == []  # type: ignore[attr-defined]
    context.close()


def no_horizontal_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def open_letters(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".kb-letters[data-ready]", timeout=15_000)


def test_retraction_from_a_case_link_copy_and_print(tool) -> None:
    page, base, lang = tool
    open_letters(page, base + "letters/" + CASE)
    letter = page.locator("[data-kb=letter]")
    expect(letter).to_contain_text("Lumi Charms")
    expect(letter).to_contain_text("B0ABCDEFG1")
    expect(letter).to_contain_text("notice-retraction@amazon.com")
    expect(letter).to_contain_text("in error")
    expect(page.locator("[data-kb=missing]")).to_be_visible()  # the other facts are prompts
    expect(page.locator(".kb-letters__why").first).to_contain_text("开头" if lang == "zh" else "opening")
    page.locator("[data-kb=copy]").click()
    expect(page.locator("[data-kb=copy-status]")).not_to_be_empty()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("[data-kb=plain]").input_value()
    assert "Dear [the rights owner's name from the notice]," in copied and "<" not in copied
    no_horizontal_scroll(page)
    page.emulate_media(media="print")
    assert page.locator(".kb-letters__form").is_hidden()
    assert page.locator("[data-kb=copy]").is_hidden()
    assert page.locator(".kb-letters__text").first.is_visible()
    page.emulate_media(media="screen")


def test_no_retraction_without_a_valid_reason(tool) -> None:
    page, base, _ = tool
    open_letters(page, base + "letters/#kind=retraction&violation=" + UP + "&reason=none")
    expect(page.locator("[data-kb=letter-error]")).to_be_visible()
    expect(page.locator("[data-kb=letter]")).to_have_count(0)
    page.select_option("#kb-letter-reason", "right-expired")
    expect(page.locator("[data-kb=letter]")).to_contain_text("was no longer in force")


def test_build_dispute_and_poa_through_the_form(tool) -> None:
    page, base, _ = tool
    open_letters(page, base + "letters/")
    page.select_option("#kb-letter-kind", "dispute")
    page.select_option("#kb-letter-reason", "authorised")
    page.fill("#kb-letter-fact-store", "Lumi Charms")
    page.fill("#kb-letter-fact-asins", "B0ABCDEFG1")
    letter = page.locator("[data-kb=letter]")
    expect(letter).to_contain_text("authorisation of the rights owner")
    expect(letter).to_contain_text("1. The letter of authorisation or licence")
    assert "kind=dispute" in page.url and "store=Lumi%20Charms" in page.url
    page.select_option("#kb-letter-kind", "poa")
    page.select_option("#kb-letter-violation", UP)
    expect(letter).to_contain_text("Root causes")
    expect(letter).to_contain_text("[ROOT CAUSES:")
    expect(letter).to_contain_text("Lumi Charms")  # facts carry over between letter kinds
    expect(page.locator(".kb-letters__example").first).to_be_attached()
    no_horizontal_scroll(page)


def test_hostile_facts_stay_text(tool) -> None:
    page, base, _ = tool
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    open_letters(page, base + "letters/#kind=dispute&violation=" + UP + "&reason=never-sold&store=" + quote(evil))
    expect(page.locator("[data-kb=letter]")).to_contain_text(evil)
    assert page.locator(".kb-letters img, .kb-letters script").count() == 0


def open_checker(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".kb-check[data-ready]", timeout=15_000)


def test_checker_flags_a_generic_late_delivery_poa(tool) -> None:
    page, base, lang = tool
    open_checker(page, base + "poa-check/#violation=" + UP)
    assert page.input_value("#kb-check-violation") == UP
    page.fill("#kb-check-text", GENERIC)
    page.locator("[data-kb=check]").click()
    rules = page.locator(".kb-check__finding").evaluate_all("els => els.map(e => e.dataset.rule)")
    assert {"off-topic", "blame-others", "promises"} <= set(rules)
    off = page.locator("[data-rule=off-topic]")
    expect(off.locator("mark").first).to_have_text("ODR")
    expect(off).to_contain_text("删掉配送" if lang == "zh" else "Remove everything about delivery")
    expect(off.locator(".kb-check__sources a").first).to_have_attribute("href", r"https://sellercentral.amazon.com/seller-forums/discussions/t/2a2a4bce-7015-4844-a832-368e3345207c?postId=2a2a4bce-7015-4844-a832-368e3345207c")
    expect(page.locator("[data-kb=highlighted] mark").first).to_be_visible()
    no_horizontal_scroll(page)


def test_checker_hostile_paste(tool) -> None:
    page, base, _ = tool
    open_checker(page, base + "poa-check/")
    evil = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned=2'> we promise never again"
    page.fill("#kb-check-text", evil)
    page.locator("[data-kb=check]").click()
    expect(page.locator("[data-kb=markup]")).to_be_visible()
    expect(page.locator("[data-rule=promises]")).to_be_visible()
    assert page.locator(".kb-check script, .kb-check img").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.evaluate("t => { const a = document.querySelector('#kb-check-text'); a.value = t; }", "x" * 1_048_576)
    page.locator("[data-kb=check]").click()
    expect(page.locator("[data-kb=too-large]")).to_be_visible(timeout=5_000)
    expect(page.locator(".kb-check__finding")).to_have_count(0)
