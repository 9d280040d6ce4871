"""Turn pydantic validation errors into contributor-friendly diagnostics."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from kb_build.load.yaml_safe import Path_

_LANG = {"zh": "Chinese", "en": "English"}
_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "float_type": "a number",
    "date_type": "a date (YYYY-MM-DD)",
}


def field_name(loc: Path_) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out or "(top level)"


def _got(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return f"text {value[:40]!r}" if len(value) <= 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _type_hint(kind: str, value: Any) -> str:
    """What YAML 1.1 habits to drop: `0150`, `3:00`, `1_80` and `yes` are text, `true` is not a number."""
    if kind.startswith("int"):
        return "write a plain decimal number such as 180: no quotes, leading zeros, underscores, colons or true/false"
    if kind.startswith("bool"):
        return "write true or false: yes/no/on/off, 0/1 and quoted 'true' are not true/false"
    return ""


def translate(exc: ValidationError) -> list[tuple[Path_, str, str, str]]:
    """Return (loc, code, message, hint) for each pydantic error."""
    out: list[tuple[Path_, str, str, str]] = []
    for err in exc.errors(include_url=False):
        loc: Path_ = tuple(err["loc"])
        kind = err["type"]
        name = field_name(loc)
        ctx = err.get("ctx") or {}
        value = err.get("input")
        if kind.startswith("KB"):
            code, msg, hint = kind, err["msg"], str(ctx.get("hint", ""))
            if code == "KB021" and not loc:
                loc = ("reviewed",)  # a model-level date check: point at the field to change
            if code == "KB012" and loc and loc[-1] in _LANG:
                parent = field_name(loc[:-1])
                msg = f"field '{parent}' has empty '{loc[-1]}' text"
                hint = f"write the {_LANG[str(loc[-1])]} text"
            elif loc:
                msg = f"field '{name}': {msg}"
        elif kind == "missing" and loc and loc[-1] in _LANG:
            parent = field_name(loc[:-1])
            lang = str(loc[-1])
            code, msg = "KB012", f"field '{parent}' has no '{lang}' text"
            what = parent.rsplit(".", 1)[-1]
            hint = f"add a {_LANG[lang]} {what}" if "[" not in what else f"add the {_LANG[lang]} text"
        elif kind == "missing":
            code, msg, hint = "KB010", f"required field '{name}' is missing", f"add '{loc[-1]}:' to the entry"
        elif kind == "extra_forbidden":
            code, msg, hint = "KB011", f"unknown field '{name}'", "check the spelling against the schema, or remove it"
        elif kind.startswith("date") or kind == "datetime_from_date_parsing":
            code = "KB014"
            msg = f"field '{name}' is not a valid date ({value!r})"
            hint = "write YYYY-MM-DD with a real calendar day"
        elif kind in _TYPE_WORDS:
            code, msg = "KB013", f"field '{name}' must be {_TYPE_WORDS[kind]}, not {_got(value)}"
            hint = _type_hint(kind, value)
        elif kind in ("literal_error", "enum"):
            code, msg = "KB015", f"field '{name}' has value {value!r}, which is not allowed"
            hint = f"use one of: {ctx.get('expected', '')}"
        elif kind == "string_pattern_mismatch":
            code, msg = "KB023", f"field '{name}' value {str(value)[:60]!r} has the wrong form"
            hint = (
                "use lowercase letters, digits and single hyphens (kebab-case)"
                if "a-z0-9" in str(ctx.get("pattern", ""))
                else f"it must match {ctx.get('pattern')}"
            )
        elif kind in ("too_short", "string_too_short"):
            code, msg = "KB010", f"field '{name}' is empty or too short"
            hint = f"give at least {ctx.get('min_length', 1)} item(s)" if kind == "too_short" else "write some text"
        elif kind in ("too_long", "string_too_long"):
            code, msg = "KB022", f"field '{name}' is too long"
            hint = f"the limit is {ctx.get('max_length')}"
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            code, msg = "KB022", f"field '{name}' is out of range ({value!r})"
            hint = err["msg"].lower()
        else:
            code, msg, hint = "KB023", f"field '{name}': {err['msg']}", ""
        out.append((loc, code, msg, hint))
    return out
