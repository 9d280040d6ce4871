"""Full-width and half-width forms folded together (NFKC) in a page, before Pagefind indexes it.

The search box applies the same fold to the query (docs/javascripts/search/), so １８０天 and
180天, ＡＨＲ and AHR find the same pages.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Runs of non-ASCII characters: NFKC may turn them into ASCII (＜ → <), so the result is
# escaped again and markup can never appear where there was text.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold(text: str) -> str:
    """NFKC on the text of an HTML document, leaving its ASCII markup untouched."""
    return _NON_ASCII.sub(lambda m: html.escape(unicodedata.normalize("NFKC", m.group()), quote=True), text)
