"""The date rules apply to every collection, glossary terms included (they once skipped KB021)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kb_build.model.entries import GlossaryTerm

TERM = {
    "id": "x",
    "seller_usage": ["测试"],
    "english": "Test",
    "definition": {"zh": "定义。", "en": "A definition."},
    "sources": [
        {"url": "https://sellercentral.amazon.com/help", "title": "t", "publisher": "p", "kind": "official",
         "accessed": "2025-05-01"}
    ],
}


def test_glossary_term_reviewed_before_added_is_kb021() -> None:
    with pytest.raises(ValidationError) as info:
        GlossaryTerm.model_validate({**TERM, "added": "2025-05-01", "reviewed": "2024-01-01"})
    assert [e["type"] for e in info.value.errors()] == ["KB021"]


def test_glossary_term_with_ordered_dates_is_accepted() -> None:
    term = GlossaryTerm.model_validate({**TERM, "added": "2024-01-01", "reviewed": "2025-05-01"})
    assert term.reviewed > term.added
