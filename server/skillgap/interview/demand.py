"""The skills real job postings ask for most, as the product reads them: `skillgap/interview/data/demand.json`.

    python -m skillgap.interview.demand [--shared ../shared] [--top 150] [--out PATH] [--check]

For each document, the skills `TaxonomyExtractor.extract_job_sync` finds in it (required and nice to have, each
counted once per document; human languages and certifications left out, since no interview question is about
them); a skill's demand is the number of documents that name it. The documents:

- the 80 postings of `tests/data/reading/postings/texts/*.txt`, each whole (job ads republished in public GitHub
  repositories, every one's source in that folder's `labels.yaml`; licence unknown, used for evaluation only);
- SkillSpan (Zhang et al., NAACL 2022, MIT licence), `data/skillspan/skillspan_{tech_train,tech_dev,house_dev}.conll`
  of the shared folder, and Green, Maynard & Lin (LREC 2022, CC BY 4.0), `data/green/testset.txt`: CoNLL files,
  one token per line, a blank line between sentences. Each sentence is a document (its tokens joined by
  spaces): Green has no posting boundaries at all, and a sentence is the unit both were annotated in.

The top `--top` skills (by documents, then id) are written with their counts per source; `python -m
skillgap.interview.build --check-coverage` then requires questions for each of them. `--check` recomputes and
exits 1 when the committed file is stale (it reads the shared folder, so run it where that folder is).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import DataFileError, build_arguments, content_version, display_path, render_json, run_build
from skillgap.skills.models import SkillKind

__all__ = ["DEMAND_FILE", "DemandFile", "DemandSkill", "count", "documents", "load_demand", "main"]

log = logging.getLogger("skillgap.interview.demand")

PROG: Final = "python -m skillgap.interview.demand"
REPO_ROOT: Final = Path(__file__).resolve().parents[3]
DEFAULT_SHARED: Final = REPO_ROOT.parent / "shared"
POSTINGS_DIR: Final = REPO_ROOT / "tests" / "data" / "reading" / "postings" / "texts"
DEMAND_FILE: Final = Path(__file__).resolve().parent / "data" / "demand.json"
DEFAULT_TOP: Final = 150
FORMAT: Final = 1

# Kinds no interview question is about: a spoken language or a certificate is checked, not interviewed on.
LEFT_OUT: Final = frozenset({SkillKind.HUMAN_LANGUAGE, SkillKind.CERTIFICATION})

SourceName = Literal["postings", "skillspan", "green"]

CREDITS: Final[dict[SourceName, str]] = {
    "postings": "80 job postings republished in public GitHub repositories (tests/data/reading/postings; each "
    "one's source in labels.yaml; licence unknown, used for evaluation only), each posting a document",
    "skillspan": "SkillSpan, Zhang et al., NAACL 2022, MIT licence (tech_train, tech_dev, house_dev), each "
    "sentence a document",
    "green": "Green, Maynard & Lin, LREC 2022, CC BY 4.0 (testset), each sentence a document",
}
SKILLSPAN_FILES: Final = ("skillspan_tech_train.conll", "skillspan_tech_dev.conll", "skillspan_house_dev.conll")

Text = Annotated[StrictStr, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemandSource(_Strict):
    name: SourceName
    documents: int = Field(ge=0)
    credit: Text


class DemandSkill(_Strict):
    skill_id: Text
    name: Text
    kind: SkillKind
    documents: int = Field(ge=1)  # documents that name it, all sources together
    by_source: dict[SourceName, int]


class DemandFile(_Strict):
    """`data/demand.json`: the most demanded skills, most demanded first."""

    format: Literal[1]
    version: Text
    sources: tuple[DemandSource, ...]
    skills: tuple[DemandSkill, ...]


def conll_sentences(path: Path) -> Iterator[str]:
    """Each sentence of a CoNLL file (the first field of each line is the token), its tokens joined by spaces."""
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t") if "\t" in line else line.split()
        if not fields or not fields[0].strip():
            if tokens:
                yield " ".join(tokens)
            tokens = []
            continue
        tokens.append(fields[0])
    if tokens:
        yield " ".join(tokens)


def documents(shared: Path, postings: Path = POSTINGS_DIR) -> dict[SourceName, list[str]]:
    """The documents of each source; raises DataFileError naming a missing file."""
    files: dict[SourceName, list[Path]] = {
        "postings": sorted(postings.glob("*.txt")),
        "skillspan": [shared / "data" / "skillspan" / name for name in SKILLSPAN_FILES],
        "green": [shared / "data" / "green" / "testset.txt"],
    }
    missing = [display_path(path) for paths in files.values() for path in paths if not path.is_file()]
    if not files["postings"]:
        missing.append(f"{display_path(postings)}/*.txt")
    if missing:
        raise DataFileError([f"{path}: not found (is --shared right?)" for path in missing])
    return {
        "postings": [path.read_text(encoding="utf-8") for path in files["postings"]],
        "skillspan": [sentence for path in files["skillspan"] for sentence in conll_sentences(path)],
        "green": [sentence for path in files["green"] for sentence in conll_sentences(path)],
    }


def count(docs: dict[SourceName, list[str]], top: int = DEFAULT_TOP) -> dict[str, Any]:
    """The demand document: the `top` skills by documents (then id), with counts per source."""
    from skillgap.skills.extraction import TaxonomyExtractor
    from skillgap.skills.taxonomy import Taxonomy

    taxonomy = Taxonomy.load()
    extractor = TaxonomyExtractor(taxonomy)
    by_source: dict[SourceName, Counter[str]] = {}
    for source, texts in docs.items():
        counter: Counter[str] = Counter()
        for text in texts:
            job = extractor.extract_job_sync(title="", description=text)
            counter.update({found.skill.skill_id for found in (*job.required_skills, *job.nice_to_have_skills)})
        by_source[source] = counter
    total: Counter[str] = Counter()
    for counter in by_source.values():
        total.update(counter)
    skills: list[dict[str, Any]] = []
    for skill_id, n in sorted(total.items(), key=lambda item: (-item[1], item[0])):
        entry = taxonomy.get(skill_id)
        if entry is None or entry.kind in LEFT_OUT:
            continue
        skills.append(
            {
                "skill_id": skill_id,
                "name": entry.name,
                "kind": entry.kind.value,
                "documents": n,
                "by_source": {source: by_source[source][skill_id] for source in docs},
            }
        )
        if len(skills) == top:
            break
    sources = [{"name": source, "documents": len(texts), "credit": CREDITS[source]} for source, texts in docs.items()]
    body = {"format": FORMAT, "sources": sources, "skills": skills}
    return {"format": FORMAT, "version": content_version(body), "sources": sources, "skills": skills}


def load_demand(path: Path = DEMAND_FILE) -> DemandFile:
    """The committed ranking."""
    return DemandFile.model_validate_json(path.read_bytes())


def summary(document: dict[str, Any]) -> str:
    sources = ", ".join(f"{s['name']} {s['documents']}" for s in document["sources"])
    head = ", ".join(f"{s['skill_id']} {s['documents']}" for s in document["skills"][:5])
    return (
        f"top {len(document['skills'])} skills over documents ({sources}): {head}, ...; version {document['version']}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, __doc__.split("\n")[0], DEMAND_FILE)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default: %(default)s)")
    parser.add_argument("--top", type=int, default=DEFAULT_TOP, help="how many skills to keep (default: %(default)s)")
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        document = count(documents(args.shared), top=args.top)
        text = render_json(document, "skills")
        DemandFile.model_validate(json.loads(text))  # what `load_demand` will read
        return text, summary(document)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())
