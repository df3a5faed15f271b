"""A text's key as letters and digits only, for comparing names however they are spaced, punctuated and cased."""

from __future__ import annotations

import re

_NOT_A_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def squash(text: str) -> str:
    """`text` casefolded, without spaces, punctuation or marks that are no word characters ("Bären-Crew":
    "bärencrew"; a Thai word loses its vowel signs, on both sides of a comparison alike)."""
    return _NOT_A_LETTER_OR_DIGIT.sub("", text.casefold())
