"""Keyword-stuffed blocks of a posting: text written for search engines, not for candidates (issue 17).

Job boards and careers pages append SEO lists ("Related searches: social services, java, all, graphic, mba,
..."), tag clouds and "popular searches" to a posting. Their words are not requirements: a marketing job must
not match a Java developer because its footer lists "java". A block is stuffed when

- a line opens with a label such as "Related searches", "Keywords", "Tags", "Popular searches", "Similar
  jobs" (the label's line and the list lines right after it), or
- a line is a long list (at least MIN_ITEMS items split by commas, pipes or bullets) of short items (at most
  MAX_ITEM_WORDS words each) with no sentence in it, in which fewer than SKILL_SHARE of the items name a skill,
  and which has a search-engine word among its items ("all", "jobs", "near me", "hiring") or is very long
  (LONG_LIST items): a real skills list ("Python, Go, Kubernetes, Terraform, ...") is mostly skills, and a
  requirements list in prose ("machine learning, advanced statistics, algebra, ...") has no filler words.

`stuffed_spans(text, skill_spans)` returns the character spans of such blocks; the extraction leaves out the
mentions inside them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_ITEMS = 10
MAX_ITEM_WORDS = 4
SKILL_SHARE = 0.5
LONG_LIST = 25
_FILLER = frozenset(
    {"all", "jobs", "job", "careers", "career", "hiring", "now", "apply", "remote", "online", "search", "more",
     "other", "others", "near me", "jobs near me", "full time", "part time", "entry level", "no experience",
     "work from home", "salary"}
)  # fmt: skip

_LABEL = re.compile(
    r"^\s*(?:related|popular|trending|recent|similar|top)?\s*(?:searches|search terms|keywords|key words|tags|"
    r"job tags|similar jobs|related jobs|people also search(?:ed)? for)\s*[:\-–]",
    re.IGNORECASE,
)
_MARKS = ",|•·;/"
_SPLIT = re.compile(r"\s*(?:,|\||•|·|;|/)\s*")  # at each of `_MARKS`
_LINE = re.compile(r"[^\n]+")


def stuffed_spans(text: str, skill_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans (start, end) of the keyword-stuffed blocks of `text`; `skill_spans` are the skill mentions found in
    it (to tell a skills list from a stuffed one)."""
    spans: list[tuple[int, int]] = []
    labelled = False
    for line in _LINE.finditer(text):
        body = line.group(0)
        if _LABEL.match(body):
            spans.append((line.start(), line.end()))
            labelled = True
            continue
        # A line has at most one item more than separators: most lines have too few to be a list, and are not cut.
        if sum(body.count(mark) for mark in _MARKS) + 1 < (3 if labelled else MIN_ITEMS):
            labelled = False
            continue
        items = [item for item in _SPLIT.split(body.strip(" .\t")) if item.strip()]
        if labelled and len(items) >= 3 and _is_list(items):
            spans.append((line.start(), line.end()))  # the labelled list goes on over more lines
            continue
        labelled = False
        if (
            len(items) >= MIN_ITEMS
            and _is_list(items)
            and (len(items) >= LONG_LIST or any(item.strip().lower() in _FILLER for item in items))
            and _skill_share(line.start(), line.end(), items, skill_spans) < SKILL_SHARE
        ):
            spans.append((line.start(), line.end()))
    return spans


def inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _is_list(items: Sequence[str]) -> bool:
    """Short items with no sentence among them."""
    return all(len(item.split()) <= MAX_ITEM_WORDS for item in items)


def _skill_share(start: int, end: int, items: Sequence[str], skill_spans: Sequence[tuple[int, int]]) -> float:
    mentions = sum(1 for a, b in skill_spans if start <= a and b <= end)
    return min(1.0, mentions / len(items))
