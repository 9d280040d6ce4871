"""The case assistant page (/tools/case/) in headless Chromium, at 360 px and on a desktop, in zh and en.

A real notice from tests/fixtures/notices/ is pasted, one field corrected, the plan read, the .ics parsed with
icalendar, the print layout checked as an A4 PDF, the share link opened in a fresh context, and hostile pastes
thrown at it. The browser clock is frozen (page.clock): never the real clock.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import Browser, Page, expect

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests/fixtures/notices"
NOTICE = json.loads((FIXTURES / "en-deactivation-ip-inauthentic-leexue-no-spaces.json").read_text("utf-8"))
ZH_NOTICE = json.loads((FIXTURES / "zh-related-account-deactivation-88bfru-250840-de.json").read_text("utf-8"))
NOW = dt.datetime(2026, 6, 1, 10, 0)
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}
URL = {"zh": "/tools/case/", "en": "/en/tools/case/"}
SCREENS = [pytest.param("zh", PHONE, id="zh-360"), pytest.param("en", DESKTOP, id="en-desktop"),
           pytest.param("en", PHONE, id="en-360"), pytest.param("zh", DESKTOP, id="zh-desktop")]
READ = {"zh": "读取通知", "en": "Read the notices"}
TITLE = {"zh": "知识产权投诉：假冒", "en": "counterfeit"}


def open_case(page: Page, site_url: str, lang: str, fragment: str = "") -> list[str]:
    hosts: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: hosts.append(urlsplit(r.url).hostname or r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.set_fixed_time(NOW)
    page.goto(site_url + URL[lang] + fragment)
    page.wait_for_selector(".kb-case[data-ready]", timeout=10_000)
    page.errors = errors  # type: ignore[attr-defined]
    return hosts


def paste(page: Page, text: str, lang: str) -> float:
    """Paste `text`, press Read; return how long the page was busy (ms)."""
    return page.evaluate(
        """([text, label]) => {
             const area = document.querySelector('.kb-case textarea');
             area.value = text;
             const t0 = performance.now();
             [...document.querySelectorAll('.kb-case button')].find((b) => b.textContent === label).click();
             return performance.now() - t0;
           }""",
        [text, READ[lang]],
    )


@pytest.mark.parametrize(("lang", "screen"), SCREENS)
def test_paste_correct_and_plan(page: Page, site_url: str, lang: str, screen: dict) -> None:
    page.set_viewport_size(screen)
    hosts = open_case(page, site_url, lang)
    paste(page, NOTICE["text"], lang)
    notice = page.locator(".kb-case__notice").first
    expect(notice.locator("h3")).to_contain_text(TITLE[lang], ignore_case=True)
    marks = notice.locator("mark").all_inner_texts()
    assert any("rightsownercomplaints" in m for m in marks)  # the deciding words, highlighted in the original text
    found = notice.locator(".kb-case__found").inner_text()
    for asin in NOTICE["expect"]["asins"]:
        assert asin in found
    assert "pq-review@amazon.com" in found and "17" in found
    # the seller corrects the notice date; the 17-day deadline moves with it
    date = page.locator("[data-field=date]").first
    date.fill("2026-05-20")
    date.dispatch_event("change")
    steps = page.locator(".kb-case__step[data-when=deadline]").all_inner_texts()
    assert any("2026-06-06" in s for s in steps), steps
    plan = page.locator(".kb-case__plan").inner_text()
    assert "2026-06-01" in plan and "2026-06-04" in plan  # today and within 72 hours
    links = page.eval_on_selector_all(".kb-case__refs a", "as => as.map(a => a.href)")
    assert any("/strategies/" in u for u in links) and any(u.startswith("https://") for u in links)
    expect(page.locator(".kb-case__result")).to_contain_text("2026-11-16")  # 180 days from 2026-05-20
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"] + 1
    assert {h for h in hosts if h} <= {"127.0.0.1"}, hosts
    assert page.errors == []  # type: ignore[attr-defined]


def test_chinese_notice_on_a_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size(PHONE)
    open_case(page, site_url, "zh")
    paste(page, ZH_NOTICE["text"], "zh")
    expect(page.locator(".kb-case__notice h3").first).to_contain_text("关联账户停用")
    expect(page.locator("[data-field=store]").first).to_have_value("DE")
    assert page.locator(".kb-case__step").count() >= 3


def test_ics_export(page: Page, site_url: str, tmp_path: Path) -> None:
    open_case(page, site_url, "en")
    paste(page, NOTICE["text"], "en")
    page.locator("[data-field=store]").first.fill("My Store; US, main")
    page.locator("[data-field=store]").first.dispatch_event("change")
    with page.expect_download() as info:
        page.locator("[data-action=ics]").click()
    path = tmp_path / "case.ics"
    info.value.save_as(path)
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(cal.walk("VEVENT"))
    deadlines = [e for e in events if str(e["SUMMARY"]).startswith("[My Store; US, main] [Deadline]")]
    assert deadlines, [str(e["SUMMARY"]) for e in events]
    for e in deadlines:
        triggers = {a["TRIGGER"].dt for a in e.walk("VALARM")}
        assert dt.timedelta(days=-3) in triggers and dt.timedelta(days=-1) in triggers
    assert any(e["DTSTART"].dt == dt.date(2026, 6, 18) for e in deadlines)  # 2026-06-01 + 17 days
    assert any("stops counting" in str(e["SUMMARY"]) for e in events)


def test_print_fits_two_a4_pages(page: Page, site_url: str) -> None:
    open_case(page, site_url, "zh")
    paste(page, NOTICE["text"], "zh")
    page.emulate_media(media="print")
    assert not page.locator(".kb-case textarea").is_visible()
    assert not page.locator(".kb-case__notices").is_visible()
    assert page.locator(".kb-case__plan").is_visible()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
    assert 1 <= pages <= 2, pages


def test_share_link_carries_only_the_case(page: Page, site_url: str, browser: Browser) -> None:
    open_case(page, site_url, "en")
    paste(page, NOTICE["text"], "en")
    page.locator("[data-field=status]").first.select_option("appealed")
    page.locator("[data-field=status]").first.dispatch_event("change")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("[data-action=share]").click()
    link = page.evaluate("location.href")
    fragment = urlsplit(link).fragment
    assert fragment.startswith("case=")
    data = json.loads(base64.urlsafe_b64decode(fragment[5:] + "=" * (-len(fragment[5:]) % 4)))
    assert "text" not in json.dumps(data) and "B01G6I41N6" not in link and "pq-review" not in link
    other = browser.new_context()
    try:
        fresh = other.new_page()
        open_case(fresh, site_url, "en", "#" + fragment)
        expect(fresh.locator("[data-field=kind]").first).to_have_value("ip-complaint-counterfeit")
        expect(fresh.locator("[data-field=status]").first).to_have_value("appealed")
        assert fresh.locator(".kb-case__step").count() > 0
        assert fresh.locator(".kb-case textarea").input_value() == ""
    finally:
        other.close()


def test_hostile_pastes(page: Page, site_url: str) -> None:
    open_case(page, site_url, "en")
    evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>\n' + NOTICE["text"]
    paste(page, evil, "en")
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".kb-case img").count() == 0 and page.locator(".kb-case script").count() == 0
    expect(page.locator(".kb-case__text").first).to_contain_text("<script>window.__pwned=1</script>")
    busy = paste(page, "A" * 1_000_000, "en")
    assert busy < 1000, busy
    expect(page.locator(".kb-case__status")).to_contain_text("too long")
    busy = paste(page, "Hello,\nYour Amazon Seller account has been deactivated.\n-----\n" * 10_000, "en")
    assert busy < 1000, busy
    expect(page.locator(".kb-case__status")).to_contain_text("At most 20 notices")
    assert page.locator(".kb-case__notice").count() == 20
    assert page.errors == []  # type: ignore[attr-defined]


def _case_link(items: list) -> str:
    raw = json.dumps({"v": 1, "items": items}).encode()
    return "#case=" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("names", [["constructor"], ["__proto__"], ["toString", "hasOwnProperty"]])
def test_share_link_with_prototype_names_still_builds_the_plan(page: Page, site_url: str, names: list) -> None:
    """A link whose item names Object.prototype members as kinds must not break the page for the seller."""
    item = {"kind": "ip-complaint-counterfeit", "date": "2026-05-20", "account": names}
    open_case(page, site_url, "en", _case_link([item, {"kind": names[0], "date": "2026-05-20"}]))
    expect(page.locator("[data-field=kind]").first).to_have_value("ip-complaint-counterfeit")
    assert page.locator(".kb-case__step").count() > 0
    assert page.errors == []  # type: ignore[attr-defined]
