"""Which reading of a text a stored profile or job's skills came from.

A stored profile is read anew when this changes: a new taxonomy or occupation index (their versions), another
engine, or a change
to how resumes and postings are read (`READING_REVISION`, bumped by hand with such a change).
"""

from __future__ import annotations

# Bump with any change to reading that stored profiles and job skills should follow.
READING_REVISION = "2026-12-05"


def reading_version(taxonomy_version: str, occupations_version: str, engine: str) -> str:
    return f"{taxonomy_version}/{occupations_version}/{READING_REVISION}/{engine}"
