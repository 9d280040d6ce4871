"""KB108 (link hosts that imitate Amazon) and KB109 (invisible or bidi characters in text)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from kb_build.diagnostics import Diagnostic
from kb_build.load.corpus import Entry
from kb_build.load.pydantic_errors import field_name
from kb_build.load.yaml_safe import Path_
from kb_build.model.text import INVISIBLE

# Amazon's registered retail domains; a host is Amazon's if it is one of these or under one.
AMAZON_DOMAINS = frozenset(
    f"amazon.{tld}"
    for tld in (
        "com", "ca", "com.mx", "com.br", "co.uk", "de", "fr", "it", "es", "nl", "se", "pl", "com.be", "com.tr",
        "ae", "sa", "eg", "in", "co.jp", "com.au", "sg", "cn", "ie", "co.za", "jobs", "science",
    )
) | {"aboutamazon.com", "aboutamazon.in", "aboutamazon.eu", "aboutamazon.co.uk", "aboutamazon.de", "amazon.dev",
     "amazonaws.com", "amzn.to", "amzn.com", "amazon-adsystem.com"}
# Letters that look alike once folded: digits, Cyrillic and Greek homoglyphs.
_FOLD = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "@": "a", "а": "a", "о": "o", "е": "e",
                       "с": "c", "р": "p", "х": "x", "і": "i", "ѕ": "s", "ԁ": "d", "ո": "n", "м": "m", "α": "a",
                       "ο": "o", "ν": "v", "ɑ": "a", "ᴢ": "z", "ʐ": "z", "ｍ": "m"})


def is_amazon(host: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in AMAZON_DOMAINS)


def _unpuny(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def skeleton(host: str) -> str:
    """The host as a reader sees it: punycode decoded, accents dropped, look-alikes folded."""
    labels = [_unpuny(label) for label in host.split(".")]
    text = unicodedata.normalize("NFKD", ".".join(labels).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_FOLD)
    return text.replace("rn", "m").replace("vv", "w")


def imitates_amazon(host: str) -> bool:
    """A host a reader could take for Amazon's: 'amazon' as a label or hyphen-part of one
    (amazon.com.evil, sellercentral-amazon.co), or spelt with look-alikes (amaz0n, аmazon, punycode).
    Agencies that merely have the word in their name (amazonsellerslawyer.com) are not flagged."""
    host = host.lower().rstrip(".")
    if is_amazon(host):
        return False
    folded = skeleton(host)
    parts = set(re.split(r"[.\-]", folded))
    if parts & {"amazon", "amzn", "sellercentral"}:
        return True
    # The word only appears once look-alikes are folded (amaz0n, arnazon, Cyrillic а, punycode).
    return any(word in folded and word not in host for word in ("amazon", "amzn"))


def _strings(value: Any, loc: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, str(key)))


def safety_warnings(entry: Entry) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for loc, text in _strings(entry.model, ()):
        line, col = entry.yaml.position(loc)
        if loc and loc[-1] == "url":
            host = urlsplit(text).hostname or ""
            if imitates_amazon(host):
                message = f"'{field_name(loc)}' host '{host}' looks like Amazon but is not an Amazon domain"
                out.append(Diagnostic(entry.relpath, line, col, "KB108", message))
        m = INVISIBLE.search(text)
        if m:
            out.append(Diagnostic(entry.relpath, line, col, "KB109",
                                  f"'{field_name(loc)}' contains the invisible character U+{ord(m.group(0)):04X}"))
    return out
