"""What a job posting is, independent of storage and transport; the scrape runs that bring postings in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from skillgap.skills.models import JobSkills


@dataclass(frozen=True)
class Salary:
    """A pay range as posted. ``interval`` is "hour", "day", "week", "month" or "year"."""

    min_amount: float | None
    max_amount: float | None
    currency: str | None
    interval: str


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
    # A board's copy of a posting: the company's own posting URL (its ATS page) the board links to, for
    # cross-source dedupe; empty when the source is the company's own board or does not say.
    apply_url: str = ""
    # The board's change signal for the posting (Greenhouse's `updated_at`): equal on the next scrape means
    # the posting is as stored and is not read again; empty when the board gives none.
    source_version: str = ""
    # The source's own labels ("python", "backend"), as a job board gives them; empty for company boards.
    tags: tuple[str, ...] = ()
    # Where a remote job may be worked from, as the board says it ("Worldwide", "USA Only"); empty when unsaid.
    remote_region: str = ""


@dataclass(frozen=True)
class JobListingRef:
    """One board that lists a job: the source, the posting's id and URL there, and whether it still lists it."""

    source_kind: str
    source_identifier: str
    external_id: str
    url: str = ""
    state: str = "open"


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
    # The other boards that list the same posting (cross-source dedupe); the job's own source is `posting`'s.
    also_listed_on: tuple[JobListingRef, ...] = ()


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


# ---------------------------------------------------------------- scrape runs
# Here rather than in `skillgap.scraping` (which re-exports them from `scraping.runs`): storage reads and
# writes runs, and the scraping service uses storage, so in `scraping` they made the two import each other.

STATES = ("queued", "running", "succeeded", "partially_failed", "failed")
FINISHED = frozenset({"succeeded", "partially_failed", "failed"})


@dataclass(frozen=True)
class SourceSpec:
    kind: str
    identifier: str
    base_url: str = ""
    interval_minutes: int = 0


@dataclass
class ScrapeCounts:
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    failed: int = 0

    def add(self, other: ScrapeCounts) -> None:
        self.fetched += other.fetched
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.closed += other.closed
        self.failed += other.failed


@dataclass
class SourceProgress:
    position: int
    source: SourceSpec
    state: str = "queued"
    counts: ScrapeCounts = field(default_factory=ScrapeCounts)
    error_message: str = ""
    start_time: datetime | None = None
    finish_time: datetime | None = None
    # What the source is doing now, in words ("listing postings (page 3)"); empty once it finished.
    activity: str = ""
    # The jobs the source holds now (whichever run stored them), as read with the run's status.
    jobs: JobCounts = field(default_factory=JobCounts)


@dataclass
class ScrapeRun:
    run_id: str
    state: str
    trigger: str
    requested_by: str
    sources: list[SourceProgress]
    create_time: datetime
    start_time: datetime | None = None
    finish_time: datetime | None = None

    @property
    def totals(self) -> ScrapeCounts:
        total = ScrapeCounts()
        for progress in self.sources:
            total.add(progress.counts)
        return total


def overall_state(source_states: list[str]) -> str:
    """succeeded when every source did; failed when every one failed; partially_failed otherwise."""
    if not source_states or all(s == "succeeded" for s in source_states):
        return "succeeded"
    if all(s == "failed" for s in source_states):
        return "failed"
    return "partially_failed"
