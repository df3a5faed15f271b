"""Scrape runs as the domain sees them: which sources, their progress and counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

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


def parse_source_specs(value: str) -> tuple[SourceSpec, ...]:
    """The SKILLGAP_SCRAPE_SOURCES value: a JSON list of {"kind", "identifier", "base_url"?,
    "interval_minutes"?}. ValueError naming the problem otherwise (unknown kind, bad identifier...)."""
    import json

    from skillgap.scraping.sources import make_source

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
        interval = item.get("interval_minutes") or 0
        if not isinstance(base_url, str) or not isinstance(interval, int) or interval < 0:
            raise ValueError(f"source {index}: base_url must be a string and interval_minutes a non-negative integer")
        try:
            make_source(item["kind"], item["identifier"], base_url or None)
        except ValueError as exc:
            raise ValueError(f"source {index}: {exc}") from None
        specs.append(SourceSpec(item["kind"].strip().lower(), item["identifier"], base_url, interval))
    return tuple(specs)
