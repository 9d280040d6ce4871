"""The expiry calculator page in headless Chromium (fixtures `site_url` and `page` come from the conftests).

Every test fixes its date: a `today=` in the link, or a frozen browser clock (page.clock), never the real clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Page, expect

TM, UP = "ip-complaint-trademark", "ip-complaint-utility-patent"
EXAMPLE = f"#v=1&today=2024-05-16&items={TM}:2023-12-02*3,{UP}:2024-03-01*6,{UP}:2024-05-05*3"
ZH, EN = "/tools/expiry/", "/en/tools/expiry/"
LABELS = {
    "zh": {
        "type": "违规类型",
        "date": "违规日期",
        "deact": "下架日期（可选）",
        "count": "数量",
        "add": "添加",
        "asof": "计算日期",
    },
    "en": {
        "type": "Violation type",
        "date": "Violation date",
        "deact": "Listing deactivated on (optional)",
        "count": "Count",
        "add": "Add",
        "asof": "As of",
    },
}
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}
SCREENS = [pytest.param("zh", PHONE, id="zh-360"), pytest.param("en", DESKTOP, id="en-desktop")]
SCREENS_ALL = [*SCREENS, pytest.param("en", PHONE, id="en-360"), pytest.param("zh", DESKTOP, id="zh-desktop")]


def open_calc(page: Page, url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    page.goto(url)
    page.wait_for_selector(".kb-expiry[data-ready]", timeout=10_000)
    page.errors = errors  # type: ignore[attr-defined]


def rows(page: Page) -> list[tuple[str, str, str, str]]:
    """(count, expires, days left, counting) of each grouped row of the results table."""
    return [
        tuple(r)
        for r in page.eval_on_selector_all(
            "[data-kb=table] tbody tr",
            "rs => rs.map(r => [r.dataset.count, r.dataset.expires, r.dataset.left, r.dataset.counting])",
        )
    ]


def all_clear(page: Page) -> str | None:
    time_ = page.locator("[data-kb=all-clear] time")
    return time_.get_attribute("datetime") if time_.count() else None


def add(page: Page, lang: str, vtype: str, date: str, count: int = 1, deactivated: str | None = None) -> None:
    lab = LABELS[lang]
    page.get_by_label(lab["type"], exact=True).first.select_option(vtype)
    page.get_by_label(lab["date"], exact=True).first.fill(date)
    if deactivated:
        page.get_by_label(lab["deact"], exact=True).first.fill(deactivated)
    page.get_by_label(lab["count"], exact=True).first.fill(str(count))
    page.get_by_role("button", name=lab["add"], exact=True).click()


def test_rules_json_is_published(site_url: str) -> None:
    with urllib.request.urlopen(f"{site_url}/api/v1/expiry-rules.json") as resp:
        rules = json.load(resp)
    assert rules["schema_version"] == 1
    assert rules["types"][TM]["repeat_group"] == "ip"
    assert rules["repeat_groups"]["ip"]["limit"] == 5


def test_issue_example_from_a_shared_link_is_three_grouped_rows(page: Page, site_url: str) -> None:
    open_calc(page, site_url + ZH + EXAMPLE)
    assert rows(page) == [
        ("3", "2024-05-30", "14", "yes"),
        ("6", "2024-08-28", "104", "yes"),
        ("3", "2024-11-01", "169", "yes"),
    ]
    assert all_clear(page) == "2024-11-01"
    ip = page.locator("[data-group=ip]")
    expect(ip).to_contain_text("12")
    assert ip.locator("time").get_attribute("datetime") == "2024-08-28"
    href = page.locator("[data-kb=table] tbody tr a").first.evaluate("a => a.href")
    assert href.endswith(f"/violations/{TM}/")
    with urllib.request.urlopen(href) as resp:
        assert resp.status == 200
    # The chart is inline SVG with an accessible name, and it shows the repeat limit.
    expect(page.locator("svg.kb-expiry__chart--count title")).to_have_count(1)
    expect(page.locator("svg.kb-expiry__chart--count .kb-expiry__limit[data-limit='5']")).to_have_count(1)
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "screen"), SCREENS_ALL)
def test_add_groups_batches_and_keeps_the_answer_on_screen(page: Page, site_url: str, lang: str, screen: dict) -> None:
    page.set_viewport_size(screen)
    open_calc(page, site_url + (ZH if lang == "zh" else EN) + "#v=1&today=2024-05-16&items=")
    add(page, lang, TM, "2023-12-02", 3)
    add(page, lang, UP, "2024-03-01", 6)
    add(page, lang, TM, "2023-12-02", 3)  # the same batch again: one row of 6, not two
    assert rows(page) == [("6", "2024-05-30", "14", "yes"), ("6", "2024-08-28", "104", "yes")]
    expect(page).to_have_url(re.compile(re.escape(f"items={TM}:2023-12-02*6,{UP}:2024-03-01*6")))
    # Right after adding, the answer (all-clear and back-under-limit dates) is in the viewport.
    for sel in ("[data-kb=all-clear] time", "[data-group=ip] time"):
        box = page.locator(sel).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= screen["height"], (sel, box)
    expect(page.locator("[data-kb=add-msg]")).to_contain_text("× 3")
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "screen"), SCREENS)
def test_deactivation_date_and_repeat_flag(page: Page, site_url: str, lang: str, screen: dict) -> None:
    page.set_viewport_size(screen)
    open_calc(page, site_url + (ZH if lang == "zh" else EN) + "#v=1&today=2024-05-16&items=")
    page.locator("[data-kb=add-form] input[type=checkbox]").check()
    add(page, lang, TM, "2023-12-02", 2, deactivated="2023-12-20")
    assert rows(page) == [("2", "2024-06-17", "32", "yes")]  # 180 days from the deactivation, not the notice
    expect(page).to_have_url(re.compile(re.escape(f"{TM}:2023-12-02~2023-12-20*2!")))
    expect(page.locator("[data-group=ip] [data-kb=flagged]")).to_contain_text("2")
    assert page.locator("[data-kb=table] tbody tr").first.get_attribute("data-repeat") == "yes"
    # A deactivation before the notice is an input error, named on its row.
    page.locator("[data-row='1'] input[type=date]").nth(1).fill("2023-11-01")
    page.locator("[data-row='1'] input[type=date]").nth(1).dispatch_event("change")
    expect(page.locator("[data-kb=errors]")).to_contain_text("2023-11-01")


def test_as_of_is_today_unless_the_link_sets_it(page: Page, site_url: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2024, 5, 16, 10, 0))
    open_calc(page, site_url + ZH)
    asof = page.get_by_label("计算日期", exact=True)
    assert asof.input_value() == "2024-05-16"
    expect(page.locator("[data-kb=asof-hint]")).to_contain_text("默认")
    add(page, "zh", UP, "2024-03-01", 6)
    assert rows(page)[0][2] == "104"
    assert "today=" not in page.url
    # Weeks later, same browser, no link: the rows come back from storage, the date is the new today.
    page.clock.set_fixed_time(dt.datetime(2024, 6, 20, 10, 0))
    open_calc(page, site_url + ZH)
    assert asof.input_value() == "2024-06-20"
    assert rows(page) == [("6", "2024-08-28", "69", "yes")]
    # A link that sets the date wins, and says so.
    open_calc(page, site_url + ZH + f"#v=1&today=2024-05-16&items={UP}:2024-03-01*6")
    assert asof.input_value() == "2024-05-16"
    expect(page.locator("[data-kb=asof-hint]")).to_contain_text("所选日期")
    page.locator("[data-kb=today]").click()
    assert asof.input_value() == "2024-06-20"


@pytest.mark.parametrize(("lang", "screen"), SCREENS)
def test_no_healthy_forecast_over_a_limit_or_with_unknown_points(
    page: Page, site_url: str, lang: str, screen: dict
) -> None:
    page.set_viewport_size(screen)
    base = site_url + (ZH if lang == "zh" else EN)
    open_calc(page, base + EXAMPLE + f"&score=230&cost={TM}:20,{UP}:20")
    expect(page.locator("[data-kb=forecast-blocked][data-reason=limit]")).to_be_visible()
    expect(page.locator("svg.kb-expiry__chart--score")).to_have_count(0)
    open_calc(page, base + f"#v=1&today=2024-05-16&items={TM}:2024-01-01,{UP}:2024-02-01&score=230&cost={TM}:20")
    expect(page.locator("[data-kb=forecast-blocked][data-reason=unknown]")).to_be_visible()
    expect(page.locator("svg.kb-expiry__chart--score")).to_have_count(0)
    page.locator(f"[data-kb=score] input[data-type={UP}]").fill("10")
    expect(page.locator("svg.kb-expiry__chart--score")).to_have_count(1)
    expect(page.locator("[data-kb=forecast-blocked]")).to_have_count(0)


@pytest.mark.parametrize(("lang", "screen"), SCREENS)
def test_paste_chinese_names_and_no_null(page: Page, site_url: str, lang: str, screen: dict) -> None:
    page.set_viewport_size(screen)
    open_calc(page, site_url + (ZH if lang == "zh" else EN) + "#v=1&today=2024-05-16&items=")
    page.locator("details.kb-expiry__paste summary").click()
    page.locator("details.kb-expiry__paste textarea").fill(
        "发明专利 2024-03-01 *6\n商标 2023-12-02 *3\nutility patent 2024-05-05"
    )
    page.locator("[data-kb=paste-import]").click()
    assert rows(page) == [
        ("6", "2024-08-28", "104", "yes"),
        ("3", "2024-05-30", "14", "yes"),
        ("1", "2024-11-01", "169", "yes"),
    ]
    msg = page.locator("[data-kb=paste-msg]")
    expect(msg).to_contain_text("3")
    assert "null" not in msg.inner_text()
    page.locator("details.kb-expiry__paste textarea").fill("nonsense 2024-01-01\nno date")
    page.locator("[data-kb=paste-import]").click()
    expect(msg).to_contain_text("2")  # line 2 named
    assert "null" not in msg.inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ics_and_csv_downloads(page: Page, site_url: str, tmp_path: Path, lang: str) -> None:
    open_calc(page, site_url + (ZH if lang == "zh" else EN) + EXAMPLE)
    with page.expect_download() as info:
        page.locator("[data-kb=ics]").click()
    ics_path = tmp_path / "x.ics"
    info.value.save_as(ics_path)
    raw = ics_path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    starts = sorted(e.decoded("DTSTART").isoformat() for e in events)
    assert starts == ["2024-05-30", "2024-08-28", "2024-08-28", "2024-11-01"]  # three expiry dates, one under-limit
    assert any(str(e["UID"]).startswith("under-ip-20240828@") for e in events)
    assert all(e.walk("VALARM") for e in events)
    with page.expect_download() as info:
        page.locator("[data-kb=csv]").click()
    csv_path = tmp_path / "x.csv"
    info.value.save_as(csv_path)
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    if lang == "en":
        assert lines[0] == "type,title,date,deactivated_on,resolved_on,expires_on,days_left,counting,repeat"
        assert lines[1].startswith(f"{TM},") and lines[1].endswith(",2023-12-02,,,2024-05-30,14,yes,no")
    assert len(lines) == 13
    # With an input error nothing half-empty is downloaded; the page says why.
    open_calc(page, site_url + (ZH if lang == "zh" else EN) + f"#v=1&today=2024-05-16&items={TM}:2024-06-01")
    page.locator("[data-kb=ics]").click()
    expect(page.locator("[data-kb=out-msg]")).not_to_be_empty()


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
    body = page.inner_text("article")
    for words in ("Amazon, official", "Third-party reports", "Our assumption"):
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
    "#v=1&today=2300-01-01&items=ip-complaint-trademark:2250-01-01",
    "#v=1&items=" + ",".join(["a"] * 49_000),
    "#v=1&items=" + ",".join(["a"] * 99_000),
]


@pytest.mark.parametrize("fragment", HOSTILE, ids=[f"h{i}" for i in range(len(HOSTILE))])
def test_hostile_fragment_shows_a_message_and_the_page_still_works(page: Page, site_url: str, fragment: str) -> None:
    started = time.perf_counter()
    open_calc(page, site_url + ZH + fragment)
    assert time.perf_counter() - started < 5  # no freeze (the 99,000-item link took 8-11 s before the caps)
    assert page.errors == []  # type: ignore[attr-defined]
    assert page.locator(".kb-expiry img").count() == 0
    shown = page.locator("[data-kb=fragment-problems]:visible, [data-kb=errors]")
    expect(shown.first).to_be_visible()
    assert shown.first.locator("li").count() <= 21  # listed up to 20, the rest counted
    page.get_by_label("计算日期", exact=True).fill("2000-01-02")
    page.get_by_label("计算日期", exact=True).dispatch_event("change")
    page.get_by_role("button", name="全部清除").click()
    add(page, "zh", UP, "2000-01-01")
    assert rows(page) == [("1", "2000-06-29", "179", "yes")]


@pytest.mark.parametrize(("lang", "screen"), SCREENS)
def test_dates_after_2200_get_a_message_not_nan(page: Page, site_url: str, lang: str, screen: dict) -> None:
    page.set_viewport_size(screen)
    base = site_url + (ZH if lang == "zh" else EN)
    open_calc(page, base + f"#v=1&today=2200-12-31&items={TM}:2200-12-01*2")
    assert rows(page) == [("2", "2201-05-30", "150", "yes")]
    assert page.locator("svg [d*=NaN], svg [x*=NaN], svg [y*=NaN]").count() == 0
    assert "NaN" not in page.inner_text(".kb-expiry")
    asof = page.get_by_label(LABELS[lang]["asof"], exact=True)
    asof.fill("2301-01-01")  # fill() fires "change"; the field goes back to the last good date, with a message
    expect(page.locator("[data-kb=asof-msg]")).to_contain_text("2200")
    add(page, lang, TM, "2250-01-01")
    expect(page.locator("[data-kb=add-msg]")).to_contain_text("2200")
    assert "NaN" not in page.inner_text(".kb-expiry")


CONTRAST = """els => els.map(el => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  let bg = null;
  for (let n = el; n && !bg; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || c[3] > 0.5) bg = c;
  }
  const fg = rgb(getComputedStyle(el).color);
  const [a, b] = [lum(fg), lum(bg || [255, 255, 255])].sort((x, y) => y - x);
  return [el.textContent.trim(), (a + 0.05) / (b + 0.05)];
})"""

LABEL_PX = """() => [...document.querySelectorAll('.kb-expiry svg text')].map(t => {
  const svg = t.ownerSVGElement; const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return parseFloat(getComputedStyle(t).fontSize) * scale; })"""


@pytest.mark.parametrize(("lang", "screen"), SCREENS)
def test_narrow_and_dark_screens_read_well(page: Page, site_url: str, lang: str, screen: dict) -> None:
    page.set_viewport_size(screen)
    page.emulate_media(color_scheme="dark")
    open_calc(
        page,
        site_url + (ZH if lang == "zh" else EN) + f"#v=1&today=2024-05-16&items={TM}:2024-01-01&score=150&cost={TM}:20",
    )
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    expect(page.locator("svg.kb-expiry__chart--score")).to_be_visible()
    sizes = page.evaluate(LABEL_PX)
    assert sizes and min(sizes) >= 11, sizes
    low = [
        (text, round(ratio, 2))
        for text, ratio in page.eval_on_selector_all(".kb-expiry .md-button", CONTRAST)
        if ratio < 4.5
    ]
    assert low == []
    unlabelled = page.eval_on_selector_all(
        ".kb-expiry input, .kb-expiry select, .kb-expiry textarea",
        "els => els.filter(e => !e.labels || e.labels.length === 0).map(e => e.outerHTML)",
    )
    assert unlabelled == []


def test_long_lists_show_the_first_rows_then_all(page: Page, site_url: str) -> None:
    start = dt.date(2024, 1, 1)
    items = ",".join(f"{TM}:{(start + dt.timedelta(days=i)).isoformat()}*2" for i in range(130))
    open_calc(page, site_url + EN + f"#v=1&today=2024-05-16&items={items}")
    assert len(rows(page)) == 100
    page.locator("[data-kb=show-all-results]").click()
    assert len(rows(page)) == 130
    expect(page.locator("[data-group=ip]")).to_contain_text("260")
