"""Lexical recall: the open jobs that name the words a search names, best first (migration 0011).

SearchJobs recalls by vector similarity; an embedding does not know that "VMware" in a query and "VMware" in a
posting are the same word, so a query naming exact technologies can miss the jobs that name them. This finds
them in PostgreSQL's full-text index of titles (weight A) and descriptions (weight B).

A search is a few terms (a skill's name, a title, a word of the query). Each becomes a tsquery, a phrase when it
has several words ("Active Directory" is 'activ' <-> 'directori'), stemmed for descriptions and as written for
titles (see the migration). A job matches when it names one of the
*distinctive* terms; it is ranked BM25-like: the sum over the terms it names of each term's inverse document
frequency, doubled when the title names it, then by ts_rank_cd. Document frequencies come from the statistics
ANALYZE keeps on the column (`pg_stats.most_common_elems`), so they cost no scan (before the first ANALYZE, from
an exact count). A term that many jobs name
("engineer", "AWS" in a tech catalog) adds to the rank of the jobs that also name a distinctive one but does not
make a job a match by itself: matching every job that says "server" would rank half the table to return the same
jobs the vectors find. When every term is that common, a job must name all of them, and when that is still
thousands of jobs ("Python SQL") the lexical recall returns nothing.

Bounded: at most MAX_TERMS terms of MAX_TERM_CHARS each, at most `limit` rows, and a statement timeout, after
which the search returns nothing (the vector recall stands alone) rather than waiting.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

import asyncpg

from skillgap.storage.jobs import search_filter_clauses
from skillgap.vectors.filters import JobSearchFilter

log = logging.getLogger(__name__)

MAX_TERMS = 24
MAX_TERM_CHARS = 100
MAX_LIMIT = 1_000
# What one lexical recall may cost the database; beyond it the search goes on with the vectors alone.
STATEMENT_TIMEOUT_MS = 400
# A lexeme that more than this share of the jobs contain does not make a job a match alone (module doc).
COMMON_SHARE = 0.03
# ...and more than this many jobs (in a small catalog every word is in a large share of it).
MIN_COMMON_JOBS = 50
# When every term is common, a job must name all of them; when even that (estimated as if the terms were
# independent) is this many jobs or more, there is nothing distinctive to recall by and the search is skipped.
MAX_RANKED_ROWS = 5_000
# Lexemes rarer than the least frequent one the statistics keep are taken as this share of it.
UNLISTED_SHARE_FACTOR = 0.5
STATISTICS_TTL_SECONDS = 300.0

_LEXEME = re.compile(r"'((?:[^']|'')*)'")


@dataclass(frozen=True)
class SearchTerm:
    """`text` as a user wrote it; `phrase`: its words must stand together, in order (a skill's name), else
    they only must all occur (a job title: "Senior Systems Administrator" finds "Systems Administrator, Senior")."""

    text: str
    phrase: bool = True


@dataclass(frozen=True)
class _Term:
    query: str  # tsquery text: the term in the description (stemmed) or in the title (as written)
    title_query: str  # the term in the title (weight A)
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

    async def best_jobs(self, terms: Sequence[SearchTerm], where: JobSearchFilter, *, limit: int) -> list[str]:
        """Up to `limit` ids of open jobs passing `where` that name the terms, best first; empty when no term
        has a searchable word, or when the query ran out of time."""
        limit = min(limit, MAX_LIMIT)
        wanted = _bounded(terms)
        if limit <= 0 or not wanted:
            return []
        try:
            async with self._pool.acquire() as conn, conn.transaction(readonly=True):
                # SET LOCAL takes no parameters; the value is an int of ours.
                await conn.execute(f"SET LOCAL statement_timeout = {int(self._timeout_ms)}")
                parsed = await self._parse(conn, wanted)
                if not parsed:
                    return []
                return await self._search(conn, parsed, where, limit)
        except asyncpg.QueryCanceledError:
            log.warning(
                "lexical job recall took over %d ms and was abandoned (%d terms)", self._timeout_ms, len(wanted)
            )
            return []

    async def _parse(self, conn: asyncpg.Connection, terms: Sequence[SearchTerm]) -> list[_Term]:
        rows = await conn.fetch(
            """SELECT CASE WHEN t.phrase THEN phraseto_tsquery('english', n.body)
                           ELSE plainto_tsquery('english', n.body) END::text AS text_query,
                      CASE WHEN t.phrase THEN phraseto_tsquery('simple', n.body)
                           ELSE plainto_tsquery('simple', n.body) END::text AS title_query
               FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS t(body, phrase, position),
                    LATERAL (SELECT job_search_text(t.body) AS body) AS n
               ORDER BY t.position""",
            [t.text for t in terms],
            [t.phrase for t in terms],
        )
        queries: dict[str, tuple[str, str, list[str]]] = {}
        for row in rows:
            text_query: str = row["text_query"]
            # 'activ' <-> 'directori' in the title (weight A, not stemmed): 'active':A <-> 'directory':A
            title_query = _LEXEME.sub(lambda m: m.group(0) + ":A", row["title_query"])
            either = " | ".join(f"({q})" for q in (text_query, title_query) if q)
            if either and either not in queries:
                lexemes = [m.group(1).replace("''", "'") for m in _LEXEME.finditer(text_query or title_query)]
                queries[either] = (title_query or either, either, lexemes)
        if not queries:
            return []
        shares = await self._shares_of(conn, [(either, lexemes) for either, (_, _, lexemes) in queries.items()])
        return [
            _Term(query=either, title_query=title, share=share, weight=_idf(share))
            for (either, (title, _, _)), share in zip(queries.items(), shares, strict=True)
        ]

    async def _shares_of(self, conn: asyncpg.Connection, queries: Sequence[tuple[str, list[str]]]) -> list[float]:
        """The share of open jobs each query matches: estimated from the column's statistics, counted exactly
        when there are none yet (a new or small table: ANALYZE has not run)."""
        await self._refresh_statistics(conn)
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
        )
        assert row is not None
        self._rows = float(row["total"])
        return [count / max(self._rows, 1.0) for count in row["matched"]]

    async def _refresh_statistics(self, conn: asyncpg.Connection) -> None:
        now = time.monotonic()
        if now - self._shares_time < STATISTICS_TTL_SECONDS:
            return
        row = await conn.fetchrow(
            """SELECT s.most_common_elems::text::text[] AS lexemes, s.most_common_elem_freqs AS shares,
                      c.reltuples AS total
               FROM pg_stats AS s JOIN pg_class AS c ON c.oid = 'jobs'::regclass
               WHERE s.schemaname = current_schema() AND s.tablename = 'jobs' AND s.attname = 'search_text'"""
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

    async def _search(
        self, conn: asyncpg.Connection, terms: Sequence[_Term], where: JobSearchFilter, limit: int
    ) -> list[str]:
        args: list[object] = []

        def arg(value: object) -> str:
            args.append(value)
            return f"${len(args)}"

        distinctive = [t for t in terms if not self._common(t)]
        if not distinctive and math.prod(t.share for t in terms) * self._rows > MAX_RANKED_ROWS:
            return []  # "Python SQL": thousands of jobs name both, the vectors recall among them as well
        joiner = " | " if distinctive else " & "
        matching = joiner.join(f"({t.query})" for t in distinctive or terms)
        everything = " | ".join(f"({t.query})" for t in terms)
        match_arg = arg(matching)
        all_arg = arg(everything)
        # The terms inline, each query a parameter of type tsquery: parsed once per search, not once per row
        # and term (as casts of text elements were); the same sum, in the same order.
        named = " + ".join(
            f"(CASE WHEN m.body @@ {arg(t.title_query)}::tsquery THEN 2 * {arg(t.weight)}::float8 "
            f"WHEN m.body @@ {arg(t.query)}::tsquery THEN {arg(t.weight)}::float8 ELSE 0 END)"
            for t in terms
        )
        # The partial index holds open jobs only: an include_closed search finds closed jobs by vector.
        clauses = ["state = 'open'", f"search_text @@ {match_arg}::tsquery"]
        clauses += [c for c in search_filter_clauses(where, arg) if c != "state = 'open'"]
        limit_arg = arg(limit)
        # Ranked in two steps with the same result as ordering every match by (named, density, id): `named` for
        # every matching job, reading its text vector (decompressed) once (`|| ''` is the identity; OFFSET 0 keeps
        # the planner from merging the subquery back and reading it once per term); then the density, the costly
        # part (~0.1 ms a job), only for the jobs whose `named` reaches the limit-th best, as no other job can
        # be among the first `limit`.
        sql = f"""
            WITH matched AS MATERIALIZED (
                SELECT job_id, {named} AS named
                FROM (
                    SELECT job_id, search_text || ''::tsvector AS body
                    FROM jobs AS j
                    WHERE {" AND ".join(clauses)}
                    OFFSET 0
                ) AS m
            ), cut AS (
                SELECT named FROM matched ORDER BY named DESC LIMIT 1 OFFSET {limit_arg} - 1
            )
            SELECT matched.job_id
            FROM matched JOIN jobs AS j USING (job_id)
            WHERE matched.named >= coalesce((SELECT named FROM cut), '-Infinity'::float8)
            ORDER BY matched.named DESC, ts_rank_cd(j.search_text, {all_arg}::tsquery, 1) DESC, matched.job_id
            LIMIT {limit_arg}"""
        return [str(row["job_id"]) for row in await conn.fetch(sql, *args)]


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
