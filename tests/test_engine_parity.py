"""ProperDocs builds the same site as MkDocs: every file identical but the generator line.

Runs where both engines are installed (`make properdocs`); skipped in `make test`, whose venv
has only the pinned MkDocs.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("properdocs") is None, reason="ProperDocs is not installed (make properdocs)"
)
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_output_matches_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = {}
    for engine in ("mkdocs", "properdocs"):
        monkeypatch.setenv("KB_BUILDER", engine)
        result = build_site(ROOT, tmp_path / engine)
        assert result.returncode == 0, f"{engine}: {result.stderr}"
        built[engine] = _files(tmp_path / engine)
    assert sorted(built["mkdocs"]) == sorted(built["properdocs"])
    differ = [
        name
        for name, data in built["mkdocs"].items()
        if GENERATOR.sub(b"", data) != GENERATOR.sub(b"", built["properdocs"][name])
    ]
    assert differ == []
