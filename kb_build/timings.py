"""Wall time per build stage, for the benchmarks: what kb_build adds to a real `mkdocs build`.

Stages add up across a build (both language passes). When KB_BUILD_TIMINGS names a file,
publish() writes the totals there as JSON at the end of the build; otherwise nothing is kept
beyond the build log.
"""

from __future__ import annotations

import json
import logging
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
    _totals.clear()
    if target:
        try:
            Path(target).write_text(json.dumps(done, indent=1) + "\n", "utf-8")
        except OSError as exc:  # a benchmark's setting: the build itself must not fail on it
            logging.getLogger("mkdocs.plugins.kb_build").info(  # info: --strict must not fail on it
                "kb_build: cannot write %s=%s (%s); timings: %s", ENV, target, exc.strerror or exc, done
            )
    return done
