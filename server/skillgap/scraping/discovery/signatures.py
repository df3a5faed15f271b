"""The ATS signatures the product loads (`data/ats_signatures.json`, built from the YAML) and the detector: which
boards a page's text, or a URL, points to.

Every walk over a page is bounded: the text is cut to MAX_TEXT_CHARS, the URL finder's pattern is linear, the
curated inline patterns have bounded quantifiers (the build checks), and at most MAX_MATCHES candidates are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qs, unquote, urlsplit

from skillgap.scraping.sources import SourceError, make_source

__all__ = ["DEFAULT_PATH", "AtsSignatures", "Finding"]

DEFAULT_PATH: Final = Path(__file__).resolve().parent / "data" / "ats_signatures.json"
FORMAT: Final = 1
MAX_TEXT_CHARS: Final = 2_000_000
MAX_MATCHES: Final = 2_000
"""Candidate URLs and inline configurations read per page; a real careers page has a few dozen."""
MAX_SNIPPET_CHARS: Final = 300
_AROUND: Final = 150
"""How far from a match the snippet looks for the tag around it."""

_HOST_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")
_MAX_HOST_CHARS: Final = 253
# What follows a host in a URL, up to the first character a URL in markup cannot hold.
_REST: Final = re.compile(r"[/?][^\s\"'<>\\`()]{0,600}")
# What pages write instead of "/" and "&" inside scripts and attributes.
_ESCAPES: Final = (("\\/", "/"), ("\\u002F", "/"), ("\\u002f", "/"), ("&amp;", "&"), ("&#x2F;", "/"), ("&#47;", "/"))


@dataclass(frozen=True)
class Finding:
    """A board a page points to: the source (kind, identifier, API base URL or "") and the markup that showed it."""

    kind: str
    identifier: str
    base_url: str
    snippet: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.identifier.casefold(), self.base_url)


@dataclass(frozen=True)
class _PathRule:
    segments: tuple[str, ...]
    """Literal segments (lower-case) and "{identifier}"."""
    query: str
    """The query parameter holding the identifier, or ""."""


@dataclass(frozen=True)
class _HostRule:
    kind: str
    base_url: str
    paths: tuple[_PathRule, ...]
    not_identifiers: frozenset[str]


def _path_rule(pattern: str) -> _PathRule:
    path, _, query = pattern.partition("?")
    segments = tuple(s if s == "{identifier}" else s.lower() for s in path.split("/") if s)
    return _PathRule(segments, query.partition("=")[0])


class AtsSignatures:
    def __init__(self, document: Mapping[str, Any]) -> None:
        if document.get("format") != FORMAT:
            raise ValueError(f"ATS signatures of format {document.get('format')!r}; this server reads {FORMAT}")
        self.version = str(document.get("version", ""))
        self.names: dict[str, str] = {}
        self._exact: dict[str, list[_HostRule]] = {}
        self._labelled: dict[str, list[_HostRule]] = {}  # "{identifier}.workable.com" by "workable.com"
        self._scripts: list[tuple[str, re.Pattern[str], frozenset[str]]] = []
        self._hints: list[tuple[re.Pattern[str], str]] = []
        domains: set[str] = set()
        for board in document["boards"]:
            kind = board["kind"]
            self.names[kind] = board["name"]
            excluded = frozenset(word.casefold() for word in board.get("not_identifiers", ()))
            for link in board["links"]:
                rule = _HostRule(kind, link.get("base_url", ""), tuple(map(_path_rule, link["paths"])), excluded)
                for host in link["hosts"]:
                    if host.startswith("{identifier}."):
                        self._labelled.setdefault(host.removeprefix("{identifier}."), []).append(rule)
                    else:
                        self._exact.setdefault(host, []).append(rule)
                    domains.add(".".join(host.split(".")[-2:]))
            for pattern in board.get("scripts", ()):
                self._scripts.append((kind, re.compile(pattern), excluded))
            for hint in board.get("hints", ()):
                self._hints.append((re.compile(hint["pattern"]), hint["note"]))
        self.careers_link_words: tuple[str, ...] = tuple(document["careers_link_words"])
        self.job_link_words: frozenset[str] = frozenset(document["job_link_words"])
        # The ATSes' registrable domains: a page is searched for these with str.find (a regular expression tried at
        # every position of a 2 MB page took seconds), and each occurrence widened to its URL.
        self._domains: tuple[str, ...] = tuple(sorted(domains))

    @classmethod
    def from_json(cls, text: str) -> AtsSignatures:
        return cls(json.loads(text))

    @classmethod
    def packaged(cls) -> AtsSignatures:
        return _packaged()

    # --- detection ---

    def from_url(self, url: str) -> Finding | None:
        """The board `url` is on or names, if any (the snippet is the URL)."""
        try:
            parts = urlsplit(url.strip())
            host = (parts.hostname or "").lower()
        except ValueError:
            return None
        return self._match(host, parts.path, parts.query, url.strip()[:MAX_SNIPPET_CHARS])

    def find(self, page: str) -> list[Finding]:
        """Every board the page's text points to, in the order it shows them (repeats kept: each is evidence)."""
        text = _unescaped(page[:MAX_TEXT_CHARS])
        found: list[tuple[int, Finding]] = []
        seen: dict[tuple[str, str], Finding | None] = {}  # a URL repeated on the page is matched once
        for start, end, host, rest in self._urls(text):
            if (host, rest) not in seen:
                try:
                    parts = urlsplit("//" + host + rest)
                except ValueError:
                    seen[(host, rest)] = None
                    continue
                seen[(host, rest)] = self._match(host, parts.path, parts.query, "")
            finding = seen[(host, rest)]
            if finding is not None:
                found.append((start, replace(finding, snippet=_snippet(text, start, end))))
        for kind, pattern, excluded in self._scripts:
            for count, match in enumerate(pattern.finditer(text)):
                if count >= MAX_MATCHES:
                    break
                identifier = self._identifier(kind, match.group("identifier"), excluded)
                if identifier:
                    found.append((match.start(), Finding(kind, identifier, "", _snippet(text, *match.span()))))
        return [finding for _, finding in sorted(found, key=lambda item: item[0])]

    def _urls(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, host, path and query) of each URL on one of the ATSes' domains, at most MAX_MATCHES."""
        lowered = text.lower()
        count = 0
        for domain in self._domains:
            at = lowered.find(domain)
            while at != -1 and count < MAX_MATCHES:
                after = at + len(domain)
                start = at
                while start > 0 and at - start < _MAX_HOST_CHARS and lowered[start - 1] in _HOST_CHARS:
                    start -= 1
                if (at == start or lowered[at - 1] == ".") and not (
                    after < len(lowered) and lowered[after] in _HOST_CHARS
                ):
                    rest = _REST.match(text, after)
                    end = rest.end() if rest else after
                    count += 1
                    yield start, end, lowered[start:after].strip(".-"), rest.group() if rest else ""
                at = lowered.find(domain, after)

    def hints(self, page: str) -> list[str]:
        """Notes on what the page shows of an ATS without a board the sources read."""
        text = page[:MAX_TEXT_CHARS]
        notes = []
        for pattern, note in self._hints:
            match = pattern.search(text)
            if match is not None:
                notes.append(note.format(**match.groupdict()))
        return notes

    def _match(self, host: str, path: str, query: str, snippet: str) -> Finding | None:
        host = host.rstrip(".")
        segments = [unquote(s) for s in path.split("/") if s]
        for rule in self._exact.get(host, ()):
            for path_rule in rule.paths:
                identifier = self._fit(path_rule, segments, query, rule.not_identifiers)
                if identifier is not None:
                    checked = self._identifier(rule.kind, identifier, rule.not_identifiers)
                    if checked:
                        return Finding(rule.kind, checked, rule.base_url, snippet)
        label, _, domain = host.partition(".")
        for rule in self._labelled.get(domain, ()):
            if any(self._fit(p, segments, query, frozenset()) is not None for p in rule.paths):
                checked = self._identifier(rule.kind, label, rule.not_identifiers)
                if checked:
                    return Finding(rule.kind, checked, rule.base_url, snippet)
        return None

    @staticmethod
    def _fit(rule: _PathRule, segments: list[str], query: str, excluded: frozenset[str]) -> str | None:
        """The identifier a URL's path and query give under `rule` ("" when the rule takes it from elsewhere), or
        None when the URL does not fit it."""
        if len(segments) < len(rule.segments):
            return None
        identifier = ""
        for want, have in zip(rule.segments, segments, strict=False):
            if want == "{identifier}":
                identifier = have
            elif want != have.lower():
                return None
        if rule.query:
            values = parse_qs(query).get(rule.query, [])
            identifier = values[0] if values else ""
            if not identifier:
                return None
        return identifier

    @staticmethod
    def _identifier(kind: str, value: str, excluded: frozenset[str]) -> str:
        """`value` as the source of `kind` takes it; "" when it is an excluded word or no identifier it takes."""
        value = value.strip()
        if not value or value.casefold() in excluded:
            return ""
        try:
            return make_source(kind, value).identifier
        except SourceError:
            return ""


@cache
def _packaged() -> AtsSignatures:
    return AtsSignatures.from_json(DEFAULT_PATH.read_text(encoding="utf-8"))


def _unescaped(text: str) -> str:
    for escaped, plain in _ESCAPES:
        if escaped in text:
            text = text.replace(escaped, plain)
    return text


def _snippet(text: str, start: int, end: int) -> str:
    """The tag around text[start:end] as the page has it ("<script src=...>"); outside a tag (inline configuration,
    plain text) the text from there on ("leverJobsOptions = {accountName: 'acme', ...")."""
    opening = text.rfind("<", max(0, start - _AROUND), start)
    closing = text.find(">", end, end + _AROUND)
    if opening != -1 and closing != -1 and ">" not in text[opening:start]:
        piece = text[opening : closing + 1]
    else:
        piece = text[start : end + 60]
    return " ".join(piece.split())[:MAX_SNIPPET_CHARS]
