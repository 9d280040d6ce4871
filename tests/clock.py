"""One frozen "today" for the whole test run.

Every date check in kb_build asks `kb_build.project.today()`, which reads KB_TODAY. Setting it
once here (before any test imports kb_build's checks) means the checks, the templates that
`kb_build new` writes and the tests' own expectations all see the same day, and subprocesses
(mkdocs build, python -m kb_build) inherit it. Set KB_TODAY yourself to replay a run on
another day: `KB_TODAY=2027-12-24 make test`.
"""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("KB_TODAY", dt.date.today().isoformat())
TODAY = dt.date.fromisoformat(os.environ["KB_TODAY"])
