"""Services a test builds on its own over some resources, by the constructors the composition root
(`skillgap.app.build_services`) uses. A test that needs the process's services takes the `app` fixture instead."""

from __future__ import annotations

from skillgap.jobs.service import JobCatalog
from skillgap.resources import Resources
from skillgap.storage.job_cache import JobCache
from skillgap.storage.jobs import JobRepository


def job_catalog(resources: Resources, *, cache: JobCache | None = None) -> JobCatalog:
    """A job catalog on `resources`: with no cache (unless given), as a scrape worker stores and reads jobs."""
    return JobCatalog(
        JobRepository(resources.pool),
        resources.embedder,
        resources.vectors,
        resources.extractor,
        reading_version=resources.reading_version,
        cache=cache,
    )
