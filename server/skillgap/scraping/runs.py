"""Scrape runs as the domain sees them: which sources, their progress and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from skillgap.jobs.models import JobCounts

STATES = ("queued", "running", "succeeded", "partially_failed", "failed")
FINISHED = frozenset({"succeeded", "partially_failed", "failed"})

# Limits on what a trigger (or SKILLGAP_SCRAPE_SOURCES) may ask for; the proto's comments say the same.
MAX_SOURCES_PER_TRIGGER = 50
MAX_URL_CHARS = 2048
"""Longest identifier (a job page URL) or base_url."""
MAX_INTERVAL_MINUTES = 365 * 24 * 60
"""interval_minutes: 0 is not scheduled; at most one year."""


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


class SpecError(ValueError):
    """A source spec breaks a rule; `field` names the part at fault ("identifier", "interval_minutes"...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_spec(spec: SourceSpec) -> None:
    """Raise SpecError unless `spec` names a source that can be scraped: lengths first (a huge value is
    never parsed nor echoed back), the interval, then the kind's own rules. No network."""
    from skillgap.scraping.sources import SourceError, make_source

    for name, value in (("identifier", spec.identifier), ("base_url", spec.base_url)):
        if len(value) > MAX_URL_CHARS:
            raise SpecError(name, f"{name} is {len(value)} characters long; at most {MAX_URL_CHARS} characters")
    interval = spec.interval_minutes
    if isinstance(interval, bool) or not isinstance(interval, int) or not 0 <= interval <= MAX_INTERVAL_MINUTES:
        given = str(interval).lower() if isinstance(interval, bool | int) else type(interval).__name__
        raise SpecError(
            "interval_minutes",
            f"interval_minutes must be a whole number of minutes from 0 (not scheduled) to {MAX_INTERVAL_MINUTES} "
            f"(one year), got {given[:20]}",
        )
    try:
        make_source(spec.kind, spec.identifier, spec.base_url or None)
    except SourceError as exc:
        raise SpecError(exc.field, str(exc)) from None


def parse_source_specs(value: str) -> tuple[SourceSpec, ...]:
    """The SKILLGAP_SCRAPE_SOURCES value: a JSON list of {"kind", "identifier", "base_url"?,
    "interval_minutes"?}. ValueError naming the problem otherwise (unknown kind, bad identifier...)."""
    import json

    if not value.strip():
        return ()
    try:
        items = json.loads(value)
    except ValueError as exc:
        raise ValueError(f"not valid JSON ({exc})") from None
    if not isinstance(items, list):
        raise ValueError("must be a JSON list of sources")
    specs: list[SourceSpec] = []
    for index, item in enumerate(items):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("kind"), str)
            or not isinstance(item.get("identifier"), str)
        ):
            raise ValueError(f"source {index} needs string fields 'kind' and 'identifier'")
        base_url = item.get("base_url") or ""
        if not isinstance(base_url, str):
            raise ValueError(f"source {index}: base_url must be a string")
        interval = item.get("interval_minutes")
        spec = SourceSpec(
            item["kind"].strip().lower(), item["identifier"], base_url, 0 if interval is None else interval
        )
        try:
            check_spec(spec)
        except SpecError as exc:
            raise ValueError(f"source {index}: {exc}") from None
        specs.append(spec)
    return tuple(specs)
