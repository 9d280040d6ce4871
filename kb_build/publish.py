"""Publishing outputs for readers and tools: JSON API, Atom feeds, redirects for renamed entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kb_build.api import write_api
from kb_build.corpus import Corpus
from kb_build.feeds import write_feeds
from kb_build.redirects import write_redirects


def write_publishing(corpus: Corpus, site_dir: Path, site_url: str = "") -> dict[str, Any]:
    """Write everything into site_dir; return a summary for the build log."""
    api = write_api(corpus, site_dir, site_url)
    feeds = write_feeds(corpus, site_dir, site_url)
    return {
        "api_files": len(api),
        "api_bytes": sum(api.values()),
        "feeds": feeds,
        "redirects": len(write_redirects(corpus, site_dir, site_url)),
    }
