"""Thin MkDocs glue: every step lives in kb_build.pipeline; this file only maps events to it.

It is the only module that imports MkDocs. Event order: on_startup (is the build --dirty?),
on_config (reproducible timestamps), on_pre_build (load, check, render the entry pages; start
the search index), on_page_context (edit links to the YAML), on_post_page (each finished page
goes to the search index), on_post_build (publish: search index, API, feeds, redirects) once
every language is built, on_build_error (stop the search index).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink, TableOfContents

from kb_build import project
from kb_build.diagnostics import DiagnosticError
from kb_build.pipeline import (
    build_pages,
    index_page,
    publish,
    seal_search_index,
    source_date_epoch,
    start_search_index,
    stop_search_index,
)
from kb_build.publish import PatchError
from kb_build.render.html_cache import HtmlCache, files_digest, toc_record

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _i18n_building(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("i18n")
    return bool(plugin and getattr(plugin, "building", False))


def _edit_base(config: MkDocsConfig) -> str:
    """The repository's edit URL for files outside docs/ (the YAML), from mkdocs.yml's edit_uri."""
    edit_uri = str(config.edit_uri or "")
    docs = Path(config.docs_dir).name + "/"
    if edit_uri.startswith("https://") and edit_uri.endswith(docs):
        return edit_uri[: -len(docs)]
    return project.REPO_EDIT_BASE


# `--dirty`: only changed pages are rendered, so the search index is read from site/ instead.
_startup = {"dirty": False}


def on_startup(*, command: str, dirty: bool, **_: Any) -> None:
    _startup["dirty"] = dirty


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(_root(config)))
    return config


class _RenderLog(logging.Handler):
    """Counts what MkDocs logs while it converts one page (a page that logs is not cached)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _Html:
    """The HTML cache (kb_build/render/html_cache.py) during one build."""

    cache: HtmlCache | None = None
    files = ""  # digest of this language pass's files and URLs
    pending: dict[str, str] = {}  # noqa: RUF012 (one build at a time) source path -> key, converting
    hits: dict[str, dict[str, Any]] = {}  # noqa: RUF012 source path -> record to put back
    log = _RenderLog()


def _generated(page: Page) -> bool:
    return page.file.src_uri.split("/")[0] in project.GENERATED_DIRS


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    try:
        build_pages(_root(config), Path(config.docs_dir), _edit_base(config))
        if not _i18n_building(config):  # once per build, not once per language
            # mkdocs.yml as written, and the values it takes from the environment (!ENV)
            settings = f"{config.site_url}\0{config.use_directory_urls}\0".encode()
            _Html.cache = HtmlCache(_root(config), settings + Path(config.config_file_path).read_bytes())
            if not _startup["dirty"]:
                start_search_index(_root(config))
        else:  # mkdocs-static-i18n starts another language: the ones before it are complete
            seal_search_index()
    except (DiagnosticError, PatchError) as exc:
        # PluginError makes MkDocs stop with the message and no traceback.
        raise PluginError(str(exc)) from None


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    _Html.files = files_digest([(f.src_uri, f.url) for f in files])
    return files


@event_priority(-1000)  # last: the HTML cache keys on the Markdown exactly as it will be converted
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Hand-written pages write the site's own address as %SITE_URL% (it follows SITE_URL).

    A generated page converted before, unchanged, is handed to Python-Markdown empty; its HTML
    comes back from the cache in on_page_content."""
    markdown = markdown.replace(project.SITE_URL_TOKEN, project.site_url_from(config.site_url))
    cache = _Html.cache
    if cache is None or not _generated(page):
        return markdown
    key = cache.key(_Html.files, page.file.src_uri, page.url, markdown)
    record = cache.get(key)
    if record is not None:
        _Html.hits[page.file.src_uri] = record
        return ""
    _Html.pending[page.file.src_uri] = key
    _Html.log.count = 0
    logging.getLogger("mkdocs").addHandler(_Html.log)
    return markdown


def _anchor(item: dict[str, Any]) -> AnchorLink:
    link = AnchorLink(item["title"], item["id"], item["level"])
    link.children = [_anchor(child) for child in item["children"]]
    return link


@event_priority(100)  # first: other plugins see the page's HTML, cached or converted
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files, **_: Any) -> str:
    record = _Html.hits.pop(page.file.src_uri, None)
    if record is not None:
        page.toc = TableOfContents([_anchor(item) for item in record["toc"]])
        if page.toc.items:
            page.toc.items[0].active = True  # type: ignore[attr-defined]  # as mkdocs' get_toc does
        page.present_anchor_ids = set(record["anchors"])
        page._title_from_render = record["title"]
        if record["links"] is not None:
            found = {src: files.get_file_from_path(src) for src in record["links"]}
            page.links_to_anchors = {f: record["links"][src] for src, f in found.items() if f is not None}
        return str(record["html"])
    key = _Html.pending.pop(page.file.src_uri, None)
    if key is not None and _Html.cache is not None:
        logging.getLogger("mkdocs").removeHandler(_Html.log)
        # under -q MkDocs does not even create warnings, so a quiet build cannot vouch for a page
        if _Html.log.count == 0 and logging.getLogger("mkdocs.structure.pages").isEnabledFor(logging.INFO):
            links = page.links_to_anchors
            _Html.cache.put(key, {
                "html": html,
                "toc": toc_record(list(page.toc.items)),
                "anchors": sorted(page.present_anchor_ids or ()),
                "title": page._title_from_render,
                "links": None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
            })
    return html


@event_priority(-100)  # after mkdocs-static-i18n has set this page's language links
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **_: Any) -> dict[str, Any]:
    source = page.meta.get("kb_source")
    if source:
        page.edit_url = _edit_base(config) + source
    # static-i18n writes some language links as absolute paths under site_url's path
    # ('/account-health-kb/en/'), which 404 wherever the site is served elsewhere. Site-relative
    # links become page-relative through Material's `url` filter, so the site works at any base.
    base = project.base_path(config.site_url or "/")
    # (attribute access: static-i18n assigns config.extra.alternate as an attribute, not an item)
    for alternate in getattr(config.extra, "alternate", None) or []:
        link = str(alternate.get("link", ""))
        if link.startswith(base):
            alternate["link"] = link[len(base) :] or "./"
    return context


@event_priority(-1000)  # last: the index sees the page exactly as it is written
def on_post_page(output: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    index_page("/" + page.url, output)
    return output


def on_build_error(**_: Any) -> None:
    stop_search_index()
    logging.getLogger("mkdocs").removeHandler(_Html.log)
    _Html.pending.clear()
    _Html.hits.clear()


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if _i18n_building(config):
        return
    try:
        publish(_root(config), Path(config.site_dir), config.site_url or "")
    except (DiagnosticError, PatchError) as exc:
        raise PluginError(str(exc)) from None
    cache, _Html.cache = _Html.cache, None
    if cache is not None:
        pruned = 0 if _startup["dirty"] else cache.prune()  # a --dirty build does not see every page
        logging.getLogger("mkdocs.plugins.kb_build").info(
            "kb_build: %d page(s) converted from the HTML cache, %d stale record(s) removed", cache.hits, pruned
        )
