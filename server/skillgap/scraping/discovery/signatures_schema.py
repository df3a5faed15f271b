"""The ATS signatures: the schema of `data/ats_signatures.yaml` and its loader.

How careers pages show which applicant tracking system hosts a company's job board (the board's links, the
embed's script or iframe, the embed's inline configuration) is curated in `data/ats_signatures.yaml`.
`python -m skillgap.scraping.discovery.build` validates it against the models here, checks each entry (known
source kinds, patterns that compile and capture the identifier, examples that find what they say) and writes the
committed `data/ats_signatures.json`, which is all the product reads (`signatures.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml

__all__ = ["SOURCE", "BoardSignature", "Example", "Hint", "LinkRule", "SignaturesSource", "load"]

SOURCE: Final = Path(__file__).resolve().parent / "data" / "ats_signatures.yaml"

Text = Annotated[StrictStr, Field(min_length=1)]
Host = Annotated[StrictStr, Field(pattern=r"^(\{identifier\}\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$")]
# "/embed/job_board?for={identifier}", "/{identifier}", "/v0/postings/{identifier}"; "/" alone: any path.
PathPattern = Annotated[StrictStr, Field(pattern=r"^/[A-Za-z0-9_./{}-]*(\?[A-Za-z0-9_-]+=\{identifier\})?$")]
# Inline configuration is read with a regular expression that captures (?P<identifier>...); its quantifiers
# must be bounded ({0,200}, not *), so that a hostile page costs a fixed amount (the build checks).
Pattern = Annotated[StrictStr, Field(min_length=1, max_length=400)]


class LinkRule(BaseModel):
    """URLs of `hosts` whose path (and query) fit one of `paths` name a board: `{identifier}` is where its
    identifier is (a path segment, a query parameter or the host's first label)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hosts: tuple[Host, ...] = Field(min_length=1)
    paths: tuple[PathPattern, ...] = Field(min_length=1)
    # The ATS's API for boards of these hosts when it is not the source's default (an EU region's).
    base_url: StrictStr = ""


class Hint(BaseModel):
    """Markup that shows the ATS without naming a board the source can read (Workable's embed names a numeric
    account): said in the response's notes. `note` may use the pattern's named groups ({account})."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: Pattern
    note: Text


class Example(BaseModel):
    """Markup as real careers pages carry it, and the identifier (and base URL) it must give: the build runs the
    detector on each, so a pattern that stops finding it fails the build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    html: Text
    finds: Text
    base_url: StrictStr = ""


class BoardSignature(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Text
    # The source kind (skillgap.scraping.sources.SOURCES) a board found here is scraped with.
    kind: Text
    name: Text
    # Where the shapes come from: the ATS's own documentation or public code that embeds its boards.
    documented_by: tuple[Text, ...] = Field(min_length=1)
    links: tuple[LinkRule, ...] = Field(min_length=1)
    # Inline configuration naming the board (Lever's `leverJobsOptions = {accountName: 'acme'}`).
    scripts: tuple[Pattern, ...] = ()
    hints: tuple[Hint, ...] = ()
    # Words at the identifier's place that are the ATS's own pages, never a board ("embed", "api").
    not_identifiers: tuple[Text, ...] = ()
    examples: tuple[Example, ...] = Field(min_length=1)


class SignaturesSource(BaseModel):
    """`data/ats_signatures.yaml`: see the header of that file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    boards: tuple[BoardSignature, ...] = Field(min_length=1)
    # Words in a link (its path or its text) that lead from a home page to the careers page.
    careers_link_words: tuple[Text, ...] = Field(min_length=1)
    # Path segments under which a careers site keeps its job pages ("/jobs/backend-engineer").
    job_link_words: tuple[Text, ...] = Field(min_length=1)


def load(path: Path = SOURCE) -> Source[SignaturesSource]:
    """The signatures at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, SignaturesSource)
