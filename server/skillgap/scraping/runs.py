"""Scrape runs as the domain sees them: which sources, their progress and counts (the data types live in
`skillgap.jobs.models`, where storage reads them too), and what a source spec may ask for."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from skillgap.jobs.models import (
    FINISHED,
    STATES,
    ScrapeCounts,
    ScrapeRun,
    SourceProgress,
    SourceSpec,
    overall_state,
)

if TYPE_CHECKING:
    from skillgap.scraping.sources import Source

# Named here too: the rest of the scraping domain, its API and workers import them from this module.
__all__ = [
    "FINISHED",
    "MAX_INTERVAL_MINUTES",
    "MAX_SOURCES_PER_TRIGGER",
    "MAX_URL_CHARS",
    "STATES",
    "ScrapeCounts",
    "ScrapeRun",
    "SourceProgress",
    "SourceSpec",
    "SpecError",
    "check_spec",
    "min_interval_minutes",
    "overall_state",
    "parse_source_specs",
]

# Limits on what a trigger (or SKILLGAP_SCRAPE_SOURCES) may ask for; the proto's comments say the same.
MAX_SOURCES_PER_TRIGGER = 50
MAX_URL_CHARS = 2048
"""Longest identifier (a job page URL) or base_url."""
MAX_INTERVAL_MINUTES = 365 * 24 * 60
"""interval_minutes: 0 is not scheduled; at most one year."""


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
        source = make_source(spec.kind, spec.identifier, spec.base_url or None)
    except SourceError as exc:
        raise SpecError(exc.field, str(exc)) from None
    minimum = _site_min_interval(source)
    if 0 < interval < minimum:
        raise SpecError(
            "interval_minutes",
            f"interval_minutes must be 0 (not scheduled) or at least {minimum} for a {spec.kind} source: its site "
            f"asks for at most one scrape every {minimum} minutes; got {interval}",
        )


def min_interval_minutes(spec: SourceSpec) -> int:
    """The fewest minutes the source's site allows between two scrapes of it (Remotive: 360), or 0 when its kind
    states none or the spec reads another host (a mirror, a local stand-in: the site's terms are about its own
    servers). `spec` has passed `check_spec`."""
    from skillgap.scraping.sources import SourceError, make_source

    try:
        return _site_min_interval(make_source(spec.kind, spec.identifier, spec.base_url or None))
    except SourceError:
        return 0


def _site_min_interval(source: Source) -> int:
    site = urlsplit(source.default_base_url).hostname or ""
    host = urlsplit(source.base_url).hostname or ""
    return source.min_interval_minutes if site and (host == site or host.endswith(f".{site}")) else 0


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
