"""The shape of an expiry rules file given to `python -m kb_build expiry --rules FILE`.

The calculator reads `types[*].window_days`, `types[*].repeat_group`, `repeat_groups[*].limit`
and `default_window_days`; a file whose shape differs is refused with the field at fault
instead of a KeyError or TypeError deep inside the computation.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kb_build.load.pydantic_errors import field_name


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class RuleType(_Open):
    window_days: int | None = Field(default=None, strict=True, ge=1, le=3650)
    repeat_group: str | None = Field(default=None, strict=True)


class RuleGroup(_Open):
    limit: int = Field(strict=True, ge=1, le=1000)


class RulesFile(_Open):
    types: dict[str, RuleType]
    repeat_groups: dict[str, RuleGroup] = Field(default_factory=dict)
    default_window_days: int | None = Field(default=None, strict=True, ge=1, le=3650)

    @model_validator(mode="after")
    def _groups_exist(self) -> RulesFile:
        for name, t in self.types.items():
            if t.repeat_group is not None and t.repeat_group not in self.repeat_groups:
                raise ValueError(f"types.{name}.repeat_group '{t.repeat_group}' is not in repeat_groups")
        return self


def rules_problems(data: Any) -> list[str]:
    """Why `data` is not a usable rules file ('' list when it is)."""
    try:
        RulesFile.model_validate(data)
    except ValidationError as exc:
        return [f"{field_name(tuple(e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)][:10]
    return []
