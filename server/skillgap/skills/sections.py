"""Split a job description into sections and sentences, and decide per skill mention whether the
posting requires it or only would like it.

The text is plain text with line breaks (bullets "•", "-", "*", "1." allowed). Offsets everywhere are
code-point offsets into the text given, end exclusive, so ``text[s.start:s.end] == s.text``.

Sections come from headings: a line of its own ("Requirements", "## What you'll do", "**Benefits**",
"Nice to have:"), recognized from a list of usual headings; lines that end with a colon or are set
apart (ALL CAPS, markdown) are also recognized by keywords ("Preferred Qualifications",
"Why you'll love working here"). A heading at the start of a line followed by text ("Benefits: 30
days off") is an inline heading: it applies to the rest of that line only, then the line's section
continues (so "Bonus: Rust" inside a requirements list does not turn the following bullets into
nice-to-haves). "Tech stack" / "Our stack" headings count as nice to have: the tools the team uses
help, they are not asked for as such.

Requirement level of a mention, decided by `Sentence.assess` / `Sentence.level_for`:

* The section gives the default: requirements, responsibilities and text outside any recognized
  section ("other", e.g. a posting without headings) → required; nice-to-have → nice to have.
  Benefits and about-the-company sections → no level: the skills there are not asked of the
  candidate ("we use Slack", "AWS certification budget") and are ignored.
* Cue phrases in the same clause (a sentence, cut at ";") override the default:
  strong cues always ("Kafka is a plus", "preferred", "bonus", "nice to have", "not required" →
  nice to have; "must have", "required", "mandatory", "essential" → required), weak cues only
  outside requirements / nice-to-have sections ("familiarity with", "exposure to", "interest in",
  "basic knowledge of" → nice to have; "N+ years", "at least", "strong", "proficient" → required).
  So "familiarity with X" is nice to have in a posting without headings or in a responsibilities
  list, but stays required in a requirements section or when a strong cue in its clause says
  "must have"/"required".
* Which cue of a clause applies to a mention: prefix cues ("familiarity with", "ideally",
  "5+ years of") reach forward, the others both ways; strong beats weak, then the nearest wins.
  "Must have Python; Docker is a plus" and "Python is required, Docker is a plus" both give Python
  required and Docker nice to have; "Python, ideally with Django" gives Django nice to have.
* `assess` also says whether the level is explicit (a requirements or nice-to-have section, or a cue
  phrase) or only implied (the required default of responsibilities and of unsectioned text): the
  extractor lets an explicit nice-to-have beat a merely implied requirement.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Generic, TypeVar

from skillgap.skills.caseless import Caseless
from skillgap.skills.models import RequirementLevel


class SectionKind(StrEnum):
    REQUIREMENTS = "requirements"
    NICE_TO_HAVE = "nice_to_have"
    RESPONSIBILITIES = "responsibilities"
    BENEFITS = "benefits"
    ABOUT = "about"
    OTHER = "other"


_DEFAULT_LEVEL: dict[SectionKind, RequirementLevel | None] = {
    SectionKind.REQUIREMENTS: RequirementLevel.REQUIRED,
    SectionKind.RESPONSIBILITIES: RequirementLevel.REQUIRED,
    SectionKind.OTHER: RequirementLevel.REQUIRED,
    SectionKind.NICE_TO_HAVE: RequirementLevel.NICE_TO_HAVE,
    SectionKind.BENEFITS: None,
    SectionKind.ABOUT: None,
}

# ---------------------------------------------------------------------------------------------
# Headings

_HEADINGS: dict[SectionKind, str] = {
    SectionKind.REQUIREMENTS: (
        "requirements | requirement | job requirements | the requirements | key requirements | minimum requirements | "
        "basic requirements | technical requirements | role requirements | requirements and qualifications | "
        "qualifications and requirements | requirements and skills | skills and requirements | qualifications | "
        "minimum qualifications | basic qualifications | required qualifications | key qualifications | "
        "your qualifications | required skills | required experience | skills | skills and experience | "
        "experience and skills | skills and qualifications | qualifications and skills | key skills | "
        "technical skills | skill set | skillset | experience | experience required | your experience | must have | "
        "must haves | must-have | must-haves | must have skills | what you bring | what you'll bring | "
        "what you bring to the table | what you'll bring to the table | what we're looking for | what we look for | "
        "who we're looking for | we're looking for | looking for | who you're | about you | you | you have | "
        "you should have | you'll have | what you have | what you need | what you'll need | what we need | "
        "what we expect | what we expect from you | your profile | profile | the ideal candidate | ideal candidate | "
        "candidate profile | your background | your skills | you're a good fit if | you might be a good fit if | "
        "you may be a good fit if | is this you | essential | essential skills | essential requirements | required | "
        "mandatory | your toolkit | what it takes | to be successful | you'll be successful if | "
        "we'd love to hear from you if | who you'll be | what you should have | what we require | "
        "what you'll need to succeed | your superpowers | eligibility | required skills and experience | "
        "required skills and qualifications | required experience and skills"
    ),
    # Nice to have includes the stack the team works with: knowing it helps, it is not asked for as such.
    SectionKind.NICE_TO_HAVE: (
        "nice to have | nice-to-have | nice to haves | nice-to-haves | nice to have skills | bonus | bonus points | "
        "bonus points if | bonus points if you have | bonus points for | bonus skills | preferred | "
        "preferred qualifications | preferred skills | preferred experience | preferred requirements | plus | "
        "pluses | a plus | big plus | extra points | extra credit | good to have | great to have | desired | "
        "desired skills | desired qualifications | desired experience | desirable | desirable skills | optional | "
        "even better if | it's a plus if | it's a plus if you have | it would be great if | would be great if | "
        "it would be great if you | it would be great if you have | it'd be great if you | "
        "it would be nice if | would be nice | would be a plus | additional qualifications | additional skills | "
        "added bonus | brownie points | ideally | ideally you have | ideally you'll have | nice if you have | "
        "what would make you stand out | stand out | what sets you apart | bonus qualifications | "
        "not required but nice to have | tech stack | our stack | our tech stack | the stack | stack | technologies | "
        "technology stack | our technology stack | technologies we use | tools we use | our tools | the tech | "
        "tech we use | technologies you'll work with | tools and technologies"
    ),
    SectionKind.RESPONSIBILITIES: (
        "responsibilities | key responsibilities | your responsibilities | main responsibilities | "
        "job responsibilities | role responsibilities | the role | your role | about the role | about this role | "
        "the position | about the position | about the job | the job | job description | role description | "
        "position description | the opportunity | about the opportunity | the challenge | your mission | "
        "your impact | what you'll do | what you'll be doing | what you'll work on | what you do | day to day | "
        "day-to-day | your day-to-day | your day to day | a day in the life | in this role | in this role you'll | "
        "you'll | duties | key duties | duties and responsibilities | responsibilities and duties | tasks | "
        "your tasks | what's the job | what the job involves | the work | what you'll achieve | "
        "how you'll contribute | role overview | overview of the role | job summary | position summary | "
        "role summary | what you'll be working on | your work | what this role is about | what the role is about"
    ),
    SectionKind.BENEFITS: (
        "benefits | perks | perks and benefits | benefits and perks | our benefits | what we offer | "
        "what we're offering | we offer | what's in it for you | why join us | why work with us | why us | "
        "why you'll love working here | why you'll love it here | why you'll love working with us | compensation | "
        "compensation and benefits | salary | salary and benefits | pay | the package | our offer | rewards | "
        "total rewards | what you get | what you'll get | in return | in return we offer | what we provide | "
        "we provide | what we give | our perks | benefits include | why join | pay and benefits | salary range | "
        "compensation range"
    ),
    SectionKind.ABOUT: (
        "about us | about the company | about the team | about company | company | the company | our company | "
        "who we're | about | our story | our mission | mission | our team | the team | team | our culture | culture | "
        "our values | values | company overview | company description | about our team | equal opportunity | "
        "equal opportunity employer | diversity | diversity and inclusion | eeo | eeo statement | our commitment | "
        "company info"
    ),
    SectionKind.OTHER: (
        "how to apply | location | locations | interview process | hiring process | our process | the process | "
        "next steps | application process | details | job details | logistics | work location | working hours | "
        "contract | contact | additional information | other information | note | notes | job type | "
        "employment type"
    ),
}

_HEADING_KIND: dict[str, SectionKind] = {
    heading.strip(): kind for kind, headings in _HEADINGS.items() for heading in headings.split("|")
}

# Keyword fallback for lines set apart as headings, in this order (first match wins).
_HEADING_KEYWORDS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    (
        SectionKind.NICE_TO_HAVE,
        re.compile(
            r"\b(?:nice[\s-]to[\s-]haves?|bonus|preferred|pluses|plus|desired|desirable|good to have|"
            r"great to have|would be (?:great|nice)|extra (?:credit|points)|optional|even better|"
            r"stand out|sets? you apart|ideally|advantage)\b"
        ),
    ),
    (
        SectionKind.BENEFITS,
        re.compile(
            r"\b(?:benefits?|perks?|we offer|offering|compensation|salary|rewards?|in return|"
            r"what's in it|why (?:join|work|us)|you'll love|we provide|package)\b"
        ),
    ),
    (
        SectionKind.REQUIREMENTS,
        re.compile(
            r"\b(?:requirements?|required|qualifications?|must[\s-]haves?|must|skills?|skillset|experience|"
            r"bring|looking for|about you|who you're|you have|your profile|ideal candidate|need|expect|"
            r"good fit|successful)\b"
        ),
    ),
    (
        SectionKind.RESPONSIBILITIES,
        re.compile(
            r"\b(?:responsibilit(?:y|ies)|duties|tasks|day[\s-]to[\s-]day|role|position|job|"
            r"you'll (?:do|be doing|work|build|own)|what you do|your mission|your impact|opportunity)\b"
        ),
    ),
    (
        SectionKind.ABOUT,
        re.compile(
            r"^about\b|\b(?:who we're|company|our (?:story|mission|team|culture|values)|the team|culture|"
            r"equal opportunity|diversity|inclusion)\b"
        ),
    ),
    (SectionKind.OTHER, re.compile(r"\b(?:apply|application|location|process|logistics|details)\b")),
)

_CONTRACTIONS = (
    (re.compile(r"\byou will\b"), "you'll"),
    (re.compile(r"\byou are\b"), "you're"),
    (re.compile(r"\bwe are\b"), "we're"),
    (re.compile(r"\bwhat is\b"), "what's"),
    (re.compile(r"\bit is\b"), "it's"),
    (re.compile(r"\bwe would\b"), "we'd"),
)
HEADING_TRIM = "#*_=~`>|:：-–— \t"
"""Markdown and punctuation around a heading's words ("## Skills:", "**Benefits**", "— About us —")."""
_SPACES = re.compile(r"\s+")
_MAX_HEADING_CHARS = 60
_MAX_HEADING_WORDS = 8


def normalize_heading(text: str) -> str:
    """Lower case, markdown and trailing colon gone, one space between words, "you will" → "you'll"."""
    text = text.strip().strip(HEADING_TRIM).rstrip(".!?").strip(HEADING_TRIM).lower()
    text = text.replace("’", "'").replace("‘", "'").replace("&", " and ")
    text = _SPACES.sub(" ", text).strip()
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


K = TypeVar("K", bound=StrEnum)


@dataclass(frozen=True)
class HeadingClassifier(Generic[K]):
    """The section a heading announces, for job postings (`classify_heading`) and resumes
    (`skillgap.skills.experience.classify_resume_heading`), each with its own words: the heading normalized,
    looked up in the list of usual headings, else (for a line set apart as a heading) its first keyword."""

    names: Mapping[str, K]
    keywords: Sequence[tuple[K, re.Pattern[str]]]  # in order: the first match wins
    normalize: Callable[[str], str]
    max_words: int  # longer is a sentence, not a heading
    max_chars: int | None = None  # of the normalized heading

    def classify(self, text: str, *, keywords: bool = True) -> K | None:
        """`keywords=False` accepts only the list of usual headings (no keyword guess)."""
        normalized = self.normalize(text)
        if not normalized or normalized.count(" ") >= self.max_words:
            return None
        if self.max_chars is not None and len(normalized) > self.max_chars:
            return None
        kind = self.names.get(normalized)
        if kind is not None or not keywords:
            return kind
        return next((kind for kind, pattern in self.keywords if pattern.search(normalized)), None)


_JOB_HEADINGS = HeadingClassifier(
    _HEADING_KIND, _HEADING_KEYWORDS, normalize_heading, max_words=_MAX_HEADING_WORDS, max_chars=_MAX_HEADING_CHARS
)


def classify_heading(text: str, *, keywords: bool = True) -> SectionKind | None:
    """The section kind a job posting's heading announces, None when it is not a heading we know.

    `keywords=False` accepts only the list of usual headings (no keyword guess)."""
    return _JOB_HEADINGS.classify(text, keywords=keywords)


# ---------------------------------------------------------------------------------------------
# Cue phrases


@dataclass(frozen=True, slots=True)
class Cue:
    """A phrase that says how much a skill near it is wanted; absolute offsets."""

    phrase: str
    start: int
    end: int
    level: RequirementLevel
    strong: bool
    backward: bool  # also applies to what comes before it ("Kafka is a plus"); all cues reach forward


_R = RequirementLevel.REQUIRED
_N = RequirementLevel.NICE_TO_HAVE

# "X is preferred": the cue starts at "is", so X is nearer to it than to a cue before X.
_COPULA = r"(?:(?:is|are|being)\s+)?(?:(?:highly|strongly|also|absolutely|definitely)\s+)?"
# (pattern, level, strong, backward). Order matters where two start at the same place.
_CUE_SPECS: tuple[tuple[str, RequirementLevel, bool, bool], ...] = (
    # strong: nice to have
    (r"not\s+(?:required|mandatory|a\s+must|necessary|essential|a\s+requirement)", _N, True, True),
    (
        r"(?:is|are|would\s+be|will\s+be|as)\s+(?:an?\s+)?(?:(?:big|huge|strong|definite|great|nice|added|major|real)\s+)?"
        r"(?:plus|bonus|advantage)",
        _N,
        True,
        True,
    ),
    (r"an?\s+(?:(?:big|huge|strong|definite|great|nice|added|major|real)\s+)?(?:plus|bonus|advantage)", _N, True, True),
    (r"(?:big|huge|definite|added|major)\s+plus|pluses", _N, True, True),
    (r"bonus(?:\s+points)?", _N, True, True),
    (_COPULA + r"(?:nice[\s-]+to[\s-]+haves?|(?:good|great)[\s-]+to[\s-]+have)", _N, True, True),
    (_COPULA + r"(?:preferred|preferable|desired|desirable|optional)", _N, True, True),
    (r"preferably|ideally", _N, True, False),  # "Python, ideally with Django": reaches forward only
    (r"(?<!take )(?<!taking )advantageous", _N, True, True),
    (r"would\s+be\s+(?:nice|great|helpful|good|beneficial|welcome|appreciated)", _N, True, True),
    (r"extra\s+(?:credit|points)|even\s+better|(?:we'd|we\s+would)\s+love", _N, True, True),
    # strong: required
    (r"must(?:[\s-]+haves?)?|requires?", _R, True, True),
    (_COPULA + r"(?:required|mandatory|essential|non[\s-]negotiable|a\s+must)", _R, True, True),
    (r"need\s+to\s+have|you\s+need", _R, True, False),
    # weak: nice to have (prefix cues)
    (r"familiar(?:ity)?\s+with|exposure\s+to|(?:an\s+)?interest\s+in|awareness\s+of|curious\s+about", _N, False, False),
    (r"(?:some|basic|general)\s+(?:experience|knowledge|understanding|familiarity)", _N, False, False),
    (r"(?:willing(?:ness)?|eager(?:ness)?|keen)\s+to\s+learn", _N, False, False),
    # weak: required
    (r"\d{1,2}(?:\.\d)?\s*\+?\s*(?:(?:-|–|—|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)", _R, False, True),
    (
        r"at\s+least|minimum(?:\s+of)?|proven|strong|solid|deep|extensive|expert(?:ise)?|proficien(?:t|cy)|"
        r"excellent|advanced|hands[\s-]on|in[\s-]depth|thorough|demonstrated|significant",
        _R,
        False,
        False,
    ),
    (r"(?:professional|production|commercial)\s+experience|you\s+have|you've", _R, False, False),
)

# One look-behind for all: a regex that starts with it fails fast inside words.
_CUES = Caseless(
    r"(?<![\w])(?:" + "|".join(f"(?P<c{index}>{spec[0]})" for index, spec in enumerate(_CUE_SPECS)) + r")(?![\w])"
)
_CUE_INFO: dict[str, tuple[RequirementLevel, bool, bool]] = {
    f"c{index}": (level, strong, backward) for index, (_, level, strong, backward) in enumerate(_CUE_SPECS)
}


def find_cues(text: str, start: int = 0, end: int | None = None, *, offset: int = 0) -> list[Cue]:
    """The cue phrases in ``text[start:end]``, offsets shifted by `offset`."""
    cues = []
    for match in _CUES.finditer(text, start, len(text) if end is None else end):
        level, strong, backward = _CUE_INFO[match.lastgroup or ""]
        start_at, end_at = match.span()
        cues.append(Cue(text[start_at:end_at], start_at + offset, end_at + offset, level, strong, backward))
    return cues


# ---------------------------------------------------------------------------------------------
# Sentences and sections


@dataclass(frozen=True)
class Sentence:
    """A sentence (or bullet) of the description; absolute offsets, ``description[start:end] == text``."""

    text: str
    start: int
    end: int
    kind: SectionKind  # the section's kind, or the kind of an inline heading earlier on the line
    heading: str = ""  # the heading as written ("" before the first heading)
    # Positions of ";" (absolute): clauses, which cue phrases do not cross.
    clause_breaks: tuple[int, ...] = field(default=(), repr=False)

    @cached_property
    def cues(self) -> tuple[Cue, ...]:
        return tuple(find_cues(self.text, offset=self.start))

    def level_for(self, start: int, end: int) -> RequirementLevel | None:
        """The requirement level of a skill mentioned at [start, end) (absolute offsets) in this
        sentence; None when its section does not ask anything of the candidate (benefits, about)."""
        assessed = self.assess(start, end)
        return assessed[0] if assessed is not None else None

    def assess(self, start: int, end: int) -> tuple[RequirementLevel, bool] | None:
        """(level, explicit) of a mention at [start, end); None in benefits and about sections.

        Explicit: a requirements or nice-to-have section, or a cue phrase, says so. Not explicit: the
        default of responsibilities and of text outside sections ("you will build Go services")."""
        default = _DEFAULT_LEVEL[self.kind]
        if default is None:
            return None
        sectioned = self.kind in (SectionKind.REQUIREMENTS, SectionKind.NICE_TO_HAVE)
        cue = self.cue_for(start, end)
        if cue is not None and (cue.strong or not sectioned):
            return cue.level, True
        return default, sectioned

    def cue_for(self, start: int, end: int) -> Cue | None:
        """The cue phrase that applies to a mention at [start, end), if any (see the module doc)."""
        cues = self.cues
        if not cues:
            return None
        breaks = self.clause_breaks
        index = bisect.bisect_left(breaks, start)
        clause_start = breaks[index - 1] if index else self.start
        clause_end = breaks[index] if index < len(breaks) else self.end
        best: Cue | None = None
        best_key: tuple[bool, int] = (False, 0)
        for cue in cues:
            if cue.end <= start:
                if cue.start < clause_start:
                    continue
                distance = start - cue.end
            elif cue.start >= end and cue.backward:
                if cue.end > clause_end:
                    continue
                distance = cue.start - end
            else:
                continue
            key = (cue.strong, -distance)
            if best is None or key > best_key:
                best, best_key = cue, key
        return best


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: str  # as written, "" for the text before the first heading
    start: int  # where the heading starts (or the text, without a heading)
    end: int
    sentences: tuple[Sentence, ...]


_LINE = re.compile(r"[^\n]*")
_BULLET = re.compile(r"[ \t]*(?:[•▪●◦‣⁃∙·][ \t]*|(?:[-*+–—]|\d{1,2}[.)]|[a-z][.)])[ \t]+)")
# Where a line breaks into sentences: after . ! ? (and closing quotes/brackets) before a capital,
# digit or bracket; around an inline bullet "•".
# (The white space before an inline bullet is matched from its first character only: tried inside a long run of spaces
# it would scan the rest of the run at every position.)
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*[ \t]+(?=[\"'“‘(\[]?[A-Z0-9])|(?<![ \t])[ \t]*[•▪●◦‣][ \t]*")
_ABBREVIATIONS = frozenset(
    "e.g i.e eg ie vs inc ltd co corp sr jr dr mr ms mrs no approx incl esp dept u.s st cf min max ca resp".split()
)
_INLINE_HEADING = re.compile(r"([^:\n.!?]{2,45}?)[ \t]*:[ \t]+(?=\S)")
_CLAUSE_BREAK = re.compile(r";")
_ABOUT_LINE = re.compile(r"About(?:\s+[^\s\d]+){1,3}\s*$")
_SET_APART = re.compile(r"^\s*(?:#{1,6}\s|\*\*|__)|^[^a-z]*[A-Z][^a-z]*$")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end] (one line, no line breaks), trimmed of white space."""
    spans = []
    position = start
    for match in _BOUNDARY.finditer(text, start, end):
        mark = text[match.start()]
        if mark == ".":
            word_start = max(text.rfind(" ", start, match.start()) + 1, start)
            if text[word_start : match.start()].lower().lstrip("(") in _ABBREVIATIONS:
                continue
        # After the mark and closing quotes/brackets; before an inline bullet.
        cut = match.start() + len(match.group().rstrip(" \t")) if mark in ".!?" else match.start()
        spans.append((position, cut))
        position = match.end()
    spans.append((position, end))
    trimmed = []
    for span_start, span_end in spans:
        while span_start < span_end and text[span_start].isspace():
            span_start += 1
        while span_end > span_start and text[span_end - 1].isspace():
            span_end -= 1
        if span_end > span_start:
            trimmed.append((span_start, span_end))
    return trimmed


def skip_bullet(text: str, start: int, end: int) -> int:
    """Where the content of the line text[start:end] starts, after a bullet marker if any."""
    bullet = _BULLET.match(text, start, end)
    return bullet.end() if bullet else start


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a whole text: each line (bullet markers dropped) cut into sentences."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        line_start, line_end = line.span()
        if line_start == line_end:
            continue
        bullet = _BULLET.match(text, line_start, line_end)
        spans.extend(sentence_spans(text, bullet.end() if bullet else line_start, line_end))
    return spans


def _standalone_heading(line: str, bulleted: bool) -> SectionKind | None:
    """The kind of a line that is a heading by itself, None if it is not one."""
    stripped = line.strip()
    if len(stripped) > _MAX_HEADING_CHARS + 10:
        return None
    colon = stripped.rstrip("*_ \t").endswith((":", "："))
    if bulleted and not colon:
        return None
    set_apart = colon or bool(_SET_APART.search(stripped))
    if not set_apart and stripped.endswith((".", ",", ";", "!")):
        return None
    # "About Lumen": a short line starting with "About" names the company.
    set_apart = set_apart or bool(_ABOUT_LINE.match(stripped))
    return classify_heading(stripped, keywords=set_apart)


def split_sections(text: str) -> list[Section]:
    """The sections of a job description in order, each with its sentences.

    Text before the first heading is a section of kind OTHER with an empty heading (only when it has
    sentences). A colon-terminated line that is no known heading ("Languages:") stays a sentence of
    the current section."""
    sections: list[Section] = []
    kind, heading, section_start = SectionKind.OTHER, "", 0
    sentences: list[Sentence] = []

    def close(end: int) -> None:
        if sentences or heading:
            sections.append(Section(kind, heading, section_start, end, tuple(sentences)))

    for line in _LINE.finditer(text):
        line_start, line_end = line.span()
        if line_start == line_end:
            continue
        bullet = _BULLET.match(text, line_start, line_end)
        content_start = bullet.end() if bullet else line_start
        if content_start >= line_end or text[content_start:line_end].isspace():
            continue
        standalone = _standalone_heading(text[content_start:line_end], bullet is not None)
        if standalone is not None:
            close(line_start)
            kind, section_start = standalone, line_start
            heading = text[content_start:line_end].strip().strip(HEADING_TRIM)
            sentences = []
            continue
        line_kind, line_heading = kind, heading
        for span_start, span_end in sentence_spans(text, content_start, line_end):
            inline = _INLINE_HEADING.match(text, span_start, span_end)
            if inline is not None:
                inline_kind = classify_heading(inline.group(1), keywords=False)
                if inline_kind is not None:
                    line_kind, line_heading = inline_kind, inline.group(1).strip()
                    span_start = inline.end()
            breaks = tuple(m.start() for m in _CLAUSE_BREAK.finditer(text, span_start, span_end))
            sentences.append(Sentence(text[span_start:span_end], span_start, span_end, line_kind, line_heading, breaks))
    close(len(text))
    return sections


def sentences_of(sections: list[Section]) -> list[Sentence]:
    return [sentence for section in sections for sentence in section.sentences]
