"""The occupations a job's title and a resume's titles map to, with the job zone seniority takes as a prior.

The skills core does not load the occupation index (`skillgap.occupations`): it receives anything with its
`match`, built once by the composition root.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from skillgap.skills.models import ExperienceItem, OccupationMatch


class OccupationFinder(Protocol):
    def match(self, title: str) -> OccupationMatch | None: ...


def job_zone(occupation: OccupationMatch | None) -> int | None:
    return occupation.job_zone if occupation is not None else None


def experience_occupations(
    finder: OccupationFinder | None, items: Sequence[ExperienceItem]
) -> tuple[tuple[ExperienceItem, ...], dict[str, OccupationMatch | None]]:
    """The entries, each with the occupation of its title (each distinct title matched once), and the matches
    by title."""
    if finder is None:
        return tuple(items), {}
    matches: dict[str, OccupationMatch | None] = {}
    placed = []
    for item in items:
        if item.title and item.title not in matches:
            matches[item.title] = finder.match(item.title)
        occupation = matches.get(item.title) if item.title else None
        placed.append(item.model_copy(update={"occupation": occupation}) if occupation is not None else item)
    return tuple(placed), matches


def title_occupation(
    finder: OccupationFinder | None, titles: Sequence[str], known: dict[str, OccupationMatch | None] | None = None
) -> OccupationMatch | None:
    """The occupation of the most recent title."""
    if finder is None or not titles:
        return None
    title = titles[0]
    if known is not None and title in known:
        return known[title]
    return finder.match(title)
