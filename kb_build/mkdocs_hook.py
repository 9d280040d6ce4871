"""Thin MkDocs glue: every step lives in kb_build.pipeline; this file only maps events to it.

It is the only module that imports MkDocs. Event order: on_startup (is the build --dirty?),
on_config (reproducible timestamps), on_pre_build (load, check, render the entry pages; start
the search index), on_page_context (edit links to the YAML), on_post_page (each finished page
goes to the search index), on_post_build (publish: search index, API, feeds, redirects) once
every language is built, on_build_error (stop the search index).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kb_build import project
from kb_build.diagnostics import DiagnosticError
from kb_build.pipeline import (
    build_pages,
    index_page,
    publish,
    source_date_epoch,
    start_search_index,
    stop_search_index,
)
from kb_build.publish import PatchError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
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


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    try:
        build_pages(_root(config), Path(config.docs_dir), _edit_base(config))
        if not _i18n_building(config) and not _startup["dirty"]:  # once per build, not once per language
            start_search_index(_root(config))
    except (DiagnosticError, PatchError) as exc:
        # PluginError makes MkDocs stop with the message and no traceback.
        raise PluginError(str(exc)) from None


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: Any) -> str:
    """Hand-written pages write the site's own address as %SITE_URL% (it follows SITE_URL)."""
    return markdown.replace(project.SITE_URL_TOKEN, project.site_url_from(config.site_url))


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


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if _i18n_building(config):
        return
    try:
        publish(_root(config), Path(config.site_dir), config.site_url or "")
    except (DiagnosticError, PatchError) as exc:
        raise PluginError(str(exc)) from None
