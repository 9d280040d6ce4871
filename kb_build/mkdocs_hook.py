"""Thin MkDocs glue: every step lives in kb_build; this file only maps events to it."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kb_build.build import generate, load_checked, source_date_epoch
from kb_build.diagnostics import DiagnosticError
from kb_build.render import REPO_EDIT_BASE

log = logging.getLogger("mkdocs.plugins.kb_build")


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def _i18n_building(config: Any) -> bool:
    plugin = config.plugins.get("i18n")
    return bool(plugin and getattr(plugin, "building", False))


def on_config(config: Any, **_: Any) -> Any:
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(_root(config)))
    return config


def _edit_base(config: Any) -> str:
    """The repository's edit URL for files outside docs/ (the YAML), from mkdocs.yml's edit_uri."""
    edit_uri = str(config.edit_uri or "")
    docs = Path(config.docs_dir).name + "/"
    if edit_uri.startswith("https://") and edit_uri.endswith(docs):
        return edit_uri[: -len(docs)]
    return REPO_EDIT_BASE


def on_pre_build(config: Any, **_: Any) -> None:
    try:
        generate(_root(config), Path(config.docs_dir), _edit_base(config))
    except DiagnosticError as exc:
        # PluginError makes MkDocs stop with the message and no traceback.
        raise PluginError(str(exc)) from None


def on_page_context(context: dict, page: Any, config: Any, **_: Any) -> dict:
    source = page.meta.get("kb_source")
    if source:
        page.edit_url = _edit_base(config) + source
    return context


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: Any, **_: Any) -> None:
    if _i18n_building(config):
        return
    from kb_build.outputs import write_site_outputs

    corpus = load_checked(_root(config))
    write_site_outputs(corpus, config)
