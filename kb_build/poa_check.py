"""The POA checker, reference implementation: a pasted Plan of Action against the rules in data/poa-rules/.

Twin of docs/javascripts/letters/poa-check.js; tests/test_poa_check.py runs both on the same
fixtures and compares the output. The rules are the `data` objects of /api/v1/poa-rules.json.

Output: {"findings": [{"rule": id, "severity": ..., "evidence": [...]}]}, rules in id order. For
text over MAX_UNITS UTF-16 code units (what JavaScript's `length` counts) the output is
{"findings": [], "error": {"code": "too-large", "limit": MAX_UNITS}} and nothing is matched.

Both sides first normalise the text the same way (every run of whitespace, line breaks and
Unicode spaces included, becomes one plain space), so a phrase split across lines still matches
and `\\s`, `.` and word counts mean the same thing in both regex engines.
"""

from __future__ import annotations

import re
from typing import Any

from kb_build.model.poa_rules import FLAGS

MAX_UNITS = 100_000
MAX_EVIDENCE = 8
MAX_EVIDENCE_CHARS = 80
MAX_MATCHES_PER_PATTERN = 50
_TRIM = " \t\n\x0b\x0c"  # what both sides strip from evidence (JS: the same explicit set)
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]")
_RUNS = re.compile(r"\s+", FLAGS)
_WORD = re.compile(r"\S+", FLAGS)

Json = dict[str, Any]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def normalise(text: str) -> str:
    """Every run of whitespace (line breaks and Unicode spaces included) becomes one space."""
    return _RUNS.sub(" ", _SPACES.sub(" ", text))


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def applies(rule: Json, violation: str | None) -> bool:
    targets = rule.get("applies_to") or []
    return not targets or violation in targets


def _compiled(pattern: str, cache: dict[str, re.Pattern[str]]) -> re.Pattern[str]:
    if pattern not in cache:
        cache[pattern] = re.compile(pattern, FLAGS)
    return cache[pattern]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_EVIDENCE_CHARS else text[:MAX_EVIDENCE_CHARS]


def _matches(rule: Json, text: str, cache: dict[str, re.Pattern[str]]) -> tuple[int, list[str]]:
    """(sum of the weights of the patterns that match, distinct matched texts in text order)."""
    score = 0
    found: list[tuple[int, int, str]] = []
    for index, pattern in enumerate(rule.get("patterns") or []):
        hits = []
        for m in _compiled(pattern["re"], cache).finditer(text):
            hits.append((m.start(), index, m.group(0)))  # code-point order is UTF-16 order too
            if len(hits) >= MAX_MATCHES_PER_PATTERN:
                break
        if hits:
            score += int(pattern.get("weight", 1))
            found.extend(hits)
    evidence: list[str] = []
    for _, _, hit in sorted(found):
        clipped = _clip(hit.strip(_TRIM) or hit)
        if clipped not in evidence:
            evidence.append(clipped)
    return score, evidence[:MAX_EVIDENCE]


def check_rule(rule: Json, text: str, cache: dict[str, re.Pattern[str]]) -> Json | None:
    """The finding of one rule on normalised text, or None."""
    check = rule["check"]
    if check == "length":
        words = word_count(text)
        if words > int(rule["max_words"]):
            return {"rule": rule["id"], "severity": rule["severity"], "evidence": [f"{words} words"]}
        return None
    if any(_compiled(u, cache).search(text) for u in rule.get("unless") or []):
        return None
    score, evidence = _matches(rule, text, cache)
    threshold = int(rule.get("threshold", 1))
    if check == "present" and score >= threshold:
        return {"rule": rule["id"], "severity": rule["severity"], "evidence": evidence}
    if check == "absent" and score < threshold:
        return {"rule": rule["id"], "severity": rule["severity"], "evidence": []}
    return None


def check_poa(text: Any, rules: list[Json], violation: str | None = None) -> Json:
    if not isinstance(text, str):
        return {"findings": [], "error": {"code": "not-text"}}
    if utf16_length(text) > MAX_UNITS:
        return {"findings": [], "error": {"code": "too-large", "limit": MAX_UNITS}}
    body = normalise(text)
    if not body.strip(" "):
        return {"findings": [], "error": {"code": "empty"}}
    cache: dict[str, re.Pattern[str]] = {}
    findings = []
    for rule in sorted(rules, key=lambda r: r["id"]):
        if applies(rule, violation):
            finding = check_rule(rule, body, cache)
            if finding is not None:
                findings.append(finding)
    return {"findings": findings}


def rules_from_api(doc: Any) -> list[Json]:
    """The rule objects of a /api/v1/poa-rules.json document (or a plain list of rules)."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict) and isinstance(doc.get("entries"), list):
        return [e["data"] for e in doc["entries"]]
    raise ValueError("not a POA rules file: expected /api/v1/poa-rules.json or a list of rules")
