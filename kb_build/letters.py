"""Letters, reference implementation: a template (data/letters/) plus the seller's facts -> plain English text.

Twin of docs/javascripts/letters/render.js (tests/test_letters.py compares them). Templates are
the `data` objects of /api/v1/letters.json; `models` maps a model letter id to its parts
({part: {"text", "explain"}}) from /api/v1/poa.json.

render_letter(template, {"violation", "reason", "facts"}, models) returns
{"paragraphs": [{"part", "text", "explain": [{zh, en}...], "missing": [...], "example"?}],
 "text": the letter, "missing": fact names still missing} or {"error": code}. A missing fact
becomes "[prompt]" in the text. A retraction or dispute needs one of the template's reasons,
and a retraction is offered for no other reason.
"""

from __future__ import annotations

import re
from typing import Any

Json = dict[str, Any]
MAX_FACT = 4000
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
# Control characters, bidi overrides and zero-width marks: never useful in a letter, risky in a displayed one.
_CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def clean_fact(value: Any, multiline: bool) -> str:
    """A fact as plain text: control characters dropped, trimmed, single-line unless multiline."""
    if not isinstance(value, str):
        return ""
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))[:MAX_FACT]
    if not multiline:
        text = " ".join(text.split())
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return "\n".join(lines)


def _numbered(items: list[Json]) -> str:
    return "\n".join(f"{i}. {item['en']}" for i, item in enumerate(items, 1))


def _choose(template: Json, request: Json) -> tuple[Json | None, Json | None, str | None]:
    """(reason, variant, error) for a request."""
    kind = template["kind"]
    violation = request.get("violation")
    if violation not in template["violation_types"]:
        return None, None, "violation-not-served"
    if kind == "poa":
        variant = next((v for v in template["variants"] if v["violation"] == violation), None)
        return None, variant, None if variant else "violation-not-served"
    reason = next((r for r in template["reasons"] if r["id"] == request.get("reason")), None)
    if reason is None:
        return None, None, "no-valid-reason" if kind == "retraction" else "no-reason"
    return reason, None, None


def render_letter(template: Json, request: Json, models: dict[str, Json] | None = None) -> Json:
    reason, variant, error = _choose(template, request)
    if error:
        return {"error": error}
    given = request.get("facts") or {}
    facts: dict[str, str] = {}
    prompts: dict[str, str] = {}
    for fact in template["facts"]:
        prompts[fact["name"]] = fact["prompt"]
        value = clean_fact(given.get(fact["name"]), bool(fact.get("multiline")))
        if value:
            facts[fact["name"]] = value
    builtins = {
        "reason": reason["text"] if reason else "",
        "evidence": _numbered((reason or variant or {}).get("evidence") or []),
        "violation": variant["name"] if variant else "",
    }
    model = (models or {}).get(variant.get("model")) if variant and variant.get("model") else None
    out: list[Json] = []
    all_missing: list[str] = []
    for para in template["paragraphs"]:
        if para.get("reasons") and (reason is None or reason["id"] not in para["reasons"]):
            continue
        missing: list[str] = []
        raw = _PLACEHOLDER.sub(lambda m: builtins.get(m.group(1), m.group(0)), para["text"])

        def fill(m: re.Match[str], missing: list[str] = missing) -> str:
            name = m.group(1)
            if name in facts:
                return facts[name]
            if name not in missing:
                missing.append(name)
            return f"[{prompts.get(name, name)}]"

        text = _PLACEHOLDER.sub(fill, raw)
        explain = [para["explain"]]
        if reason and "{reason}" in para["text"]:
            explain.append(reason["explain"])
        if variant and para["part"] == "root-cause":
            explain.append(variant["hint"])
        if "{evidence}" in para["text"]:
            explain.extend((reason or variant or {}).get("evidence") or [])
        item: Json = {"part": para["part"], "text": text, "explain": explain, "missing": missing}
        if model and para["part"] in model:
            item["example"] = {"model": variant["model"], **model[para["part"]]}
        out.append(item)
        all_missing.extend(n for n in missing if n not in all_missing)
    return {"paragraphs": out, "text": "\n\n".join(p["text"] for p in out), "missing": all_missing}


def models_from_poa(entries: list[Json]) -> dict[str, Json]:
    """{poa id: {part: {"text", "explain"}}} from the `data` of the poa collection (first paragraph per part)."""
    out: dict[str, Json] = {}
    for data in entries:
        parts: Json = {}
        for part in data.get("letter") or []:
            parts.setdefault(part["part"], {"text": part["text"].strip(), "explain": part["explain"]})
        out[data["id"]] = parts
    return out
