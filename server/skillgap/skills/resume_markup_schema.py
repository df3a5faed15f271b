"""What the resume reader knows of structured source formats, as data: the schema of `data/resume_markup.yaml` (the
source people edit) and of `data/resume_markup.json` (what `python -m skillgap.skills.resume_markup_build` writes and
`resume_markup` loads).

Both hold the same content; the built file adds a content hash (`version`). `check_markup` is what the build uses to
refuse what the schema alone cannot see: a macro listed twice, a signature without dates or written twice, a
command both dropped and a heading.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from skillgap.datafiles import Source, load_yaml

__all__ = [
    "BUILT",
    "DATE_SLOTS",
    "FORMAT",
    "SOURCE",
    "EntryMacro",
    "HeadingCommand",
    "ResumeMarkupFile",
    "ResumeMarkupSource",
    "built",
    "check_markup",
    "load",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "resume_markup.yaml"
BUILT: Final = DATA_DIR / "resume_markup.json"
FORMAT: Final = 1
DATA_PACKAGE: Final = "skillgap.skills"
BUILT_NAME: Final = "data/resume_markup.json"

# What an argument of an entry macro holds.
Slot = Literal["title", "company", "location", "dates", "start", "end", "url", "description", "other"]
DATE_SLOTS: Final = frozenset({"dates", "start"})  # an argument that must hold a year for its signature to fit
# A LaTeX command's name, without its backslash.
CommandName = Annotated[StrictStr, Field(pattern=r"^[A-Za-z]{1,40}$")]
Key = Annotated[StrictStr, Field(min_length=2, max_length=30, pattern=r"^[a-z][a-z0-9_]*$")]


class EntryMacro(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: CommandName
    templates: Annotated[StrictStr, Field(min_length=2)]  # where the macro comes from: for the people who edit
    signatures: Annotated[
        tuple[Annotated[tuple[Slot, ...], Field(min_length=2, max_length=9)], ...], Field(min_length=1)
    ]


class HeadingCommand(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: CommandName
    level: Annotated[StrictInt, Field(ge=1, le=6)]


class TemplateSample(BaseModel):
    """A job a resume template ships as its example, left in by people who filled the template in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    template: Annotated[StrictStr, Field(min_length=1, max_length=120)]
    title: Annotated[StrictStr, Field(min_length=1, max_length=80)]
    company: Annotated[StrictStr, Field(min_length=1, max_length=80)]


class ResumeMarkupSource(BaseModel):
    """`data/resume_markup.yaml`: see the header of that file."""

    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    entry_macros: Annotated[tuple[EntryMacro, ...], Field(min_length=1)]
    heading_commands: Annotated[tuple[HeadingCommand, ...], Field(min_length=1)]
    drop_commands: Annotated[dict[CommandName, Annotated[StrictInt, Field(ge=0, le=9)]], Field(min_length=1)]
    alternative_commands: Annotated[tuple[CommandName, ...], Field(min_length=1)]
    not_work_keys: Annotated[tuple[Key, ...], Field(min_length=1)]
    employer_name_keys: Annotated[tuple[Key, ...], Field(min_length=1)]
    template_samples: Annotated[tuple[TemplateSample, ...], Field(min_length=1)]


class ResumeMarkupFile(ResumeMarkupSource):
    """`data/resume_markup.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


@functools.cache
def built() -> ResumeMarkupFile:
    """The built file that ships with the package (`data/resume_markup.json`), read once."""
    raw = resources.files(DATA_PACKAGE).joinpath(*BUILT_NAME.split("/")).read_bytes()
    return ResumeMarkupFile.model_validate_json(raw)


def load(path: Path = SOURCE) -> Source[ResumeMarkupSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, ResumeMarkupSource)


def check_markup(markup: ResumeMarkupSource) -> list[tuple[tuple[str | int, ...], str]]:
    """Every problem the schema cannot see, with its location and why."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    seen: set[str] = set()
    for index, macro in enumerate(markup.entry_macros):
        if macro.name in seen:
            problems.append((("entry_macros", index, "name"), f"{macro.name!r} is listed twice"))
        seen.add(macro.name)
        for number, signature in enumerate(macro.signatures):
            where = ("entry_macros", index, "signatures", number)
            if not DATE_SLOTS & set(signature):
                problems.append((where, "a signature without dates or start: nothing tells it apart"))
            if signature in macro.signatures[:number]:
                problems.append((where, "the same signature twice"))
            doubled = sorted({slot for slot in signature if signature.count(slot) > 1} - {"other", "description"})
            if doubled:
                problems.append((where, f"{', '.join(doubled)} written twice in one signature"))
            if ("start" in signature) != ("end" in signature):
                problems.append((where, "start and end go together (or dates alone)"))
    headings = {command.name for command in markup.heading_commands}
    for index, command in enumerate(markup.heading_commands):
        if command.name in markup.drop_commands:
            problems.append((("heading_commands", index, "name"), f"{command.name!r} is also in drop_commands"))
        if command.name in seen:
            problems.append((("heading_commands", index, "name"), f"{command.name!r} is also an entry macro"))
    for name in markup.alternative_commands:
        if name in seen or name in headings or name in markup.drop_commands:
            problems.append((("alternative_commands",), f"{name!r} is also an entry macro, heading or dropped command"))
    for name in markup.drop_commands:
        if name in seen:
            problems.append((("drop_commands", name), f"{name!r} is also an entry macro"))
    if len(headings) != len(markup.heading_commands):
        problems.append((("heading_commands",), "a command is listed twice"))
    for name in ("not_work_keys", "employer_name_keys"):
        keys = getattr(markup, name)
        if len(set(keys)) != len(keys):
            problems.append(((name,), "a key is listed twice"))
    return problems
