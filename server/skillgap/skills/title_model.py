"""The newest job's title chosen by weights learned from labelled resumes, not set by hand.

`parse_experience` finds the newest dated job; its header reader (`resume_entries.read_header`) then picks the title
by rules written one layout at a time. Those rules read the resumes they were written for and few others: on the
labelled set, each round lifted the half that was read while writing them and left the other half where it was.

This reader keeps the dates and replaces the choice. It gathers every piece of the lines around the newest job's date
(the line itself without the date, a few lines above and below, up to a heading or another job's date), describes
each piece by the same signals the rules use - an O*NET title as written or without level words, a role noun, a
title or company field, an organisation or place name, its shape and case, its line's place and markup - and picks
the piece with the highest weighted sum. The weights are learned (a conditional logit over each resume's pieces,
`title_model_build`) from the tune half of the labelled resumes only, and shipped in `data/title_model.json`
(schema: `title_model_schema.py`).

`newest_title` is what `parse_experience` asks; `candidates` and `features` are what the build fits on.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from skillgap.datafiles import alternation
from skillgap.occupations.index import OccupationIndex
from skillgap.occupations.titles import core, head
from skillgap.occupations.titles import words as title_words
from skillgap.places.schema import gazetteer
from skillgap.skills import title_reader
from skillgap.skills.date_words_schema import built as date_words
from skillgap.skills.resume_entries import (
    BULLET,
    HeaderLine,
    clean_markup,
    company_score,
    cut_title,
    is_location,
    is_prose,
    is_title,
    line_parts,
    role_in_sentence,
    split_leading_acronym,
    trim,
)
from skillgap.skills.title_words_schema import built as built_words

__all__ = [
    "ABOVE",
    "BELOW",
    "FEATURES",
    "MAX_PEERS",
    "Candidate",
    "Peer",
    "best",
    "candidates",
    "choose",
    "features",
    "given",
    "newest_title",
    "settle",
    "written_as_title",
]

# Lines looked at above and below the newest job's date line.
ABOVE: Final = 4
BELOW: Final = 3
_MAX_PIECE_CHARS: Final = 120

# The signals each piece is described by, in the order of the built weights (`data/title_model.json`).
FEATURES: Final = (
    "onet_exact",  # the piece is an O*NET title as written (the match's confidence)
    "onet_core",  # ... once level words are dropped ("Senior Accountant II")
    "role_noun",  # its head noun heads many O*NET titles ("... Nurse")
    "is_title",  # `resume_entries.is_title`: a role noun in a few words, not an organisation
    "company",  # `resume_entries.company_score` / 2: a legal suffix or organisation word
    "location",  # a place ("Austin, TX")
    "key_title",  # written in a title field (`position: ...`)
    "key_company",  # ... in a company field
    *(f"offset{offset:+d}" for offset in range(-ABOVE, BELOW + 1)),  # its line's place, from the date line
    "date_line",  # on the date's own line
    "one_word",
    "five_words",
    "eight_words",
    "digits",
    "title_case",  # share of its words that are capitalised
    "upper",  # all upper case
    "whole_line",  # the whole line, not a piece of it
    "first_piece",  # the first piece of its line
    "line_prose",  # its line reads as body text (`resume_entries.is_prose`)
    "line_bullet",
    "line_heading",  # a markdown heading line ("### Engineer")
    "html_heading",  # an HTML heading element on the line ("<h3 class="mb-0">Shift Manager</h3>")
    "line_bold",  # bold markup on the line
    "line_italic",  # italic markup on the line
    "period_end",
    "comma",
    "paren",
    "code",  # braces, tags, an assignment, a call
    "lower_start",
    "not_title_words",  # only words that are never a title ("Present", "Remote")
    "length",  # characters / 80, at most 1
    "comma_cut",  # the part before a comma of a longer piece ("Senior Consultant" of "Senior Consultant, Advisory")
    "sentence",  # the role of a sentence ("He is a Technical Director at ECM")
    "outside",  # the header reader's title, written outside the lines looked at (a data object's title field)
    "comma_org",  # what follows a comma in the piece names an organisation or a place ("Engineer, Acme Corp")
    "cut_org",  # ... in the longer piece this one was cut from
    "comma_qualifier",  # the piece holds a comma, and an employer is written elsewhere around it
    "cut_qualifier",  # ... the longer piece this one was cut from ("HR Specialist" of "HR Specialist, US HR Ops")
    "head_title",  # what comes before a comma or a bracket in the piece reads like a title
    "paren_org",  # what its brackets hold names an organisation ("Account Executive (Salesforce)")
    "above_item",  # above the date, and a list item begins below it: another job's item ("* **Vale** – 2021 …")
    "peer_title",  # share of the resume's other titled jobs whose title is written where this piece is (`_slot`)
    "peer_company",  # ... whose company is written there
    "comma_tail",  # the part after a comma of a longer piece ("Shift Supervisor" of "Starbucks, Shift Supervisor")
    "tail_org",  # ... and the part before it names an organisation or a place
    "prep_cut",  # the part before an employer's preposition ("Conducteur de ligne" of "... chez ETEX France")
)
_PEER_TITLE: Final = FEATURES.index("peer_title")
_KEY_TITLE: Final = FEATURES.index("key_title")
_COMMA_TAIL: Final = FEATURES.index("comma_tail")
_PREP_CUT: Final = FEATURES.index("prep_cut")
# Other jobs looked at for where a resume writes its titles: the newest few, which share the newest job's layout most.
MAX_PEERS: Final = 12


class _Dated(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Peer:
    """Another dated job of the resume, as the header reader read it: where its dates are written, its title and
    company."""

    date_start: int
    date_end: int
    title: str
    company: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A piece of the lines around the newest job's date, and its signals (in `FEATURES` order)."""

    text: str
    features: tuple[float, ...]


def key(text: str) -> str:
    """A piece compared case-, punctuation- and space-insensitively: two pieces with one key are one candidate."""
    return " ".join(re.sub(r"[^\w+#/&]+", " ", text.casefold()).split())


@functools.lru_cache(maxsize=8192)
def _title_signals(piece: str, index: OccupationIndex) -> tuple[float, float, float]:
    """(O*NET title as written, O*NET title without level words, role noun) of a piece."""
    exact = stripped = 0.0
    match = index.match(piece, fuzzy=False)
    if match is not None:
        exact = match.confidence
    else:
        tokens = title_words(piece)
        kept = core(tokens)
        if kept and kept != tokens:
            found = index.match(" ".join(kept), fuzzy=False)
            stripped = found.confidence if found is not None else 0.0
    noun = head(piece)
    role = bool(noun) and title_reader.is_role_noun(noun, index)
    return exact, stripped, 1.0 if role else 0.0


_BRACKET = re.compile(r"\(([^()]+)\)")
_ITALIC = re.compile(r"(?<![*_\w])[*_](?![*_\s])")
_HTML_HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)
_BOLD = re.compile(r"\*\*|__|<b>|<strong", re.IGNORECASE)


def features(
    piece: str,
    kind: str,
    *,
    offset: int | None,
    line: str,
    index: OccupationIndex,
    whole: bool = False,
    first: bool = False,
    how: str = "",
    tail: str = "",
    employer_elsewhere: bool = False,
    above_item: bool = False,
    peer_title: float = 0.0,
    peer_company: float = 0.0,
) -> tuple[float, ...]:
    """The signals of `piece` (see `FEATURES`), written in a field of `kind` ("title", "company", "") on `line`,
    `offset` lines from the date line (None: outside the lines looked at); `how` it was cut from its line
    ("comma_cut", "sentence", "outside" or ""); `tail`: what a comma cut dropped; `employer_elsewhere`: a piece
    around it that is not part of it names an organisation; `above_item`: a list item begins between its line and
    the date's; `peer_title`, `peer_company`: the shares of the resume's other jobs whose title (company) is written
    where the piece is."""
    after_comma = piece.split(",", 1)[1] if "," in piece else ""
    bracket = _BRACKET.search(piece)
    words = piece.split()
    exact, stripped, role = _title_signals(piece, index)
    capitalised = [word for word in words if word[:1].isalpha()]
    values = {
        "onet_exact": exact,
        "onet_core": stripped,
        "role_noun": role,
        "is_title": float(is_title(piece)),
        "company": company_score(piece) / 2,
        "location": float(is_location(piece)),
        "key_title": float(kind == "title"),
        "key_company": float(kind == "company"),
        **{f"offset{place:+d}": float(offset == place) for place in range(-ABOVE, BELOW + 1)},
        "date_line": float(offset == 0),
        "comma_cut": float(how == "comma_cut"),
        "sentence": float(how == "sentence"),
        "outside": float(how == "outside"),
        "comma_org": float("," in piece and _names_organisation(piece.split(",", 1)[1])),
        "cut_org": float(how == "comma_cut" and _names_organisation(tail)),
        "comma_qualifier": float(bool(after_comma) and employer_elsewhere),
        "cut_qualifier": float(how == "comma_cut" and employer_elsewhere),
        "head_title": float(("," in piece or "(" in piece) and is_title(re.split(r"[,(]", piece, maxsplit=1)[0])),
        "paren_org": float(bracket is not None and _names_organisation(bracket.group(1))),
        "above_item": float(above_item),
        "peer_title": peer_title,
        "peer_company": peer_company,
        "comma_tail": float(how == "comma_tail"),
        "tail_org": float(how == "comma_tail" and _names_organisation(tail)),
        "prep_cut": float(how == "prep_cut"),
        "one_word": float(len(words) == 1),
        "five_words": float(len(words) >= 5),
        "eight_words": float(len(words) >= 8),
        "digits": float(any(ch.isdigit() for ch in piece)),
        "title_case": sum(1 for word in capitalised if word[0].isupper()) / len(capitalised) if capitalised else 0.0,
        "upper": float(piece.isupper()),
        "whole_line": float(whole),
        "first_piece": float(first),
        "line_prose": float(is_prose(line)),
        "line_bullet": float(BULLET.match(line) is not None),
        "line_heading": float(line.lstrip().startswith("#")),
        "html_heading": float(_HTML_HEADING.search(line) is not None),
        "line_bold": float(_BOLD.search(line) is not None),
        "line_italic": float(_ITALIC.search(line) is not None),
        "period_end": float(piece.endswith(".")),
        "comma": float("," in piece),
        "paren": float("(" in piece),
        "code": float(title_reader.looks_like_code(piece)),
        "lower_start": float(piece[:1].islower()),
        "not_title_words": float(title_reader.never_a_title(piece)),
        "length": min(len(piece), 80) / 80,
    }
    return tuple(values[name] for name in FEATURES)


# "Working as HR Executive from", "I'm doing a job as a Lecturer in Fine Arts at ...": the role after "as", up to the
# employer or the dates.
_AS_ROLE = re.compile(
    r"\b(?i:as)\s+(?:(?i:an?|the)\s+)?(?P<role>[A-Z][^,;:()\n]{1,60}?)(?=\s+(?i:at|from|since|with|for)\b|\s*[,;(]|\s*$)"
)


@functools.cache
def _at_employer() -> re.Pattern[str]:
    """A title, then a preposition of whom the job was with in any language the data knows (`employer_prepositions`,
    `project_prepositions`: "chez", "bei", "en", "para"), then a capitalised name."""
    words = built_words()
    prepositions = alternation(tuple(dict.fromkeys(words.employer_prepositions + words.project_prepositions)))
    return re.compile(
        rf"^(?P<title>[^\W\d][^,;:()\n]{{1,60}}?)\s+{prepositions}\s+(?:(?:the|el|la|le|der|die|den|dem)\s+)?"
        r"(?P<rest>[^\W\d_a-z].*)$"
    )


_FOR_PROJECT = re.compile(r"^(?P<title>[^\W\d][^,;:()\n]{1,60}?)\s+for\s+(?:the\s+|an?\s+)?\S")
_AS_LEAD = re.compile(r"\b(?:as|als|comme|como)(?:\s+(?:an?|the|un|une|una?))?$", re.IGNORECASE)


_LEAD_MARKS = re.compile(r"^[\W_]+")
# The since word of any language right before a range's first date: "_Da giugno 2018 a oggi_" leaves no title "Da".
_OPENING_WORD = re.compile(
    rf"(?<![^\W_]){alternation(date_words().since + date_words().openers)}[\s:]*$", re.IGNORECASE
)
_COLON_THEN_WORD = re.compile(r"\s*:\s*[^\W_]")
_ONE_WORD_LABEL = re.compile(r"^[^\W\d_]+\s*:\s+\S")  # "Supervisor: Dr. T. Truong", "Role: Founder"
# An e-mail address or a web address alone: a contact line above the first job, never its title.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+", re.IGNORECASE)


def _labels(piece: str, line: str) -> bool:
    """The piece begins its line and a colon follows it, then more words: a field's label, not its value."""
    written = _LEAD_MARKS.sub("", clean_markup(line).strip(), count=1)
    return written.startswith(piece) and _COLON_THEN_WORD.match(written, len(piece)) is not None


def _names_organisation(text: str) -> bool:
    return bool(company_score(text)) or is_location(text)


def _line_pieces(text: str) -> list[tuple[str, str, str, str]]:
    """(piece, field kind, how, dropped tail) of a line: the line ("whole"), its pieces as the header reader and the
    title reader cut them, the role of a sentence ("sentence"), and each piece without an employment type, a leading
    employer's acronym or a comma's tail ("comma_cut")."""
    found: list[tuple[str, str, str, str]] = []
    cleaned = clean_markup(text)
    whole = trim(cleaned)
    if whole:
        found.append((whole, "", "whole", ""))
    for piece, kind, unsplit in line_parts(text)[0]:
        found.append((piece, kind, "", ""))
        if unsplit and unsplit != piece:  # "Front Desk / Veterinary Assistant" before the header reader split it
            found.append((trim(unsplit), kind, "", ""))
    found.extend((piece.strip(title_reader.STRIP), kind, "", "") for piece, kind in title_reader.pieces(text))
    stated = role_in_sentence(cleaned)
    if stated is not None:
        found.append((stated[0], "", "sentence", ""))
    more: list[tuple[str, str, str, str]] = []
    for piece, kind, _, _ in found:
        cut = cut_title(piece)
        if cut != piece:
            more.append((cut, kind, "", ""))
        acronym = split_leading_acronym(piece)
        if len(acronym) == 2:
            more.append((acronym[1], kind, "", ""))
        if "," in piece:
            head_part, tail = piece.split(",", 1)
            more.append((trim(head_part), kind, "comma_cut", tail.strip()))
            last = head_part.split()[-1:]
            if not is_location(", ".join([*last, tail.strip()])):  # "... Boston, MA": a place's state code, no title
                more.append((trim(tail), kind, "comma_tail", head_part.strip()))
        employer = _at_employer().match(piece)
        if employer is not None:  # "Conducteur de ligne chez ETEX France", "Gastronomie/Kurier bei Lieferando"
            more.append((trim(employer.group("title")), kind, "prep_cut", employer.group("rest")))
        for_part = _FOR_PROJECT.match(piece)
        if for_part is not None:  # "Research assistant for the Graduate Center Wealth Project"
            more.append((trim(for_part.group("title")), kind, "", ""))
        role = _AS_ROLE.search(piece)
        if role is not None:  # "Working as HR Executive from": the role a sentence names
            more.append((trim(role.group("role")), kind, "sentence", ""))
    return [
        (piece, kind, how, tail)
        for piece, kind, how, tail in found + more
        if piece and len(piece) <= _MAX_PIECE_CHARS and re.search(r"[^\W\d_]", piece)
    ]


Slot = tuple[int, str, str]
_WORD_RUN = re.compile(r"[^\W_]+(?:[ \t]+[^\W_]+)*")
_MARKS = re.compile(r"[^\w\s]{1,2}")


# A header line's words, read once for all its pieces and for every job that looks at it.
_cleaned = functools.lru_cache(maxsize=4096)(clean_markup)


def _slot(offset: int, line: str, piece: str) -> Slot | None:
    """Where a piece is written in its job's header, whatever its words: its line's place from the date line, what
    precedes it on its line with each run of words as one mark ("* Apr 2021 - Now: " is "* w - w:"), and the marks
    that follow it ("-", "|", ",", "" before more words, "$" at the line's end). Two jobs of one resume whose titles
    share a slot are written alike; None when the piece is not on the line as written."""
    cleaned = _cleaned(line)
    found = re.search(re.escape(piece), cleaned, re.IGNORECASE)
    if found is None:
        return None
    before = " ".join(_WORD_RUN.sub("w", cleaned[: found.start()]).split())
    after = cleaned[found.end() :].lstrip()
    mark = _MARKS.match(after)
    return offset, before, "$" if not after else mark.group(0) if mark else ""


def _window(
    lines: Sequence[HeaderLine], first: int, last: int, taken: set[int], stop: int | None
) -> list[tuple[int, int]]:
    """(line, offset from the date line) of the lines looked at around a date on lines first..last: up to `ABOVE`
    above and `BELOW` below, stopping at a heading, a line in `taken` and, below, at offset `stop`."""
    window: list[tuple[int, int]] = [(first, 0)]
    position = first - 1
    while position >= 0 and first - position <= ABOVE and not lines[position].heading and position not in taken:
        window.append((position, position - first))
        position -= 1
    position = last + 1
    while (
        position < len(lines)
        and position - last <= BELOW
        and not lines[position].heading
        and position not in taken
        and (stop is None or lines[position].start < stop)
    ):
        window.append((position, position - last))
        position += 1
    return window


def _date_lines(starts: Sequence[int], date_start: int, date_end: int) -> tuple[int, int]:
    first = bisect.bisect_right(starts, date_start) - 1
    return first, bisect.bisect_right(starts, max(date_start, date_end - 1)) - 1


def _peer_slots(
    lines: Sequence[HeaderLine], starts: Sequence[int], peers: Sequence[Peer]
) -> tuple[Counter[Slot], Counter[Slot]]:
    """How many of the other jobs write their title (their company) in each slot: each field at its nearest line."""
    titles: Counter[Slot] = Counter()
    companies: Counter[Slot] = Counter()
    for peer in peers[:MAX_PEERS]:
        first, last = _date_lines(starts, peer.date_start, peer.date_end)
        if first < 0:
            continue
        window = _window(lines, first, last, set(), None)
        for field, counter in ((peer.title, titles), (peer.company, companies)):
            if not field:
                continue
            slots = [
                (abs(offset), slot)
                for position, offset in window
                if (slot := _slot(offset, lines[position].text, field))
            ]
            if slots:
                counter[min(slots)[1]] += 1
    return titles, companies


def candidates(
    text: str,
    lines: Sequence[HeaderLine],
    date_start: int,
    date_end: int,
    other_dates: Sequence[_Dated],
    header_title: str = "",
    index: OccupationIndex | None = None,
    *,
    stop: int | None = None,
    peers: Sequence[Peer] = (),
) -> list[Candidate]:
    """The pieces of the lines around the date written at text[date_start:date_end], each once (at its nearest
    line); the window stops at a heading, at a line holding one of `other_dates`, and below at offset `stop` (where
    the next job's header begins). `header_title`, the title the header reader gave the job, is one more when it is
    written outside those lines. `peers`: the resume's other jobs, whose titles tell where this resume writes one."""
    index = OccupationIndex.packaged() if index is None else index
    starts = [line.start for line in lines]
    first, last = _date_lines(starts, date_start, date_end)
    if first < 0:
        return []
    taken = {bisect.bisect_right(starts, other.start) - 1 for other in other_dates} - set(range(first, last + 1))
    window = _window(lines, first, last, taken, stop)
    peer_titles, peer_companies = _peer_slots(lines, starts, peers)
    titled = sum(peer_titles.values())
    named = sum(peer_companies.values())
    # The lines above the date that a list item beginning below them (at the date's line at the latest) sets apart.
    item_at = [position for position in range(max(0, first - ABOVE), first + 1) if BULLET.match(lines[position].text)]
    written: dict[str, tuple[int, str, str, int, str, bool, str, str]] = {}
    for position, offset in window:
        line = lines[position].text
        if offset == 0:  # the date's own line(s), without the date, nor the word that opens it ("From", "Da")
            before = _OPENING_WORD.sub("", text[lines[first].start : date_start])
            sources = [before, text[date_end : lines[last].end]]
        else:
            sources = [line]
        for source in sources:
            if not source.strip():
                continue
            for rank, (piece, kind, how, tail) in enumerate(_line_pieces(source)):
                piece = piece.strip(title_reader.STRIP)
                name = key(piece)
                if name and (name not in written or written[name][0] > abs(offset)):
                    written[name] = (abs(offset), piece, kind, offset, line, rank == 0, how, tail)
    employers = [name for name, (_, piece, kind, *_) in written.items() if kind == "company" or company_score(piece)]
    found: dict[str, tuple[int, Candidate]] = {}
    for name, (distance, piece, kind, offset, line, first_piece, how, tail) in written.items():
        if _labels(piece, line) or _ONE_WORD_LABEL.match(piece) or _CONTACT.fullmatch(piece):
            continue  # a field's label ("Supervisor: Maria Lopez", "Title: Engineer") is never its value, nor with it
        slot = _slot(offset, line, piece) if titled or named else None
        signals = features(
            piece,
            kind,
            offset=offset,
            line=line,
            index=index,
            whole=how == "whole",
            first=first_piece,
            how="" if how == "whole" else how,
            tail=tail,
            employer_elsewhere=any(employer not in name for employer in employers),
            above_item=offset < 0 and any(first + offset < position <= first for position in item_at),
            peer_title=peer_titles[slot] / titled if slot and titled else 0.0,
            peer_company=peer_companies[slot] / named if slot and named else 0.0,
        )
        found[name] = (distance, Candidate(piece, signals))
    name = key(header_title)
    if name and name not in found:
        found[name] = (
            ABOVE + BELOW + 1,
            Candidate(header_title, features(header_title, "", offset=None, line="", index=index, how="outside")),
        )
    return [candidate for _, candidate in found.values()]


def best(found: Sequence[Candidate], weights: Sequence[float]) -> Candidate | None:
    """The candidate with the highest weighted sum (None without candidates); ties go to the first."""
    chosen, chosen_score = None, float("-inf")
    for candidate in found:
        score = sum(w * x for w, x in zip(weights, candidate.features, strict=True))
        if score > chosen_score:
            chosen, chosen_score = candidate, score
    return chosen


def choose(found: Sequence[Candidate], weights: Sequence[float]) -> str:
    """The text of the `best` candidate ("" without candidates)."""
    chosen = best(found, weights)
    return chosen.text if chosen is not None else ""


def written_as_title(candidate: Candidate) -> bool:
    """The piece is written in a title field (`position: Arquivista Jr`) or where at least half of the resume's other
    titled jobs write their title: a title whatever its words."""
    return candidate.features[_KEY_TITLE] > 0 or candidate.features[_PEER_TITLE] >= 0.5


@functools.cache
def _index() -> OccupationIndex:
    return OccupationIndex.packaged()


def given(candidate: Candidate, header_title: str) -> str:
    """The title the reader gives when the weights choose `candidate` (`settle`, with what the piece is)."""
    return settle(
        candidate.text,
        header_title,
        written_as_title=written_as_title(candidate),
        cut=candidate.features[_COMMA_TAIL] > 0 or candidate.features[_PREP_CUT] > 0,
    )


def settle(chosen: str, header_title: str, *, written_as_title: bool = False, cut: bool = False) -> str:
    """The title given: the chosen piece, unless the header reader's title is the same piece cut elsewhere (one holds
    the other: "Senior Consultant" and "Senior Consultant, Advisory Services"). Then the header reader's rules decide
    where the title ends (a comma's qualifier, an employment type, a bracket); the weights decide which piece it is.
    A job the header reader found no title for keeps none unless the piece reads like one or is written as a title
    (`written_as_title`: in a title field, or where the resume's other jobs write theirs: "Chauffør - Gordon
    Delivery" above "Servicemedarbejder - Netto"). A piece the weights chose over its line's own cut (`cut`: what
    follows a comma, what precedes an employer's preposition) is the title as chosen."""
    if not chosen:
        return header_title
    if (
        not header_title
        and not written_as_title
        and not is_title(chosen)
        and not _role_headed(chosen)
        and title_reader.title_score(chosen, _index()) < title_reader.MIN_SCORE
    ):
        return ""  # a job whose header names no title ("2018- Salsify"): the best piece is no title either
    mine, theirs = key(chosen), key(header_title)
    if theirs and (mine in theirs or theirs in mine):
        kept = cut or _after_employer(chosen, header_title) or _slash_joined(chosen, header_title)
        return chosen if kept else header_title
    # another piece than the header reader's title: the rules still end it ("Właściciel (JDG)": how it was held)
    return cut_title(chosen)


_SLASH: Final = re.compile(r"\s+/\s+")


def _slash_joined(chosen: str, header_title: str) -> bool:
    """The chosen piece is the header reader's title and a work area or another title joined by a slash ("Web
    Performance / Marketing Engineer", "IT / Web Consultant & Technician", "AI Technical Product Manager / Lead AI
    FDE"): one title as written (LABELLING.md keeps titles joined by a slash whole). A title and its employer ("Chargé
    de Communication / URPS Pays de la Loire") or its place ("Warszawa / Regular Fullstack Developer") are two
    pieces."""
    parts = _SLASH.split(chosen)
    if len(parts) != 2:  # a title and one more
        return False
    others = [part for part in parts if key(part) != key(header_title)]
    return len(others) == 1 and not _names_organisation(others[0]) and not _names_place(others[0])


_SHORT_PLACE: Final = 3  # "IT" is Italy's code, and a work area


def _names_place(text: str) -> bool:
    """A city, country or region by its own name, in any language GeoNames gives ("Warszawa", "Berlin")."""
    return len(text) >= _SHORT_PLACE and text[:1].isupper() and gazetteer().names_place(text)


_SHORT_NOUN: Final = 3  # a head this short is an abbreviation ("MA" of "Boston, MA" is also a Medical Assistant)


def _role_headed(piece: str) -> bool:
    """The piece is one phrase ending in a role noun, and names no organisation or place: "Human Resources
    professional" is a title the header rules' own nouns do not know; "Salsify", "Salsify, Boston, MA" and "Acme
    Staffing Partners" are no titles."""
    noun = head(piece)
    return (
        len(noun) > _SHORT_NOUN
        and "," not in piece
        and title_reader.is_role_noun(noun, _index())
        and not company_score(piece)
        and not is_location(piece)
    )


def _after_employer(chosen: str, header_title: str) -> bool:
    """The header reader's title holds the chosen piece after an employer or a place it did not cut off ("Arup
    (Toronto, ON) Structural Engineer") or after a sentence's "as": its rules did not end the title there, the piece
    is the title."""
    at = header_title.casefold().find(chosen.casefold())
    before = header_title[:at].strip(" ,-–—|/") if at > 0 else ""
    if not before or is_title(before):
        return False  # "Software Developer / System Administrator": a title before it (its words may be an employer's)
    if _AS_LEAD.search(before):
        return True  # "Working as HR Executive from": a sentence's lead-in, not part of the title
    bracket = _BRACKET.search(before)
    return _names_organisation(before) or (bracket is not None and _names_organisation(bracket.group(1)))


def newest_title(
    text: str,
    lines: Sequence[HeaderLine],
    date_start: int,
    date_end: int,
    other_dates: Sequence[_Dated],
    header_title: str = "",
    index: OccupationIndex | None = None,
    *,
    stop: int | None = None,
    peers: Sequence[Peer] = (),
) -> str:
    """The title of the job dated at text[date_start:date_end]: the piece the built weights choose, cut as the header
    reader cuts it (`settle`); `header_title` when there is no piece."""
    from skillgap.skills.title_model_schema import built

    found = candidates(text, lines, date_start, date_end, other_dates, header_title, index, stop=stop, peers=peers)
    chosen = best(found, built().weight_vector())
    if chosen is None:
        return header_title
    return given(chosen, header_title)
