"""Phrase skills matched by their meaningful words: "inventory management" finds "managing inventory".

Long skill names (ESCO's "perform financial analysis", a curated "Inventory Management") are rarely written the
way a taxonomy spells them. A phrase key is the stems of the name's meaningful words, in order: function words
("of", "the") and generic verbs ("use", "perform", "carry out") are dropped, the rest lose their inflection and
"-ment" (`stem`): "manage inventory" is "manag inventori", and finds "managing inventory" and "inventory managed".
The words may also come in the other order when the text inflects one of them, or says "of":
"Inventory Management", "managing inventory", "data processing", "analysis of data". Any other order is not that
skill ("team your work" is not "work in teams", "service web" not "web services").

The stemmer is deliberately lighter than Porter or Snowball, which were tried first: they fold "engineer" into
"engineering", "responsible" into "responsive", "distribution" into "distributed" and "decisive" into
"decisions", and then every "Software Engineer" title is the practice Software Engineering. Here only plural,
"-ing", "-ed" and "-ment" go, and a few nouns that end in "-ing" keep it ("engineering", "marketing").

The build (`skillgap.skills.build`) writes keys of two or more words into taxonomy.json; `PhraseIndex` finds them
in text as a window of consecutive words with only skippable words in between, never across punctuation, "and"
or "or" ("data and management" is not "data management"). One-word names are not phrases: a single stem
("account", "market") is far too ambiguous; they are surface forms with the taxonomy's ordinary rules.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from typing import Final

__all__ = ["MAX_WORDS", "PhraseIndex", "phrase_key", "stem"]

# Longer names are hardly ever written out in a posting; their keys would only cost time.
MAX_WORDS: Final = 4

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[a-z]+)?")
# A word (group 1), or a run of what may not stand between the words of one phrase (punctuation, digits, a line
# break). Spaces, tabs and hyphens may, so they are no token.
_TOKEN = re.compile(r"([A-Za-z][A-Za-z0-9]*(?:'[a-z]+)?)|[^A-Za-z \t\-]+")
# Word classes besides a vocabulary stem (`PhraseIndex._classify`); compared by identity.
_SKIPPED: Final = "\x00skipped"
_OUTSIDE: Final = "\x00outside"
_CLASS_CACHE: Final = 200_000

# Dropped from names and skipped inside a window of text: they say nothing about which skill it is.
FUNCTION_WORDS: Final = frozenset(
    "a an the of for in on to with at by from into via per as its their your our own".split()
)
GENERIC_VERBS: Final = frozenset(
    "use uses using used apply applies applying applied perform performs performing performed carry carries "
    "carrying carried out conduct conducts conducting conducted utilise utilize utilising utilizing undertake "
    "undertaking employ employing execute executing others other principles techniques".split()
)
_SKIP: Final = FUNCTION_WORDS | GENERIC_VERBS
# Nouns of a field that end in "-ing": "Software Engineer" is not Software Engineering.
_ING_NOUNS: Final = frozenset(
    "engineering marketing accounting programming computing networking banking manufacturing building housing "
    "clothing spring string thing during bring ring king morning evening nothing something everything anything "
    "ceiling sibling".split()
)
# Irregular or Latin plurals, and verbs whose noun is not "-ment".
_IRREGULAR: Final = {
    "analyses": "analysis",
    "analyse": "analysis",
    "analyze": "analysis",
    "analysing": "analysis",
    "analyzing": "analysis",
    "analysed": "analysis",
    "analyzed": "analysis",
    "diagnoses": "diagnosis",
    "data": "data",
    "media": "media",
    "criteria": "criteria",
    "process": "process",
    "processes": "process",
    "business": "business",
    "businesses": "business",
    "series": "series",
    "news": "news",
}
_VOWELS: Final = frozenset("aeiouy")

_cache: dict[str, str] = {}


def stem(word: str) -> str:
    """The stem of one word, lowercased; cached (the vocabulary of postings is small)."""
    cached = _cache.get(word)
    if cached is None:
        cached = _stem(word.lower())
        if len(_cache) < 200_000:
            _cache[word] = cached
    return cached


def _stem(w: str) -> str:
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w in _ING_NOUNS:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ics")):
        w = w[:-1]
    for suffix in ("ments", "ment", "ing", "ed"):
        root = w[: -len(suffix)]
        if w.endswith(suffix) and len(root) >= 3 and _VOWELS.intersection(root):
            w = root
            if suffix in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "planning" -> "plan"
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]  # "manage" and "managing" -> "manag"
    if w.endswith("y") and len(w) > 3 and w[-2] not in _VOWELS:
        w = w[:-1] + "i"  # "technology" and "technologies" -> "technologi"
    return w


def phrase_key(name: str) -> str | None:
    """The phrase key of a skill name (its meaningful words' stems in order, space-separated), or None when it has
    fewer than two or more than `MAX_WORDS` meaningful words, or holds anything but plain words ("C++", "v2")."""
    name = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()  # "Absorb (learning management systems)"
    if re.fullmatch(r"[A-Za-z][A-Za-z' \-/]*", name) is None or "/" in name:
        return None
    words = [w for w in _WORD.findall(name) if w.lower() not in _SKIP]
    if not 2 <= len(words) <= MAX_WORDS:
        return None
    stems = [stem(w) for w in words]
    if len(set(stems)) < len(stems):
        return None
    return " ".join(stems)


class PhraseIndex:
    """Finds phrase keys in text; `find` yields (start, end, value) for the longest key at each word."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        # Sorted stems -> (stems in order, value): the window is looked up whatever its order, then checked.
        self._keys: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, value in keys.items():
            ordered = tuple(key.split())
            self._keys.setdefault(" ".join(sorted(ordered)), []).append((ordered, value))
        self._vocabulary = frozenset(s for key in keys for s in key.split())
        self._longest = max((len(key.split()) for key in keys), default=0)
        # (first stem, last stem) of some key, in either order: most windows fail this before any sorting.
        self._ends = frozenset((a, b) for key in keys for a in key.split() for b in key.split() if a != b)
        # Word as written -> its stem when a phrase holds it, else `_SKIPPED` or `_OUTSIDE` (bounded; see `find`).
        self._classes: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def find(self, text: str) -> Iterable[tuple[int, int, str]]:
        """One pass of `_TOKEN` over `text`; each word's class comes from a cache, so the common word costs a dict
        lookup. Only chunks of two or more consecutive vocabulary words (skippable words between them allowed) are
        searched for windows: a window holding any other word, or crossing a break, is never a phrase."""
        if not self._keys:
            return
        classes, classify = self._classes, self._classify
        chunk: list[tuple[int, int, str]] = []  # (start, end, stem) of consecutive vocabulary words
        # Ends of words a phrase may not end at: "-ed" joined by a hyphen, a modifier ("peer-reviewed journals").
        modifiers: set[int] = set()
        for match in _TOKEN.finditer(text):
            word = match.group(1)
            # Punctuation, digits and line breaks (no word), "and", "or" and other words end a chunk.
            cls = _OUTSIDE if word is None else classes.get(word) or classify(word)
            if cls is _SKIPPED:
                continue
            if cls is _OUTSIDE:
                if chunk:
                    if len(chunk) > 1:
                        yield from self._in_chunk(text, chunk, modifiers)
                    chunk = []
                continue
            start, end = match.span()
            if word[-2:].lower() == "ed" and _after_hyphened_word(text, start):
                modifiers.add(end)
            chunk.append((start, end, cls))
        if len(chunk) > 1:
            yield from self._in_chunk(text, chunk, modifiers)

    def _classify(self, word: str) -> str:
        lowered = word.lower()
        if lowered in _SKIP:
            cls = _SKIPPED
        elif lowered in ("and", "or"):
            cls = _OUTSIDE
        else:
            stemmed = stem(word)
            cls = stemmed if stemmed in self._vocabulary else _OUTSIDE
        if len(self._classes) < _CLASS_CACHE:
            self._classes[word] = cls
        return cls

    def _in_chunk(
        self, text: str, chunk: list[tuple[int, int, str]], modifiers: set[int]
    ) -> Iterable[tuple[int, int, str]]:
        """The longest phrase at each word of `chunk` (every word a vocabulary word), left to right."""
        keys, ends = self._keys, self._ends
        i = 0
        while i < len(chunk) - 1:
            first = chunk[i][2]
            for n in range(min(self._longest, len(chunk) - i), 1, -1):
                last = chunk[i + n - 1]
                if (first, last[2]) not in ends or last[1] in modifiers:
                    continue
                window = chunk[i : i + n]
                options = keys.get(" ".join(sorted(w[2] for w in window)))
                value = _accept(text, window, options) if options else None
                if value is not None:
                    yield window[0][0], window[-1][1], value
                    i += n
                    break
            else:
                i += 1


def _after_hyphened_word(text: str, start: int) -> bool:
    """The word at `start` follows another word and a hyphen, nothing else ("peer-reviewed", not "5-based")."""
    if start < 2 or text[start - 1] != "-":
        return False
    i = start - 2
    while i >= 0 and text[i] in _ASCII_ALNUM:
        if text[i] in _ASCII_LETTERS:  # a word token (`_TOKEN`) starts with a letter and ends right here
            return True
        i -= 1
    return False


_ASCII_LETTERS: Final = frozenset(string.ascii_letters)
_ASCII_ALNUM: Final = frozenset(string.ascii_letters + string.digits)
_NOMINAL_ENDINGS: Final = ("ment", "ments", "ing", "ings", "ion", "ions", "sis")
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _accept(
    text: str, window: list[tuple[int, int, str]], options: Iterable[tuple[tuple[str, ...], str]]
) -> str | None:
    """The value of the option `window` spells, in order, or reversed as a noun phrase (see the module docstring)."""
    stems = tuple(w[2] for w in window)
    for ordered, value in options:
        if stems == ordered:
            return value
        if len(stems) == 2 and stems == ordered[::-1]:
            first, second = window
            nominal = any(text[w[0] : w[1]].lower().endswith(_NOMINAL_ENDINGS) for w in window)
            if nominal or _OF.fullmatch(text, first[1], second[0]) is not None:
                return value
    return None
