"""Contributor rich text: Markdown -> allowlisted HTML that the MkDocs pass cannot reinterpret.

One way in: `rich_html(text, inline=...)`.
1. Python-Markdown (the engine MkDocs uses) renders the text with a restricted profile: no raw
   HTML, no entities, no images, no headings, rules, lists, quotes or indented code (those stay
   literal text, as contributors' line-broken YAML means them), single line breaks kept (nl2br).
   attr_list, md_in_html and admonition are not loaded: they exist to let authors write markup.
2. nh3 (ammonia) keeps only p, br, strong, em, code and a[href]; hrefs must be https URLs with a
   host (relative, fragment-only and protocol-relative links are dropped with their link).
3. The result is re-serialised so that MkDocs' own Markdown pass sees nothing to interpret: every
   character Markdown or a table reads (`*_[]()` `|` `{}` `#` `\\` backticks, `<>&"'`) is a numeric
   character reference, and the fragment is one line (a table row stays one row).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension

BLOCK_TAGS = frozenset({"p", "br", "strong", "em", "code", "a"})
INLINE_TAGS = BLOCK_TAGS - {"p"}
LINK_REL = "nofollow ugc noopener noreferrer"
_OFF = {
    "preprocessors": ("html_block",),
    "blockprocessors": ("code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote"),
    "inlinePatterns": ("html", "entity", "image_link", "image_reference", "short_image_ref"),
}
# Characters that start Markdown, HTML or table syntax anywhere on a line.
_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#!|~^$"}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)  # str.translate: one C pass instead of a per-character join
# What starts a block only at the beginning of a line (lists, rules, definitions).
_LINE_START = re.compile(r"[-+.:=]|\d+[.)]")
# C0/C1 controls and Markdown's own placeholder markers never reach a page.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_WS = re.compile(r"\s+")
# Fast path: text with none of these needs no Markdown pass.
_MARKDOWN_CHARS = re.compile(r"[*_`\[\]<>&\\]|  \n|\n")


class _Restricted(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        for registry, names in _OFF.items():
            for name in names:
                getattr(md if registry != "blockprocessors" else md.parser, registry).deregister(name, strict=False)


@lru_cache(maxsize=1)
def _engine() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_Restricted(), "nl2br"])


def encode(text: str) -> str:
    """Plain text for a Markdown page (body, table cell, heading, attribute): one inert line."""
    text = _WS.sub(" ", _CONTROLS.sub("", text)).strip()
    out = text.translate(_SPECIAL_TABLE)
    if _LINE_START.match(out):
        out = f"&#{ord(out[0])};{out[1:]}"
    return out


def https_url(value: str | None) -> bool:
    """An absolute https URL with a host, no user-info, no whitespace or control characters."""
    if not value or _WS.search(value) or _CONTROLS.search(value):
        return False
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname) and "@" not in parts.netloc and port_ok


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        return value if https_url(value) else None
    return value


class _Inert(HTMLParser):
    """Re-emit sanitised HTML with every text and attribute character Markdown-inert."""

    def __init__(self, tags: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        keep = tag in self.tags and (tag != "a" or https_url(values.get("href")))
        if tag == "br":
            self.out.append("<br>" if keep else " ")
            return
        self.open.append((tag, keep))
        if keep:
            extra = f' href="{encode(values["href"] or "")}" rel="{LINK_REL}"' if tag == "a" else ""
            self.out.append(f"<{tag}{extra}>")

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            name, kept = self.open.pop()
            if kept:
                self.out.append(f"</{name}>")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        text = _WS.sub(" ", _CONTROLS.sub("", data))
        self.out.append(text.translate(_SPECIAL_TABLE))

    def result(self) -> str:
        self.close()
        while self.open:
            name, kept = self.open.pop()
            if kept:
                self.out.append(f"</{name}>")
        return "".join(self.out).strip()


def _sanitize(html_text: str, tags: frozenset[str]) -> str:
    clean = nh3.clean(
        html_text,
        tags=set(tags),
        attributes={"a": {"href"}},
        attribute_filter=_keep_attribute,
        url_schemes={"https"},
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )
    parser = _Inert(tags)
    parser.feed(clean)
    return parser.result()


@lru_cache(maxsize=8192)
def rich_html(text: str, inline: bool = False) -> str:
    """Contributor Markdown as inert HTML: paragraphs (`<p>`) or, inline, one line joined by `<br>`."""
    text = _CONTROLS.sub("", text).strip()
    if not _MARKDOWN_CHARS.search(text):
        body = encode(text)
        return body if inline else f"<p>{body}</p>"
    md = _engine()
    md.reset()
    html_text = md.convert("\n".join(line.strip() for line in text.splitlines()))
    if inline:
        html_text = re.sub(r"</p>\s*<p>", "<br>", html_text)
    return _sanitize(html_text, INLINE_TAGS if inline else BLOCK_TAGS)


def text_content(text: str) -> str:
    """What a reader sees of a rich field, as plain text (descriptions, feeds)."""
    parser = _Text()
    parser.feed(nh3.clean(_engine().reset().convert(_CONTROLS.sub("", text)), tags=set()))
    parser.close()
    return _WS.sub(" ", "".join(parser.parts)).strip()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
