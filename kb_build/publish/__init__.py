"""Stage 5, publish: everything written into site/ after MkDocs has rendered the HTML.

The Pagefind search index, the JSON API, the calculator's rules, Atom feeds and redirect pages
for renamed entries. Nothing here imports MkDocs: errors are raised as PatchError and the hook
turns them into a build failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_build import timings
from kb_build.load.corpus import Corpus
from kb_build.publish.api import write_api
from kb_build.publish.feeds import write_feeds
from kb_build.publish.notice_rules import write_notice_rules
from kb_build.publish.redirects import write_redirects
from kb_build.publish.rules import write_rules
from kb_build.publish.search_index import SearchIndexer, SearchIndexError, build_search_index

PatchError = SearchIndexError  # the hook's name for "publishing failed"

__all__ = ["PatchError", "SearchIndexer", "publish_site"]


def publish_site(
    corpus: Corpus, site_dir: Path, site_url: str = "", indexer: SearchIndexer | None = None
) -> dict[str, Any]:
    """Write every post-build output into site_dir; return a summary for the build log.

    `indexer` has been fed the pages during the build; without it the site is indexed from disk."""
    site_dir = Path(site_dir)
    with timings.stage("publish"):
        api = write_api(corpus, site_dir, site_url)
        feeds = write_feeds(corpus, site_dir, site_url)
        write_rules(corpus, site_dir)
        write_notice_rules(corpus, site_dir)
        redirects = write_redirects(corpus, site_dir, site_url)
    # last: redirect stubs exist by now and are left out (they carry no data-pagefind-body)
    with timings.stage("search_finish"):
        search = build_search_index(site_dir, corpus.root, indexer)
    return {
        "api_files": len(api),
        "api_bytes": sum(api.values()),
        "feeds": feeds,
        "redirects": len(redirects),
        "search": search,
    }
