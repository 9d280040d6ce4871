"""Spread pure, CPU-bound work over the machine's cores (parsing YAML, rendering pages).

Workers are forked, so they start with the parent's memory (the corpus, the templates) and only
results cross back. Forking is used only where it is safe and worth it: on a platform that has it,
with more than one core, from a process with no other threads (a forked child would inherit
their locks held; `mkdocs serve` runs threads, so it works serially), and for enough items.
Anything else, or a pool that fails to start, runs the same function serially: the result is
the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS = 200  # below this, starting workers costs more than it saves


def workers() -> int:
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 4))
    except AttributeError:  # no sched_getaffinity on this platform
        return max(1, min(os.cpu_count() or 1, 4))


def map_ordered(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[fn(x) for x in items], in order; in forked workers when that helps. fn must be a
    module-level function, and must not raise (return errors as values)."""
    n = workers()
    if n < 2 or len(items) < MIN_ITEMS:
        return [fn(x) for x in items]
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            return pool.map(fn, items, chunksize=max(1, len(items) // (n * 8)))
    except OSError:
        return [fn(x) for x in items]
