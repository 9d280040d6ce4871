"""What the notice decoder pulls out of a notice besides its kind: ASINs, complaint IDs, e-mail
addresses, stated deadlines, dates and the store. Twin of docs/javascripts/case/extract.js: every
regular expression here is written in the subset that Python's `re` and JavaScript's RegExp read
the same way (no possessive or atomic groups, no variable-length lookbehind).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def plain(text: str) -> str:
    """Each character NFKC-normalised on its own (full-width letters, digits and colons become ASCII)."""
    return "".join(unicodedata.normalize("NFKC", ch) for ch in text).translate(_QUOTES)


def _lower(text: str) -> str:
    return "".join(c.lower() if "A" <= c <= "Z" else c for c in text)


# ---- ASINs ---------------------------------------------------------------------------------

_RUN = re.compile(r"[A-Z0-9]+")
_ASIN = re.compile(r"^B0[A-Z0-9]{8}$")
_ISBN = re.compile(r"^[0-9]{9}[0-9X]$")
_LABEL = re.compile(r"(asin|isbn)s?[^A-Za-z0-9_]{0,4}$", re.I)


def asins(text: str) -> list[str]:
    """Well-formed ASINs (B0 + 8), also when run together; 10-digit ISBN-ASINs only right after 'ASIN'."""
    out: list[str] = []
    for m in _RUN.finditer(text):
        run = m.group(0)
        for prefix in ("ASINS", "ASIN", "ISBN"):
            if run.startswith(prefix) and len(run) > len(prefix):
                run = run[len(prefix):]
                break
        if not run or len(run) % 10:
            continue
        chunks = [run[i : i + 10] for i in range(0, len(run), 10)]
        labelled = bool(_LABEL.search(text[max(0, m.start() - 12) : m.start()])) or len(run) != len(m.group(0))
        ok = all((_ASIN.match(c) and "XXXX" not in c) or (labelled and _ISBN.match(c)) for c in chunks)
        if ok:
            out.extend(c for c in chunks if c not in out)
    return out


# ---- complaint IDs -------------------------------------------------------------------------

# A labelled ID ("Complaint ID: 123", "投诉编号 123"), or a '#' number a few words after 'complaint' /
# '投诉' ("complaint (case #16914539521)", "投诉#123").
_COMPLAINT = re.compile(
    r"(?:complaint|reference|infringement)\s*(?:id|number|no\.?|#)\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9-]{4,29})"
    r"|投诉\s*(?:编号|id|ID|号)\s*[:]?\s*([A-Za-z0-9][A-Za-z0-9-]{4,29})"
    r"|(?:complaint|投诉)[^.!?\n#]{0,24}#\s*([0-9][A-Za-z0-9-]{4,29})",
    re.I,
)


def complaint_ids(text: str) -> list[str]:
    out: list[str] = []
    for m in _COMPLAINT.finditer(text):
        value = m.group(1) or m.group(2) or m.group(3)
        if re.search(r"[0-9]", value) and value not in out:
            out.append(value)
    return out


# ---- e-mail addresses ----------------------------------------------------------------------

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MASK = re.compile(r"^[xX*.#_-]+$")
_PLACEHOLDER = ("example.com", "example.org", "example.net", "domain.com")


def emails(text: str, rules: dict[str, Any]) -> list[str]:
    """Addresses as written; an Amazon address glued to its neighbours ('topq-product-review@amazon.comwith')
    is cut back to the known address. Masked ones (xxxx@xxxx.com, no-reply@amazon.xx) and placeholders
    (name@example.com) are left out."""
    known = sorted(rules.get("amazon_emails", []), key=len, reverse=True)
    domains = sorted(rules.get("amazon_domains", []), key=len, reverse=True)
    out: list[str] = []
    for m in _EMAIL.finditer(text):
        local, _, domain = m.group(0).partition("@")
        local, domain = local.strip("._-"), _lower(domain).rstrip(".-")
        amazon = next((d for d in domains if domain.startswith(d)), None)
        if amazon is not None:
            domain = amazon
            low = _lower(local)
            local = next((k for k in known if low.endswith(k)), local)
        if not local or _MASK.match(local) or any(_MASK.match(part) for part in domain.split(".")):
            continue
        if domain in _PLACEHOLDER or domain.endswith(".example"):
            continue
        address = f"{local}@{domain}"
        if address not in out:
            out.append(address)
    return out


# ---- deadlines -----------------------------------------------------------------------------

_EN_NUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "sixty": 60, "ninety": 90,
}
_EN_WORDS = "|".join(sorted(_EN_NUM, key=len, reverse=True))
# Group 1 catches Amazon's own pace ("we will respond within 5 business days", "you will hear from us
# within 2 days") in the same sentence: not the seller's deadline, so skipped.
_OWN_PACE = (
    r"((?<![a-z])(?:(?:we|amazon)\s*(?:will|'ll|aim\s*to|should|try\s*to|typically|usually)\s*"
    r"(?:respond|reply|review|get\s*back|contact|follow\s*up|notify|send|update|investigate|e-?mail|be\s*in\s*touch"
    r"|let\s*you\s*know)|you\s*(?:will|'ll|should)\s*(?:hear|receive|get))[^.!?\n]{0,80}?)?"
)
_EN_DEADLINE = re.compile(
    _OWN_PACE + r"(?:within|in\s*the\s*next)\s*(?:the\s*next\s*|the\s*following\s*|a\s*period\s*of\s*)?"
    rf"([0-9]{{1,3}}|{_EN_WORDS})\s*(?:\(\s*[0-9]{{1,3}}\s*\)\s*)?(?:business\s*|calendar\s*|working\s*)?"
    r"(hour|day|week|month)s?(?![a-z])|you\s*have\s*([0-9]{1,3})\s*(day|hour)s?\s*to",
    re.I,
)
_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_DEADLINE = re.compile(
    r"(最近|过去|近)?\s*([0-9]{1,3}|[一二两三四五六七八九十百]{1,5})\s*个?\s*(小时|工作日|天|日|周|星期|月)\s*(?:时间)?\s*(?:之内|以内|内)(的)?"
)
_UNIT = {"hour": 0, "小时": 0, "day": 1, "天": 1, "日": 1, "工作日": 1, "week": 7, "周": 7, "星期": 7,
         "month": 30, "月": 30}


def zh_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in _ZH_DIGITS:
            cur = _ZH_DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
    total += cur
    return total or None


def _days(n: int, unit: str) -> int:
    return -(-n // 24) if _UNIT[unit] == 0 else n * _UNIT[unit]


def deadlines(text: str) -> list[int]:
    """Every period the text gives the seller to act ('within 17 days', 'three weeks', '72 hours', '3天内'),
    in days, sorted; look-back windows ('in the last 365 days', '最近 90 天内', '90天内的单据') and Amazon's own
    response times ('we will respond within 5 business days') are not deadlines."""
    found: set[int] = set()
    for m in _EN_DEADLINE.finditer(text):
        if m.group(1):
            continue
        if m.group(2):
            word = _lower(m.group(2))
            n, unit = (int(word) if word.isdigit() else _EN_NUM[word]), _lower(m.group(3))
        else:
            n, unit = int(m.group(4)), _lower(m.group(5))
        if n > 0:
            found.add(_days(n, unit))
    for m in _ZH_DEADLINE.finditer(text):
        n = zh_number(m.group(2))
        if m.group(1) or m.group(4) or not n:  # '最近90天内', '90天内的发票': a look-back window
            continue
        found.add(_days(n, m.group(3)))
    return sorted(d for d in found if 0 < d <= 3650)


# ---- dates ---------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MON = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"
_DATE = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})(?![0-9])"
    rf"|{_MON}\s*([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s*([0-9]{{4}})"
    rf"|([0-9]{{1,2}})(?:st|nd|rd|th)?\s*{_MON},?\s*([0-9]{{4}})",
    re.I,
)


def _iso(y: int, m: int, d: int) -> str | None:
    if not (1900 <= y <= 2200 and 1 <= m <= 12):
        return None
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= d <= days else None


def dates(text: str) -> list[str]:
    out: list[str] = []
    for m in _DATE.finditer(text):
        g = m.groups()
        if g[0]:
            iso = _iso(int(g[0]), int(g[1]), int(g[2]))
        elif g[3]:
            iso = _iso(int(g[5]), _MONTHS.index(_lower(g[3])) + 1, int(g[4]))
        else:
            iso = _iso(int(g[8]), _MONTHS.index(_lower(g[7])) + 1, int(g[6]))
        if iso and iso not in out:
            out.append(iso)
    return out


# ---- the store -----------------------------------------------------------------------------


_LONGER_HOST = re.compile(r"[a-z0-9]|\.[a-z0-9]")


def marketplace(text: str, rules: dict[str, Any]) -> str | None:
    """The store the text names: a store domain (Amazon.co.uk) first, then a Seller Central host or
    a phrase ('Amazon's EU stores', '美国站'); the most often named wins, ties to the first."""
    low = _lower(text)
    stores = rules["marketplaces"]["stores"]
    tlds = "|".join(re.escape(t) for t in sorted(stores, key=len, reverse=True))
    named: list[tuple[int, str]] = []
    for m in re.finditer(rf"(?:^|[^@.a-z0-9-])amazon\.({tlds})(?![a-z0-9])", low):
        named.append((m.start(1), stores[m.group(1)]))
    if not named:
        for marker, code in rules["marketplaces"]["markers"].items():
            at = low.find(marker)
            while at >= 0:
                if not _LONGER_HOST.match(low, at + len(marker)):  # sellercentral.amazon.com.au is not .com
                    named.append((at, code))
                at = low.find(marker, at + 1)
    if not named:
        return None
    named.sort()
    counts: dict[str, int] = {}
    for _, code in named:
        counts[code] = counts.get(code, 0) + 1
    best = max(counts.values())
    return next(code for _, code in named if counts[code] == best)
