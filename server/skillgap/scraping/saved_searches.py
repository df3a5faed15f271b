"""What a saved search is, what it may hold and how much its owner may run: the definition a user saves, the
limits that refuse a definition (INVALID_ARGUMENT naming the field and the limit), the quota, and which of the
server's sources a search asks. No storage and no gRPC here (see `saved_search_service`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Final

from skillgap.errors import FieldViolation, InvalidArgument, quoted
from skillgap.scraping.runs import MAX_INTERVAL_MINUTES, MAX_URL_CHARS, SourceSpec
from skillgap.scraping.search_query import SearchQuery

__all__ = [
    "MAX_DISPLAY_NAME_CHARS",
    "MAX_KEYWORDS",
    "MAX_LOCATIONS",
    "MAX_SEARCH_SOURCES",
    "MAX_TERM_CHARS",
    "MIN_INTERVAL_MINUTES",
    "QUOTA_WINDOW",
    "UPDATABLE_FIELDS",
    "Quota",
    "SavedSearch",
    "SearchDefinition",
    "check_definition",
    "check_paths",
    "check_source_count",
    "chosen_sources",
    "paths_present",
    "updated",
]

# Limits on one definition; search.proto's comments say the same.
MAX_DISPLAY_NAME_CHARS: Final = 200
MAX_KEYWORDS: Final = 10
MAX_LOCATIONS: Final = 10
MAX_TERM_CHARS: Final = 100
"""The longest keyword or location."""
MAX_SEARCH_SOURCES: Final = 20
MIN_INTERVAL_MINUTES: Final = 60
"""A schedule more often than hourly would spend the hourly quota on one search."""

UPDATABLE_FIELDS: Final = ("display_name", "keywords", "locations", "remote_only", "sources", "interval_minutes")


@dataclass(frozen=True)
class Quota:
    """How much one user's saved searches may hold and fetch; search.proto and the README state the defaults."""

    max_saved_searches: int = 20
    runs_per_hour: int = 10
    postings_per_run: int = 500


QUOTA_WINDOW: Final = timedelta(hours=1)
"""The runs of the last hour count in `Quota.runs_per_hour`."""


@dataclass(frozen=True)
class SearchDefinition:
    """What a user searches for (`query`), which sources to ask (none: every source the server searches) and how
    often (0: only when asked)."""

    display_name: str = ""
    keywords: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    remote_only: bool = False
    sources: tuple[SourceSpec, ...] = ()
    interval_minutes: int = 0

    @property
    def query(self) -> SearchQuery:
        return SearchQuery(keywords=self.keywords, locations=self.locations, remote_only=self.remote_only)

    @property
    def label(self) -> str:
        """The name shown: the user's, else the terms ("python backend in Berlin or Remote, remote only")."""
        if self.display_name:
            return self.display_name
        label = " ".join(self.keywords) or "any job"
        if self.locations:
            label += " in " + " or ".join(self.locations)
        if self.remote_only:
            label += ", remote only"
        return label[:MAX_DISPLAY_NAME_CHARS]


@dataclass(frozen=True)
class SavedSearch:
    search_id: str
    user_id: str
    definition: SearchDefinition
    create_time: datetime
    update_time: datetime
    last_run_id: str = ""
    last_run_time: datetime | None = None

    @property
    def next_run_time(self) -> datetime | None:
        """When the schedule queues it next: an interval after its last run, or now when it never ran."""
        interval = self.definition.interval_minutes
        if interval <= 0:
            return None
        if self.last_run_time is None:
            return self.create_time
        return self.last_run_time + timedelta(minutes=interval)


# --- Checks -------------------------------------------------------------------------------------------------


def _invalid(field: str, message: str, reason: str, violation: str) -> InvalidArgument:
    return InvalidArgument(f"{field}: {message}", reason=reason, violations=[FieldViolation(field, violation)])


def _terms(values: Sequence[str], field: str, *, limit: int, noun: str) -> tuple[str, ...]:
    """The terms stripped, without empty ones and case-insensitive repeats; the count is checked before anything
    is read, so a huge list costs nothing."""
    if len(values) > limit:
        raise _invalid(
            field,
            f"{len(values)} {noun}s given, at most {limit}",
            f"TOO_MANY_{noun.upper()}S",
            f"at most {limit} {noun}s",
        )
    kept: list[str] = []
    seen: set[str] = set()
    for index, value in enumerate(values):
        if len(value) > MAX_TERM_CHARS:
            raise _invalid(
                f"{field}[{index}]",
                f"a {noun} is at most {MAX_TERM_CHARS} characters, got {len(value)}",
                f"{noun.upper()}_TOO_LONG",
                f"at most {MAX_TERM_CHARS} characters",
            )
        term = " ".join(value.split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            kept.append(term)
    return tuple(kept)


def _interval(value: int, field: str) -> int:
    if value != 0 and not MIN_INTERVAL_MINUTES <= value <= MAX_INTERVAL_MINUTES:
        raise _invalid(
            field,
            f"minutes between scheduled runs must be 0 (not scheduled) or from {MIN_INTERVAL_MINUTES} to "
            f"{MAX_INTERVAL_MINUTES} (a year), got {value}",
            "INVALID_INTERVAL",
            f"0, or {MIN_INTERVAL_MINUTES} to {MAX_INTERVAL_MINUTES}",
        )
    return value


def _source_choices(
    choices: Sequence[SourceSpec], field: str, available: Sequence[SourceSpec]
) -> tuple[SourceSpec, ...]:
    """Each choice a kind (every source of it) or a kind and an identifier (that source), among `available`."""
    check_source_count(len(choices), field)
    kept: list[SourceSpec] = []
    for index, choice in enumerate(choices):
        at = f"{field}[{index}]"
        if not choice.kind:
            raise _invalid(f"{at}.kind", "name the kind of source", "INVALID_SOURCE", "unspecified")
        if len(choice.identifier) > MAX_URL_CHARS:
            raise _invalid(
                f"{at}.identifier",
                f"at most {MAX_URL_CHARS} characters, got {len(choice.identifier)}",
                "INVALID_SOURCE",
                f"at most {MAX_URL_CHARS} characters",
            )
        if choice.base_url or choice.interval_minutes:
            name = "base_url" if choice.base_url else "interval_minutes"
            raise _invalid(
                f"{at}.{name}",
                "a saved search asks the server's own sources: give only their kind and identifier",
                "INVALID_SOURCE",
                "must be empty",
            )
        wanted = SourceSpec(choice.kind, choice.identifier.strip())
        if not chosen_sources((wanted,), available):
            what = f"{wanted.kind} {quoted(wanted.identifier)}" if wanted.identifier else f"no {wanted.kind} source"
            raise _invalid(
                at,
                f"{what} is not a source this server searches; ListScrapeSources lists the configured ones",
                "SOURCE_NOT_SEARCHED",
                "not a source this server searches",
            )
        if wanted not in kept:
            kept.append(wanted)
    return tuple(kept)


def check_source_count(count: int, field: str) -> None:
    """INVALID_ARGUMENT when a search names more sources than MAX_SEARCH_SOURCES (checked before they are read)."""
    if count > MAX_SEARCH_SOURCES:
        raise _invalid(
            field,
            f"{count} sources given, at most {MAX_SEARCH_SOURCES}; leave it empty to search every source",
            "TOO_MANY_SOURCES",
            f"at most {MAX_SEARCH_SOURCES} sources",
        )


def check_definition(
    definition: SearchDefinition, available: Sequence[SourceSpec], *, prefix: str = "search."
) -> SearchDefinition:
    """The definition cleaned (terms stripped, repeats dropped); InvalidArgument naming the first field over a
    limit (`prefix` + its name, as the request spells it), or an empty search."""
    if len(definition.display_name) > MAX_DISPLAY_NAME_CHARS:
        raise _invalid(
            f"{prefix}display_name",
            f"at most {MAX_DISPLAY_NAME_CHARS} characters, got {len(definition.display_name)}",
            "DISPLAY_NAME_TOO_LONG",
            f"at most {MAX_DISPLAY_NAME_CHARS} characters",
        )
    cleaned = SearchDefinition(
        display_name=" ".join(definition.display_name.split()),
        keywords=_terms(definition.keywords, f"{prefix}keywords", limit=MAX_KEYWORDS, noun="keyword"),
        locations=_terms(definition.locations, f"{prefix}locations", limit=MAX_LOCATIONS, noun="location"),
        remote_only=definition.remote_only,
        sources=_source_choices(definition.sources, f"{prefix}sources", available),
        interval_minutes=_interval(definition.interval_minutes, f"{prefix}interval_minutes"),
    )
    if not (cleaned.keywords or cleaned.locations or cleaned.remote_only):
        raise _invalid(
            f"{prefix}keywords",
            "a search needs at least one keyword or location, or remote_only",
            "EMPTY_SEARCH",
            "no keyword, location or remote_only",
        )
    return cleaned


def check_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """The update mask's paths, each once, in the order of UPDATABLE_FIELDS; an unknown path is INVALID_ARGUMENT."""
    wanted = set()
    for path in paths:
        if path not in UPDATABLE_FIELDS:
            raise InvalidArgument(
                f"update_mask path {quoted(path)} cannot be set; the paths are {', '.join(UPDATABLE_FIELDS)}",
                reason="UNKNOWN_FIELD_PATH",
                violations=[FieldViolation("update_mask", f"unknown path {quoted(path)}")],
            )
        wanted.add(path)
    return tuple(path for path in UPDATABLE_FIELDS if path in wanted)


def paths_present(definition: SearchDefinition) -> tuple[str, ...]:
    """The fields a definition carries (non-empty, true, non-zero): what an update without a mask sets."""
    empty = SearchDefinition()
    return tuple(f.name for f in fields(definition) if getattr(definition, f.name) != getattr(empty, f.name))


def updated(current: SearchDefinition, given: SearchDefinition, paths: Sequence[str]) -> SearchDefinition:
    return replace(current, **{path: getattr(given, path) for path in paths})


def chosen_sources(choices: Sequence[SourceSpec], available: Sequence[SourceSpec]) -> tuple[SourceSpec, ...]:
    """The available sources a search asks, in the server's order: every one when `choices` is empty, else those
    of a chosen kind (with the chosen identifier, when one is given; board tokens compare without case)."""
    if not choices:
        return tuple(available)
    return tuple(
        source
        for source in available
        if any(
            choice.kind == source.kind
            and (not choice.identifier or choice.identifier.casefold() == source.identifier.casefold())
            for choice in choices
        )
    )
