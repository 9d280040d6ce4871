"""The expiry calculator page in headless Chromium (fixtures `site_url` and `page` come from the conftests)."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

TM, UP = "ip-complaint-trademark", "ip-complaint-utility-patent"
EXAMPLE = f"#v=1&today=2024-05-16&items={TM}:2023-12-02*3,{UP}:2024-03-01*6,{UP}:2024-05-05*3"
ZH, EN = "/tools/expiry/", "/en/tools/expiry/"


def open_calc(page: Page, url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    page.goto(url)
    page.wait_for_selector(".kb-expiry[data-ready]", timeout=10_000)
    page.errors = errors  # type: ignore[attr-defined]


def table_rows(page: Page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "[data-kb=table] tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => {"
        "  const t = c.querySelector('time'); return t ? t.getAttribute('datetime') : c.textContent.trim(); }))",
    )


def all_clear(page: Page) -> str | None:
    time = page.locator("[data-kb=all-clear] time")
    return time.get_attribute("datetime") if time.count() else None


def test_rules_json_is_published(site_url: str) -> None:
    with urllib.request.urlopen(f"{site_url}/api/v1/expiry-rules.json") as resp:
        rules = json.load(resp)
    assert rules["schema_version"] == 1
    assert rules["types"][TM]["repeat_group"] == "ip"
    assert rules["types"][UP]["repeat_group"] == "ip"
    assert rules["repeat_groups"]["ip"]["limit"] == 5


def test_issue_example_from_a_shared_link(page: Page, site_url: str) -> None:
    open_calc(page, site_url + ZH + EXAMPLE)
    rows = table_rows(page)
    assert len(rows) == 12
    assert [r[3] for r in rows] == ["2024-05-30"] * 3 + ["2024-08-28"] * 6 + ["2024-11-01"] * 3
    assert [r[4] for r in rows] == ["14"] * 3 + ["104"] * 6 + ["169"] * 3
    assert all_clear(page) == "2024-11-01"
    ip = page.locator("[data-group=ip]")
    expect(ip).to_contain_text("12")
    assert ip.locator("time").get_attribute("datetime") == "2024-08-28"
    # Each type links to its knowledge-base page, which exists.
    href = page.locator("[data-kb=table] tbody tr a").first.evaluate("a => a.href")
    assert href.endswith(f"/violations/{TM}/")
    with urllib.request.urlopen(href) as resp:
        assert resp.status == 200
    # The chart is inline SVG with an accessible name.
    expect(page.locator("svg.kb-expiry__chart--count title")).to_have_count(1)
    assert page.errors == []  # type: ignore[attr-defined]


def test_add_rows_through_the_ui(page: Page, site_url: str) -> None:
    open_calc(page, site_url + EN + "#v=1&today=2024-05-16&items=")
    expect(page.locator("[data-kb=table]")).to_have_count(1)
    assert table_rows(page) == []
    page.get_by_label("Violation type", exact=True).first.select_option(TM)
    page.get_by_label("Violation date", exact=True).first.fill("2023-12-02")
    page.get_by_label("Count", exact=True).first.fill("3")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_label("Violation type", exact=True).first.select_option(UP)
    page.get_by_label("Violation date", exact=True).first.fill("2024-03-01")
    page.get_by_label("Resolved on (optional)", exact=True).first.fill("2024-04-01")
    page.get_by_label("Count", exact=True).first.fill("2")
    page.get_by_label("Count", exact=True).first.press("Enter")  # the keyboard submits the form too
    rows = table_rows(page)
    assert [r[3] for r in rows] == ["2024-05-30"] * 3 + ["2024-04-01"] * 2
    assert [r[5] for r in rows] == ["yes"] * 3 + ["no"] * 2
    assert all_clear(page) == "2024-05-30"
    expect(page).to_have_url(re.compile(re.escape(f"items={TM}:2023-12-02*3,{UP}:2024-03-01:2024-04-01*2")))
    # Edit a row, then remove one.
    page.locator("[data-row='2'] input[type=date]").first.fill("2024-03-02")
    page.locator("[data-row='2'] input[type=date]").first.dispatch_event("change")
    expect(page).to_have_url(re.compile(re.escape(f"{UP}:2024-03-02:2024-04-01*2")))
    page.get_by_role("button", name="Remove row 1").click()
    assert len(table_rows(page)) == 2
    assert all_clear(page) is None
    assert page.errors == []  # type: ignore[attr-defined]


def test_same_table_from_copied_link_and_after_reload(page: Page, site_url: str) -> None:
    open_calc(page, site_url + ZH + EXAMPLE + "&score=150&cost=ip-complaint-trademark:20")
    first = table_rows(page)
    expect(page).to_have_url(re.compile("score=150"))
    shared = page.url
    other = page.context.browser.new_page()  # type: ignore[union-attr]  # a new context: no local storage
    open_calc(other, shared)
    assert table_rows(other) == first
    assert other.input_value("[data-kb=score] input[type=number] >> nth=0") == "150"
    other.close()
    # A reload without the fragment restores the last state from localStorage.
    open_calc(page, site_url + ZH)
    assert table_rows(page) == first
    expect(page.locator("svg.kb-expiry__chart--score")).to_have_count(1)


def test_paste_import(page: Page, site_url: str) -> None:
    open_calc(page, site_url + ZH + "#v=1&today=2024-05-16&items=")
    page.locator("details.kb-expiry__paste summary").click()
    rules = json.loads(page.evaluate("fetch('../../api/v1/expiry-rules.json').then(r => r.text())"))
    zh_title, en_title = rules["types"][UP]["title"]["zh"], rules["types"][UP]["title"]["en"]
    page.get_by_label("粘贴内容").fill(
        f"{TM} 2023-12-02 *3\n{zh_title}，2024/3/1\n{en_title}\t2024-05-05\t2024-05-10\n"
        "# a comment\nnonsense 2024-01-01\nno date"
    )
    page.locator("[data-kb=paste-import]").click()
    rows = table_rows(page)
    assert [r[3] for r in rows] == ["2024-05-30"] * 3 + ["2024-08-28", "2024-05-10"]
    problems = page.locator(".kb-expiry__paste .kb-expiry__problems")
    expect(problems).to_contain_text("第 5 行")
    expect(problems).to_contain_text("第 6 行")


def test_ics_and_csv_downloads(page: Page, site_url: str, tmp_path: Path) -> None:
    open_calc(page, site_url + EN + EXAMPLE)
    with page.expect_download() as info:
        page.locator("[data-kb=ics]").click()
    ics_path = tmp_path / "x.ics"
    info.value.save_as(ics_path)
    ics = ics_path.read_bytes().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert ics.rstrip().endswith("END:VCALENDAR")
    assert ics.count("BEGIN:VEVENT") == 4  # three expiry dates and one under-limit date
    for day in ("20240530", "20240828", "20241101"):
        assert f"DTSTART;VALUE=DATE:{day}" in ics
    assert "UID:under-ip-20240828@" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    with page.expect_download() as info:
        page.locator("[data-kb=csv]").click()
    csv_path = tmp_path / "x.csv"
    info.value.save_as(csv_path)
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "type,title,date,resolved_on,expires_on,days_left,counting"
    assert len(lines) == 13
    assert lines[1].startswith(f"{TM},") and lines[1].endswith(",2023-12-02,,2024-05-30,14,yes")


def test_both_languages(page: Page, site_url: str) -> None:
    open_calc(page, site_url + ZH + EXAMPLE)
    assert page.evaluate("document.documentElement.lang").startswith("zh")
    expect(page.locator("[data-kb=all-clear]")).to_contain_text("2024年11月1日")
    expect(page.locator("[data-kb=table] thead")).to_contain_text("停止计入")
    open_calc(page, site_url + EN + EXAMPLE)
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator("[data-kb=all-clear]")).to_contain_text("1 Nov 2024")
    expect(page.locator("[data-kb=table] thead")).to_contain_text("Stops counting")
    href = page.locator("[data-kb=table] tbody tr a").first.evaluate("a => a.href")
    assert href.endswith(f"/en/violations/{TM}/")
    # The page says which rules are official, third-party or assumed, and what is contested.
    body = page.inner_text("article")
    for words in (
        "Amazon, official",
        "Third-party reports",
        "Our assumption",
        "day 180",
        "What is day 0",
        "Does the 5 count",
    ):
        assert words in body


HOSTILE = [
    "#v=1&items=<img src=x onerror=alert(1)>:2024-01-01",
    "#v=1&today=2024-05-16&items=__proto__:2024-01-01,constructor:2024-01-01",
    "#v=1&today=2024-05-16&items=ip-complaint-trademark:2024-02-30,ip-complaint-trademark:2024-01-01*99999",
    "#v=2&items=ip-complaint-trademark:2024-01-01",
    "#v=1&today=%E0%A4%A&items=%",
    "#v=1&today=2024-05-16&items=ip-complaint-trademark:2024-06-01&score=-5&cost=x:y",
    "#" + "v=1&items=" + ",".join(["ip-complaint-trademark:2024-01-01*1000"] * 8),
    "#javascript:alert(1)",
]


@pytest.mark.parametrize("fragment", HOSTILE)
def test_hostile_fragment_shows_a_message_and_the_page_still_works(page: Page, site_url: str, fragment: str) -> None:
    open_calc(page, site_url + ZH + fragment)
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.locator(".kb-expiry img").count() == 0
    shown = page.locator("[data-kb=fragment-problems]:visible, [data-kb=errors]")
    expect(shown.first).to_be_visible()
    # The calculator still works afterwards.
    page.get_by_label("计算日期", exact=True).fill("2000-01-02")
    page.get_by_label("计算日期", exact=True).dispatch_event("change")
    page.get_by_role("button", name="全部清除").click()
    page.get_by_label("违规类型", exact=True).first.select_option(UP)
    page.get_by_label("违规日期", exact=True).first.fill("2000-01-01")
    page.get_by_role("button", name="添加", exact=True).click()
    assert [r[3] for r in table_rows(page)] == ["2000-06-29"]


def test_narrow_dark_screen(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(color_scheme="dark")
    open_calc(page, site_url + EN + EXAMPLE + "&score=150&cost=ip-complaint-trademark:20")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    expect(page.locator("svg.kb-expiry__chart--score")).to_be_visible()
    # Every form control has a label.
    unlabelled = page.eval_on_selector_all(
        ".kb-expiry input, .kb-expiry select, .kb-expiry textarea",
        "els => els.filter(e => !e.labels || e.labels.length === 0).map(e => e.outerHTML)",
    )
    assert unlabelled == []


def test_long_lists_show_the_first_rows_then_all(page: Page, site_url: str) -> None:
    open_calc(page, site_url + EN + f"#v=1&today=2024-05-16&items={TM}:2024-01-01*150,{UP}:2024-02-01*150")
    assert len(table_rows(page)) == 100
    page.locator("[data-kb=show-all-results]").click()
    assert len(table_rows(page)) == 300
    expect(page.locator("[data-group=ip]")).to_contain_text("300")
