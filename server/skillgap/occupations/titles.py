"""Job titles as words: the one normalisation the build (for the index) and the matcher (for a query) share.

A title becomes lower-case ASCII words with abbreviations spelt out ("Sr. SWE" -> senior software engineer),
plurals made singular ("Systems" -> system) and filler words dropped ("of", "and"). A posting's or a resume's
title also carries things that are not the role: a company ("| Acme"), a place (", Austin, TX"), a work mode
("- Remote", "(Hybrid)"), a level ("II", "Senior"). `variants` cuts such a title into the readings worth
looking up, best first; `core` drops the level words for the fuzzy match.

Everything here is bounded: a title is cut to MAX_CHARS before any regular expression sees it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

__all__ = ["MAX_CHARS", "SENIORITY_WORDS", "TitleVariant", "core", "head", "key", "role_words", "variants", "words"]

# At most this many readings of one title are looked up (a title cut into 40 segments is not a title).
MAX_VARIANTS: Final = 8
# Longer than any real title (O*NET's longest alternate title is about 130 characters); the rest is noise.
MAX_CHARS: Final = 160

# Spelt out on both sides (index and query), so "IT Support Specialist" and "Information Technology Support
# Specialist" are one key. Only abbreviations that mean one thing inside a job title.
ABBREVIATIONS: Final[dict[str, tuple[str, ...]]] = {
    "sr": ("senior",),
    "snr": ("senior",),
    "jr": ("junior",),
    "jnr": ("junior",),
    "swe": ("software", "engineer"),
    "sde": ("software", "development", "engineer"),
    "sre": ("site", "reliability", "engineer"),
    "mgr": ("manager",),
    "mngr": ("manager",),
    "eng": ("engineer",),
    "engr": ("engineer",),
    "dev": ("developer",),
    "admin": ("administrator",),
    "sysadmin": ("system", "administrator"),
    "it": ("information", "technology"),
    "hr": ("human", "resource"),
    "qa": ("quality", "assurance"),
    "ml": ("machine", "learning"),
    "ai": ("artificial", "intelligence"),
    "vp": ("vice", "president"),
    "svp": ("senior", "vice", "president"),
    "evp": ("executive", "vice", "president"),
    "dir": ("director",),
    "asst": ("assistant",),
    "assoc": ("associate",),
    "coord": ("coordinator",),
    "rep": ("representative",),
    "spec": ("specialist",),
    "mgmt": ("management",),
    "ops": ("operation",),
    "rn": ("registered", "nurse"),
    "frontend": ("front", "end"),
    "backend": ("back", "end"),
    "fullstack": ("full", "stack"),
    "programmer/analyst": ("programmer", "analyst"),
}
# Words that say how senior, not what the role is. Kept in exact keys ("Staff Accountant" is an O*NET title),
# dropped for the fuzzy match.
SENIORITY_WORDS: Final = frozenset(
    {
        *("senior", "junior", "lead", "principal", "staff", "associate", "mid", "entry", "level", "experienced"),
        *("i", "ii", "iii", "iv", "v", "vi", "1", "2", "3", "4", "5", "l1", "l2", "l3", "l4", "l5", "l6", "l7"),
        *("trainee", "apprentice", "intern", "graduate", "expert"),
    }
)
# Never part of a role: dropped everywhere.
STOP_WORDS: Final = frozenset({"and", "of", "the", "for", "in", "a", "an", "to", "with", "or", "on", "at", "as"})
# A segment made only of these is a work mode or a contract, not a role ("- Remote", "(Full-Time)").
NOISE_WORDS: Final = frozenset(
    {
        *("remote", "hybrid", "onsite", "site", "on", "office", "home", "based", "work", "from", "wfh", "anywhere"),
        *("full", "part", "time", "fulltime", "parttime", "ft", "pt", "contract", "temporary", "temp", "permanent"),
        *("w2", "c2c", "1099", "m", "f", "d", "w", "x", "h", "k", "mfd", "mwd", "all", "gender", "genders", "urgent"),
        *("hiring", "immediate", "start", "position", "role", "job", "opening", "new", "us", "usa", "uk", "eu"),
        *("emea", "apac", "europe", "america", "north", "south", "latam", "worldwide", "global", "only", "or", "and"),
    }
)
# Words that never take a plural "s" off ("analytics", "sales" stay; "systems" -> system).
_KEEP_S: Final = ("ss", "us", "is", "ics", "ous", "news")

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*")
_PARENS = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
# " - ", " | ", " @ ", " / " ... between spaces, or a bar, a colon or a dash glued to a word.
_SEPARATORS = re.compile(r"\s+[-\u2013\u2014|@/\u00b7\u2022]+\s+|[|:;\u2013\u2014\u00b7\u2022]|\s+at\s+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS])
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return text.replace("&", " and ").replace("'", "").replace(".", " ").replace("_", " ")


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def words(text: str) -> list[str]:
    """The title's words: folded, abbreviations spelt out, singular, filler words dropped; order kept."""
    out: list[str] = []
    for token in _TOKEN.findall(_fold(text).replace("-", " ").replace("/", " ")):
        for word in ABBREVIATIONS.get(token, (token,)):
            word = _singular(word)
            if word not in STOP_WORDS:
                out.append(word)
    return out


def key(tokens: list[str] | tuple[str, ...]) -> str:
    """The exact-lookup key of a title's words: order-free, so "Engineer, Software" is "Software Engineer"."""
    return " ".join(sorted(tokens))


def core(tokens: list[str] | tuple[str, ...]) -> list[str]:
    """The words without the level words ("senior", "ii"); the words themselves when nothing else is left."""
    kept = [t for t in tokens if t not in SENIORITY_WORDS]
    return kept or list(tokens)


def head(text: str) -> str:
    """The role noun: the word before "of" ("Director of Engineering") or else the last word."""
    folded = _TOKEN.findall(_fold(text).replace("-", " "))
    if "of" in folded[1:]:
        folded = folded[: folded.index("of", 1)]
    for token in reversed(folded):
        expanded = ABBREVIATIONS.get(token, (token,))
        word = _singular(expanded[-1])
        if word not in STOP_WORDS and word not in SENIORITY_WORDS:
            return word
    return ""


def role_words(text: str) -> tuple[str, ...]:
    """The title's words with its role noun last: "Director of Engineering" -> ("engineering", "director")."""
    tokens = words(text)
    role = head(text)
    if role in tokens[:-1]:
        at = len(tokens) - 1 - tokens[::-1].index(role)
        tokens = tokens[:at] + tokens[at + 1 :] + [role]
    return tuple(tokens)


@dataclass(frozen=True)
class TitleVariant:
    """One reading of a raw title: its words (role noun last) and how far it is from the title as written."""

    words: tuple[str, ...]
    rank: int  # 0: the whole title; 1: the first segment or a comma inversion; 2+: later segments


def _segments(text: str) -> list[str]:
    parts = [p.strip() for p in _SEPARATORS.split(text)]
    return [p for p in parts if p]


def _is_noise(tokens: list[str]) -> bool:
    return all(t in NOISE_WORDS or t.isdigit() for t in tokens)


def variants(title: str) -> list[TitleVariant]:
    """The readings of a posting's or resume's title worth looking up, best first, without duplicates.

    "Engineer, Software (Backend) - Remote | Acme" gives: "engineer software" (no parentheses, noise segments
    dropped), "software engineer" (the comma inverted), then each segment on its own ("backend" from the
    parentheses last).
    """
    text = title[:MAX_CHARS]
    inside = [m.group(1) for m in _PARENS.finditer(text)]
    bare = _PARENS.sub(" ", text)
    segments = [s for s in _segments(bare) if not _is_noise(words(s))][:MAX_VARIANTS]
    out: list[TitleVariant] = []
    seen: set[tuple[str, ...]] = set()

    def add(raw: str, rank: int) -> None:
        tokens = role_words(raw)
        if tokens and tokens not in seen and not _is_noise(list(tokens)) and len(out) < MAX_VARIANTS:
            seen.add(tokens)
            out.append(TitleVariant(tokens, rank))

    add(" ".join(segments), 0)
    for index, segment in enumerate(segments):
        pieces = [p.strip() for p in segment.split(",") if p.strip()]
        if len(pieces) >= 2:
            # "Engineer, Software" is a Software Engineer; "Software Engineer, Backend" keeps its first piece.
            add(f"{pieces[1]} {pieces[0]}", 1 + index)
            add(pieces[0], 1 + index)
        add(segment, 1 + index)
    for part in inside:
        add(part, 1 + len(segments))
    return out
