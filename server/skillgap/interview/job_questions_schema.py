"""Questions built from the job, as data: the schema of `data/job_questions.yaml` (the source people edit) and of
`data/job_questions.json` (what `python -m skillgap.interview.context_build` writes and the product loads).

Both hold the same content; the built file adds a format number and a content hash. The build then checks what a
schema cannot (`context_build.check`): placeholders, taxonomy ids, unique ids, and that every template reads as a
sentence once filled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml
from skillgap.interview.bank import RoleFamily

__all__ = [
    "BUILT",
    "FORMAT",
    "PLACEHOLDERS",
    "SOURCE",
    "DesignSentences",
    "DomainEntry",
    "FamilyEntry",
    "GeneralEntry",
    "JobQuestionsFile",
    "JobQuestionsSource",
    "PointEntry",
    "ProbeEntry",
    "RoleEntry",
    "Templates",
    "load",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "job_questions.yaml"
BUILT: Final = DATA_DIR / "job_questions.json"
FORMAT: Final = 1

Text = Annotated[StrictStr, Field(min_length=1)]
Slug = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_-]*$")]
# A cue word or phrase as the build matches it: trimmed lower case.
Cue = Annotated[StrictStr, Field(min_length=1, pattern=r"^\S(.*\S)?$")]

# The placeholders each text may use (the build refuses any other brace).
PLACEHOLDERS: Final[dict[str, frozenset[str]]] = {
    "design.intro": frozenset({"system"}),
    "design.scale": frozenset({"scale"}),
    "design.stack": frozenset({"stack"}),
    "design.ask": frozenset({"invariant"}),
    "scenario": frozenset({"incident", "backlog"}),
    "role": frozenset({"name"}),
    "probe": frozenset({"skill", "years_shown", "years_asked", "where"}),
    "probe.point": frozenset({"skill"}),
    "plain": frozenset(),
}


class _Strict(BaseModel):
    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class PointEntry(_Strict):
    """An observable behaviour of a good answer, the lower-case words that signal it, and the follow-up to ask
    when an answer leaves it out."""

    point: Text
    keywords: tuple[Cue, ...] = Field(min_length=1)
    follow_up: Text


class GeneralEntry(_Strict):
    """What a job whose domain is not known is asked about."""

    name: Text
    system: Text  # a noun phrase: "a backend service that ..."
    invariant: Text  # read after "make sure it"
    backlog: Text  # a clause read after a colon
    design_point: PointEntry
    scenario_point: PointEntry


class DomainEntry(GeneralEntry):
    """A business a posting may be about, the words and skills that say so, and what its questions ask."""

    id: Slug
    words: tuple[Cue, ...] = Field(min_length=1)
    skills: tuple[Text, ...] = ()  # taxonomy ids


class RoleEntry(_Strict):
    """What a skill of the job's stack does in a design, and the incident a scenario on it starts from."""

    id: Slug
    skills: tuple[Text, ...] = Field(min_length=1)  # taxonomy ids, the first the job asks for is named
    use: Text  # "{name} to carry events between services"
    incident: Text  # "the consumers of {name} fall further behind every minute"
    design_point: PointEntry
    scenario_points: tuple[PointEntry, ...] = Field(min_length=1, max_length=2)


class FamilyEntry(_Strict):
    """A role family of the bank's family questions, and what makes a job one of its jobs."""

    id: RoleFamily
    occupation_families: tuple[Slug, ...] = ()  # the occupation index's family slugs ("data", "it_support")
    title_words: tuple[Cue, ...] = ()  # whole words or phrases of the title, lower case
    skills: tuple[Text, ...] = ()  # taxonomy ids, among the job's required skills


class DesignSentences(_Strict):
    intro: Text
    scale: Text
    stack: Text
    ask: Text


class Templates(_Strict):
    design: DesignSentences
    scenario: Text
    design_points: tuple[PointEntry, ...] = Field(min_length=1, max_length=2)
    scenario_points: tuple[PointEntry, ...] = Field(min_length=1, max_length=1)
    design_model_answer: Text
    scenario_model_answer: Text


class ProbeEntry(_Strict):
    text: Text
    points: tuple[PointEntry, ...] = Field(min_length=3, max_length=5)
    model_answer: Text


class Probes(_Strict):
    years_short: ProbeEntry  # the dated years fall short of the years asked
    years_undated: ProbeEntry  # the resume lists the skill, but no dated entry names it


class JobQuestionsSource(_Strict):
    """`data/job_questions.yaml`: see the header of that file."""

    ignore_sentences_with: tuple[Cue, ...]
    scale_nouns: tuple[Cue, ...] = Field(min_length=1)
    general: GeneralEntry
    domains: tuple[DomainEntry, ...] = Field(min_length=1)
    families: tuple[FamilyEntry, ...] = ()
    roles: tuple[RoleEntry, ...] = Field(min_length=1)
    templates: Templates
    probes: Probes


class JobQuestionsFile(JobQuestionsSource):
    """`data/job_questions.json`, as built."""

    format: Literal[1]
    version: Text


def load(path: Path = SOURCE) -> Source[JobQuestionsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, JobQuestionsSource)
