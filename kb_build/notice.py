"""Notice decoder: the Python reference twin of docs/javascripts/case/decode.js.

`decode_notice(text, rules)` reads one pasted Amazon notice and returns
{"kinds", "marketplace", "asins", "complaint_ids", "emails", "deadlines_days", "dates", "evidence"}.
`rules` is /api/v1/notice-rules.json (kb_build/publish/notice_rules.py). Both twins run over the
fixtures in tests/fixtures/notices/ and must print the same JSON (tests/test_notice.py).

Folding, the one transformation every phrase match uses: each character of the text is NFKC-
normalised on its own (full-width to half-width), ASCII letters are lower-cased, and only ASCII
letters, digits and CJK ideographs are kept. A phrase is folded the same way and looked up in the
folded text, so stripped spaces ("YoumaynolongersellonAmazon.com"), split words ("ut ility pat ent"),
line breaks, forum markup and curly quotes do not matter. Offsets into the original text are
counted in UTF-16 code units, as JavaScript counts them, so evidence agrees to the character.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from kb_build.notice_extract import asins, complaint_ids, dates, deadlines, emails, marketplace, plain

MAX_TEXT = 200_000  # characters one notice may have; the page splits and limits pastes before this
_KEEP = re.compile(r"[a-z0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def fold(text: str) -> tuple[str, list[int]]:
    """(folded text, UTF-16 offset in `text` of each folded character, plus the end offset)."""
    out: list[str] = []
    where: list[int] = []
    pos = 0
    for ch in text:
        width = 2 if ord(ch) > 0xFFFF else 1
        for n in unicodedata.normalize("NFKC", ch):
            c = n.lower() if "A" <= n <= "Z" else n
            if _KEEP.match(c):
                out.append(c)
                where.append(pos)
        pos += width
    where.append(pos)
    return "".join(out), where


def fold_phrase(text: str) -> str:
    return fold(text)[0]


def _utf16_slice(text: str, start: int, end: int) -> str:
    data = text.encode("utf-16-le")
    return data[start * 2 : end * 2].decode("utf-16-le", errors="replace")


def _is_heading(span: str) -> bool:
    """All capitals (a forum poster's 'POLICY WARNING EMAIL'), not Amazon's sentence case."""
    return bool(_UPPER.search(span)) and not _LOWER.search(span)


def _points(text: str, folded: str, where: list[int], kid: str, kind: dict[str, Any]) -> tuple[int, list[Any]]:
    points = 0
    found = []
    for phrase in kind["phrases"]:
        key = phrase["folded"]
        at = folded.find(key) if key else -1
        if at < 0:
            continue
        start, end = where[at], where[at + len(key) - 1] + 1
        span = _utf16_slice(text, start, end)
        weight = phrase["weight"]
        if weight > 0 and _is_heading(span):
            weight //= 2
        points += weight
        if weight > 0:
            found.append({"kind": kid, "phrase": phrase["text"], "start": start, "end": end, "text": span})
    return points, found


def addressed(folded: str, rules: dict[str, Any]) -> bool:
    """Whether the text reads as a notice to a seller: it has one of rules["context"] ('your account',
    'we have removed', 'Seller Central', '您的账户'...). A blog or a law firm's page that names a right
    ('neutral evaluation', '外观设计专利') without addressing a seller gets no kind. No list: no check."""
    context = rules.get("context", [])
    return not context or any(c["folded"] in folded for c in context)


def score_kinds(text: str, rules: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """Kinds over their threshold, best first (cause kinds by score, account-level ones around them).
    A deactivation names its cause, often in other words than a warning would: once a deactivation is
    found, cause kinds need only rules["cause_fallback"] points (they still rank below full matches).
    A text that addresses no seller (see addressed()) has no kind."""
    folded, where = fold(text)
    scored: list[tuple[int, int, str]] = []
    evidence: list[dict[str, Any]] = []
    weak: list[tuple[int, int, str, list[Any]]] = []
    for order, kid in enumerate(rules["order"]):
        kind = rules["kinds"][kid]
        points, found = _points(text, folded, where, kid, kind)
        if points >= kind["threshold"]:
            scored.append((points, order, kid))
            evidence.extend(found)
        elif kind["position"] == "cause" and points >= rules["cause_fallback"]:
            weak.append((points, order, kid, found))
    positions = {rules["kinds"][kid]["position"] for _, _, kid in scored}
    if "after-cause" in positions:
        for w in weak:
            scored.append(w[:3])
            evidence.extend(w[3])
    if not scored or not addressed(folded, rules):
        return [], []
    # A before-cause kind (removal request, APEX, at-risk...) leads only when the notice is mainly about it:
    # one with fewer points than the best cause (an FBA footer 'create a removal order') ranks among the causes.
    best_cause = max((s[0] for s in scored if rules["kinds"][s[2]]["position"] == "cause"), default=0)
    rank = {"before-cause": 0, "cause": 1, "after-cause": 2}

    def key(s: tuple[int, int, str]) -> tuple[int, int, int]:
        r = rank[rules["kinds"][s[2]]["position"]]
        return (1 if r == 0 and s[0] < best_cause else r, -s[0], s[1])

    scored.sort(key=key)
    kinds = [kid for _, _, kid in scored]
    evidence.sort(key=lambda e: (e["start"], e["end"], e["kind"]))
    return kinds, evidence


def decode_notice(text: str, rules: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(text, str):
        text = ""
    text = _utf16_slice(text, 0, MAX_TEXT) if len(text) > MAX_TEXT // 2 else text
    kinds, evidence = score_kinds(text, rules)
    flat = plain(text)
    return {
        "kinds": kinds,
        "marketplace": marketplace(flat, rules) if kinds else None,
        "asins": asins(flat),
        "complaint_ids": complaint_ids(flat),
        "emails": emails(flat, rules),
        "deadlines_days": deadlines(flat) if kinds else [],
        "dates": dates(flat),
        "evidence": evidence,
    }
