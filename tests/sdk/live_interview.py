"""Shared by the SDK tests: run an SDK's interview example against the live test server, read what it
printed, and check it against the server's own record of the interview."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from grpc import aio

from skillgap.v1 import interview_pb2, interview_pb2_grpc

ROOT = Path(__file__).resolve().parents[2]
Metadata = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Transcript:
    """What an example printed: the interview id, each evaluation's score, the feedback."""

    interview_id: str
    evaluations: list[float]
    overall_score: float
    feedback_count: int
    feedback: list[tuple[str, float, str]]  # question id, score, question text
    errors: list[str]


def readme_example(readme: Path, fence: str) -> str:
    """The first fenced code block of a README in the given language."""
    match = re.search(rf"^```{fence}\n(.*?)^```$", readme.read_text(), re.M | re.S)
    assert match, f"no ```{fence} block in {readme}"
    return match.group(1)


async def run_example(argv: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 90) -> str:
    process = await asyncio.create_subprocess_exec(
        *argv,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.DEVNULL,
        cwd=ROOT,
        env=dict(env) if env is not None else None,
    )
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    output = stdout.decode()
    assert process.returncode == 0, f"{argv[:2]} failed:\n{stderr.decode()}\n{output}"
    return output


def parse(output: str) -> Transcript:
    lines = output.splitlines()
    scores = [float(m.group(1)) for line in lines if (m := re.fullmatch(r"  score (\d+\.\d)/10: .*", line))]
    summary = [m for line in lines if (m := re.fullmatch(r"Interview (\S+): (\d+\.\d)/10 over (\d+) answers", line))]
    assert len(summary) == 1, f"no feedback line:\n{output}"
    after = lines[lines.index(summary[0].group(0)) + 1 :]
    entries = [(m.group(1), float(m.group(2)), m.group(3)) for line in after
               if (m := re.fullmatch(r"  (\S+) (\d+\.\d)/10 (.+)", line))]  # fmt: skip
    errors = [line for line in lines if line.startswith("  error ")]
    interview_id, overall, count = summary[0].groups()
    return Transcript(interview_id, scores, float(overall), int(count), entries, errors)


async def check_against_server(output: str, channel: aio.Channel, auth: Metadata, job_id: str) -> Transcript:
    """The example ran a whole interview, and what it printed is what the server recorded."""
    transcript = parse(output)
    assert transcript.errors == [], output
    # Three planned questions, perhaps a follow-up: every answer evaluated, every one in the feedback.
    assert len(transcript.evaluations) >= 3 and len(transcript.evaluations) == transcript.feedback_count, output
    assert len(transcript.feedback) == transcript.feedback_count, output
    assert 0 <= transcript.overall_score <= 10 and all(0 <= s <= 10 for s in transcript.evaluations)

    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    stored = await stub.GetFeedback(
        interview_pb2.GetFeedbackRequest(interview_id=transcript.interview_id), metadata=auth
    )
    assert stored.interview.state == interview_pb2.INTERVIEW_STATE_FINISHED and stored.interview.job_id == job_id
    feedback = stored.feedback
    assert feedback.final and abs(feedback.overall_score - transcript.overall_score) < 0.051
    assert [q.question.question_id for q in feedback.questions] == [q for q, _, _ in transcript.feedback]
    assert [q.question.text for q in feedback.questions] == [t for _, _, t in transcript.feedback]
    for entry, (_, score, _) in zip(feedback.questions, transcript.feedback, strict=True):
        assert abs(entry.evaluation.score - score) < 0.051 and entry.answer
    return transcript
