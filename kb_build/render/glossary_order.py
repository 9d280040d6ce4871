"""Glossary order: pinyin on the Chinese page, the English term on the English page (issue 14).

A Chinese reader looks a term up the way a Chinese dictionary orders it: by the pinyin of each
character, syllable by syllable. Latin-script terms (AHA, DMCA 反通知) file under their first
letter, and terms that start with a digit (72 小时) under "#", ahead of A.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Any

from pypinyin import Style, lazy_pinyin

OTHER = "#"
_WORD = re.compile(r"[a-z0-9]+")


def term(entry: Any, lang: str) -> str:
    """The heading a glossary term has on the page of `lang`."""
    model = entry.model
    return model.seller_usage[0] if lang == "zh" else model.english


def sort_key(entry: Any, lang: str) -> tuple[tuple[str, ...], str]:
    syllables: list[str] = []
    for chunk in lazy_pinyin(term(entry, lang), style=Style.NORMAL, errors="default"):
        syllables.extend(_WORD.findall(chunk.lower()))
    return tuple(syllables), entry.model.id


def letter(entry: Any, lang: str) -> str:
    syllables = sort_key(entry, lang)[0]
    first = syllables[0][0].upper() if syllables else OTHER
    return first if "A" <= first <= "Z" else OTHER


def letter_groups(entries: list[Any], lang: str) -> list[tuple[str, list[Any]]]:
    """[(letter, entries)] in page order, "#" first; `entries` already sorted by `sort_key`."""
    ordered = sorted(entries, key=lambda e: (letter(e, lang) != OTHER, letter(e, lang), sort_key(e, lang)))
    return [(key, list(group)) for key, group in groupby(ordered, key=lambda e: letter(e, lang))]
