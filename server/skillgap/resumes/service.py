"""Resume use cases: upload (parse, dedupe, embed, store, index), get, list, delete.

The caller's user id comes in as a plain argument; this module knows nothing of tokens or gRPC.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import uuid
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from skillgap.embedding.embedder import Embedder
from skillgap.errors import FailedPrecondition, FieldViolation, InvalidArgument, NotFound
from skillgap.ids import parse_resource_id
from skillgap.paging import decode_page_token, encode_page_token, resolve_page_size
from skillgap.resumes.models import StoredResume
from skillgap.resumes.parsing import ParsedDocument
from skillgap.resumes.sandbox import ParserSandbox, parse_resume
from skillgap.skills.extraction import SkillExtractor
from skillgap.skills.models import ResumeProfile
from skillgap.skills.occupations import OccupationFinder
from skillgap.skills.profile_edits import apply_update, keep_user_fields
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.resumes import ResumeRepository
from skillgap.vectors.store import VectorStore

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_FILENAME_LENGTH = 255
REEXTRACT_BATCH = 100
# Threads that may wait for a parser worker, beyond one per worker.
PARSE_THREADS = 8


@dataclass(frozen=True)
class UploadResult:
    resume: StoredResume
    already_existed: bool


class ResumeService:
    def __init__(
        self,
        repository: ResumeRepository,
        embedder: Embedder,
        vectors: VectorStore,
        extractor: SkillExtractor,
        taxonomy: Taxonomy,
        *,
        occupations: OccupationFinder | None = None,
        reading_version: str,
        max_upload_bytes: int,
        parser: ParserSandbox | None = None,
    ) -> None:
        self._repository = repository
        self._taxonomy = taxonomy
        self._occupations = occupations
        # Recorded with every profile: a profile read by another reading is read anew (`reextract_all`).
        self.reading_version = reading_version
        self._embedder = embedder
        self._vectors = vectors
        self._extractor = extractor
        self._max_upload_bytes = max_upload_bytes
        # Hostile files are parsed in worker processes; without a sandbox, in a thread of this one.
        self._parser = parser
        # A thread waits on each parse (the sandbox lets `workers` of them parse at once, the others wait for
        # a worker). Threads of their own, so that a burst of uploads never holds every thread of the default
        # executor, which embeddings need; beyond these, uploads queue for a thread.
        self._parse_threads = ThreadPoolExecutor(
            max_workers=PARSE_THREADS + (parser.workers if parser else 0), thread_name_prefix="resume-parse"
        )

    async def close(self) -> None:
        """Stop the parser workers and let the parse threads end (when the process stops)."""
        if self._parser is not None:
            await asyncio.to_thread(self._parser.close)
        # No new parse is submitted after this; a thread still waiting for a worker was just refused and ends.
        self._parse_threads.shutdown(wait=False)

    async def upload(
        self,
        user_id: str,
        *,
        filename: str,
        content_type: str,
        content: bytes | None = None,
        text: str | None = None,
    ) -> UploadResult:
        if content is not None and text is not None:
            raise InvalidArgument("send either content or text, not both", reason="AMBIGUOUS_DOCUMENT")
        if text is not None:
            content = text.encode("utf-8")
            content_type = content_type or "text/plain"
            filename = filename or "resume.txt"
        if not content:
            raise InvalidArgument(
                "the resume is empty: send a PDF or text file in `content`, or paste it in `text`",
                reason="EMPTY_DOCUMENT",
                violations=[FieldViolation("content", "empty")],
            )
        filename = _clean_filename(filename)

        sha256 = hashlib.sha256(content).hexdigest()
        # Same bytes from the same user: answer with the stored resume before any costly work.
        existing = await self._repository.find_by_hash(user_id, sha256)
        if existing is not None:
            return UploadResult(existing, already_existed=True)

        parsed = await asyncio.get_running_loop().run_in_executor(
            self._parse_threads,
            functools.partial(
                parse_resume,
                content,
                filename=filename,
                content_type=content_type,
                max_bytes=self._max_upload_bytes,
                sandbox=self._parser,
            ),
        )
        profile = await self._extractor.extract_resume(parsed.text)
        vector = await asyncio.to_thread(self._embedder.embed_document, parsed.text)
        # A client hanging up or a server stopping mid-way must not leave a resume that is stored but
        # not indexed: this step runs to its end (or undoes itself) before the cancellation goes on.
        resume, created = await _finish_even_if_cancelled(
            self._store_and_index(
                user_id,
                filename=filename,
                content=content,
                parsed=parsed,
                sha256=sha256,
                vector=vector,
                profile=profile,
            )
        )
        return UploadResult(resume, already_existed=not created)

    async def _store_and_index(
        self,
        user_id: str,
        *,
        filename: str,
        content: bytes,
        parsed: ParsedDocument,
        sha256: str,
        vector: list[float],
        profile: ResumeProfile,
    ) -> tuple[StoredResume, bool]:
        # The row records its embedding model only once the vector is in the index, so a crash in
        # between leaves a row that `reindex_resumes` finds and repairs.
        resume, created = await self._repository.insert(
            user_id=user_id,
            filename=filename,
            content_type=parsed.content_type,
            content=content,
            page_count=parsed.page_count,
            text=parsed.text,
            content_sha256=sha256,
            embedding_model=None,
            profile=profile,
            profile_version=self.reading_version,
        )
        if not created:
            return resume, False
        try:
            await self._vectors.upsert_resume(resume.resume_id, user_id, vector, search_payload(resume))
        except BaseException:
            # Without its vector the resume cannot be matched: do not keep half of it.
            await self._repository.delete(user_id, uuid.UUID(resume.resume_id))
            raise
        await self._repository.mark_indexed(resume.resume_id, self._embedder.model_name)
        log.info(
            "stored resume %s for %s (%s, %d pages, %d chars)",
            resume.resume_id,
            user_id,
            resume.content_type,
            resume.page_count,
            resume.text_length,
        )
        return resume, True

    async def reextract_all(self) -> int:
        """Read anew every stored resume whose profile came from another reading (a taxonomy or engine
        change), keeping what each user corrected, and refresh the search payloads. Idempotent: a resume
        already read by this reading is skipped. Returns how many resumes were read."""
        done = 0
        after: uuid.UUID | None = None
        pending = await self._repository.count_needing_extraction(self.reading_version)
        if pending:
            log.info("reading %d stored resumes anew (%s)", pending, self.reading_version)
        while batch := await self._repository.needing_extraction(
            self.reading_version, after=after, limit=REEXTRACT_BATCH
        ):
            for resume in batch:
                fresh = await self._extractor.extract_resume(resume.text)
                updated = await self._repository.change_profile(
                    uuid.UUID(resume.resume_id),
                    functools.partial(keep_user_fields, fresh, today=date.today(), occupations=self._occupations),
                    profile_version=self.reading_version,
                )
                if updated is not None:  # None: deleted meanwhile
                    await self._vectors.update_resume_payload(resume.resume_id, search_payload(updated))
                    done += 1
                    if done % REEXTRACT_BATCH == 0:
                        log.info("read %d of %d stored resumes anew", done, pending)
            after = uuid.UUID(batch[-1].resume_id)
        log.info("re-extracted the profiles of %d resumes (%s)", done, self.reading_version)
        return done

    async def update_profile(
        self, user_id: str, resume_id: str, update: ResumeProfile, paths: Sequence[str]
    ) -> StoredResume:
        """Set the fields named by `paths` of one of the user's resume profiles to the user's values (see
        `skillgap.skills.profile_edits`); search, gaps and interviews use them from now on."""
        parsed = _parse_id(resume_id)

        def change(current: ResumeProfile | None) -> ResumeProfile:
            if current is None:
                raise FailedPrecondition(
                    f"resume {resume_id} has no profile yet; try again once it is read",
                    reason="PROFILE_NOT_READY",
                )
            return apply_update(
                current, update, paths, self._taxonomy, today=date.today(), occupations=self._occupations
            )

        updated = await self._repository.change_profile(parsed, change, user_id=user_id)
        if updated is None:
            raise _not_found(resume_id)
        await self._vectors.update_resume_payload(updated.resume_id, search_payload(updated))
        log.info("user %s corrected %s of resume %s", user_id, ", ".join(paths), resume_id)
        return updated

    async def get(self, user_id: str, resume_id: str) -> StoredResume:
        resume = await self._repository.get(user_id, _parse_id(resume_id))
        if resume is None:
            raise _not_found(resume_id)
        return resume

    async def list(self, user_id: str, *, page_size: int, page_token: str) -> tuple[list[StoredResume], str]:
        limit = resolve_page_size(page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        position = decode_page_token(page_token, required_keys={"t", "id"})
        after = None
        if position is not None:
            try:
                after = (datetime.fromisoformat(position["t"]), uuid.UUID(position["id"]))
            except (TypeError, ValueError) as exc:
                raise InvalidArgument(
                    "page_token is not a token this server issued", reason="INVALID_PAGE_TOKEN"
                ) from exc
        # One extra row tells whether another page exists, so the last page has an empty token.
        rows = await self._repository.list_page(user_id, limit=limit + 1, after=after)
        page, more = rows[:limit], len(rows) > limit
        token = ""
        if more:
            last = page[-1]
            token = encode_page_token({"t": last.create_time.isoformat(), "id": last.resume_id})
        return page, token

    async def delete(self, user_id: str, resume_id: str) -> None:
        parsed = _parse_id(resume_id)
        if await self._repository.get(user_id, parsed) is None:
            raise _not_found(resume_id)
        # Vector first: if the index is down, nothing is deleted and the user can retry.
        await self._vectors.delete_resume(resume_id)
        await self._repository.delete(user_id, parsed)
        log.info("deleted resume %s for %s", resume_id, user_id)


async def _finish_even_if_cancelled(step: Coroutine[Any, Any, T]) -> T:
    task = asyncio.ensure_future(step)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        # Bounded by the database and index timeouts; the server's shutdown waits for this too.
        await asyncio.wait({task})
        raise


def search_payload(resume: StoredResume) -> dict[str, object]:
    """What the vector index stores beside a resume's vector, so search can filter on it."""
    profile = resume.profile
    return {
        "create_time": resume.create_time.isoformat(),
        "skill_ids": sorted({s.skill.skill_id for s in profile.skills if s.skill.skill_id}) if profile else [],
        "seniority": profile.seniority.level.value if profile else "unspecified",
    }


def _parse_id(resume_id: str) -> uuid.UUID:
    return parse_resource_id(
        resume_id, field="resume_id", reason="INVALID_RESUME_ID", hint=" as returned by UploadResume"
    )


def _not_found(resume_id: str) -> NotFound:
    return NotFound(f"resume {resume_id} not found", reason="RESUME_NOT_FOUND", metadata={"resume_id": resume_id})


def _clean_filename(filename: str) -> str:
    # Only the last path component, without control characters: it is shown back to users.
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if len(name) > MAX_FILENAME_LENGTH:
        raise InvalidArgument(
            f"filename is longer than {MAX_FILENAME_LENGTH} characters",
            reason="FILENAME_TOO_LONG",
            violations=[FieldViolation("filename", f"at most {MAX_FILENAME_LENGTH} characters")],
        )
    return name or "resume"
