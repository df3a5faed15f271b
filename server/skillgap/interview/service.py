"""Interview use cases: start, answer, read the feedback or the transcript, resume, cancel; the session is saved
after every turn. No gRPC here: the unary servicers and the Converse stream both call these."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from skillgap.errors import FailedPrecondition, FieldViolation, InvalidArgument, NotFound, quoted
from skillgap.ids import parse_resource_id
from skillgap.interview.bank import QuestionBank
from skillgap.interview.engines import DeltaSink, InterviewEngine
from skillgap.interview.feedback import feedback_of
from skillgap.interview.graph import TurnContext, TurnState, graph
from skillgap.interview.job_context import JobTemplates
from skillgap.interview.models import Evaluation, Feedback, Question, Session
from skillgap.interview.transcript import filename, transcript_markdown
from skillgap.interview.verdict_llm import VerdictWriter
from skillgap.learning.catalog import ResourceCatalog
from skillgap.matching.service import JobMatcher
from skillgap.metrics import TurnTimer
from skillgap.resumes.models import StoredResume
from skillgap.skills.models import ResumeProfile
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.interviews import InterviewRepository, StaleSession
from skillgap.validation import bounded_text, required_text

log = logging.getLogger(__name__)

DEFAULT_QUESTIONS = 6
MAX_QUESTIONS = 20
MAX_ANSWER_CHARS = 8_000
# Question ids are short ("q3", "q3-followup"); a longer one is refused before it is compared or quoted.
MAX_QUESTION_ID_CHARS = 64
ENGINES = ("", "offline", "llm")


class ResumeReader(Protocol):
    """What planning needs of `skillgap.resumes.service.ResumeService`: the caller's resume (NOT_FOUND else)."""

    async def get(self, user_id: str, resume_id: str) -> StoredResume: ...


@dataclass(frozen=True)
class Transcript:
    session: Session
    markdown: str
    filename: str


@dataclass(frozen=True)
class TurnResult:
    session: Session
    evaluation: Evaluation
    next_question: Question | None
    feedback: Feedback | None  # set when the interview finished with this answer


class InterviewService:
    def __init__(
        self,
        repository: InterviewRepository,
        matcher: JobMatcher,
        bank: QuestionBank,
        offline: InterviewEngine,
        *,
        llm: InterviewEngine | None = None,
        ttl: timedelta = timedelta(hours=2),
        catalog: ResourceCatalog,
        taxonomy: Taxonomy,
        resumes: ResumeReader | None = None,
        verdict_writer: VerdictWriter | None = None,
        templates: JobTemplates | None = None,
    ) -> None:
        """`resumes`: where the plan reads the resume's dated experience (without it, probes go by the gap
        analysis's years); `verdict_writer`: the model that words the verdict of an interview on the LLM engine;
        `templates`: the job-built questions' templates (the packaged ones by default)."""
        self._resumes = resumes
        self._verdict_writer = verdict_writer
        self._templates = templates if templates is not None else JobTemplates.load()
        self._catalog = catalog
        self._taxonomy = taxonomy
        self._repository = repository
        self._matcher = matcher
        self._bank = bank
        self._offline = offline
        self._llm = llm
        self._ttl = ttl

    def feedback_of(self, session: Session) -> Feedback:
        return feedback_of(session, self._catalog, self._taxonomy)

    def _engine(self, name: str) -> InterviewEngine:
        """The engine a session uses: its recorded one ("offline" or "llm:<model>")."""
        if name.startswith("llm") and self._llm is not None:
            return self._llm
        return self._offline

    async def start(
        self,
        user_id: str,
        job_id: str,
        resume_id: str,
        *,
        question_count: int = 0,
        engine: str = "",
        on_delta: DeltaSink | None = None,
        interview_id: str | None = None,
    ) -> tuple[Session, Question]:
        if not 0 <= question_count <= MAX_QUESTIONS:
            raise InvalidArgument(
                f"options.question_count must be 0 (the default of {DEFAULT_QUESTIONS}) to {MAX_QUESTIONS}, "
                f"got {question_count}",
                reason="INVALID_QUESTION_COUNT",
                violations=[FieldViolation("options.question_count", f"0 to {MAX_QUESTIONS}")],
            )
        if engine not in ENGINES:
            raise InvalidArgument(
                f'options.engine must be empty, "offline" or "llm", got {quoted(engine)}',
                reason="INVALID_ENGINE",
                violations=[FieldViolation("options.engine", "empty, offline or llm")],
            )
        if engine == "llm" and self._llm is None:
            raise FailedPrecondition(
                'options.engine is "llm" but no LLM server is configured (SKILLGAP_LLM_BASE_URL); '
                'leave it empty or use "offline"',
                reason="LLM_NOT_CONFIGURED",
            )
        # Checks the resume is the caller's and the job exists (NOT_FOUND otherwise), and aims the plan.
        analysis = await self._matcher.gap_analysis(user_id, job_id, resume_id)
        profile = await self._profile(user_id, analysis.resume_id)
        chosen = self._llm if (engine == "llm" or (engine == "" and self._llm is not None)) else self._offline
        assert chosen is not None
        now = datetime.now(UTC)
        session = Session(
            interview_id=interview_id or str(uuid.uuid4()),
            user_id=user_id,
            job_id=analysis.match.job.job_id,
            resume_id=analysis.resume_id,
            job_title=analysis.match.job.posting.title,
            company=analysis.match.job.posting.company,
            engine=chosen.name,
            question_count=question_count or DEFAULT_QUESTIONS,
            create_time=now,
            update_time=now,
            expire_time=now + self._ttl,
        )
        state: TurnState = {"session": session, "analysis": analysis, "profile": profile}
        result = await self._run(state, chosen, now, on_delta)
        started = result["session"]
        if started.current is None:
            raise FailedPrecondition(
                "there is nothing to interview about for this job: the question bank has no question that fits",
                reason="NOTHING_TO_ASK",
            )
        await self._repository.insert(started)
        return started, started.current

    async def answer(
        self,
        user_id: str,
        interview_id: str,
        question_id: str,
        text: str,
        *,
        on_delta: DeltaSink | None = None,
        on_evaluated: Callable[[Evaluation], Awaitable[None]] | None = None,
    ) -> TurnResult:
        # The turn's clock starts when the answer arrives: reading the session is part of the turn.
        timer = TurnTimer()
        bounded_text(question_id, field="question_id", limit=MAX_QUESTION_ID_CHARS, reason="INVALID_QUESTION_ID")
        answer = required_text(
            text,
            field="answer",
            limit=MAX_ANSWER_CHARS,
            what_to_send="say what you would say in the interview",
            noun="answer",
        )
        session = await self.get(user_id, interview_id)
        _require_current(session, question_id)
        result = await self._run(
            {"session": session, "answer": answer},
            self._engine(session.engine),
            datetime.now(UTC),
            on_delta,
            on_evaluated,
            timer,
        )
        updated = await self._save(await self._with_verdict(result["session"]))
        timer.reached("saved")
        evaluation = result.get("evaluation")
        assert evaluation is not None
        _log_turn(updated, question_id, evaluation, timer)
        return TurnResult(
            session=updated,
            evaluation=evaluation,
            next_question=updated.current,
            feedback=self.feedback_of(updated) if updated.state == "finished" else None,
        )

    async def get(self, user_id: str, interview_id: str) -> Session:
        """The user's session (another user's id is NOT_FOUND); an abandoned one is marked expired."""
        key = parse_resource_id(interview_id, field="interview_id", reason="INVALID_INTERVIEW_ID")
        session = await self._repository.get(user_id, key)
        if session is None:
            raise NotFound(
                f"interview {interview_id} not found",
                reason="INTERVIEW_NOT_FOUND",
                metadata={"interview_id": interview_id},
            )
        now = datetime.now(UTC)
        if session.state == "active" and session.expire_time < now:
            session = await self._save(
                session.model_copy(update={"state": "expired", "current": None, "update_time": now})
            )
        return session

    async def transcript(self, user_id: str, interview_id: str) -> Transcript:
        """The interview as a Markdown document the user can keep (another user's id is NOT_FOUND)."""
        session = await self.get(user_id, interview_id)
        return Transcript(session, transcript_markdown(session, self.feedback_of(session)), filename(session))

    async def _profile(self, user_id: str, resume_id: str) -> ResumeProfile | None:
        if self._resumes is None:
            return None
        return (await self._resumes.get(user_id, resume_id)).profile

    async def _with_verdict(self, session: Session) -> Session:
        """A session the LLM engine just finished, with the verdict in the model's words (kept, so that every
        later read shows the same words); any other session as it is."""
        writer = self._verdict_writer
        if writer is None or session.state != "finished" or session.verdict or not session.engine.startswith("llm"):
            return session
        worded = await writer.word(self.feedback_of(session))
        if worded is None:
            return session
        return session.model_copy(update={"verdict": worded[0], "verdict_engine": worded[1]})

    async def feedback(self, user_id: str, interview_id: str) -> tuple[Session, Feedback]:
        session = await self.get(user_id, interview_id)
        return session, self.feedback_of(session)

    async def cancel(self, user_id: str, interview_id: str) -> tuple[Session, Feedback]:
        session = await self.get(user_id, interview_id)
        if session.state == "active":
            now = datetime.now(UTC)
            session = await self._save(
                session.model_copy(update={"state": "cancelled", "current": None, "update_time": now})
            )
        return session, self.feedback_of(session)

    async def _run(
        self,
        state: TurnState,
        engine: InterviewEngine,
        now: datetime,
        on_delta: DeltaSink | None,
        on_evaluated: Callable[[Evaluation], Awaitable[None]] | None = None,
        timer: TurnTimer | None = None,
    ) -> TurnState:
        context = TurnContext(
            engine=engine,
            bank=self._bank,
            templates=self._templates,
            now=now,
            ttl=self._ttl,
            on_delta=on_delta,
            on_evaluated=on_evaluated,
            timer=timer or TurnTimer(),
        )
        result: Any = await graph.ainvoke(state, context=context)  # type: ignore[attr-defined]
        return result  # type: ignore[no-any-return]

    async def _save(self, session: Session) -> Session:
        try:
            return await self._repository.save(session)
        except StaleSession:
            raise FailedPrecondition(
                "this interview changed while the answer was being graded (answered from another stream or "
                "device?); read it again and answer its current question",
                reason="INTERVIEW_CHANGED",
            ) from None


def _require_current(session: Session, question_id: str) -> None:
    """The session takes an answer to `question_id`: it is active and that is its current question."""
    current = session.current
    if session.state != "active" or current is None:
        raise FailedPrecondition(
            f"interview {session.interview_id} is {session.state}: it takes no more answers; read its feedback",
            reason=f"INTERVIEW_{session.state.upper()}",
        )
    if question_id != current.question_id:
        raise FailedPrecondition(
            f"question {quoted(question_id)} is not the current question of this interview; answer "
            f"{current.question_id!r}: {current.text}",
            reason="NOT_CURRENT_QUESTION",
            metadata={"current_question_id": current.question_id},
        )


def _log_turn(session: Session, question_id: str, evaluation: Evaluation, timer: TurnTimer) -> None:
    """The server-side turn latency, one line per answer (a stream carries many answers in one RPC, so the
    per-call log line cannot show it), with the engine's part of it: the rest is the turn's own cost.
    tests/benchmarks/bench_interviews.py reads these lines: keep their wording."""
    evaluated_ms, grade_ms, turn_ms = timer.ms("evaluated"), timer.ms("grading"), timer.ms("saved")
    log.info(
        "interview %s answer to %s: evaluated after %.1f ms (grading %.1f ms), turn saved after %.1f ms "
        "(%s, score %.1f)",
        session.interview_id,
        question_id,
        evaluated_ms,
        grade_ms,
        turn_ms,
        evaluation.engine,
        evaluation.score,
        extra={
            "interview_id": session.interview_id,
            "evaluated_ms": round(evaluated_ms, 1),
            "grade_ms": round(grade_ms, 1),
            "turn_ms": round(turn_ms, 1),
        },
    )
