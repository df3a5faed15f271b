"""The rules an interview question's sentences follow, as data: the schema of `data/sentence_rules.yaml`.

The question build (`python -m skillgap.interview.build`) validates the file, refuses a template whose wording does
not fit a kind it declares (`SentenceRules.misfits`) and copies `task_verbs` into `questions.json` for
`QuestionBank`; `tests/interview/test_bank_sentences.py` renders every template with every skill it applies to
and checks each sentence against the whole table (and its grammar rules). What each section means is in the
header of the yaml file.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml
from skillgap.interview.bank import kind_fits, subkind_problems
from skillgap.skills.models import KIND_OF_SUBKIND, SkillKind, SkillSubkind

__all__ = ["SOURCE", "Articles", "PhraseRule", "SentenceRules", "kind_name", "load", "problems"]

SOURCE: Final = Path(__file__).resolve().parent / "data" / "sentence_rules.yaml"
SKILL: Final = "{skill}"

Text = Annotated[StrictStr, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhraseRule(_Strict):
    """Wording that reads right only for some kinds of skill, narrowed by `subkinds` (as a template's `kinds` are:
    `bank.kind_fits`)."""

    phrase: Text
    kinds: tuple[SkillKind, ...] = Field(min_length=1)
    subkinds: tuple[SkillSubkind, ...] = ()
    why: Text

    def pattern(self, skill: str) -> re.Pattern[str]:
        """The phrase with `skill` in its {skill}, found case-insensitively as whole words."""
        return _compiled(self.phrase, skill)

    def fits_kind(self, kind: SkillKind, subkind: SkillSubkind = SkillSubkind.UNSPECIFIED) -> bool:
        return kind_fits(kind, subkind, self.kinds, self.subkinds)

    @property
    def fits(self) -> str:
        """The kinds the wording fits, as a message says them: "language (programming), runtime"."""
        return ", ".join(
            kind.value + "".join(f" ({s.value})" for s in self.subkinds if KIND_OF_SUBKIND.get(s) is kind)
            for kind in self.kinds
        )


class Articles(_Strict):
    """Word beginnings whose article is not the one their first letter suggests (lower case)."""

    a: tuple[Text, ...] = ()  # a vowel letter sounding like a consonant: "a unique", "a one-off", "a URL"
    an: tuple[Text, ...] = ()  # a consonant letter sounding like a vowel: "an hour", "an honest"
    either: tuple[Text, ...] = ()  # written both ways by careful writers: "a SQL" / "an SQL"


class SentenceRules(_Strict):
    """`data/sentence_rules.yaml`."""

    phrases: tuple[PhraseRule, ...] = Field(min_length=1)
    task_verbs: tuple[Text, ...] = Field(min_length=1)
    articles: Articles
    ordinary_words: tuple[Text, ...] = ()

    def misfits(
        self, text: str, *, skill: str, kind: SkillKind, subkind: SkillSubkind = SkillSubkind.UNSPECIFIED
    ) -> list[PhraseRule]:
        """The phrase rules `text` breaks when it is about `skill` of `kind` and `subkind`."""
        return [rule for rule in self.phrases if not rule.fits_kind(kind, subkind) and rule.pattern(skill).search(text)]


def kind_name(kind: SkillKind, subkind: SkillSubkind = SkillSubkind.UNSPECIFIED) -> str:
    """A skill's kind as a message says it: "language (markup)", "query_language"."""
    return kind.value + (f" ({subkind.value})" if subkind is not SkillSubkind.UNSPECIFIED else "")


@functools.cache
def _compiled(phrase: str, skill: str) -> re.Pattern[str]:
    before, _, after = phrase.partition(SKILL)
    body = _spaced(before) + re.escape(skill) + _spaced(after)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _spaced(part: str) -> str:
    """`part` as a pattern in which any run of spaces matches any whitespace (a template wraps its lines)."""
    pieces = re.split(r"(\s+)", part)
    return "".join(r"\s+" if piece.isspace() else re.escape(piece) for piece in pieces if piece)


def load(path: Path = SOURCE) -> Source[SentenceRules]:
    """The rules at `path`, validated against the schema; raises DataFileError naming the file and line."""
    return load_yaml(path, SentenceRules)


def problems(source: Source[SentenceRules]) -> list[str]:
    """What the schema cannot say: each phrase names {skill} once, nothing is listed twice, words are lower case."""
    found: list[str] = []
    seen: set[str] = set()
    for index, rule in enumerate(source.data.phrases):
        at = source.at("phrases", index)
        if rule.phrase.count(SKILL) != 1 or rule.phrase != rule.phrase.strip():
            found.append(f"{at}: phrase {rule.phrase!r} must name {SKILL} once and be trimmed")
        if rule.phrase.lower() in seen:
            found.append(f"{at}: phrase {rule.phrase!r} is listed twice")
        found.extend(f"{at}: phrase {rule.phrase!r}: {why}" for why in subkind_problems(rule.kinds, rule.subkinds))
        seen.add(rule.phrase.lower())
    lists = {
        "task_verbs": source.data.task_verbs,
        "articles a": source.data.articles.a,
        "articles an": source.data.articles.an,
        "articles either": source.data.articles.either,
        "ordinary_words": source.data.ordinary_words,
    }
    for name, words in lists.items():
        at = source.at(*name.split())
        bad = [word for word in words if word != word.strip().lower()]
        if bad:
            found.append(f"{at}: {name}: not trimmed lower case: {bad}")
        twice = sorted({word for word in words if words.count(word) > 1})
        if twice:
            found.append(f"{at}: {name}: listed twice: {twice}")
    return found
