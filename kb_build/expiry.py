"""Violation expiry: when each violation stops counting, and when repeat counts fall under the limit.

This is the reference implementation of the calculator (docs/tools/expiry.md). The browser uses
the JavaScript twin under docs/javascripts/; both are run against tests/expiry_vectors/.

- A violation dated D with window W counts on the days D <= d < D+W.
- With a listing deactivation date A (deactivated_on), the window runs from A instead: it counts on D <= d < A+W
  (Amazon's notice: "up to 180 days after the listing was deactivated").
- expires_on = D+W (or A+W), or resolved_on if that is earlier.
- Dates are calendar dates (no time zone ever applies).

Everything here is a pure function; the rules JSON it reads is built by kb_build.publish.rules.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MIN_YEAR, MAX_YEAR = 1900, 2200
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

Json = dict[str, Any]

MESSAGES: dict[str, dict[str, str]] = {
    "input": {"zh": "输入必须是一个 JSON 对象。", "en": "The input must be a JSON object."},
    "violations": {"zh": "“violations” 必须是一个列表。", "en": "'violations' must be a list."},
    "item": {"zh": "每条违规必须是一个对象。", "en": "Each violation must be an object."},
    "missing": {"zh": "缺少此字段。", "en": "This field is missing."},
    "not_text": {"zh": "此字段必须是文本。", "en": "This field must be text."},
    "type": {"zh": "未知的违规类型“{value}”。", "en": "Unknown violation type '{value}'."},
    "date": {
        "zh": "日期“{value}”无效，请使用 YYYY-MM-DD 格式的真实日期。",
        "en": "'{value}' is not a real date in the form YYYY-MM-DD.",
    },
    "range": {
        "zh": "日期“{value}”超出支持范围（1900–2200 年）。",
        "en": "The date '{value}' is outside the supported years 1900–2200.",
    },
    "future": {"zh": "日期 {value} 晚于计算日期 {today}。", "en": "The date {value} is after the as-of date {today}."},
    "before": {
        "zh": "解决日期 {value} 早于违规日期 {date}。",
        "en": "The resolution date {value} is before the violation date {date}.",
    },
    "deactivated_before": {
        "zh": "下架日期 {value} 早于违规日期 {date}。",
        "en": "The listing deactivation date {value} is before the violation date {date}.",
    },
}


# ---- dates ----------------------------------------------------------------------------


def parse_date(value: Any) -> dt.date | str:
    """A date, or the key of the message explaining why `value` is not one."""
    if not isinstance(value, str):
        return "not_text"
    m = _DATE.match(value)
    if not m:
        return "date"
    year, month, day = (int(x) for x in m.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return "date"
    if not MIN_YEAR <= year <= MAX_YEAR:
        return "range"
    return date


def _iso(d: dt.date) -> str:
    return d.isoformat()


# ---- compute --------------------------------------------------------------------------


def _error(index: int | None, field: str | None, key: str, **values: Any) -> Json:
    msg = {lang: text.format(**{k: str(v)[:80] for k, v in values.items()}) for lang, text in MESSAGES[key].items()}
    return {"index": index, "field": field, "message": msg}


def _check_date(raw: Any, index: int | None, field: str, errors: list[Json]) -> dt.date | None:
    parsed = parse_date(raw)
    if isinstance(parsed, str):
        errors.append(_error(index, field, parsed, value=raw))
        return None
    return parsed


Item = tuple[str, dt.date, dt.date | None, dt.date | None]


def validate(data: Any, rules: Json) -> tuple[dt.date | None, list[Item], list[Json]]:
    """Check the input; return (today, [(type, date, resolved_on, deactivated_on)], errors)."""
    errors: list[Json] = []
    if not isinstance(data, dict):
        return None, [], [_error(None, None, "input")]
    today = _check_date(data.get("today"), None, "today", errors) if "today" in data else None
    if "today" not in data:
        errors.append(_error(None, "today", "missing"))
    raw_items = data.get("violations", [])
    if not isinstance(raw_items, list):
        errors.append(_error(None, "violations", "violations"))
        raw_items = []
    types = rules.get("types", {})
    items: list[Item] = []
    for i, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            errors.append(_error(i, None, "item"))
            continue
        vtype = raw.get("type")
        if "type" not in raw:
            errors.append(_error(i, "type", "missing"))
        elif not isinstance(vtype, str):
            errors.append(_error(i, "type", "not_text"))
        elif vtype not in types:
            errors.append(_error(i, "type", "type", value=vtype))
        date = _check_date(raw["date"], i, "date", errors) if "date" in raw else None
        if "date" not in raw:
            errors.append(_error(i, "date", "missing"))
        resolved = None
        if raw.get("resolved_on") is not None:
            resolved = _check_date(raw["resolved_on"], i, "resolved_on", errors)
        deactivated = None
        if raw.get("deactivated_on") is not None:
            deactivated = _check_date(raw["deactivated_on"], i, "deactivated_on", errors)
        if date and today and date > today:
            errors.append(_error(i, "date", "future", value=_iso(date), today=_iso(today)))
        if resolved and today and resolved > today:
            errors.append(_error(i, "resolved_on", "future", value=_iso(resolved), today=_iso(today)))
        if deactivated and today and deactivated > today:
            errors.append(_error(i, "deactivated_on", "future", value=_iso(deactivated), today=_iso(today)))
        if resolved and date and resolved < date:
            errors.append(_error(i, "resolved_on", "before", value=_iso(resolved), date=_iso(date)))
        if deactivated and date and deactivated < date:
            errors.append(_error(i, "deactivated_on", "deactivated_before", value=_iso(deactivated), date=_iso(date)))
        if date and isinstance(vtype, str) and vtype in types:
            items.append((vtype, date, resolved, deactivated))
    return today, items, errors


def _window(rules: Json, vtype: str) -> int:
    t = rules["types"][vtype]
    return int(t.get("window_days") or rules.get("default_window_days") or 180)


def compute_expiry(data: Any, rules: Json) -> Json:
    """The output JSON for one input, or {"errors": [...]} with no partial result."""
    today, items, errors = validate(data, rules)
    if errors or today is None:
        return {"errors": errors}
    expiries: list[dt.date] = []
    out_violations: list[Json] = []
    for vtype, date, resolved, deactivated in items:
        start = deactivated if deactivated is not None else date  # the window runs from the deactivation when given
        expires = start + dt.timedelta(days=_window(rules, vtype))
        if resolved is not None and resolved < expires:
            expires = resolved
        expiries.append(expires)
        out_violations.append(
            {"expires_on": _iso(expires), "counting": today < expires, "days_left": max(0, (expires - today).days)}
        )
    counting = [(item[0], e) for item, e in zip(items, expiries, strict=True) if today < e]
    groups: Json = {}
    for gid in sorted(rules.get("repeat_groups", {})):
        limit = int(rules["repeat_groups"][gid]["limit"])
        ends = sorted(e for vtype, e in counting if rules["types"][vtype].get("repeat_group") == gid)
        # The count on day d >= today is #{e > d}; it is below the limit once d >= ends[len - limit].
        under = today if len(ends) < limit else ends[len(ends) - limit]
        groups[gid] = {"limit": limit, "count_today": len(ends), "under_limit_on": _iso(under)}
    ends_all = sorted(e for _, e in counting)
    timeline = [{"date": _iso(today), "counting": len(ends_all)}]
    for i, e in enumerate(ends_all):
        if i + 1 == len(ends_all) or ends_all[i + 1] != e:
            timeline.append({"date": _iso(e), "counting": len(ends_all) - i - 1})
    return {
        "violations": out_violations,
        "all_clear_on": _iso(ends_all[-1]) if ends_all else None,
        "repeat_groups": groups,
        "timeline": timeline,
    }
