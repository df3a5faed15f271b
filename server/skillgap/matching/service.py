"""Job search for a resume or a query, gap analysis of one job, and the gap summary across top matches.

Search: recall by vector similarity with the filters applied inside the vector index, and by the words the
search names (PostgreSQL full-text, `skillgap.storage.job_text_search`) under the same filters; the two lists are
fused (reciprocal rank fusion) into one candidate set, which a skill-aware rerank orders
(`skillgap.matching.scoring`); then the page's details from PostgreSQL. Paging walks the reranked list; a token is
bound to the request it came from.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

from skillgap.embedding.embedder import Embedder
from skillgap.errors import FieldViolation, InvalidArgument, quoted
from skillgap.jobs.models import StoredJob
from skillgap.jobs.service import JobCatalog
from skillgap.learning.catalog import ResourceCatalog
from skillgap.matching.assess import NO_RESUME_SKILLS, match_job
from skillgap.matching.facts import candidate_from_profile, candidate_from_query, facts_from_payload
from skillgap.matching.gaps import analyse, summarize
from skillgap.matching.models import Candidate, GapAnalysis, GapSummary, JobFacts, JobMatch
from skillgap.matching.scoring import CoverageIndex, rank_key, rank_score
from skillgap.occupations.index import OccupationIndex
from skillgap.paging import decode_page_token, encode_page_token, resolve_page_size
from skillgap.resumes.service import ResumeService
from skillgap.skills.models import ResumeProfile, Seniority, SkillCategory, SkillKind
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.job_text_search import JobTextSearch, SearchTerm
from skillgap.validation import bounded_text
from skillgap.vectors.filters import JobSearchFilter
from skillgap.vectors.store import JobHit, VectorStore

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
DEFAULT_TOP_MATCHES = 20
MAX_TOP_MATCHES = 100
MAX_FILTER_VALUE_CHARS = 200
# How many of the most similar jobs the rerank looks at: enough that a job strong on skills but worded
# differently is still in the set, small enough to score in a few milliseconds.
RECALL = 300
# How many jobs the lexical recall adds to the fusion, and the k of reciprocal rank fusion (the usual 60: a
# job's place in either list counts, the first places not overwhelmingly).
LEXICAL_RECALL = 100
FUSION_K = 60
# Vector hits scored between two looks at whether the lexical recall is in (about a millisecond of work).
SCORE_SLICE = 25
# Jobs whose facts (read from their payloads) are kept between searches, with the payload they were read from: a
# search reads 300-400, and the embedded index returns the payloads of unchanged jobs from memory.
FACTS_CACHE_JOBS = 100_000
# What a resume's lexical recall searches for: its most recent titles and its strongest skills by name (not the
# whole text, whose every word would match something).
RESUME_TITLES = 3
RESUME_SKILLS = 12
MAX_QUERY_CHARS = 2_000
MAX_LOCATION_CHARS = 200
MAX_FILTER_VALUES = 50
MAX_POSTED_WITHIN_DAYS = 3_650
WORKPLACE_TYPES = ("onsite", "hybrid", "remote")
SOURCE_KINDS = ("greenhouse", "lever", "ashby", "workable", "smartrecruiters", "job_page", "manual")

QUERY_ONLY = "Ranked for a query, not a resume: skill coverage compares each job with the skills the query names."


@dataclass(frozen=True)
class JobFilter:
    """The filters a user sets, as they set them (skills by id or name); see `JobSearchFilter`."""

    location: str = ""
    workplace_types: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    required_skills: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()
    posted_within_days: int = 0
    include_closed: bool = False


@dataclass(frozen=True)
class SearchRequest:
    resume_id: str = ""
    query: str = ""
    filter: JobFilter = field(default_factory=JobFilter)
    page_size: int = 0
    page_token: str = ""


@dataclass(frozen=True)
class SearchResult:
    matches: tuple[JobMatch, ...]
    next_page_token: str
    caveats: tuple[str, ...]


@dataclass(frozen=True)
class _Ranked:
    hit: JobHit
    score: float
    facts: JobFacts  # read from the payload once, for the score and the page's explanations


class JobMatcher:
    def __init__(
        self,
        jobs: JobCatalog,
        resumes: ResumeService,
        vectors: VectorStore,
        embedder: Embedder,
        taxonomy: Taxonomy,
        catalog: ResourceCatalog,
        *,
        recall: int = RECALL,
        text_search: JobTextSearch | None = None,
        occupations: OccupationIndex | None = None,
    ) -> None:
        # Every job read goes through the catalog, so through its cache: the one GetJob reads through.
        self._jobs = jobs
        self._resumes = resumes
        self._vectors = vectors
        self._embedder = embedder
        self._taxonomy = taxonomy
        self._catalog = catalog
        self._recall = recall
        # None: recall by vectors alone.
        self._text_search = text_search
        # None: role fit is not assessed (the score rests on skills, meaning and seniority).
        self._occupations = occupations
        # Job id -> (the payload, its facts), oldest first (`_facts`).
        self._facts: dict[str, tuple[Mapping[str, object], JobFacts]] = {}

    # --- search ----------------------------------------------------------------------------------------

    async def search(self, user_id: str, request: SearchRequest) -> SearchResult:
        size = resolve_page_size(request.page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        offset = self._offset(request)
        search_filter = self.vector_filter(request.filter)
        candidate, vector, caveats, terms = await self._candidate(user_id, request.resume_id, request.query)
        ranked, index, recall_caveats = await self._rank(candidate, vector, search_filter, terms)
        page = ranked[offset : offset + size]
        rows = await self._rows([r.hit.job_id for r in page])
        matches = tuple(
            match_job(
                rows[r.hit.job_id],
                index,
                self._taxonomy,
                r.hit.similarity,
                facts=r.facts,
            )
            for r in page
            if r.hit.job_id in rows
        )
        more = offset + size < len(ranked)
        token = encode_page_token({"o": offset + size, "r": _fingerprint(request)}) if more else ""
        return SearchResult(matches=matches, next_page_token=token, caveats=(*caveats, *recall_caveats))

    async def _rank(
        self,
        candidate: Candidate,
        vector: Sequence[float] | Callable[[], Awaitable[Sequence[float]]],
        search_filter: JobSearchFilter,
        terms: Sequence[SearchTerm] = (),
    ) -> tuple[list[_Ranked], CoverageIndex, list[str]]:
        """The recalled jobs, best first. `vector`, or the call that makes it (reads a resume's from the index, or
        embeds a query): called once the lexical recall is on its way to PostgreSQL."""
        index = CoverageIndex(candidate, self._taxonomy, self._occupations)
        scores: dict[str, tuple[float, JobFacts]] = {}

        def rate(hits: Sequence[JobHit]) -> None:
            for hit in hits:
                if hit.job_id not in scores:
                    facts = self._facts_of(hit)
                    scores[hit.job_id] = (rank_score(facts, index, hit.similarity), facts)

        # The vector hits are scored as soon as they arrive, while PostgreSQL is still ranking the lexical recall;
        # then whatever the fusion kept that is not scored yet.
        hits, recall_caveats = await self._recall_jobs(vector, search_filter, terms, on_vector_hits=rate)
        rate(hits)
        ranked = [_Ranked(hit, *scores[hit.job_id]) for hit in hits]
        # Equal scores: more similar first, then newer, then the id (scoring.rank_key).
        ranked.sort(key=lambda r: rank_key(r.score, r.hit.similarity, r.hit.payload.get("post_time"), r.hit.job_id))
        return ranked, index, recall_caveats

    def _facts_of(self, hit: JobHit) -> JobFacts:
        """The job's facts, read from its payload unless they were read from the same payload before."""
        cached = self._facts.get(hit.job_id)
        # The embedded index hands out the same payload object while the job is unchanged; another engine an equal one.
        if cached is not None and (cached[0] is hit.payload or cached[0] == hit.payload):
            return cached[1]
        facts = facts_from_payload(hit.job_id, hit.payload)
        if cached is None and len(self._facts) >= FACTS_CACHE_JOBS:
            del self._facts[next(iter(self._facts))]
        self._facts[hit.job_id] = (hit.payload, facts)
        return facts

    async def _recall_jobs(
        self,
        vector: Sequence[float] | Callable[[], Awaitable[Sequence[float]]],
        search_filter: JobSearchFilter,
        terms: Sequence[SearchTerm],
        *,
        on_vector_hits: Callable[[Sequence[JobHit]], None] | None = None,
    ) -> tuple[list[JobHit], list[str]]:
        """The candidates the rerank scores: the jobs closest in meaning, fused with those naming the search's
        words, at most `recall` of them, each with its cosine similarity to `vector` and its payload.
        `on_vector_hits` gets the vector recall's hits, a slice at a time in their order, while the lexical recall
        runs (those it did not get by then are in the result if the fusion kept them)."""
        lexical_recall: asyncio.Future[list[str]] | None = None
        if self._text_search is not None and terms:
            # Both at once: PostgreSQL ranks the lexical recall in its own process while this one reads the
            # vector index. The index holds the interpreter while it searches, so the lexical query is sent
            # first: sent after, it would wait for the vector search to end.
            sent = asyncio.Event()
            lexical_recall = asyncio.ensure_future(
                self._text_search.best_jobs(
                    terms, search_filter, limit=min(LEXICAL_RECALL, self._recall), on_sent=sent.set
                )
            )
            waiting = asyncio.ensure_future(sent.wait())
            await asyncio.wait((lexical_recall, waiting), return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
        try:
            query = vector if isinstance(vector, Sequence) else await vector()
            found = await self._vectors.search_jobs(query, filter=search_filter, limit=self._recall)
            if on_vector_hits is not None and lexical_recall is not None:
                # In the vector recall's order, a slice at a time, until the lexical recall is in: the fusion then
                # keeps the vector hits up to its cut only, and those beyond need no score.
                for start in range(0, len(found.hits), SCORE_SLICE):
                    if lexical_recall.done():
                        break
                    on_vector_hits(found.hits[start : start + SCORE_SLICE])
                    await asyncio.sleep(0)
            lexical = await lexical_recall if lexical_recall is not None else []
        except BaseException:
            if lexical_recall is not None and not lexical_recall.cancel() and not lexical_recall.cancelled():
                lexical_recall.exception()  # done already: retrieved, so not reported as lost
            raise
        caveats = list(found.caveats)
        if len(found.hits) == self._recall:
            caveats.append(
                f"Only the {self._recall} jobs closest in meaning or naming the most of your words that pass the "
                "filters were ranked; narrow the filters to rank others."
            )
        if not lexical:
            return list(found.hits), caveats
        by_id = {hit.job_id: hit for hit in found.hits}
        only_lexical = [job_id for job_id in lexical if job_id not in by_id]
        if only_lexical:
            # Scored like every other candidate: with its similarity to `vector` as the index computes it, and
            # its payload (a job the index does not hold yet, or whose payload fails the filter there, is left
            # out as the index would).
            fetched = await self._vectors.job_hits(only_lexical, query)
            by_id.update({job_id: hit for job_id, hit in fetched.items() if search_filter.matches(hit.payload)})
        fused = fuse([[hit.job_id for hit in found.hits], [job_id for job_id in lexical if job_id in by_id]])
        return [by_id[job_id] for job_id in fused[: self._recall]], caveats

    async def _candidate(
        self, user_id: str, resume_id: str, query: str
    ) -> tuple[Candidate, Callable[[], Awaitable[list[float]]], list[str], list[SearchTerm]]:
        """Who is matched, the call that makes the vector to recall by (left to the recall to make, so that it
        overlaps the lexical recall), caveats, and the words to recall by."""
        query = bounded_text(query, field="query", limit=MAX_QUERY_CHARS, reason="QUERY_TOO_LONG")
        if not resume_id and not query:
            raise InvalidArgument(
                "set resume_id (one of your resumes) or query (what you look for), or both",
                reason="NOTHING_TO_MATCH",
                violations=[FieldViolation("resume_id", "empty, and so is query")],
            )
        caveats: list[str] = []
        terms = self._query_terms(query) if query else []
        if resume_id:
            resume = await self._resumes.get(user_id, resume_id)
            candidate = candidate_from_profile(resume.profile, resume.text)

            async def vector() -> list[float]:
                found = await self._vectors.get_resume_vector(resume.resume_id, user_id)
                if found is None:  # stored but not indexed yet (the re-index job repairs it)
                    found = await self._embedder.aembed_document(resume.text)
                if query:
                    found = _blend(found, await self._embedder.aembed_document(query))
                return found

            if not candidate.has_skills:
                caveats.append(NO_RESUME_SKILLS)
            terms += resume_terms(resume.profile)
        else:
            candidate = candidate_from_query(query, self._taxonomy)

            async def vector() -> list[float]:
                return await self._embedder.aembed_document(query)

            caveats.append(QUERY_ONLY)
            if not candidate.has_skills:
                caveats.append("The query names no skill SkillGap knows: the ranking rests on meaning alone.")
        return candidate, vector, caveats, terms

    def _query_terms(self, query: str) -> list[SearchTerm]:
        """The skills a query names, each as a phrase ("Active Directory"), then its other words one by one: a job
        naming several of them ranks above one naming a single word."""
        terms: list[SearchTerm] = []
        rest: list[str] = []
        position = 0
        for mention in self._taxonomy.find_mentions(query):
            rest.append(query[position : mention.start])
            terms.append(SearchTerm(query[mention.start : mention.end]))
            position = mention.end
        rest.append(query[position:])
        terms += [SearchTerm(word) for word in " ".join(rest).split()]
        return terms

    def vector_filter(self, wanted: JobFilter) -> JobSearchFilter:
        """The index's filter for what the user asked; InvalidArgument naming the field and the limit."""
        for name in ("workplace_types", "seniorities", "required_skills", "companies", "source_kinds"):
            values = getattr(wanted, name)
            if len(values) > MAX_FILTER_VALUES:
                raise _bad_filter(name, f"at most {MAX_FILTER_VALUES} values, got {len(values)}")
            # Each value is looked up, compared and quoted: its length is the caller's to choose, so it is bounded.
            longest = max((len(value) for value in values if isinstance(value, str)), default=0)
            if longest > MAX_FILTER_VALUE_CHARS:
                raise _bad_filter(name, f"each value at most {MAX_FILTER_VALUE_CHARS} characters, got {longest:,}")
        if len(wanted.location) > MAX_LOCATION_CHARS:
            raise _bad_filter("location", f"at most {MAX_LOCATION_CHARS} characters")
        if not 0 <= wanted.posted_within_days <= MAX_POSTED_WITHIN_DAYS:
            raise _bad_filter("posted_within_days", f"must be 0 (any time) to {MAX_POSTED_WITHIN_DAYS} days")
        _check_values("workplace_types", wanted.workplace_types, WORKPLACE_TYPES)
        _check_values("seniorities", wanted.seniorities, tuple(s.value for s in Seniority if s.value != "unspecified"))
        _check_values("source_kinds", wanted.source_kinds, SOURCE_KINDS)
        skill_ids = []
        for name in wanted.required_skills:
            entry = self._taxonomy.get(name.strip().lower()) or self._taxonomy.lookup(name)
            if entry is None:
                raise _bad_filter(
                    "required_skills", f"{quoted(name)} is not a skill SkillGap knows (use a name such as Kubernetes)"
                )
            skill_ids.append(entry.skill_id)
        posted_after = (
            datetime.now(UTC) - timedelta(days=wanted.posted_within_days) if wanted.posted_within_days else None
        )
        return JobSearchFilter(
            include_closed=wanted.include_closed,
            workplace_types=tuple(wanted.workplace_types),
            seniorities=tuple(wanted.seniorities),
            required_skill_ids=tuple(dict.fromkeys(skill_ids)),
            companies=tuple(c for c in wanted.companies if c.strip()),
            source_kinds=tuple(wanted.source_kinds),
            posted_after=posted_after,
            location=wanted.location.strip(),
        )

    def _offset(self, request: SearchRequest) -> int:
        position = decode_page_token(request.page_token, required_keys={"o", "r"})
        if position is None:
            return 0
        offset = position["o"]
        if position["r"] != _fingerprint(request) or not isinstance(offset, int) or offset < 0:
            raise InvalidArgument(
                "page_token belongs to another search; repeat the same request with its next_page_token",
                reason="INVALID_PAGE_TOKEN",
                violations=[FieldViolation("page_token", "issued for another request")],
            )
        return offset

    async def _rows(self, job_ids: Sequence[str]) -> dict[str, StoredJob]:
        return await self._jobs.get_many(job_ids)

    # --- gap analysis ----------------------------------------------------------------------------------

    async def gap_analysis(self, user_id: str, job_id: str, resume_id: str) -> GapAnalysis:
        analysis, _ = await self.gap_analysis_with_text(user_id, job_id, resume_id)
        return analysis

    async def gap_analysis_with_text(self, user_id: str, job_id: str, resume_id: str) -> tuple[GapAnalysis, str]:
        """The gap analysis and the resume's text (for questions about the pair)."""
        resume = await self._resumes.get(user_id, resume_id)
        job = await self._jobs.get(job_id)
        resume_vector = await self._vectors.get_resume_vector(resume.resume_id, user_id)
        job_vector = await self._vectors.get_job_vector(job.job_id)
        if resume_vector is None:
            resume_vector = await self._embedder.aembed_document(resume.text)
        if job_vector is None:
            job_vector = await self._embedder.aembed_document(f"{job.posting.title}\n{job.posting.description}")
        cosine = sum(a * b for a, b in zip(resume_vector, job_vector, strict=True))
        index = CoverageIndex(candidate_from_profile(resume.profile, resume.text), self._taxonomy, self._occupations)
        match = match_job(job, index, self._taxonomy, cosine)
        analysis = await asyncio.to_thread(analyse, resume.resume_id, match, self._taxonomy, self._catalog)
        return analysis, resume.text

    async def gap_summary(
        self, user_id: str, resume_id: str, *, top_matches: int = 0, wanted: JobFilter | None = None
    ) -> GapSummary:
        if top_matches < 0:
            raise InvalidArgument(
                f"top_matches must not be negative (got {top_matches}); use 0 for the default of {DEFAULT_TOP_MATCHES}",
                reason="INVALID_TOP_MATCHES",
                violations=[FieldViolation("top_matches", "must be >= 0")],
            )
        count = min(top_matches or DEFAULT_TOP_MATCHES, MAX_TOP_MATCHES)
        search_filter = self.vector_filter(wanted or JobFilter())
        candidate, vector, caveats, terms = await self._candidate(user_id, resume_id, "")
        ranked, index, recall_caveats = await self._rank(candidate, vector, search_filter, terms)
        top = ranked[:count]
        rows = await self._rows([r.hit.job_id for r in top])
        matches = [
            match_job(rows[r.hit.job_id], index, self._taxonomy, r.hit.similarity,
                      facts=r.facts)
            for r in top
            if r.hit.job_id in rows
        ]  # fmt: skip
        notes = list(dict.fromkeys(caveats))
        if not matches:
            notes.append("No open job matches the filters yet, so there is nothing to summarise.")
        elif len(matches) < count:
            notes.append(f"Only {len(matches)} jobs match the filters; the summary covers those.")
        del recall_caveats  # the summary covers the top matches only: a recall cap does not change it
        return summarize(matches, self._taxonomy, self._catalog, caveats=notes)


def resume_terms(profile: ResumeProfile | None) -> list[SearchTerm]:
    """A resume's lexical query: its most recent titles (their words, in any order) and its strongest skills by
    name (most years, then most lines showing them); soft skills and spoken languages say little about a job."""
    if profile is None:
        return []
    titles = [SearchTerm(title, phrase=False) for title in profile.recent_titles[:RESUME_TITLES] if title.strip()]
    skills = [
        s
        for s in profile.skills
        if s.skill.kind not in (SkillKind.SOFT_SKILL, SkillKind.HUMAN_LANGUAGE)
        and s.skill.category is not SkillCategory.SOFT_SKILL
    ]
    skills.sort(key=lambda s: (-(s.years or 0.0), -len(s.evidence), s.skill.name))
    names = list(dict.fromkeys(s.skill.name for s in skills if s.skill.name.strip()))
    return titles + [SearchTerm(name) for name in names[:RESUME_SKILLS]]


def fuse(rankings: Sequence[Sequence[str]], *, k: int = FUSION_K) -> list[str]:
    """Reciprocal rank fusion: every id by the sum over the lists of 1 / (k + its place), best first; ties keep
    the first list's order, then the id."""
    fused: dict[str, float] = {}
    first: dict[str, tuple[int, int]] = {}
    for which, ranking in enumerate(rankings):
        for place, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + place)
            first.setdefault(item, (which, place))
    return sorted(fused, key=lambda item: (-fused[item], first[item], item))


def _blend(first: Sequence[float], second: Sequence[float]) -> list[float]:
    """The direction halfway between two unit vectors: the resume, refined by the query."""
    summed = [a + b for a, b in zip(first, second, strict=True)]
    norm = math.sqrt(sum(x * x for x in summed)) or 1.0
    return [x / norm for x in summed]


def _fingerprint(request: SearchRequest) -> str:
    """Binds a page token to the request that issued it (everything but the paging fields)."""
    body = json.dumps(
        {"resume_id": request.resume_id, "query": request.query, "filter": asdict(request.filter)},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def _check_values(name: str, values: Sequence[str], allowed: Sequence[str]) -> None:
    for value in values:
        if value not in allowed:
            raise _bad_filter(name, f"{quoted(value)} is not one of {', '.join(allowed)}")


def _bad_filter(name: str, problem: str) -> InvalidArgument:
    return InvalidArgument(
        f"filter.{name}: {problem}",
        reason="INVALID_FILTER",
        violations=[FieldViolation(f"filter.{name}", problem)],
    )
