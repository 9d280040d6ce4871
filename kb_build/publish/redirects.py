"""Redirect pages for renamed entries: every old id in `aliases` keeps its URL working.

For an entry `warnings/new-id` with `aliases: [old-id]` this writes
site/warnings/old-id/index.html and site/en/warnings/old-id/index.html: a meta refresh to the
new page, a canonical link (so search engines move the ranking over) and a visible link for
readers without automatic redirects. Glossary terms have no pages of their own (they are
anchors on the glossary page), so their aliases need no redirect files.
"""

from __future__ import annotations

import html
from pathlib import Path

from kb_build.load.corpus import Corpus, Entry
from kb_build.project import HTML_LANG, LANGS, absolute, page_path, url_prefix

TEXT = {
    "zh": ("页面已移动", "这个页面已经移到："),
    "en": ("Page moved", "This page has moved to:"),
}


def redirect_html(target_rel: str, canonical: str, title: str, lang: str) -> str:
    """A tiny standalone page; every interpolated value is HTML-escaped."""
    heading, moved = TEXT[lang]
    t, c, name = html.escape(target_rel), html.escape(canonical), html.escape(title)
    html_lang = HTML_LANG[lang]
    return (
        "<!doctype html>\n"
        f'<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{heading} · {name}</title>\n"
        f'<link rel="canonical" href="{c}">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        '<meta name="robots" content="noindex">\n'
        f"</head>\n<body>\n<p>{moved} <a href=\"{t}\">{name}</a></p>\n</body>\n</html>\n"
    )


def redirect_pages(entry: Entry, site_url: str = "") -> dict[str, str]:
    """Relative file path under site/ -> HTML, for one entry's aliases."""
    if entry.collection == "glossary":
        return {}
    out: dict[str, str] = {}
    for alias in entry.model.aliases:
        for lang in LANGS:
            canonical = absolute(site_url, page_path(entry.collection, entry.id, lang))
            out[f"{url_prefix(lang)}{entry.collection}/{alias}/index.html"] = redirect_html(
                f"../{entry.id}/", canonical, entry.model.title.get(lang), lang
            )
    return out


def write_redirects(corpus: Corpus, site_dir: Path, site_url: str = "") -> list[str]:
    """Write every redirect page; never overwrite a real page. Returns the files written."""
    written: list[str] = []
    for entry in corpus.all_entries():
        for rel, text in sorted(redirect_pages(entry, site_url).items()):
            path = Path(site_dir) / rel
            if path.exists() and "http-equiv=\"refresh\"" not in path.read_text("utf-8", errors="replace"):
                continue  # a real page lives there: the corpus check should have caught it
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            written.append(rel)
    return written
