"""The search-worker fix applies once, is idempotent, and fails loudly when Material changes."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from kb_build.publish.material_patch import BUGGY, FIXED, PatchError, fix_cjk_query_segmentation


def _site(tmp_path: Path, text: str) -> Path:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.abc123.min.js").write_text(text, "utf-8")
    return tmp_path


def test_patch_applies_once_and_is_idempotent(tmp_path: Path) -> None:
    site = _site(tmp_path, f"a;{BUGGY};b")
    worker = fix_cjk_query_segmentation(site)
    assert worker is not None
    assert worker.read_text("utf-8") == f"a;{FIXED};b"
    fix_cjk_query_segmentation(site)
    assert worker.read_text("utf-8") == f"a;{FIXED};b"


def test_changed_material_code_stops_the_build(tmp_path: Path) -> None:
    with pytest.raises(PatchError):
        fix_cjk_query_segmentation(_site(tmp_path, "something else entirely"))


def test_no_search_no_patch(tmp_path: Path) -> None:
    assert fix_cjk_query_segmentation(tmp_path) is None


def test_the_pinned_material_still_has_the_code_we_patch() -> None:

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    text = next(workers.glob("search.*.min.js")).read_text("utf-8")
    assert text.count(BUGGY) == 1


def test_built_site_ships_the_patched_worker(built_site: Path) -> None:
    text = next((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text("utf-8")
    assert FIXED in text
    assert BUGGY not in text
