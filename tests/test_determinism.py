"""Two builds of the same commit are byte-identical (sitemap and feeds included)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import ROOT, build_site


def _digest_tree(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_rebuild_is_byte_identical(built_site: Path, tmp_path: Path) -> None:
    second = tmp_path / "second"
    result = build_site(ROOT, second)
    assert result.returncode == 0, result.stderr
    first_tree, second_tree = _digest_tree(built_site), _digest_tree(second)
    assert sorted(first_tree) == sorted(second_tree)
    differing = [name for name in first_tree if first_tree[name] != second_tree[name]]
    assert differing == []
