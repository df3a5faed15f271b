"""A site that asks for few requests (Remotive: "max. 4 times a day", `Source.min_interval_minutes`) is asked no more
often than that by all of SkillGap's runs together: scrapes of the source (manual or scheduled) and saved searches'
runs that ask it. Each run checks when the source was last asked (`ScrapeRunRepository.last_asked`) before it is
queued. Not atomic: two runs queued at the same instant may both pass."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from skillgap.scraping.runs import SourceSpec, min_interval_minutes
from skillgap.storage.scrape_runs import ScrapeRunRepository

__all__ = ["SiteWait", "site_wait"]


@dataclass(frozen=True)
class SiteWait:
    """A source its site asks not to be asked again before `next_time`."""

    spec: SourceSpec
    minimum: int  # minutes
    last: datetime
    next_time: datetime

    def seconds(self, now: datetime) -> int:
        return max(1, math.ceil((self.next_time - now).total_seconds()))

    def why(self, now: datetime) -> str:
        return (
            f"{self.spec.kind} {self.spec.identifier!r} was last asked at {self.last.isoformat(timespec='seconds')}; "
            f"its site asks for at most one request every {self.minimum} minutes, so it may be asked again at "
            f"{self.next_time.isoformat(timespec='seconds')} (in {self.seconds(now)} s)"
        )


async def site_wait(runs: ScrapeRunRepository, spec: SourceSpec, now: datetime) -> SiteWait | None:
    """How long `spec` must wait for its site's interval; None when it may be asked now (or its site sets none)."""
    minimum = min_interval_minutes(spec)
    if not minimum:
        return None
    last = await runs.last_asked(spec)
    if last is None:
        return None
    next_time = last + timedelta(minutes=minimum)
    return SiteWait(spec, minimum, last, next_time) if now < next_time else None
