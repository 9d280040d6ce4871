"""Atom feeds of new and updated niche warnings, one per language.

site/feeds/warnings.zh.xml and site/feeds/warnings.en.xml (the warnings index links to both).
An entry's `published` is its `added` date and its `updated` is its `reviewed` date, so a warning
re-reviewed after new enforcement moves back to the top. Everything is derived from the data, so
the files are byte-identical for the same commit. Text is escaped by xml.etree; characters XML 1.0
forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF), which ElementTree would write as they are,
are dropped first, so no contributor string can make a feed invalid XML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from kb_build.load.corpus import Corpus, Entry
from kb_build.project import FEEDS, HTML_LANG, SITE_NAME, absolute, page_path, url_prefix
from kb_build.publish.api import generated_at
from kb_build.render import labels
from kb_build.render.markdown_safe import plain

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100
UPDATED_PREFIX = {"zh": "更新：", "en": "Updated: "}

ET.register_namespace("", ATOM)

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 does not allow."""
    return _NOT_XML.sub("", value)


def _stamp(day: object) -> str:
    return f"{day}T00:00:00Z"


def _tag_id(site_url: str, entry: Entry) -> str:
    """A permanent entry id (RFC 4151 tag URI) that survives URL changes."""
    host = urlsplit(site_url).hostname or "account-health-kb"
    return f"tag:{host},{entry.model.added.isoformat()}:{entry.collection}/{entry.id}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def build_feed(corpus: Corpus, lang: str, site_url: str = "") -> str:
    entries = sorted(
        corpus.entries["warnings"].values(),
        key=lambda e: (e.model.reviewed, e.model.added, e.id),
        reverse=True,
    )[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": HTML_LANG[lang]})
    collection_title = labels.COLLECTION_TITLES["warnings"][lang]
    _sub(feed, "id", absolute(site_url, FEEDS[lang]))
    _sub(feed, "title", f"{SITE_NAME[lang]} · {collection_title}")
    _sub(feed, "subtitle", labels.COLLECTION_INTROS["warnings"][lang])
    newest = max((e.model.reviewed for e in entries), default=None)
    _sub(feed, "updated", _stamp(newest) if newest else generated_at(corpus))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, FEEDS[lang]))
    index = f"{url_prefix(lang)}warnings/"
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute(site_url, index))
    author = _sub(feed, "author")
    _sub(author, "name", SITE_NAME[lang])
    _sub(feed, "generator", "kb_build")
    for entry in entries:
        m = entry.model
        item = _sub(feed, "entry")
        title = " ".join(m.title.get(lang).split())  # titles are plain text
        if m.reviewed > m.added:
            title = UPDATED_PREFIX[lang] + title
        _sub(item, "title", title)
        _sub(item, "id", _tag_id(site_url, entry))
        href = absolute(site_url, page_path(entry.collection, entry.id, lang))
        _sub(item, "link", rel="alternate", type="text/html", href=href)
        _sub(item, "published", _stamp(m.added))
        _sub(item, "updated", _stamp(m.reviewed))
        risk = corpus.vocab.risk_levels[m.risk].title.get(lang) if corpus.vocab else m.risk
        _sub(item, "category", term=m.risk, label=risk)
        for tag in m.tags:
            label = corpus.vocab.tags[tag].title.get(lang) if corpus.vocab and tag in corpus.vocab.tags else tag
            _sub(item, "category", term=tag, label=label)
        colon = labels.t("colon", lang)
        summary = (
            f"{labels.t('risk', lang)}{colon}{risk}\n"
            f"{labels.t('niche', lang)}{colon}{plain(m.niche.get(lang))}\n\n"
            f"{plain(m.summary.get(lang))}"
        )
        _sub(item, "summary", summary, type="text")
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def write_feeds(corpus: Corpus, site_dir: Path, site_url: str = "") -> dict[str, int]:
    sizes: dict[str, int] = {}
    for lang, rel in FEEDS.items():
        path = Path(site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = build_feed(corpus, lang, site_url).encode("utf-8")
        path.write_bytes(data)
        sizes[rel] = len(data)
    return sizes
