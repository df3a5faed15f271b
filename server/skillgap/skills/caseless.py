"""Case-insensitive patterns searched on the lower-cased text: the same matches as `re.IGNORECASE`, faster.

Python's `re` cannot skip ahead in a case-insensitive alternation of words: it tries every branch at every
position, which made a handful of patterns (prompt injection, cue phrases, years wording, the skill names) a
third of a posting's extraction time. Lower-casing the text once and matching a case-sensitive copy of the
pattern lets `re` skip to the positions where a branch can start, two to three times faster.

`re.IGNORECASE` matches two letters when their lower cases are equal, and a few more pairs besides (`_EXTRA`,
from `re`'s own table: "i" and dotless "ı", "s" and long "ſ", Greek and old Cyrillic letter forms). So the
lower-cased search is exact when

- the pattern writes its letters in lower case and uses none of those extra letters but "i" and "s", and
- the text holds no "ı" nor "ſ" (which `re.IGNORECASE` matches to "i" and "s"), nor "İ", the only letter whose
  lower case is two characters (the positions would shift).

A pattern that is not so is always matched with `re.IGNORECASE` (`fast` is False); so is a text that is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from skillgap.datafiles import IGNORECASE_EXTRA

_EXTRA: Final = IGNORECASE_EXTRA
_UNFOLDABLE: Final = re.compile("[\u0130\u0131\u017f]")
# A letter of the pattern in upper case (not an escape such as "\W", nor a named group's "(?P"): it would never
# match the lower-cased text.
_UPPER_LETTER: Final = re.compile(r"(?<!\\)(?<!\(\?)[A-Z]")


def folded(text: str) -> str | None:
    """`text` lower-cased, position for position, when matching it case-sensitively with a lower-case pattern is
    exactly matching `text` case-insensitively; None when `text` holds a letter for which it is not."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last[0] is text:  # the same text's next pattern (a posting is searched by several in a row)
        return last[1]
    lowered = None if _UNFOLDABLE.search(text) is not None else text.lower()
    _last = (text, lowered)
    return lowered


_last: tuple[str, str | None] = ("", "")


def _folds_exactly(pattern: str) -> bool:
    if _UPPER_LETTER.search(pattern):
        return False
    return all(c.isascii() or (c == c.lower() and c not in _EXTRA) for c in pattern)


class Caseless:
    """A pattern matched without regard to case. `search` and `finditer` give positions in the text searched;
    read what matched from that text (`text[m.start():m.end()]`), not from the match, which may hold the
    lower-cased copy."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.exact: Final = re.compile(pattern, flags | re.IGNORECASE)
        self._lower: Final = re.compile(pattern, flags) if _folds_exactly(pattern) else None

    @property
    def fast(self) -> bool:
        """True when texts are matched lower-cased (the pattern allows it)."""
        return self._lower is not None

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        lowered = folded(text) if self._lower is not None else None
        return (self.exact, text) if self._lower is None or lowered is None else (self._lower, lowered)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        pattern, searched = self._pick(text)
        return pattern.search(searched, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        pattern, searched = self._pick(text)
        return pattern.finditer(searched, pos, len(text) if endpos is None else endpos)

    def sub(self, repl: Callable[[re.Match[str]], str], text: str) -> str:
        """`text` with each match replaced, as `re.IGNORECASE`'s `sub` (the replacement reads the text as written).
        Nearly no text holds a match: the fast search decides whether to rewrite at all."""
        return self.exact.sub(repl, text) if self.search(text) is not None else text
