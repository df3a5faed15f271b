"""Whether a job page says its posting is gone, although the page itself still answers 200.

Two signs, each the page's own: its schema.org JobPosting's `validThrough` is in the past (Google's job-posting
guidelines ask sites to set it, or to remove the JSON-LD, once a job expires), or the page says so in words where
ATSes and boards say it ("No longer accepting applications", "The job you are looking for is no longer open",
"This position has been filled": the words are data, `scraping/data/closed_words.yaml`, built by
`python -m skillgap.scraping.closed_build`). The words are looked for in the page's visible text outside the posting's
description, so a description that mentions something "no longer available" does not close its own job.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any, Final

from skillgap.jobs.normalize import parse_time
from skillgap.scraping.closed_words_schema import ClosedWordsFile

# How much of the page's visible text (outside scripts and the description) is read for a closing notice.
MAX_NOTICE_CHARS = 20_000

DATA_PACKAGE: Final = "skillgap.scraping"
DATA_FILE: Final = "data/closed_words.json"


def _alternatives(phrases: tuple[str, ...]) -> str:
    # A space in a phrase is any run of white space in the page.
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)


@cache
def _closed_words() -> re.Pattern[str]:
    """The grammar of a closing notice here, its words from `data/closed_words.json` (built from
    `data/closed_words.yaml`, whose header says what each list is for)."""
    raw = resources.files(DATA_PACKAGE).joinpath(*DATA_FILE.split("/")).read_bytes()
    words = ClosedWordsFile.model_validate_json(raw)
    return re.compile(
        rf"\b(?:{_alternatives(words.notices)})\b"
        rf"|\b(?:{_alternatives(words.subjects)})\s+(?:{_alternatives(words.nouns)})(?:\s+[\w']+){{0,5}}?\s+"
        rf"(?:{_alternatives(words.verbs)})\s+(?:{_alternatives(words.states)})\b",
        re.IGNORECASE,
    )


def expired_notice(valid_through: object, now: datetime | None = None) -> str:
    """Why the posting is gone when its JSON-LD `validThrough` has passed; empty otherwise (or unreadable)."""
    moment = parse_time(valid_through)
    if moment is None or moment >= (now or datetime.now(UTC)):
        return ""
    return f"the posting's validThrough date ({moment.date().isoformat()}) has passed"


def closing_words(root: Any, description: str = "") -> str:
    """The page's own words that the posting is closed, quoted; empty when it says nothing of the kind."""
    if root is None:
        return ""
    try:
        pieces = root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    except Exception:  # an odd tree lxml cannot walk: no notice rather than a failed page
        return ""
    text = " ".join(" ".join(str(piece).split()) for piece in pieces if str(piece).strip())
    found = _closed_words().search(text[:MAX_NOTICE_CHARS])
    if found is None or found.group(0).casefold() in description.casefold():
        return ""
    return f"the page says {found.group(0)!r}"
