"""Where things are: the project root, the languages, URL prefixes and output paths.

Every other module asks this one instead of spelling out "zh is the root, English lives
under /en/" or "api/v1/…". The languages match mkdocs.yml's i18n plugin (a test checks it).
This module imports nothing from kb_build, so any stage may use it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

PACKAGE_DIR = Path(__file__).resolve().parent
LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"
HTML_LANG = {"zh": "zh-CN", "en": "en"}
SITE_NAME = {"zh": "账户健康知识库", "en": "Account Health KB"}

# The published site when SITE_URL is not set (mkdocs.yml reads the same variable).
DEFAULT_SITE_URL = "https://account-health-kb.github.io/account-health-kb/"
# Edit links for generated pages when rendering outside MkDocs; the build derives it from edit_uri.
REPO_EDIT_BASE = "https://github.com/account-health-kb/account-health-kb/edit/main/"

API_DIR = "api/v1"
EXPIRY_RULES = f"{API_DIR}/expiry-rules.json"
NOTICE_RULES = f"{API_DIR}/notice-rules.json"
FEEDS = {"zh": "feeds/warnings.zh.xml", "en": "feeds/warnings.en.xml"}

# Folders under docs/ (and site/) that the build writes; entry ids that would collide with
# a page the build or the theme owns are refused by `check` and `new`.
GENERATED_DIRS = ("violations", "strategies", "warnings", "poa", "glossary")
# Reviewed against the top level of docs/ and site/ after a build: the collection index pages
# (docs/<collection>/index.md), MkDocs/Material's own files (assets, search, sitemap, 404), the
# hand-written pages and folders, the generated ones (api, feeds, tags) and the language folders.
RESERVED_IDS = frozenset({
    "index", "tags", "search", "api", "assets", "feeds", "en", "zh", "tools", "guides", "404",
    "sitemap", "javascripts", "stylesheets", "overrides", "contributing", "ahr", "vocab",
    "violations", "strategies", "warnings", "poa", "glossary", "notices", "letters", "poa-rules",
})
# Glossary terms share one page, where a term's id is its HTML id (#id): the ids the page itself uses
# (kb_build/render/templates/glossary_index.md.j2: the A-Z jump anchors and the filter box) are taken.
GLOSSARY_PAGE_IDS = frozenset({"kb-filter", "letter-other", *(f"letter-{c}" for c in "abcdefghijklmnopqrstuvwxyz")})


def reserved_id(collection: str, entry_id: str) -> bool:
    """True if `entry_id` would collide with a page (or, for a glossary term, an anchor) the build writes."""
    return entry_id in RESERVED_IDS or (collection == "glossary" and entry_id in GLOSSARY_PAGE_IDS)


def project_root() -> Path:
    """The folder holding data/ and mkdocs.yml: the current one, or the package's parent."""
    cwd = Path.cwd()
    if (cwd / "data").is_dir():
        return cwd
    return PACKAGE_DIR.parent


def today() -> dt.date:
    """The date checks run against. KB_TODAY (YYYY-MM-DD) freezes it, e.g. for one test run."""
    frozen = os.environ.get("KB_TODAY", "").strip()
    return dt.date.fromisoformat(frozen) if frozen else dt.date.today()


def site_url() -> str:
    """The public base URL, always ending in '/': SITE_URL when set, else the default."""
    return site_url_from(os.environ.get("SITE_URL"))


SITE_URL_TOKEN = "%SITE_URL%"  # written in hand-written pages where the site's own address belongs


def site_url_from(configured: str | None) -> str:
    """The configured site_url with a trailing '/', or the default."""
    url = (configured or "").strip() or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def base_path(url: str) -> str:
    """The path part of a site URL ('/account-health-kb/'), for links that must be absolute."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


def url_prefix(lang: str) -> str:
    """Site-relative folder of a language: '' for the default language, 'en/' for English."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def md_suffix(lang: str) -> str:
    """File suffix of a page in a language (mkdocs-static-i18n's suffix layout): '' or '.en'."""
    return "" if lang == DEFAULT_LANG else f".{lang}"


def other_langs() -> list[str]:
    return [lang for lang in LANGS if lang != DEFAULT_LANG]


def page_path(collection: str, entry_id: str, lang: str) -> str:
    """Site-relative URL path of an entry's page; glossary terms are anchors on one page."""
    if collection == "glossary":
        return f"{url_prefix(lang)}glossary/#{entry_id}"
    return f"{url_prefix(lang)}{collection}/{entry_id}/"


def absolute(site: str, path: str) -> str:
    """Join a site URL and a site-relative path; with no site URL, the path stays relative."""
    return (site.rstrip("/") + "/" + path) if site else path
