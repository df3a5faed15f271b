"""What job search can filter on, and the payload fields the filters read.

A `JobSearchFilter` is turned into engine-neutral conditions (`FieldMatch`, `FieldAtLeast`,
`FieldContains`); each engine translates those into its own filter classes, and each condition also
knows how to decide a payload in Python with the engines' semantics (a condition on an array field
holds when one of its elements satisfies it). The Python side is what an engine falls back on for a
condition it cannot apply itself, and what the tests compare the engines against.

Some filters need a form of the payload the engines can match natively: the store adds these derived
fields (`DERIVED_JOB_FIELDS`) at upsert time, so callers keep writing the plain job payload.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

OPEN = "open"

# Derived from `company`, `post_time` and `locations`; written by the store, never by callers.
COMPANY_KEY = "company_key"
POST_TS = "post_ts"
LOCATION_KEYS = "location_keys"
# Marks payloads that carry the derived fields, so that points written before they existed can be found
# (and completed) instead of silently failing the filters that read them.
SEARCH_FIELDS_VERSION = "search_fields_version"
CURRENT_SEARCH_FIELDS_VERSION = 1
DERIVED_JOB_FIELDS = (COMPANY_KEY, POST_TS, LOCATION_KEYS, SEARCH_FIELDS_VERSION)

# Payload indexes every engine that supports them should hold for job search.
KEYWORD_INDEXES = ("state", "workplace_type", "seniority", "required_skill_ids", COMPANY_KEY, "source_kind")
FLOAT_INDEXES = (POST_TS,)
INTEGER_INDEXES = (SEARCH_FIELDS_VERSION,)


@dataclass(frozen=True)
class JobSearchFilter:
    """Every field narrows the search; an empty tuple (or None, "") does not filter on it.

    - include_closed: False keeps only jobs whose state is "open".
    - workplace_types, seniorities, source_kinds: the job's value is one of these.
    - required_skill_ids: the job requires ALL of these (its `required_skill_ids` contains each).
    - companies: the job's company equals one of these, ignoring case.
    - posted_after: posted at or after this instant (a naive datetime is taken as UTC); jobs without a
      post time are excluded when it is set.
    - location: a substring of one of the job's locations, ignoring case.
    """

    include_closed: bool = False
    workplace_types: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    required_skill_ids: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()
    posted_after: datetime | None = None
    location: str = ""

    def conditions(self) -> list[Condition]:
        """The conditions a job must all satisfy."""
        found: list[Condition] = []
        if not self.include_closed:
            found.append(FieldMatch("include_closed", "state", (OPEN,)))
        if self.workplace_types:
            found.append(FieldMatch("workplace_types", "workplace_type", tuple(self.workplace_types)))
        if self.seniorities:
            found.append(FieldMatch("seniorities", "seniority", tuple(self.seniorities)))
        # One condition per skill: all of them are required, not any.
        found.extend(
            FieldMatch("required_skill_ids", "required_skill_ids", (skill,)) for skill in self.required_skill_ids
        )
        if self.companies:
            found.append(FieldMatch("companies", COMPANY_KEY, tuple(_fold(c) for c in self.companies)))
        if self.source_kinds:
            found.append(FieldMatch("source_kinds", "source_kind", tuple(self.source_kinds)))
        if self.posted_after is not None:
            found.append(FieldAtLeast("posted_after", POST_TS, _epoch_seconds(self.posted_after)))
        if self.location.strip():
            found.append(FieldContains("location", LOCATION_KEYS, _fold(self.location.strip())))
        return found

    def matches(self, payload: Mapping[str, object]) -> bool:
        return all(condition.matches(payload) for condition in self.conditions())


@dataclass(frozen=True)
class FieldMatch:
    """The field's value (or one of its elements) equals one of `values`."""

    filter_name: str  # the JobSearchFilter field this condition comes from
    key: str
    values: tuple[str, ...]

    def matches(self, payload: Mapping[str, object]) -> bool:
        return any(isinstance(value, str) and value in self.values for value in _elements(payload, self.key))


@dataclass(frozen=True)
class FieldAtLeast:
    """The field's number (or one of its numbers) is >= `minimum`."""

    filter_name: str
    key: str
    minimum: float

    def matches(self, payload: Mapping[str, object]) -> bool:
        return any(
            isinstance(value, int | float) and not isinstance(value, bool) and value >= self.minimum
            for value in _elements(payload, self.key)
        )


@dataclass(frozen=True)
class FieldContains:
    """The field's string (or one of its strings) contains `substring` (case-sensitive: the store
    writes the field case-folded and the filter folds the substring)."""

    filter_name: str
    key: str
    substring: str

    def matches(self, payload: Mapping[str, object]) -> bool:
        return any(isinstance(value, str) and self.substring in value for value in _elements(payload, self.key))


Condition = FieldMatch | FieldAtLeast | FieldContains


def derived_job_fields(payload: Mapping[str, object]) -> dict[str, object]:
    """The derived fields for the source fields present in `payload` (a partial payload on update
    derives only what it changes). Without the version marker: only a whole payload earns it."""
    derived: dict[str, object] = {}
    if "company" in payload:
        company = payload["company"]
        derived[COMPANY_KEY] = _fold(company) if isinstance(company, str) and company.strip() else None
    if "post_time" in payload:
        derived[POST_TS] = _post_ts(payload["post_time"])
    if "locations" in payload:
        locations = payload["locations"]
        items = locations if isinstance(locations, list | tuple) else [locations]
        derived[LOCATION_KEYS] = [_fold(item) for item in items if isinstance(item, str) and item.strip()]
    return derived


def _fold(text: str) -> str:
    # casefold, not lower: "Straße" and "STRASSE" are the same company.
    return text.strip().casefold()


def _epoch_seconds(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _post_ts(value: object) -> float | None:
    if isinstance(value, datetime):
        return _epoch_seconds(value)
    if isinstance(value, str) and value:
        try:
            return _epoch_seconds(datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def _elements(payload: Mapping[str, object], key: str) -> list[object]:
    value = payload.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
