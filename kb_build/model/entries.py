"""The data model: the single source of truth for validation and JSON Schema.

Fields that take a value from a shared vocabulary carry `json_schema_extra={"x-vocab": name}`;
their allowed values live once, in data/vocab.yml, and are checked in kb_build/check/references.py
and injected into the exported schema by kb_build/model/schema.py.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kb_build.model.letters import LetterBody
from kb_build.model.notices import NoticeRule, Position
from kb_build.model.poa_rules import PoaRuleBody
from kb_build.model.text import LineStr, LineText, SafeStr, Text
from kb_build.model.values import Bool, Date, EventDate, Int, Url

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
REF_PATTERN = r"^(violations|strategies|warnings|poa|glossary)/[a-z0-9]+(-[a-z0-9]+)*$"
# Collections rendered as pages (each has templates and a docs/<collection>/ folder).
PAGE_COLLECTIONS = ("violations", "strategies", "warnings", "poa", "glossary")
# Every collection loaded from data/: page collections plus data-only ones that feed the tools
# (validated and exported to /api/v1/, never rendered as pages). Add data-only names after these.
COLLECTIONS: tuple[str, ...] = (*PAGE_COLLECTIONS, "notices", "letters", "poa-rules")


def _ref(value: str) -> str:
    if not re.match(REF_PATTERN, value):
        raise PydanticCustomError(
            "KB023",
            "reference '{ref}' must look like 'collection/id', e.g. 'violations/ip-complaint-trademark'",
            {"ref": value[:80]},
        )
    return value


def vocab(name: str, **kwargs: Any) -> Any:
    return Field(json_schema_extra={"x-vocab": name}, **kwargs)


EntryId = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Ref = Annotated[str, AfterValidator(_ref)]
ShortStr = Annotated[LineStr, Field(min_length=1, max_length=300)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    url: Url
    title: ShortStr = Field(description="The source's own title, in its own language.")
    publisher: ShortStr
    kind: Literal["official", "third-party"] = Field(
        description=(
            "official = Amazon's own pages and moderators, courts and patent offices; third-party = everyone else."
        )
    )
    accessed: Date
    note: Text | None = None


class View(Strict):
    """One side of a disagreement between sources."""

    text: Text
    sources: list[Annotated[int, Int(1, 100)]] = Field(
        min_length=1, description="1-based positions in this entry's `sources` list."
    )


class Disagreement(Strict):
    topic: Text
    views: list[View] = Field(min_length=2)
    our_reading: Text | None = Field(default=None, description="What this site assumes and why.")


class Dated(Strict):
    """The date rule shared by entries and glossary terms; each declares `added` and `reviewed`
    itself so the fields keep their place in the canonical key order and the schemas."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Dated:
        added, reviewed = getattr(self, "added", None), getattr(self, "reviewed", None)
        if added is not None and reviewed is not None and reviewed < added:
            raise PydanticCustomError(
                "KB021", "'reviewed' ({r}) is before 'added' ({a})", {"r": str(reviewed), "a": str(added)}
            )
        return self


class EntryBase(Dated):
    id: EntryId
    title: LineText
    summary: Text
    tags: list[Annotated[str, Field(pattern=ID_PATTERN)]] = vocab("tags", default_factory=list)
    related: list[Ref] = Field(default_factory=list)
    aliases: list[EntryId] = Field(default_factory=list, description="Old ids; their URLs redirect here.")
    search_terms: dict[Literal["zh", "en"], list[ShortStr]] = Field(
        default_factory=dict,
        description="Words sellers search for this entry that the page may not use (nicknames, slang), per language.",
    )
    disagreements: list[Disagreement] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    added: Date
    reviewed: Date

    @model_validator(mode="after")
    def _view_sources_exist(self) -> EntryBase:
        for d in self.disagreements:
            for v in d.views:
                for n in v.sources:
                    if n > len(self.sources):
                        raise PydanticCustomError(
                            "KB018",
                            "a disagreement cites source {n}, but the entry has {k} sources",
                            {"n": n, "k": len(self.sources)},
                        )
        return self


class Removal(Strict):
    removes: list[Text] = Field(min_length=1, description="What takes the violation off the page.")
    does_not_remove: list[Text] = Field(
        min_length=1, description="Common beliefs that do not work (e.g. deleting the listing)."
    )


class Violation(EntryBase):
    category: str = vocab("categories")
    right_type: str | None = vocab("right_types", default=None)
    counts_toward_ahr: bool = Bool(default=True)
    page_label: LineText = Field(description="The label as shown on the Account Health page.")
    triggers: list[Text] = Field(min_length=1)
    severity: str = vocab("severities")
    severity_basis: Literal["official", "third-party", "unknown"]
    appeal: Literal["required", "not-required", "depends", "not-applicable"]
    appeal_note: Text
    window_days: int = Int(1, 3650, default=180)
    window_note: Text
    repeat_group: str | None = vocab("repeat_groups", default=None)
    removal: Removal
    actions: list[Text] = Field(min_length=1)
    notice: NoticeRule | None = Field(default=None, description="How the case assistant recognises this notice.")


class NoticeKind(EntryBase):
    """An account-level notice (data/notices/): deactivation, APEX invitation... Never rendered as a page."""

    position: Position = Field(description="Listed before the violation it names, or after it (deactivation).")
    notice: NoticeRule


class Strategy(EntryBase):
    applies_to: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
        min_length=1, description="Violation ids (files in data/violations/)."
    )
    marketplaces: list[str] = vocab("marketplaces", default_factory=list)
    when_to_use: list[Text] = Field(min_length=1)
    when_not_to_use: list[Text] = Field(default_factory=list)
    steps: list[Text] = Field(min_length=1)
    documents: list[Text] = Field(default_factory=list)
    pitfalls: list[Text] = Field(min_length=1)
    timeline: Text
    cost: Text | None = None
    get_counsel: bool = Bool(default=False, description="Show the 'talk to a lawyer' notice prominently.")


class Right(Strict):
    type: str = vocab("right_types")
    holder: ShortStr
    numbers: list[ShortStr] = Field(default_factory=list)
    jurisdiction: str = vocab("jurisdictions")
    status: Text | None = None
    note: Text | None = None


class Enforcement(Strict):
    kind: Literal["case", "tro-wave", "amazon-action", "other"]
    date: EventDate
    date_precision: Literal["day", "month", "year"] = "day"
    court: ShortStr | None = None
    number: ShortStr | None = None
    parties: ShortStr | None = None
    summary: Text
    source: int = Int(1, 100, description="1-based position in this entry's `sources` list.")

    @model_validator(mode="after")
    def _case_has_court_and_number(self) -> Enforcement:
        if self.kind in ("case", "tro-wave") and not (self.court and self.number):
            raise PydanticCustomError("KB010", "a '{kind}' needs both 'court' and 'number'", {"kind": self.kind})
        return self


class Warning_(EntryBase):
    niche: Text
    violation_types: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(min_length=1)
    marketplaces: list[str] = vocab("marketplaces", default_factory=list)
    risk: str = vocab("risk_levels")
    risk_note: Text
    rights: list[Right] = Field(min_length=1)
    enforcement: list[Enforcement] = Field(min_length=1)
    check_before_listing: list[Text] = Field(min_length=1)
    if_already_listed: list[Text] = Field(min_length=1)

    @model_validator(mode="after")
    def _enforcement_sources_exist(self) -> Warning_:
        for e in self.enforcement:
            if e.source > len(self.sources):
                raise PydanticCustomError(
                    "KB018",
                    "an enforcement item cites source {n}, but the entry has {k} sources",
                    {"n": e.source, "k": len(self.sources)},
                )
        return self


class LetterPart(Strict):
    part: Literal["opening", "root-cause", "corrective", "preventive", "evidence", "closing"]
    text: Annotated[SafeStr, Field(min_length=1, max_length=5000)] = Field(
        description="The English paragraph exactly as sent to Amazon."
    )
    explain: Text = Field(
        description="What this paragraph does and why (zh for Chinese sellers, en for English readers)."
    )


class Poa(EntryBase):
    violation_type: Annotated[str, Field(pattern=ID_PATTERN)]
    scenario: Text
    letter: list[LetterPart] = Field(min_length=3)
    why_it_works: list[Text] = Field(min_length=1)
    common_mistakes: list[Text] = Field(min_length=1)
    avoids_rejections: list[Text] = Field(
        min_length=1, description="The rejection reasons this letter is written to avoid."
    )


class Letter(LetterBody, EntryBase):
    """A letter template for the letters tool (data/letters/): data only, never rendered as a page."""


class PoaRule(PoaRuleBody, EntryBase):
    """A POA checker rule (data/poa-rules/): data only; `summary` says why it matters."""


class GlossaryTerm(Dated):
    id: EntryId
    seller_usage: list[ShortStr] = Field(min_length=1, description="How Chinese sellers say it (slang first).")
    official_zh: ShortStr | None = Field(default=None, description="Amazon's official Chinese term, if verified.")
    english: ShortStr
    definition: Text
    confusable_with: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(default_factory=list)
    see_also: list[Ref] = Field(default_factory=list)
    tags: list[Annotated[str, Field(pattern=ID_PATTERN)]] = vocab("tags", default_factory=list)
    aliases: list[EntryId] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    added: Date
    reviewed: Date

    @property
    def title(self) -> Text:
        return Text(zh=self.seller_usage[0], en=self.english)


MODELS: dict[str, type[BaseModel]] = {
    "violations": Violation,
    "strategies": Strategy,
    "warnings": Warning_,
    "poa": Poa,
    "glossary": GlossaryTerm,
    "notices": NoticeKind,
    "letters": Letter,
    "poa-rules": PoaRule,
}
