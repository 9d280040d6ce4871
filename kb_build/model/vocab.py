"""The shared vocabularies of data/vocab.yml: categories, severities, tags, repeat groups and their limits."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from kb_build.model.entries import ID_PATTERN, Source, Strict
from kb_build.model.text import LineText, Text
from kb_build.model.values import Int


class VocabItem(Strict):
    title: LineText
    description: Text | None = None


class RepeatGroup(Strict):
    title: LineText
    limit: int = Int(1, 1000)
    limit_basis: Literal["official", "third-party", "assumption"]
    note: Text
    sources: list[Source] = Field(min_length=1)


class Vocab(Strict):
    categories: dict[Annotated[str, Field(pattern=ID_PATTERN)], VocabItem]
    severities: dict[Annotated[str, Field(pattern=ID_PATTERN)], VocabItem]
    risk_levels: dict[Annotated[str, Field(pattern=ID_PATTERN)], VocabItem]
    right_types: dict[Annotated[str, Field(pattern=ID_PATTERN)], VocabItem]
    marketplaces: dict[Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")], VocabItem]
    jurisdictions: dict[Annotated[str, Field(pattern=r"^[A-Z]{2,5}$")], VocabItem]
    tags: dict[Annotated[str, Field(pattern=ID_PATTERN)], VocabItem]
    repeat_groups: dict[Annotated[str, Field(pattern=ID_PATTERN)], RepeatGroup]
    default_window_days: int = Int(1, 3650, default=180)
