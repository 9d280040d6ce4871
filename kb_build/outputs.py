"""Everything written into site/ after the HTML: split search index, JSON, feeds."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kb_build.corpus import Corpus
from kb_build.search_split import split_index

log = logging.getLogger("mkdocs.plugins.kb_build")


def write_site_outputs(corpus: Corpus, config: Any) -> None:
    site_dir = Path(config.site_dir)
    sizes = split_index(site_dir, ["en"])
    log.info("kb_build: search index bytes per language: %s", sizes)
    from kb_build.publish import write_publishing

    log.info("kb_build: published %s", write_publishing(corpus, site_dir, config.site_url or ""))
    try:
        from kb_build.expiry import write_rules
    except ImportError:  # calculator module not present yet
        return
    write_rules(corpus, site_dir)
