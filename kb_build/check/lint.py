"""KB1xx style warnings: Chinese and English style, translation drift, staleness, file format.

Warnings never fail the build; `python -m kb_build check` prints them next to the errors.
Every rule reports the line of the field it is about (`entry.yaml.position(loc)`).

The Chinese rules follow common zh style (tldr-pages' style-guide.zh.md and the
"Chinese copywriting guidelines"): full-width punctuation between Chinese words, one space
between Chinese characters and Latin words or numbers, no space next to full-width punctuation.
They are written so that Latin names, numbers, URLs and `code` inside Chinese text are fine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from kb_build import project
from kb_build.check.fix import modeline, normalise
from kb_build.check.lint_safety import safety_warnings
from kb_build.diagnostics import Diagnostic
from kb_build.load.corpus import SCHEMA_COMMENT, Corpus, Entry
from kb_build.load.pydantic_errors import field_name
from kb_build.load.yaml_safe import Path_
from kb_build.model.entries import LetterPart
from kb_build.model.text import Text

STALE_DAYS = 365

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# Han characters plus full-width punctuation and forms: what must never appear in English.
CJK_ANY = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2e80-\u2fdf]")
# Curly quotes are left out: they are shared with English and writers space them around Latin words.
FULLWIDTH_PUNCT = r"[，。：；？！（）、《》【】]"

# Spans whose content is not prose: inline code, Markdown link targets, bare URLs.
_SKIP_SPANS = re.compile(r"`[^`]*`|\]\([^)]*\)|https://\S+")
# Words where Chinese writers never put a space (T恤 = T-shirt, U盘 = USB stick ...).
_NO_SPACE_WORDS = re.compile(r"[TUXAB](?:恤|盘|光|股|超)|[0-9]+(?:后)(?=\W|$)")

_HALF_PUNCT_AFTER_HAN = re.compile(HAN + r"[,;:?!]|" + HAN + r"\.(?!\d)(?=\s|$|" + HAN + ")")
_HALF_PUNCT_BEFORE_HAN = re.compile(r"[,;:?!]\s*(?=" + HAN + ")")
_HALF_PARENS = re.compile(r"\(([^()]*)\)")
_HALF_QUOTES = re.compile(r'"([^"]*)"')
_HAN_LATIN = re.compile(HAN + r"(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])" + HAN)
_SPACE_AT_FULLWIDTH = re.compile(r"[ \t]+" + FULLWIDTH_PUNCT + "|" + FULLWIDTH_PUNCT + r"[ \t]+(?=\S)")

_LINK = re.compile(r"\[[^\]]+\]\(https://[^)]+\)")
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)
_BOLD = re.compile(r"\*\*[^*]+\*\*")
_CODE = re.compile(r"`[^`]+`")
# Tokens that must survive translation unchanged: ISO dates, case numbers, patent and
# registration numbers (7+ digits once commas are removed). Amounts are not compared:
# Chinese counts in 万 ("180 万美元" = "$1.8 million").
_FACT = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}-[a-z]{2}-\d{3,6}\b|\b\d{1,3}(?:,\d{3}){2,}\b|\b\d{7,}\b")


NEUTRAL = "\x01"  # stands in for skipped characters: neither space, Latin nor Chinese


def _blank_out(text: str) -> str:
    """Neutralise code, link targets and URLs so style rules ignore them (offsets kept)."""
    return _SKIP_SPANS.sub(lambda m: NEUTRAL * len(m.group(0)), text)


def _snip(text: str, start: int, end: int) -> str:
    return text[max(0, start - 6) : end + 6].replace("\n", " ").strip()


# ---- per-text rules (pure functions, tested directly) --------------------------------


def zh_punctuation(text: str) -> list[str]:
    """Half-width punctuation used in Chinese prose (KB101). Returns the offending snippets."""
    prose = _blank_out(text)
    found: list[str] = []
    for m in _HALF_PUNCT_AFTER_HAN.finditer(prose):
        found.append(_snip(text, m.start(), m.end()))
    for m in _HALF_PUNCT_BEFORE_HAN.finditer(prose):
        found.append(_snip(text, m.start(), m.end()))
    for m in _HALF_PARENS.finditer(prose):
        inner = m.group(1)
        outside = prose[max(0, m.start() - 1) : m.start()] + prose[m.end() : m.end() + 1]
        if re.search(HAN, inner) or re.search(HAN, outside):
            found.append(_snip(text, m.start(), m.end()))
    for m in _HALF_QUOTES.finditer(prose):
        if re.search(HAN, m.group(1)):
            found.append(_snip(text, m.start(), m.end()))
    return sorted(set(found))


def zh_spacing(text: str) -> list[str]:
    """Missing space between Chinese and Latin/digits, or spaces beside full-width punctuation (KB102)."""
    prose = _blank_out(_NO_SPACE_WORDS.sub(lambda m: NEUTRAL * len(m.group(0)), text))
    prose = prose.replace("*", NEUTRAL)  # "**注意**Amazon": emphasis markers are neither side
    found = [_snip(text, m.start(), m.end()) for m in _HAN_LATIN.finditer(prose)]
    found += [_snip(text, m.start(), m.end()) for m in _SPACE_AT_FULLWIDTH.finditer(prose)]
    return sorted(set(found))


def en_cjk(text: str) -> list[str]:
    """CJK characters or full-width punctuation in English text (KB103)."""
    return sorted({_snip(text, m.start(), m.end()) for m in CJK_ANY.finditer(text)})


def _paragraphs(text: str) -> int:
    return len([p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()])


def drift(zh: str, en: str) -> list[str]:
    """Structural differences between the zh and en versions of one field (KB104)."""
    out: list[str] = []
    checks = (
        ("paragraphs", _paragraphs),
        ("list lines", lambda s: len(_LIST_LINE.findall(s))),
        ("links", lambda s: len(_LINK.findall(s))),
        ("bold phrases", lambda s: len(_BOLD.findall(s))),
        ("code spans", lambda s: len(_CODE.findall(s))),
    )
    for name, count in checks:
        a, b = count(zh), count(en)
        if a != b:
            out.append(f"{name}: zh has {a}, en has {b}")
    zf = {f.replace(",", "") for f in _FACT.findall(zh)}
    ef = {f.replace(",", "") for f in _FACT.findall(en)}
    if zf != ef:
        only_zh, only_en = sorted(zf - ef), sorted(ef - zf)
        parts = []
        if only_zh:
            parts.append("only in zh: " + ", ".join(only_zh[:4]))
        if only_en:
            parts.append("only in en: " + ", ".join(only_en[:4]))
        out.append("dates/numbers differ (" + "; ".join(parts) + ")")
    return out


# ---- walking an entry -----------------------------------------------------------------


def texts(model: Any, loc: Path_ = ()) -> Iterator[tuple[Path_, Text]]:
    """Yield (loc, Text) for every bilingual field of a model, depth first, in field order."""
    if isinstance(model, Text):
        yield loc, model
        return
    if isinstance(model, BaseModel):
        for name in type(model).model_fields:
            yield from texts(getattr(model, name), (*loc, name))
    elif isinstance(model, list):
        for i, item in enumerate(model):
            yield from texts(item, (*loc, i))


def _english_strings(model: Any, loc: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """English-only plain strings: the POA letter paragraphs."""
    if isinstance(model, LetterPart):
        yield (*loc, "text"), model.text
    elif isinstance(model, BaseModel) and not isinstance(model, Text):
        for name in type(model).model_fields:
            yield from _english_strings(getattr(model, name), (*loc, name))
    elif isinstance(model, list):
        for i, item in enumerate(model):
            yield from _english_strings(item, (*loc, i))


def _shorten(items: list[str], limit: int = 3) -> str:
    shown = ", ".join(f"'{s}'" for s in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def lint_entry(entry: Entry, today: dt.date) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def add(loc: Path_, code: str, message: str, hint: str = "") -> None:
        line, col = entry.yaml.position(loc)
        out.append(Diagnostic(entry.relpath, line, col, code, message, hint))

    for loc, text in texts(entry.model):
        name = field_name(loc)
        bad = zh_punctuation(text.zh)
        if bad:
            add((*loc, "zh"), "KB101", f"'{name}.zh' uses half-width punctuation: {_shorten(bad)}")
        bad = zh_spacing(text.zh)
        if bad:
            add((*loc, "zh"), "KB102", f"'{name}.zh' spacing between Chinese and Latin text: {_shorten(bad)}")
        bad = en_cjk(text.en)
        if bad:
            add((*loc, "en"), "KB103", f"'{name}.en' contains Chinese characters or punctuation: {_shorten(bad)}")
        diffs = drift(text.zh, text.en)
        if diffs:
            add(loc, "KB104", f"'{name}' zh and en differ — {'; '.join(diffs)}",
                "make both versions say the same things with the same structure")
    for loc, value in _english_strings(entry.model):
        bad = en_cjk(value)
        if bad:
            name = field_name(loc)
            add(loc, "KB103", f"'{name}' (sent to Amazon in English) contains CJK characters: {_shorten(bad)}")

    reviewed = entry.model.reviewed
    if (today - reviewed).days > STALE_DAYS:
        add(("reviewed",), "KB105", f"last reviewed {reviewed} ({(today - reviewed).days} days ago)")

    try:
        raw = entry.path.read_bytes().decode("utf-8")  # not read_text: keep CRLF visible
    except (OSError, UnicodeDecodeError):
        return out
    expected = modeline(entry.collection)
    head = [ln for ln in raw.splitlines()[:5] if ln.startswith("#")]
    if expected not in [h.strip() for h in head]:
        wrong = next((h for h in head if h.startswith(SCHEMA_COMMENT)), None)
        msg = f"schema comment points elsewhere: '{wrong}'" if wrong else "the file has no schema comment"
        hint = f"make the first line '{expected}' (check --fix does it)"
        out.append(Diagnostic(entry.relpath, 1, 1, "KB106", msg, hint))

    fixed = normalise(raw, entry.collection, parsed=entry.yaml.data)
    if fixed != raw:
        line = _first_difference(raw, fixed)
        out.append(Diagnostic(entry.relpath, line, 1, "KB107",
                              "whitespace, key order or the schema comment can be normalised"))
    return out


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), start=1):
        if x != y:
            return i
    return min(len(a.splitlines()), len(b.splitlines())) + 1


def lint_corpus(corpus: Corpus, today: dt.date | None = None) -> list[Diagnostic]:
    today = today or project.today()
    out: list[Diagnostic] = []
    for entry in corpus.all_entries():
        out.extend(lint_entry(entry, today))
        out.extend(safety_warnings(entry))
    return sorted(out)
