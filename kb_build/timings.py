"""Wall time per build stage, for the benchmarks: what kb_build adds to a real `mkdocs build`.

Stages add up across a build (both language passes). When KB_BUILD_TIMINGS names a file,
publish() writes the totals there as JSON at the end of the build; otherwise nothing is kept
beyond the build log.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "KB_BUILD_TIMINGS"
_totals: defaultdict[str, float] = defaultdict(float)


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        _totals[name] += time.perf_counter() - start


def totals() -> dict[str, float]:
    return {name: round(seconds, 4) for name, seconds in sorted(_totals.items())}


def flush() -> dict[str, float]:
    """Return this build's totals (written to $KB_BUILD_TIMINGS if set) and start again."""
    done = totals()
    target = os.environ.get(ENV, "").strip()
    if target:
        Path(target).write_text(json.dumps(done, indent=1) + "\n", "utf-8")
    _totals.clear()
    return done
