"""The vector index behind semantic search: `open_vector_store` picks the engine (see store.py)."""

from skillgap.vectors.filters import JobSearchFilter
from skillgap.vectors.store import (
    JOBS,
    RESUMES,
    JobHit,
    JobSearchResult,
    VectorStore,
    open_vector_store,
)

__all__ = [
    "JOBS",
    "RESUMES",
    "JobHit",
    "JobSearchFilter",
    "JobSearchResult",
    "VectorStore",
    "open_vector_store",
]
