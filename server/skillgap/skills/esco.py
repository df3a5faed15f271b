"""Read ESCO 1.2.0 skill collections (the European Commission's classification) for the taxonomy build.

Build time only: `skillgap.skills.build` reads `<shared>/data/esco/*Collection_en.csv` through this module; the
product reads the built taxonomy.json. Credit: "This service uses the ESCO classification of the European
Commission."

Each row becomes an `EscoSkill`: its labels (preferred first, then the alternative labels, one per line in the
CSV), ESCO's skill type ("knowledge" or "skill/competence"), the collection it came from, and a group: the
nearest broader concept that is not an ISCED field of education ("computer programming" for Haskell,
"ICT project management methodologies" for incremental development), the finest grouping ESCO gives.
The language collection holds five skills per language ("understand spoken Hungarian", "write Hungarian", ...,
and the knowledge "Hungarian"); `languages` folds them into one per language, since a resume says "Hungarian".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["COLLECTIONS", "EscoSkill", "languages", "read_collection"]

# Collection name -> file in <shared>/data/esco.
COLLECTIONS: Final = {
    "digital": "digitalSkillsCollection_en.csv",
    "transversal": "transversalSkillsCollection_en.csv",
    "language": "languageSkillsCollection_en.csv",
    "green": "greenSkillsCollection_en.csv",
}


@dataclass(frozen=True)
class EscoSkill:
    uri: str
    labels: tuple[str, ...]  # the preferred label first
    skill_type: str  # "knowledge" or "skill/competence"
    collection: str
    group: str

    @property
    def name(self) -> str:
        return self.labels[0]


def _group(uris: str, labels: str) -> str:
    pairs = list(zip(uris.split(" | "), labels.split(" | "), strict=False))
    for uri, label in pairs:
        if "/isced-f/" not in uri and label:
            return label.strip()
    return pairs[0][1].strip() if pairs else ""


def read_collection(esco_dir: Path, collection: str) -> list[EscoSkill]:
    path = esco_dir / COLLECTIONS[collection]
    skills: list[EscoSkill] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("status", "released") != "released":
                continue
            preferred = row["preferredLabel"].strip()
            alternatives = [a.strip() for a in row["altLabels"].splitlines() if a.strip()]
            labels = tuple(dict.fromkeys([preferred, *alternatives]))
            group = _group(row.get("broaderConceptUri", ""), row.get("broaderConceptPT", ""))
            skills.append(EscoSkill(row["conceptUri"], labels, row["skillType"], collection, group))
    return skills


def languages(rows: list[EscoSkill]) -> dict[str, list[str]]:
    """Language name ("Hungarian") -> every label of its skills, from the language collection's rows.

    The knowledge row's preferred label is the language's name; the other rows name it as their last word.
    """
    names = {row.name for row in rows if row.skill_type == "knowledge" and " " not in row.name}
    folded: dict[str, list[str]] = {name: [] for name in sorted(names)}
    for row in rows:
        words = row.name.split()
        name = row.name if row.name in names else next((w for w in reversed(words) if w in names), None)
        if name is None:
            continue
        folded[name].extend(label for label in row.labels if label != name)
    return folded
