"""Escape contributor text so it renders as text in Markdown, never as HTML or markup tricks.

Allowed through: **bold**, *italic*, `code` and [links](https://...) (targets are
validated as https by the model). Neutralised: HTML (escaped entities), images
(`![..]` would fetch from another host), attribute lists (`{: onclick=..}`),
headings, admonitions and block quotes started by contributor text.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

_LINE_START = re.compile(r"^(\s*)([#!>+=|:~-])", re.M)
_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.M)


def md_escape(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    text = html.escape(str(value), quote=False)
    text = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("![", "\\!\\[")
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return Markup(text.strip())


def md_inline(value: object) -> Markup:
    """Escape and flatten to one line (table cells, list items, headings)."""
    text = re.sub(r"\s+", " ", str(value)).strip()
    escaped = md_escape(text).replace("|", "\\|")
    return Markup(escaped)


def md_block(value: object, indent: int = 0) -> Markup:
    """Escape a multi-paragraph text and indent continuation lines (for list items).

    Blank lines separate paragraphs; a single line break is kept as a hard break,
    because contributors writing a YAML block scalar (`|`) mean the lines they typed.
    """
    paragraphs = re.split(r"\n[ \t]*\n", str(md_escape(value)))
    escaped = "\n\n".join("  \n".join(ln.strip() for ln in p.strip().splitlines() if ln.strip()) for p in paragraphs)
    if indent:
        pad = " " * indent
        escaped = "\n".join((pad + line if i and line.strip() else line) for i, line in enumerate(escaped.splitlines()))
    return Markup(escaped)


def plain(value: object) -> str:
    """Text for attributes and front matter: no Markdown at all."""
    return re.sub(r"\s+", " ", re.sub(r"[*`_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", str(value))).strip()
