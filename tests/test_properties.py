"""Property tests: whatever bytes a contributor saves, the loader and validator answer with diagnostics."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb_build.check import check_corpus
from kb_build.load.yaml_safe import load_bytes
from kb_build.render.markdown_safe import md_escape
from tests.clock import TODAY

FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "corpus" / "data"

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30), st.dates().map(str))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=25,
)


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_loader_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    result = load_bytes(raw)
    assert result.problems or isinstance(result.data, dict)
    for p in result.problems:
        assert p.line >= 1 and p.col >= 1 and p.code.startswith("KB0")


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_loader_never_raises_on_arbitrary_text(text: str) -> None:
    result = load_bytes(text.encode("utf-8", "surrogatepass"))
    assert result.problems or isinstance(result.data, dict)


@given(st.dictionaries(st.text(min_size=1, max_size=12), values, min_size=1, max_size=8))
@settings(max_examples=150, deadline=None)
def test_loader_round_trips_plain_yaml_mappings(data: dict) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode()
    result = load_bytes(raw)
    if not result.problems:
        assert result.data.keys() == yaml.safe_load(raw).keys()


@given(
    st.dictionaries(
        st.sampled_from(["id", "title", "summary", "steps", "sources", "added", "reviewed", "applies_to", "x"]),
        values,
        max_size=9,
    )
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_validation_of_random_entries_reports_and_never_raises(tmp_path_factory, data: dict) -> None:
    root = tmp_path_factory.mktemp("p")
    shutil.copytree(FIXTURE_DATA, root / "data")
    (root / "data" / "strategies" / "random-entry.yml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    corpus = check_corpus(root, today=TODAY)
    mine = [d for d in corpus.diagnostics if d.path.endswith("random-entry.yml")]
    assert mine, "a random entry must not validate silently"
    assert all(d.line >= 1 for d in mine)


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_escaped_text_never_contains_raw_tags_or_attribute_lists(text: str) -> None:
    out = str(md_escape(text))
    assert "<" not in out
    assert ">" not in out
    assert "{" not in out.replace("\\{", "")
    assert "![" not in out.replace("\\!\\[", "")
