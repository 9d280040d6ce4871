"""A one-line fix to Material's search worker, applied to the built site.

Material segments a Chinese query with the index's own words as a dictionary
(`integrations/search/query/segment`), but its loop stops one character short
(`j < query.length`), so a whole query such as 鞋花 is never looked up: when 鞋 is
also an indexed word, the search silently becomes 鞋 and returns every page with
that character. Material 9.x is in maintenance mode, so we patch the minified
worker after the build. The exact text must be found once; otherwise the build
fails, so a Material upgrade cannot drop the fix silently.
"""

from __future__ import annotations

from pathlib import Path

BUGGY = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
FIXED = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


class PatchError(RuntimeError):
    pass


def fix_cjk_query_segmentation(site_dir: Path) -> Path | None:
    """Patch the search worker in site_dir; return the patched file (None if search is off)."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        return None
    worker = workers[0]
    text = worker.read_text("utf-8")
    if FIXED in text:
        return worker
    if text.count(BUGGY) != 1:
        raise PatchError(
            f"{worker}: Material's query segmentation code has changed; "
            "check kb_build/material_patches.py against the new version"
        )
    worker.write_text(text.replace(BUGGY, FIXED), "utf-8")
    return worker
