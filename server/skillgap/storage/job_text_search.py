"""Lexical recall: the open jobs that name the words a search names, best first (migration 0011).

SearchJobs recalls by vector similarity; an embedding does not know that "VMware" in a query and "VMware" in a
posting are the same word, so a query naming exact technologies can miss the jobs that name them. This finds
them in PostgreSQL's full-text index of titles (weight A) and descriptions (weight B).

A search is a few terms (a skill's name, a title, a word of the query). Each becomes a tsquery, a phrase when it
has several words ("Active Directory" is 'activ' <-> 'directori'), stemmed for descriptions and as written for
titles (see the migration). A job matches when it names one of the
*distinctive* terms; it is ranked BM25-like: the sum over the terms it names of each term's inverse document
frequency, doubled when the title names it, then (jobs of equal rank) by the cover density (ts_rank_cd) of the terms
that make it a match. Document frequencies come from the statistics
ANALYZE keeps on the column (`pg_stats.most_common_elems`), so they cost no scan (before the first ANALYZE, from
an exact count). A term that many jobs name
("engineer", "AWS" in a tech catalog) adds to the rank of the jobs that also name a distinctive one but does not
make a job a match by itself: matching every job that says "server" would rank half the table to return the same
jobs the vectors find. When every term is that common, a job must name all of them, and when that is still
thousands of jobs ("Python SQL") the lexical recall returns nothing.

Bounded at any catalog size, so that SearchJobs stays within its time at a million jobs: a distinctive term
makes jobs a match only while the distinctive terms, rarest first, name at most MAX_MATCHING_JOBS jobs between them
(estimated; a term beyond that only adds to the rank, like a common one: in a large catalog "Kafka" is named by
thousands of jobs); at most MAX_RANKED_JOBS of the matching jobs are ranked, the most recently posted, when more
match (found through the index without reading the jobs' text); the density that orders jobs of equal rank is
computed for at most `limit` + TIE_ROOM of them. Below those numbers (every catalog of a few thousand jobs) the
order is the exact one. Plus at most MAX_TERMS terms of MAX_TERM_CHARS each, at most `limit` rows, and a time
limit, after which the search returns nothing (the vector recall stands alone) rather than waiting.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import asyncpg

from skillgap.storage.jobs import search_filter_clauses
from skillgap.vectors.filters import JobSearchFilter

log = logging.getLogger(__name__)

MAX_TERMS = 24
MAX_TERM_CHARS = 100
MAX_LIMIT = 1_000
# What one lexical recall may take; beyond it the search goes on with the vectors alone.
STATEMENT_TIMEOUT_MS = 400
# A lexeme that more than this share of the jobs contain does not make a job a match alone (module doc).
COMMON_SHARE = 0.03
# ...and more than this many jobs (in a small catalog every word is in a large share of it).
MIN_COMMON_JOBS = 50
# The distinctive terms, rarest first, make jobs a match while they name at most this many jobs between them
# (estimated): finding a match through the index costs a few microseconds, so this bounds that part of the cost.
MAX_MATCHING_JOBS = 5_000
# At most this many matching jobs are ranked (the newest, when more match): ranking reads each one's text vector
# (~10 microseconds a job on the development machine). 500 rather than 1,000: at 100k jobs SearchJobs by resume
# p95 went from 53-66 to 47-51 ms (bench_search), the real evaluations (eval_ranking_real, eval_lexical_recall)
# print the same, and 9 of 10 first pages at 100k were the same (the tenth: one job of 20 differed).
MAX_RANKED_JOBS = 500
# The density that orders jobs of equal rank (~0.1 ms a job) is computed for the first `limit` + this many.
TIE_ROOM = 50
# When every term is common, a job must name all of them; when even that (estimated as if the terms were
# independent) is this many jobs or more, there is nothing distinctive to recall by and the search is skipped.
MAX_RANKED_ROWS = 5_000
# Lexemes rarer than the least frequent one the statistics keep are taken as this share of it.
UNLISTED_SHARE_FACTOR = 0.5
STATISTICS_TTL_SECONDS = 300.0
# Terms parsed into tsqueries, kept for the next search (a resume's terms recur on every search and page).
PARSED_TERMS_KEPT = 10_000

_LEXEME = re.compile(r"'((?:[^']|'')*)'")
_NEWEST = "coalesce(j.post_time, '-infinity'::timestamptz)"


@dataclass(frozen=True)
class SearchTerm:
    """`text` as a user wrote it; `phrase`: its words must stand together, in order (a skill's name), else
    they only must all occur (a job title: "Senior Systems Administrator" finds "Systems Administrator, Senior")."""

    text: str
    phrase: bool = True


@dataclass(frozen=True)
class _Parsed:
    query: str  # tsquery text: the term in the description (stemmed) or in the title (as written)
    title_query: str  # the term in the title (weight A)
    # The same words without order or weight: a query the index answers exactly, without reading a job's text
    # (a phrase or a weight needs the text), found by it in every job `query` finds.
    loose_query: str
    lexemes: tuple[str, ...]  # of the stemmed form, or of the title form when it has none


@dataclass(frozen=True)
class _Term:
    query: str
    title_query: str
    loose_query: str
    share: float  # estimated share of jobs that name it
    weight: float  # its inverse document frequency


class JobTextSearch:
    def __init__(self, pool: asyncpg.Pool, *, timeout_ms: int = STATEMENT_TIMEOUT_MS) -> None:
        self._pool = pool
        self._timeout_ms = timeout_ms
        self._shares: dict[str, float] = {}
        self._least_share = 0.0
        self._rows = 0.0
        self._shares_time = -STATISTICS_TTL_SECONDS
        self._parsed: dict[tuple[str, bool], _Parsed | None] = {}

    async def best_jobs(
        self,
        terms: Sequence[SearchTerm],
        where: JobSearchFilter,
        *,
        limit: int,
        on_sent: Callable[[], None] | None = None,
    ) -> list[str]:
        """Up to `limit` ids of open jobs passing `where` that name the terms, best first; empty when no term
        has a searchable word, or when the query ran out of time. `on_sent` is called when the ranking query
        is about to go to PostgreSQL (its last round trip), so a caller can start other work meanwhile."""
        limit = min(limit, MAX_LIMIT)
        wanted = _bounded(terms)
        if limit <= 0 or not wanted:
            return []
        deadline = time.monotonic() + self._timeout_ms / 1000
        async with self._pool.acquire() as conn:
            try:
                parsed = await self._parse(conn, wanted, deadline)
                if not parsed:
                    return []
                return await self._search(conn, parsed, where, limit, deadline, on_sent)
            except (asyncpg.QueryCanceledError, TimeoutError):
                log.warning(
                    "lexical job recall took over %d ms and was abandoned (%d terms)", self._timeout_ms, len(wanted)
                )
                return []

    async def _parse(self, conn: asyncpg.Connection, terms: Sequence[SearchTerm], deadline: float) -> list[_Term]:
        unknown = [t for t in terms if (t.text, t.phrase) not in self._parsed]
        if unknown:
            rows = await conn.fetch(
                """SELECT CASE WHEN t.phrase THEN phraseto_tsquery('english', n.body)
                               ELSE plainto_tsquery('english', n.body) END::text AS text_query,
                          CASE WHEN t.phrase THEN phraseto_tsquery('simple', n.body)
                               ELSE plainto_tsquery('simple', n.body) END::text AS title_query
                   FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS t(body, phrase, position),
                        LATERAL (SELECT job_search_text(t.body) AS body) AS n
                   ORDER BY t.position""",
                [t.text for t in unknown],
                [t.phrase for t in unknown],
                timeout=_left(deadline),
            )
            if len(self._parsed) + len(unknown) > PARSED_TERMS_KEPT:
                self._parsed.clear()
            for term, row in zip(unknown, rows, strict=True):
                self._parsed[(term.text, term.phrase)] = _parsed(row["text_query"], row["title_query"])
        queries: dict[str, _Parsed] = {}
        for term in terms:
            found = self._parsed[(term.text, term.phrase)]
            if found is not None:
                queries.setdefault(found.query, found)
        if not queries:
            return []
        shares = await self._shares_of(conn, [(q.query, list(q.lexemes)) for q in queries.values()], deadline)
        return [
            _Term(query=q.query, title_query=q.title_query, loose_query=q.loose_query, share=share, weight=_idf(share))
            for q, share in zip(queries.values(), shares, strict=True)
        ]

    async def _shares_of(
        self, conn: asyncpg.Connection, queries: Sequence[tuple[str, list[str]]], deadline: float
    ) -> list[float]:
        """The share of open jobs each query matches: estimated from the column's statistics, counted exactly
        when there are none yet (a new or small table: ANALYZE has not run)."""
        await self._refresh_statistics(conn, deadline)
        if self._shares:
            unlisted = self._least_share * UNLISTED_SHARE_FACTOR
            # An upper bound for a phrase: the share of its rarest word.
            return [min(self._shares.get(lexeme, unlisted) for lexeme in lexemes) for _, lexemes in queries]
        row = await conn.fetchrow(
            """SELECT (SELECT count(*) FROM jobs WHERE state = 'open') AS total,
                      array(SELECT (SELECT count(*) FROM jobs WHERE state = 'open' AND search_text @@ q.query::tsquery)
                            FROM unnest($1::text[]) WITH ORDINALITY AS q(query, position) ORDER BY q.position)
                      AS matched""",
            [query for query, _ in queries],
            timeout=_left(deadline),
        )
        assert row is not None
        self._rows = float(row["total"])
        return [count / max(self._rows, 1.0) for count in row["matched"]]

    async def _refresh_statistics(self, conn: asyncpg.Connection, deadline: float) -> None:
        now = time.monotonic()
        if now - self._shares_time < STATISTICS_TTL_SECONDS:
            return
        row = await conn.fetchrow(
            """SELECT s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS shares,
                      c.reltuples AS total
               FROM pg_stats AS s JOIN pg_class AS c ON c.oid = 'jobs'::regclass
               WHERE s.schemaname = current_schema() AND s.tablename = 'jobs' AND s.attname = 'search_text'""",
            timeout=_left(deadline),
        )
        self._shares_time = now
        if row is None or row["lexemes"] is None or row["shares"] is None:
            self._shares, self._least_share = {}, 0.0
            return
        lexemes: list[str] = row["lexemes"]
        shares: list[float] = row["shares"]
        # The array of shares ends with the minimum, maximum and the share of null rows.
        self._shares = dict(zip(lexemes, shares[: len(lexemes)], strict=True))
        self._least_share = min(self._shares.values(), default=0.0)
        self._rows = max(float(row["total"]), 0.0)

    def _common(self, term: _Term) -> bool:
        return term.share > COMMON_SHARE and term.share * self._rows > MIN_COMMON_JOBS

    def _matching(self, terms: Sequence[_Term]) -> list[_Term]:
        """The distinctive terms that make a job a match: rarest first, while they name at most MAX_MATCHING_JOBS
        jobs between them (all of them in any catalog of up to that many jobs)."""
        chosen: list[_Term] = []
        named = 0.0
        for term in sorted((t for t in terms if not self._common(t)), key=lambda t: t.share):
            named += term.share * self._rows
            if named > MAX_MATCHING_JOBS:
                break
            chosen.append(term)
        return [t for t in terms if t in chosen]  # in the search's order, as the query reads them

    async def _search(
        self,
        conn: asyncpg.Connection,
        terms: Sequence[_Term],
        where: JobSearchFilter,
        limit: int,
        deadline: float,
        on_sent: Callable[[], None] | None,
    ) -> list[str]:
        args: list[object] = []

        def arg(value: object) -> str:
            args.append(value)
            return f"${len(args)}"

        matching = self._matching(terms)
        if not matching and math.prod(t.share for t in terms) * self._rows > MAX_RANKED_ROWS:
            return []  # "Python SQL": thousands of jobs name both, the vectors recall among them as well
        joiner = " | " if matching else " & "
        exact = joiner.join(f"({t.query})" for t in matching or terms)
        loose = joiner.join(f"({t.loose_query})" for t in matching or terms)
        loose_arg = arg(loose)
        exact_arg = arg(exact)
        # The density of the terms that make a job a match: of all the terms, it costs five times as much (its
        # cost grows with the terms, and the common ones stand everywhere in a posting) and tells little more.
        density_arg = arg(" | ".join(f"({t.query})" for t in matching or terms))
        # The terms inline, each query a parameter of type tsquery: parsed once per search, not once per row
        # and term (as casts of text elements were).
        # The title is asked about only when the term is in the job at all: most terms are not in a given job.
        named = " + ".join(
            f"(CASE WHEN NOT m.body @@ {arg(t.query)}::tsquery THEN 0 "
            f"WHEN m.body @@ {arg(t.title_query)}::tsquery THEN 2 * {arg(t.weight)}::float8 "
            f"ELSE {arg(t.weight)}::float8 END)"
            for t in terms
        )
        # The partial index holds open jobs only: an include_closed search finds closed jobs by vector.
        filters = [c for c in search_filter_clauses(where, arg) if c != "state = 'open'"]
        ranked_arg = arg(MAX_RANKED_JOBS)
        limit_arg = arg(limit)
        room_arg = arg(TIE_ROOM)
        # 1. The matching jobs, found by the index alone (the loose query needs no job's text; OFFSET 0 keeps the
        #    planner from walking the newest-first index and reading texts instead), then the filters, checked on
        #    the rows that scan read (OFFSET 0 keeps them out of the scan, where the planner would intersect the
        #    text index with the filters' own: at 100k jobs, with a skill most jobs require and the posting-time
        #    index, 19 ms instead of 3; a lookup by id per matching job cost 10 ms), and of those the newest
        #    MAX_RANKED_JOBS. The required-skill filter reads the ids kept in the row (migration 0016): checked in
        #    the skills document, fetched out of line and decompressed, it cost ~12 microseconds a job.
        # 2. Their rank: whether they name an exact term (a phrase, a title), and the sum over the terms they
        #    name, reading each job's text vector once, decompressed (`|| ''` is the identity; OFFSET 0 keeps the
        #    planner from merging the subquery back and reading it once per term).
        # 3. The density, the costly part (~0.1 ms a job), only to order jobs of equal rank, and only for those
        #    whose rank reaches the limit-th best among the first `limit` + TIE_ROOM by (rank, id): no other job
        #    can be among the first `limit`; when more jobs tie at the cut than there is room for, those with the
        #    smallest ids are kept.
        scanned = f"FROM jobs AS j WHERE j.state = 'open' AND j.search_text @@ {loose_arg}::tsquery"
        found = f"SELECT j.job_id, {_NEWEST} AS newest {scanned}"
        if filters:
            # j.*: the clauses name columns of `jobs`; PostgreSQL passes on only the columns they read.
            found = f"""SELECT job_id, newest FROM (SELECT j.*, {_NEWEST} AS newest {scanned} OFFSET 0) AS named
                    WHERE {" AND ".join(filters)}"""
        sql = f"""
            WITH candidates AS MATERIALIZED (
                SELECT job_id FROM ({found} OFFSET 0) AS hits
                ORDER BY newest DESC, job_id DESC
                LIMIT {ranked_arg}::int
            ), matched AS MATERIALIZED (
                SELECT job_id, named FROM (
                    SELECT job_id, m.body @@ {exact_arg}::tsquery AS matches, {named} AS named
                    FROM (
                        SELECT c.job_id, j.search_text || ''::tsvector AS body
                        FROM candidates AS c JOIN jobs AS j USING (job_id)
                        OFFSET 0
                    ) AS m
                ) AS ranked
                WHERE matches
            ), top AS MATERIALIZED (
                SELECT job_id, named FROM matched ORDER BY named DESC, job_id LIMIT {limit_arg}::int + {room_arg}::int
            ), cut AS (
                SELECT named FROM top ORDER BY named DESC LIMIT 1 OFFSET {limit_arg} - 1
            )
            SELECT job_id FROM (
                SELECT top.job_id, top.named, count(*) OVER (PARTITION BY top.named) AS tied
                FROM top
                WHERE top.named >= coalesce((SELECT named FROM cut), '-Infinity'::float8)
            ) AS kept JOIN jobs AS j USING (job_id)
            ORDER BY kept.named DESC,
                     CASE WHEN kept.tied > 1 THEN ts_rank_cd(j.search_text, {density_arg}::tsquery, 1) END DESC,
                     kept.job_id
            LIMIT {limit_arg}"""
        if on_sent is not None:
            on_sent()
        rows = await conn.fetch(sql, *args, timeout=_left(deadline))
        return [str(row["job_id"]) for row in rows]


def _parsed(text_query: str, title_query: str) -> _Parsed | None:
    """A term's queries from its parsed forms; None when neither has a searchable word (stop words only)."""
    # 'activ' <-> 'directori' in the title (weight A, not stemmed): 'active':A <-> 'directory':A
    weighted = _LEXEME.sub(lambda m: m.group(0) + ":A", title_query)
    either = " | ".join(f"({q})" for q in (text_query, weighted) if q)
    if not either:
        return None
    loose = " | ".join(
        dict.fromkeys(
            f"({' & '.join(m.group(0) for m in _LEXEME.finditer(q))})" for q in (text_query, title_query) if q
        )
    )
    lexemes = tuple(m.group(1).replace("''", "'") for m in _LEXEME.finditer(text_query or title_query))
    return _Parsed(query=either, title_query=weighted or either, loose_query=loose, lexemes=lexemes)


def _left(deadline: float) -> float:
    """Seconds left of a search's time (asyncpg cancels the query in PostgreSQL when they run out)."""
    return max(deadline - time.monotonic(), 0.001)


def _bounded(terms: Sequence[SearchTerm]) -> list[SearchTerm]:
    kept: dict[tuple[str, bool], SearchTerm] = {}
    for term in terms:
        text = " ".join(term.text.replace("\x00", " ").split())[:MAX_TERM_CHARS]
        if text and (text.casefold(), term.phrase) not in kept:
            kept[(text.casefold(), term.phrase)] = SearchTerm(text, term.phrase)
        if len(kept) == MAX_TERMS:
            break
    return list(kept.values())


def _idf(share: float) -> float:
    """BM25's inverse document frequency for a term a `share` of the jobs name."""
    share = min(max(share, 1e-6), 1.0)
    return math.log(1 + (1 - share) / share)
