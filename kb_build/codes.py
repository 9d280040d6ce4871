"""Registry of diagnostic codes: KB0xx are errors, KB1xx are warnings.

The contributor guide's table is generated from this registry, so a code is
documented exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    hint: str

    @property
    def severity(self) -> Severity:
        return "warning" if self.code.startswith("KB1") else "error"


_CODES = [
    Code("KB001", "YAML syntax error", "fix the YAML syntax at the position shown (indentation, quotes, colons)"),
    Code("KB002", "file is not clean UTF-8", "save the file as UTF-8 without a byte-order mark"),
    Code("KB003", "duplicate key", "remove or rename one of the two keys"),
    Code("KB004", "forbidden YAML feature", "do not use anchors, aliases or !!tags; write the value out"),
    Code("KB005", "file too large or too deeply nested", "split long text; entries stay under 512 KB and 40 levels"),
    Code("KB006", "empty file or not a mapping", "the file must be a YAML mapping starting with 'id:'"),
    Code("KB010", "required field missing", "add the field; the JSON Schema in schemas/ lists every field"),
    Code("KB011", "unknown field", "check the spelling; the schema lists the allowed fields"),
    Code("KB012", "missing translation", "every human-readable field needs both 'zh' and 'en' text"),
    Code("KB013", "wrong type", "use the type the schema asks for (text, list, number, true/false)"),
    Code("KB014", "invalid date", "write dates as YYYY-MM-DD with a real calendar day"),
    Code("KB015", "value not allowed", "use one of the values defined in data/vocab.yml"),
    Code("KB016", "id does not match file name", "the file name must be '<id>.yml' with a lowercase kebab-case id"),
    Code("KB017", "duplicate id", "ids are unique across the knowledge base; rename one entry"),
    Code("KB018", "unknown reference", "point to an existing entry id, e.g. 'violations/ip-complaint-utility-patent'"),
    Code("KB019", "unsafe or non-https link", "use an https:// URL"),
    Code("KB020", "raw HTML in text", "write plain text or Markdown emphasis; HTML tags are not allowed"),
    Code("KB021", "dates out of order", "'reviewed' must not be before 'added', and neither may be in the future"),
    Code("KB022", "value out of range", "use a value in the range the schema gives"),
    Code("KB023", "invalid value", "see the message for what the value must look like"),
    Code(
        "KB101",
        "Chinese text uses half-width punctuation",
        "use full-width punctuation in Chinese text: ，。：；？！（）",
    ),
    Code(
        "KB102",
        "no space between Chinese and Latin text",
        "put one space between Chinese characters and Latin words or numbers",
    ),
    Code("KB103", "CJK characters in English text", "English fields must be written in English"),
    Code("KB104", "translation drift", "the zh and en versions of a list must have the same number of items"),
    Code("KB105", "stale entry", "re-check the sources and update 'reviewed' (entries are stale after 12 months)"),
    Code(
        "KB106",
        "missing schema comment",
        "start the file with '# yaml-language-server: $schema=...' (kb_build check --fix adds it)",
    ),
    Code(
        "KB107",
        "formatting can be normalised",
        "run 'python -m kb_build check --fix' to normalise whitespace and key order",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _CODES}


def get(code: str) -> Code:
    return CODES[code]
