"""Every sentence the question bank can say, read as a candidate would: each question, follow-up and model answer
rendered with every taxonomy skill the bank may ask it about (`QuestionBank.fits`: a question's own skills, every
skill of a template's kinds and subkinds; experience probes with every skill the planner probes), checked against
the phrase rules of `data/sentence_rules.yaml` (a kind the wording does not fit: "a service written in SQL", or in
HTML; "your Linux bill") and an offline
grammar check: no leftover brace, no doubled word, space or punctuation, a capital first and "." or "?" last,
"a" / "an" as the next word sounds, no rubric point pasted into its follow-up, product names in the taxonomy's
casing, a task-like skill name ("Work in teams") only quoted, and no follow-up copied from another.

The grammar check is rules, not a library: PyPI's offline options were tried on the old bank's sentences and
caught none of its faults (proselint is a style linter: doubled words only; `inflect`'s a/an reads product
names as words: "a S3", "an UX", "a SAP"; LanguageTool needs Java and downloads itself at run time).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from skillgap.interview.bank import SKILL, BankQuestion, QuestionBank
from skillgap.interview.sentence_rules import PhraseRule, SentenceRules, kind_name, load
from skillgap.skills.models import Skill, SkillKind, SkillSubkind
from skillgap.skills.taxonomy import SkillEntry, Taxonomy

BANK = QuestionBank.load()
TAXONOMY = Taxonomy.load()
RULES = load().data

# Products: their names have a casing of their own ("PostgreSQL", "Kafka"); practices and domains are phrases.
PRODUCT_KINDS = frozenset(
    {
        SkillKind.LANGUAGE,
        SkillKind.QUERY_LANGUAGE,
        SkillKind.RUNTIME,
        SkillKind.FRAMEWORK,
        SkillKind.DATABASE,
        SkillKind.PLATFORM,
        SkillKind.TOOL,
    }
)
# The skills the planner probes for experience (`planner._technical`: not soft skills, nor what is not interviewed).
PROBED_KINDS = frozenset(SkillKind) - {
    SkillKind.UNSPECIFIED,
    SkillKind.SOFT_SKILL,
    SkillKind.HUMAN_LANGUAGE,
    SkillKind.CERTIFICATION,
}
# A vendor's name before a product's ("Apache Kafka"): the product is also written without it ("Kafka").
VENDORS = ("Apache ", "Amazon ", "AWS ", "Microsoft ", "Google ", "IBM ", "Oracle ", "Azure ")
# Letters whose name starts with a vowel sound, for an acronym read letter by letter ("an SLA", "a URL").
VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Runs of this many words a follow-up shares with its rubric point mean the point was pasted in.
PASTED_WORDS = 5


@dataclass(frozen=True)
class Sentence:
    where: str  # "kafka.consumer-lag, point 2 follow-up, for Apache Kafka"
    text: str
    skill: str = ""  # the skill name rendered into it
    kind: SkillKind | None = None
    point: str = ""  # a follow-up's rubric point
    template: str = ""  # the wording as written, {skill} and all
    subkind: SkillSubkind = SkillSubkind.UNSPECIFIED


def entries() -> list[SkillEntry]:
    return list(TAXONOMY)


def subjects(question: BankQuestion, skills: list[SkillEntry]) -> list[SkillEntry | None]:
    """The skills the bank may ask `question` about; [None] when it is asked about no skill."""
    if question.kind == "experience_probe":
        return [entry for entry in skills if entry.kind in PROBED_KINDS]
    if question.skills:
        return [entry for entry in skills if entry.skill_id in question.skills]
    if question.kinds:
        return [e for e in skills if e.kind in question.kinds and BANK.fits(question, _skill(e.skill_id))]
    return [None]


@functools.cache
def _skill(skill_id: str) -> Skill:
    entry = TAXONOMY.get(skill_id)
    assert entry is not None
    return entry.to_skill()


def bank_sentences(bank: QuestionBank, skills: list[SkillEntry]) -> Iterator[Sentence]:
    for question in bank:
        for entry in subjects(question, skills):
            name, kind = (entry.name, entry.kind) if entry is not None else ("", None)
            subkind = entry.subkind if entry is not None else SkillSubkind.UNSPECIFIED
            about = f", for {name}" if name else ""
            text = bank.render(question, skill=name, years_shown=2, years_asked=5)
            yield Sentence(f"{question.key}, text{about}", text, name, kind, template=question.text, subkind=subkind)
            answer = bank.render_model_answer(question, skill=name)
            where = f"{question.key}, model answer{about}"
            yield Sentence(where, answer, name, kind, template=question.model_answer, subkind=subkind)
            for number, point in enumerate(question.points, 1):
                follow_up = bank.render_follow_up(point, skill=name)
                where = f"{question.key}, point {number} follow-up{about}"
                yield Sentence(where, follow_up, name, kind, point.point, template=point.follow_up, subkind=subkind)


# ---------------------------------------------------------------- the checks


def _product_names() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for entry in entries():
        if entry.kind not in PRODUCT_KINDS:
            continue
        forms = {entry.name} | {entry.name[len(v) :] for v in VENDORS if entry.name.startswith(v)}
        for form in forms:
            names[form.lower()].add(form)
    return names


PRODUCT_NAMES = _product_names()
LONGEST_NAME = max(len(name.split()) for name in PRODUCT_NAMES)
_WORD = re.compile(r"[A-Za-z0-9.][\w.+#/'-]*")
_CODE = re.compile(r"`[^`]*`")
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[,;:][,;:.?!]|[?!][.,;:?!]|\.[?!,;:]|(?<!\.)\.\.(?!\.)|\s[,;:?!.](?=\s|$)")
_ARTICLE = re.compile(r"\b([Aa]n?)\s+(\S+)")
_EIGHT = re.compile(r"8|1[18](?!\d)|1[18]\d\d(?!\d)")  # eight, eleven, eighteen: "an 8 GB table"
_LETTERS = re.compile(r"[A-Za-z]+")
_VOWEL = re.compile(r"[AEIOU]")


def article_for(word: str, rules: SentenceRules) -> str | None:
    """ "a" or "an" as `word` sounds; None when both are right."""
    bare = word.strip("\"'`(")
    lowered = bare.lower()
    if not bare or any(lowered.startswith(p) for p in rules.articles.either):
        return None
    if any(lowered.startswith(p) for p in rules.articles.a):
        return "a"
    if any(lowered.startswith(p) for p in rules.articles.an):
        return "an"
    if bare[0].isdigit():
        return "an" if _EIGHT.match(bare) else "a"
    letters = _LETTERS.match(bare)
    if letters is None:
        return None
    head = letters.group(0)
    # Capitals read letter by letter ("an SLA", "a URL"), unless a longer run with a vowel reads as a word
    # ("a LEFT JOIN", "a JSON body").
    spelled = len(head) <= 3 or not _VOWEL.search(head)
    if head.isupper() and spelled and (len(head) > 1 or len(bare) == 1 or not bare[1].isalpha()):
        return "an" if head[0] in VOWEL_LETTERS else "a"
    return "an" if lowered[0] in "aeiou" else "a"


def grammar_problems(sentence: Sentence, rules: SentenceRules = RULES, bank: QuestionBank = BANK) -> list[str]:
    """What a careful reader would object to in `sentence`: the checks of its wording (cached per template) and
    those of the sentence as rendered with its skill."""
    template = sentence.template or sentence.text
    return [*_wording_problems(template, sentence.point, rules), *_rendered_problems(sentence, rules, bank)]


def _wording_problems(template: str, point: str, rules: SentenceRules) -> tuple[str, ...]:
    """The checks that depend on the written wording only: product casing, a rubric point pasted in."""
    key = (id(rules), template, point)
    if key not in _WORDING:
        found = _casing(_CODE.sub("code", template.replace(SKILL, "Xskill")), rules)
        if point:
            found.extend(_pasted(point, template))
        _WORDING[key] = tuple(found)
    return _WORDING[key]


_WORDING: dict[tuple[int, str, str], tuple[str, ...]] = {}


def _rendered_problems(sentence: Sentence, rules: SentenceRules, bank: QuestionBank) -> list[str]:
    text = sentence.text
    found: list[str] = []
    if "{" in text or "}" in text:
        found.append("a leftover brace")
    if "  " in text or text != text.strip():
        found.append("a doubled or stray space")
    plain = _CODE.sub("code", text)
    doubled = _DOUBLED.search(plain)
    if doubled:
        found.append(f"a doubled word: {doubled.group(0)!r}")
    # A name's own punctuation ("Kahoot!") is not the sentence's.
    unnamed = plain.replace(sentence.skill, "Xskill") if sentence.skill else plain
    punctuation = _PUNCTUATION.search(unnamed)
    if punctuation:
        found.append(f"doubled or misplaced punctuation: {punctuation.group(0)!r}")
    opening = text.lstrip("\"'(")
    if not (opening[:1].isupper() or opening[:1].isdigit() or opening.startswith("`")) and not (
        sentence.skill and opening.startswith(sentence.skill)
    ):
        found.append("does not start with a capital")
    if not text.rstrip("\"')`").endswith((".", "?")):
        found.append('does not end with "." or "?"')
    for article, word in _ARTICLE.findall(text):
        wanted = article_for(word, rules)
        if wanted is not None and article.lower() != wanted:
            found.append(f"{article!r} before {word!r}: should be {wanted!r}")
    if sentence.skill and sentence.kind is not None:
        # The skill as written into the template ({skill}), and as named in a question of its own.
        kind, subkind = sentence.kind, sentence.subkind
        misfits = list(_template_misfits(sentence.template, kind, subkind, rules)) if sentence.template else []
        if SKILL not in sentence.template and sentence.skill.lower() in text.lower():
            misfits += rules.misfits(text, skill=sentence.skill, kind=kind, subkind=subkind)
        for rule in misfits:
            found.append(f"{rule.phrase!r} fits {rule.fits}, not {kind_name(kind, subkind)}")
        if bank.is_task(sentence.skill) and _unquoted(sentence.skill, text):
            found.append(f"the task {sentence.skill!r} is used as a noun: quote it as the job's words")
    return found


def _unquoted(name: str, text: str) -> bool:
    """Whether `name` stands in `text` anywhere without quotes around it."""
    start = text.find(name)
    while start != -1:
        if text[start - 1 : start] != '"' or text[start + len(name) : start + len(name) + 1] != '"':
            return True
        start = text.find(name, start + 1)
    return False


def _template_misfits(
    template: str, kind: SkillKind, subkind: SkillSubkind, rules: SentenceRules
) -> tuple[PhraseRule, ...]:
    key = (id(rules), template, kind, subkind)
    if key not in _MISFITS:
        _MISFITS[key] = tuple(rules.misfits(template, skill=SKILL, kind=kind, subkind=subkind))
    return _MISFITS[key]


_MISFITS: dict[tuple[int, str, SkillKind, SkillSubkind], tuple[PhraseRule, ...]] = {}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _pasted(point: str, follow_up: str) -> list[str]:
    point_words, follow_words = _words(point), _words(follow_up)
    joined = " ".join(follow_words)
    if " ".join(point_words) in joined:
        return ["pastes its rubric point"]
    for start in range(len(point_words) - PASTED_WORDS + 1):
        run = " ".join(point_words[start : start + PASTED_WORDS])
        if f" {run} " in f" {joined} ":
            return [f"repeats its rubric point: {run!r}"]
    return []


def _casing(text: str, rules: SentenceRules) -> list[str]:
    words = [w.rstrip(".,;:?!'") for w in _WORD.findall(text)]
    found: list[str] = []
    for size in range(LONGEST_NAME, 0, -1):
        for start in range(len(words) - size + 1):
            written = " ".join(words[start : start + size])
            cased = PRODUCT_NAMES.get(written.lower())
            # A product name written in lower case ("kafka"); other casings are titles or acronyms ("ARC").
            lowered = written == written.lower()
            if cased and lowered and len(written) > 1 and written not in cased and written not in rules.ordinary_words:
                names = " or ".join(repr(name) for name in sorted(cased))
                found.append(f"{written!r} should read {names} (an ordinary word? list it in ordinary_words)")
    return found


def follow_up_copies(bank: QuestionBank) -> list[str]:
    """Follow-ups written more than once in the bank (across questions, or within one)."""
    first: dict[str, str] = {}
    copies: list[str] = []
    for question in bank:
        for number, point in enumerate(question.points, 1):
            key = " ".join(_words(point.follow_up))
            where = f"{question.key} point {number}"
            if key in first:
                copies.append(f"{where} repeats the follow-up of {first[key]}: {point.follow_up!r}")
            first.setdefault(key, where)
    return copies


def report(problems: dict[tuple[str, str], list[str]], limit: int = 80) -> str:
    """The problems, each once with the number of skills it was found for and one sentence that shows it."""
    lines = [f"{len(problems)} problem(s) in the bank's sentences:"]
    for (where, problem), examples in list(problems.items())[:limit]:
        lines.append(f"  {where}: {problem} ({len(examples)} sentence(s), e.g. {examples[0]!r})")
    return "\n".join(lines)


# ---------------------------------------------------------------- the tests


def test_every_sentence_the_bank_can_say_reads_right() -> None:
    problems: dict[tuple[str, str], list[str]] = defaultdict(list)
    checked = 0
    for sentence in bank_sentences(BANK, entries()):
        checked += 1
        where = sentence.where.split(", for ")[0]
        for problem in grammar_problems(sentence):
            problems[(where, problem)].append(sentence.text)
    assert checked > 10_000  # every template with every skill it fits, not a sample
    assert not problems, report(problems)


def test_no_follow_up_is_a_copy_of_another() -> None:
    assert not follow_up_copies(BANK)


def test_a_template_is_never_picked_for_a_skill_it_does_not_fit() -> None:
    sql = TAXONOMY.get("sql")
    assert sql is not None and sql.kind is SkillKind.QUERY_LANGUAGE
    for question in BANK.for_skill(_skill("sql")):
        assert "written in" not in BANK.render(question, skill=sql.name), question.key
    # A markup or stylesheet language is no programming language, an operating system no cloud.
    for skill_id, wording in [("html", "written in"), ("css", "concurrency"), ("linux", " bill"), ("ios", " bill")]:
        entry = TAXONOMY.get(skill_id)
        assert entry is not None
        for question in BANK.for_skill(entry.to_skill(), difficulty="hard"):
            assert wording not in BANK.render(question, skill=entry.name), (skill_id, question.key)
    aws = TAXONOMY.get("aws")
    assert aws is not None and aws.subkind is SkillSubkind.CLOUD
    assert any(" bill " in BANK.render(q, skill=aws.name) for q in BANK.for_skill(aws.to_skill()))
    task = Skill(skill_id="work-in-teams", name="Work in teams", kind=SkillKind.SOFT_SKILL)
    assert all(q.quotes_skill or q.skills for q in BANK.for_skill(task, kind="behavioral"))
    unknown = Skill(skill_id="", name="Frobnicator", kind=SkillKind.UNSPECIFIED)
    assert BANK.for_skill(unknown) == []


# The old bank's sentences (before each rubric point had its own follow-up and templates declared kinds): the
# check must refuse every one of them.
OLD_SENTENCES = [
    Sentence(
        "old probe.years follow-up",
        "What was the hardest problem? Tell me about shows outcomes.",
        "",
        None,
        "shows outcomes",
    ),  # fmt: skip
    Sentence(
        "old design.rate-limiter follow-up",
        "You did not say much about chooses an algorithm. How would that change your answer? Give a concrete example.",
        point="chooses an algorithm",
    ),
    Sentence(
        "old generic.language.performance",
        "A service written in SQL got slow after a release. How do you find the cause and fix it?",
        "SQL",
        SkillKind.QUERY_LANGUAGE,
    ),  # fmt: skip
    Sentence(
        "old follow-up-skill",
        "Let's go deeper on kafka: what about defines it correctly? Walk me through a real case.",
        point="defines it correctly",
    ),  # fmt: skip
    # Kinds too coarse for the sentence: HTML and CSS are languages but no programs are written in them; Linux is a
    # platform but sends no bill.
    Sentence(
        "markup language as a programming language",
        "A service written in HTML got slow after a release. How do you find the cause and fix it?",
        "HTML",
        SkillKind.LANGUAGE,
        template="A service written in {skill} got slow after a release. How do you find the cause and fix it?",
        subkind=SkillSubkind.MARKUP,
    ),
    Sentence(
        "stylesheet language with threads",
        "How do you handle concurrency in CSS? When would you use threads, processes or async I/O?",
        "CSS",
        SkillKind.LANGUAGE,
        subkind=SkillSubkind.STYLESHEET,
    ),
    Sentence(
        "operating system billed as a cloud",
        "Your Linux bill doubled in a month. How do you find out why and bring it down?",
        "Linux",
        SkillKind.PLATFORM,
        template="Your {skill} bill doubled in a month. How do you find out why and bring it down?",
        subkind=SkillSubkind.OPERATING_SYSTEM,
    ),
    Sentence("doubled word", "What is is the difference between a process and a thread?"),
    Sentence("article", "How would you run an Kafka cluster?"),
    Sentence("article before an acronym", "How would you call a AWS service from a Lambda function?"),
    Sentence("capital", "what would you check first?"),
    Sentence("ending", "Walk me through the steps"),
    Sentence("space", "How  would you test it ?"),
    Sentence("task as a noun", "What did you use Maintain ICT system for?", "Maintain ICT system", SkillKind.TOOL),
]


@pytest.mark.parametrize("sentence", OLD_SENTENCES, ids=[s.where for s in OLD_SENTENCES])
def test_the_check_refuses_sentences_that_read_wrong(sentence: Sentence) -> None:
    assert grammar_problems(sentence), sentence.text


def test_the_check_accepts_sentences_that_read_right() -> None:
    none = SkillSubkind.UNSPECIFIED
    for text, skill, kind, subkind in [
        ("How would you tell whether the Apache Kafka consumers are falling behind, and by how much?", "", None, none),
        ("What would an SLA of 99.9% allow per month, and is a URL shortener an honest example?", "", None, none),
        (
            'This job lists "Work in teams". Tell me about a time that mattered.',
            "Work in teams",
            SkillKind.SOFT_SKILL,
            none,
        ),
        ("pandas is slow here. Why, and what would you use instead?", "pandas", SkillKind.FRAMEWORK, none),
        ("Your AWS bill doubled in a month. How do you find out why?", "AWS", SkillKind.PLATFORM, SkillSubkind.CLOUD),
        ("A page written in HTML fails its audit. What do you check?", "HTML", SkillKind.LANGUAGE, SkillSubkind.MARKUP),
        ("Run `EXPLAIN ANALYZE` on an 8 GB table in PostgreSQL. What do you look for?", "", None, none),
    ]:
        assert grammar_problems(Sentence("example", text, skill, kind, subkind=subkind)) == [], text
