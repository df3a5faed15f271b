"""What the occupation index answers besides a title's match (`skillgap.skills.models.OccupationMatch`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RelatedOccupation(_Model):
    """An occupation O*NET relates to another, with how closely."""

    code: str  # O*NET-SOC code, "15-1241.00"
    title: str
    tier: int = Field(ge=1, le=3)  # 1 Primary-Short (closest), 2 Primary-Long, 3 Supplemental
    family: str


class Occupation(_Model):
    """An O*NET occupation as the index holds it."""

    code: str
    title: str
    job_zone: int | None = Field(None, ge=1, le=5)  # None for O*NET's "All Other" occupations
    family: str
    related: tuple[RelatedOccupation, ...] = ()
