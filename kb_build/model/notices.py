"""What identifies a notice: the `notice:` block on a violation entry and on an account-level
notice kind (data/notices/<kind>.yml).

The case assistant (docs/tools/case.md) and `python -m kb_build notice` read these blocks from
/api/v1/notice-rules.json (kb_build/publish/notice_rules.py). A phrase is matched after both the
phrase and the pasted text are folded the same way (kb_build/notice.py: full-width to half-width,
lower case, and every space, punctuation mark and line break removed), so a phrase is written
the way the notice says it and still matches a text whose spaces were stripped or split.

This module imports nothing from kb_build.model.entries (which imports it).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kb_build.model.text import CJK, SafeStr, Text

# Same shape as entries.REF_PATTERN (kept here to avoid an import cycle; a test compares them).
STEP_REF_PATTERN = r"^(violations|strategies|warnings|poa|glossary)/[a-z0-9]+(-[a-z0-9]+)*$"
# When a plan step is due: today, within 72 hours, this week, by each deadline the notice states,
# or by day 180 (when the violation stops counting).
WHEN = ("today", "72h", "week", "deadline", "day180")
MIN_FOLDED = 6  # a phrase shorter than this once folded matches too much (e.g. "ip", "asin", "侵权")


def folded_length(text: str) -> int:
    """How much a phrase keeps after folding (see kb_build/notice.py): each ASCII letter or digit
    counts 1, each Chinese character 2 (one carries about a word)."""
    return sum(1 if ch.isascii() and ch.isalnum() else 2 if CJK.match(ch) else 0 for ch in text.lower())


def _phrase(value: str) -> str:
    if folded_length(value) < MIN_FOLDED:
        raise PydanticCustomError(
            "KB023",
            "phrase '{p}' is too short to identify a notice (at least {n} letters or digits, or 3 Chinese characters)",
            {"p": value[:40], "n": MIN_FOLDED},
        )
    return value


def _step_ref(value: str) -> str:
    if not re.match(STEP_REF_PATTERN, value):
        raise PydanticCustomError(
            "KB023", "reference '{ref}' must look like 'collection/id', e.g. 'strategies/acknowledge-vs-appeal'",
            {"ref": value[:80]},
        )
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Phrase(_Strict):
    text: Annotated[SafeStr, AfterValidator(_phrase), Field(max_length=200)] = Field(
        description="Words of the notice as Amazon writes them (en or zh); case, spaces and punctuation do not matter."
    )
    weight: int = Field(
        strict=True,
        ge=-20,
        le=20,
        description="Points when the phrase is in the text; negative = evidence against this kind.",
    )


class PlanStep(_Strict):
    when: Literal["today", "72h", "week", "deadline", "day180"]
    text: Text
    ref: Annotated[str, AfterValidator(_step_ref)] = Field(
        description="The entry that explains the step, e.g. strategies/rights-owner-retraction."
    )


class NoticeRule(_Strict):
    phrases: list[Phrase] = Field(min_length=1)
    threshold: int = Field(
        default=6, strict=True, ge=1, le=100, description="Points needed before the kind is reported."
    )
    deadlines_days: list[Annotated[int, Field(strict=True, ge=1, le=365)]] = Field(
        default_factory=list, description="Deadlines this kind of notice usually states (days)."
    )
    plan: list[PlanStep] = Field(min_length=1)

    @model_validator(mode="after")
    def _reachable(self) -> NoticeRule:
        best = sum(p.weight for p in self.phrases if p.weight > 0)
        if best < self.threshold:
            raise PydanticCustomError(
                "KB023",
                "the phrases add up to at most {best} points, below the threshold {t}: the kind can never match",
                {"best": best, "t": self.threshold},
            )
        texts = [p.text.casefold() for p in self.phrases]
        dup = next((t for i, t in enumerate(texts) if t in texts[:i]), None)
        if dup is not None:
            raise PydanticCustomError("KB023", "phrase '{p}' is listed twice", {"p": dup[:40]})
        return self


Position = Literal["before-cause", "after-cause"]
