"""Everything written into site/ after the HTML: search fixes, JSON API, feeds, redirects."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from kb_build.corpus import Corpus
from kb_build.expiry import write_rules
from kb_build.material_patches import PatchError, fix_cjk_query_segmentation
from kb_build.publish import write_publishing
from kb_build.search_split import split_index

log = logging.getLogger("mkdocs.plugins.kb_build")


def write_site_outputs(corpus: Corpus, config: Any) -> None:
    site_dir = Path(config.site_dir)
    log.info("kb_build: search index bytes per language: %s", split_index(site_dir, ["en"]))
    try:
        fix_cjk_query_segmentation(site_dir)
    except PatchError as exc:
        raise PluginError(str(exc)) from None
    log.info("kb_build: published %s", write_publishing(corpus, site_dir, config.site_url or ""))
    write_rules(corpus, site_dir)
