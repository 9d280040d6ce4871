"""Stage timings (kb_build/timings.py): written where KB_BUILD_TIMINGS says, never a build failure."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kb_build import timings


def test_totals_go_to_the_named_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(timings.ENV, str(tmp_path / "t.json"))
    with timings.stage("load"):
        pass
    done = timings.flush()
    assert set(done) == {"load"} and json.loads((tmp_path / "t.json").read_text("utf-8")) == done
    assert timings.flush() == {}  # the next build starts from nothing


def test_an_unwritable_target_is_a_warning_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(timings.ENV, str(tmp_path / "missing-dir" / "t.json"))
    with timings.stage("render"):
        pass
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.kb_build"):
        assert "render" in timings.flush()
    assert "cannot write KB_BUILD_TIMINGS" in caplog.text
