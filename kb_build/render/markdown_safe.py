"""The encoders templates use, one per output context (see README, "Which fields are rich text").

- `md_escape` / `md_inline`: plain contributor text inside a generated Markdown page (body text,
  table cells, headings, link text). Every character Markdown, HTML or a table would read is a
  numeric character reference (kb_build.render.rich.encode), so the text stays text.
- `rich` / `rich_inline`: rich (Markdown) fields, rendered and sanitised into inert HTML.
- `front_matter`: YAML front matter written by the YAML emitter; the values Material prints
  without escaping (title, description, tags) are HTML-escaped first.
- `plain`: what a reader sees of a rich field, as plain text (descriptions, feeds).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import yaml
from markupsafe import Markup

from kb_build.render.rich import encode, https_url, rich_html, text_content

# libyaml's emitter and parser when present (4,000 pages: seconds, not tens of seconds); same output.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = [
    "front_matter",
    "html_text",
    "https_url",
    "link_html",
    "md_escape",
    "md_inline",
    "plain",
    "rich",
    "rich_inline",
]


def md_escape(value: object) -> Markup:
    if isinstance(value, Markup):
        return value
    if isinstance(value, int | float | dt.date):
        return Markup(str(value))  # typed by the model: digits, '-' and '.', nothing to escape
    return Markup(encode(str(value)))


md_inline = md_escape


def rich(value: object) -> Markup:
    """A rich field as block HTML (one or more `<p>`) on one line."""
    return Markup(rich_html(str(value)))


def rich_inline(value: object) -> Markup:
    """A rich field inside a line (table cell, list item, after a label): paragraphs joined by `<br>`."""
    return Markup(rich_html(str(value), inline=True))


def link_html(url: str, text: object) -> Markup:
    """A link the template builds from a validated url field: the href is exactly that value."""
    if not https_url(url):
        raise ValueError("not an https URL with a host", url)
    return Markup(f'<a href="{encode(url)}">{md_escape(text)}</a>')


def plain(value: object) -> str:
    return text_content(str(value))


def html_text(value: str) -> str:
    """Plain text for a value Material prints as HTML without escaping (page title, description, tags)."""
    return html.escape(" ".join(value.split()), quote=True)


def front_matter(meta: dict[str, Any]) -> Markup:
    """`---`-delimited YAML front matter from a dict, via the YAML emitter (never a string template)."""
    text = yaml.dump(
        meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    back = yaml.load(text, Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader
    for key, value in meta.items():
        if back.get(key) != value:
            raise ValueError(f"'{key}' does not survive the YAML front matter", str(value))
    return Markup(f"---\n{text}---")
