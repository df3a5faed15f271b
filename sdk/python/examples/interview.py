"""A streamed mock interview with the SkillGap Python SDK.

    python examples/interview.py HOST:PORT TOKEN JOB_ID RESUME_ID
"""

import queue
import sys

from skillgap_sdk import connect
from skillgap_sdk.v1 import ConverseAnswer, ConverseRequest, ConverseStart, InterviewOptions, InterviewServiceStub

SAMPLE_ANSWER = (
    "I would measure first, then change one thing at a time: read the query plan, add an index where it scans, "
    "cache what is read often, test it, roll it out gradually and watch latency and errors on the dashboards."
)


def main(target: str, token: str, job_id: str, resume_id: str) -> None:
    outbox: queue.Queue[ConverseRequest | None] = queue.Queue()  # what we send, in order; None ends the stream
    options = InterviewOptions(question_count=3)
    outbox.put(ConverseRequest(start=ConverseStart(job_id=job_id, resume_id=resume_id, options=options)))

    with connect(target, token) as channel:
        for event in InterviewServiceStub(channel).converse(iter(outbox.get, None)):
            if (delta := event.question_delta) is not None:
                print(delta.text_delta, end="", flush=True)  # the question streams in as it is written
            elif (question := event.question_complete) is not None:
                print()
                answer = input("> ") if sys.stdin.isatty() else SAMPLE_ANSWER  # type yours, or send ours
                outbox.put(ConverseRequest(answer=ConverseAnswer(question_id=question.question_id, text=answer)))
            elif (evaluation := event.answer_evaluated) is not None:
                print(f"  score {evaluation.score:.1f}/10: {evaluation.rationale}")
            elif (error := event.error) is not None:
                print(f"  error {error.reason}: {error.message}")
            elif (feedback := event.finished) is not None:
                score, answers = feedback.overall_score, len(feedback.questions)
                print(f"Interview {event.interview_id}: {score:.1f}/10 over {answers} answers")
                for entry in feedback.questions:
                    if (question := entry.question) and (evaluation := entry.evaluation):  # always set here
                        print(f"  {question.question_id} {evaluation.score:.1f}/10 {question.text}")
                for area in feedback.areas_to_improve:
                    print(f"Improve {area.area}: {area.advice}")
                outbox.put(None)  # done: close our side, the server ends the stream

if __name__ == "__main__":
    main(*sys.argv[1:5])
