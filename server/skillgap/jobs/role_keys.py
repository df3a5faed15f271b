"""Role keys: what makes two postings on different boards the same role when their texts differ.

A board copy of a posting is often rewritten (shortened, re-formatted, "Acme Inc." for "Acme", "(Remote)" added to
the title), so neither its URL nor its content fingerprint matches the company's own posting. The role is still
recognisable: the same company, the same title and the same place. A key is
``company | title | place`` for each of the posting's places:

- company: the company name's words casefolded, without a leading "The" and without trailing legal forms and
  site-name words ("Acme Inc.", "Acme GmbH", "Acme Careers" and "Acme" are all "acme"); those words are data,
  `data/company_words.yaml` (built by `python -m skillgap.jobs.build`);
- title: its words casefolded, without gender markers such as "(m/w/d)", and without the words that only restate
  the place ("Remote", "Hybrid", the posting's own city);
- place: "remote" for a remote role (its region is written too many ways), else each location's first part (the
  city), casefolded; "" when the posting names none.

A posting without a company or a title has no keys (nothing safe to compare).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from skillgap.jobs.company_words_schema import built as company_words

_WORD = re.compile(r"\w+")
# "(m/w/d)", "(f/m/x)", "[m/f/d]": single letters separated by slashes, in brackets.
GENDER_MARKER = re.compile(r"[(\[]\s*\w\s*(?:/\s*\w\s*)+[)\]]")
# Words that name the workplace type (jobs.service.WORKPLACE_TYPES) rather than the role.
_WORKPLACE_WORDS = frozenset({"remote", "hybrid", "onsite"})


@dataclass(frozen=True)
class _CompanyWords:
    """The words of `data/company_words.json` (built from `data/company_words.yaml`, whose header says what each
    list is for)."""

    leading: frozenset[str]
    # Trailing words that say what kind of entity or site a company name is, not which company.
    not_the_company: frozenset[str]


@cache
def _company_words() -> _CompanyWords:
    words = company_words()
    return _CompanyWords(frozenset(words.leading), frozenset(words.legal_forms) | frozenset(words.site_words))


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold().replace("_", " "))


def place_keys(locations: Sequence[str], workplace_type: str) -> tuple[str, ...]:
    """The places a role is in, as role keys write them (see the module docstring)."""
    if workplace_type == "remote":
        return ("remote",)
    places = [" ".join(_words(location.split(",", 1)[0])) for location in locations]
    places = [place for place in places if place and place != "remote"]
    return tuple(dict.fromkeys(places)) or ("",)


def role_keys(company: str, title: str, locations: Sequence[str], workplace_type: str) -> tuple[str, ...]:
    """The role's keys, one per place; empty without a company or a title."""
    known = _company_words()
    company_words = _words(company)
    if len(company_words) > 1 and company_words[0] in known.leading:
        company_words = company_words[1:]
    while len(company_words) > 1 and company_words[-1] in known.not_the_company:
        company_words.pop()
    places = place_keys(locations, workplace_type)
    place_words = {word for place in places for word in place.split()}
    title_words = [
        word
        for word in _words(GENDER_MARKER.sub(" ", title))
        if word not in _WORKPLACE_WORDS and word not in place_words
    ]
    if not company_words or not title_words:
        return ()
    role = f"{' '.join(company_words)}|{' '.join(title_words)}"
    return tuple(f"{role}|{place}" for place in places)
