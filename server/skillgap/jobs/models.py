"""What a job posting is, independent of storage and transport."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skillgap.scraping.normalize import Salary
from skillgap.skills.models import JobSkills


@dataclass(frozen=True)
class JobPosting:
    """A posting as a source gives it, before SkillGap stores it."""

    source_kind: str
    source_identifier: str
    external_id: str
    title: str
    description: str
    company: str = ""
    url: str = ""
    post_time: datetime | None = None
    # Locations as the posting writes them ("Berlin, Germany"), main one first.
    locations: tuple[str, ...] = ()
    # "onsite", "hybrid", "remote" or "unspecified".
    workplace_type: str = "unspecified"
    # "full_time", "part_time", "contract", "internship", "temporary" or "unspecified".
    employment_type: str = "unspecified"
    salary: Salary | None = None


@dataclass(frozen=True)
class StoredJob:
    job_id: str
    posting: JobPosting
    state: str
    scrape_time: datetime
    close_time: datetime | None
    skills: JobSkills | None
    # Ingestion's identity: sha256 of everything stored about the posting, and when a board last listed it.
    content_hash: str = ""
    last_seen_time: datetime | None = None


@dataclass(frozen=True)
class JobSummary:
    """A job in a list: what a reader needs to choose one, without its description and skills."""

    job_id: str
    title: str
    company: str
    locations: tuple[str, ...]
    workplace_type: str
    # The extracted seniority level ("senior", ...), "unspecified" when the posting does not say.
    seniority: str
    post_time: datetime | None
    source_kind: str
    source_identifier: str
    external_id: str
    url: str
    state: str
    close_time: datetime | None


@dataclass(frozen=True)
class JobCounts:
    """How many jobs a source holds: the ones its board still lists, and the ones it no longer does."""

    open: int = 0
    closed: int = 0
