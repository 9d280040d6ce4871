"""Letter templates (data/letters/<id>.yml): the English text a seller sends, paragraph by paragraph.

Letter text is plain text: no Markdown, no HTML, no Chinese, and braces only as `{fact}`
placeholders. Which placeholders a template may use is checked across the entry
(kb_build/check/letters.py, with the line of the text), because it depends on the template's own
`facts` list. Three placeholders are built in: `{reason}` (the chosen reason's paragraph) and
`{evidence}` (the numbered evidence list of the reason or violation type), and in a POA skeleton
`{violation}` (the variant's `name`).

A retraction is offered only for reasons that make "the complaint was made in error" true
(RETRACTION_REASONS); any other reason in a retraction template is refused.

This module imports nothing from kb_build.model.entries (which imports it).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kb_build.model.text import CJK, SafeStr, Text

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
BUILTIN_FACTS = ("reason", "evidence", "violation")
RETRACTION_REASONS = ("never-sold", "wrong-asin", "outside-claims", "right-expired", "right-not-valid-here")
PARTS = ("opening", "reason", "root-cause", "corrective", "preventive", "evidence", "request", "closing")
# Markdown that would show up as stray characters in an e-mail: emphasis, code, links, headings, tables.
_MARKDOWN = re.compile(r"\*\*|__|`|\]\(|^\s{0,3}#{1,6}\s|^\s*\|.*\|\s*$|^\s*>\s", re.M)
_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def check_letter_text(value: str) -> str:
    """Plain English text: no Markdown, no angle brackets, no CJK, braces only around placeholders."""
    m = _MARKDOWN.search(value)
    if m:
        raise PydanticCustomError(
            "KB020", "letter text is plain text; remove the Markdown '{s}'", {"s": m.group(0).strip()[:20]}
        )
    if "<" in value or ">" in value:
        raise PydanticCustomError("KB020", "letter text is plain text; '<' and '>' are not allowed", {})
    if CJK.search(value):
        raise PydanticCustomError("KB023", "letter text is sent in English; it contains Chinese characters", {})
    if "{" in PLACEHOLDER.sub("", value) or "}" in PLACEHOLDER.sub("", value):
        raise PydanticCustomError(
            "KB023", "a brace that is not a placeholder; placeholders look like {asins} (lowercase, _)", {}
        )
    return value


LetterText = Annotated[SafeStr, AfterValidator(check_letter_text), Field(min_length=1, max_length=5000)]
Id = Annotated[str, Field(pattern=_ID, max_length=80)]


JS_OBJECT_MEMBERS = frozenset({"constructor", "prototype", "__proto__", "__definegetter__", "__lookupgetter__"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(_Strict):
    name: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
    label: Text = Field(description="The form label.")
    prompt: LetterText = Field(description="English text put in [brackets] in the letter while the fact is missing.")
    multiline: bool = Field(default=False, strict=True)


class Paragraph(_Strict):
    part: Literal[PARTS]  # type: ignore[valid-type]
    text: LetterText
    explain: Text = Field(description="What this paragraph does and why (zh for Chinese sellers, en for English).")
    reasons: list[Id] = Field(default_factory=list, description="Only for these reasons (empty: always).")


class Reason(_Strict):
    id: Id
    label: Text
    text: LetterText = Field(description="The paragraph that states this reason (the {reason} placeholder).")
    explain: Text
    evidence: list[Text] = Field(
        default_factory=list, description="Evidence to attach: `en` goes into the letter, `zh` explains it."
    )


class Variant(_Strict):
    """One violation type of a POA skeleton: its model letter and what to attach."""

    violation: Id
    name: LetterText = Field(description="The violation as the letter names it ({violation}).")
    model: Id | None = Field(default=None, description="A model letter in data/poa/ for this violation type.")
    hint: Text = Field(description="What the root causes usually are for this type and how to state them.")
    evidence: list[Text] = Field(min_length=1)


class LetterBody(_Strict):
    """The template-specific fields; kb_build.model.entries.Letter adds the shared entry fields."""

    kind: Literal["retraction", "dispute", "poa"]
    violation_types: list[Id] = Field(min_length=1, description="Violation ids this template serves.")
    recipient: Text = Field(description="Who receives the letter and how it is sent.")
    facts: list[Fact] = Field(min_length=1)
    paragraphs: list[Paragraph] = Field(min_length=2)
    reasons: list[Reason] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_rules(self) -> LetterBody:
        names = [f.name for f in self.facts]
        # The browser keeps facts in plain objects: a name JavaScript objects already have would read
        # Object.prototype's member instead of the seller's value.
        if set(names) & JS_OBJECT_MEMBERS:
            raise PydanticCustomError(
                "KB017", "fact names cannot be one of: {b}", {"b": ", ".join(sorted(JS_OBJECT_MEMBERS))}
            )
        if len(set(names)) != len(names) or set(names) & set(BUILTIN_FACTS):
            raise PydanticCustomError(
                "KB017", "fact names must be unique and not one of: {b}", {"b": ", ".join(BUILTIN_FACTS)}
            )
        if self.kind in ("retraction", "dispute") and not self.reasons:
            raise PydanticCustomError("KB010", "a '{k}' template needs 'reasons'", {"k": self.kind})
        if self.kind == "retraction":
            bad = [r.id for r in self.reasons if r.id not in RETRACTION_REASONS]
            if bad:
                raise PydanticCustomError(
                    "KB023",
                    "a retraction is only offered when the complaint was made in error; "
                    "'{bad}' is not one of: {ok}",
                    {"bad": bad[0], "ok": ", ".join(RETRACTION_REASONS)},
                )
        if self.kind == "dispute" and any(not r.evidence for r in self.reasons):
            raise PydanticCustomError("KB010", "every dispute reason needs an 'evidence' list", {})
        if self.kind == "poa":
            wanted = [v.violation for v in self.variants]
            if sorted(wanted) != sorted(set(self.violation_types)) or len(set(wanted)) != len(wanted):
                raise PydanticCustomError(
                    "KB023", "a POA skeleton needs exactly one variant per entry in 'violation_types'", {}
                )
        return self
