"""Another user's ids: every RPC that takes the id of per-user data answers NOT_FOUND, exactly as it
answers for an id that does not exist, and changes nothing.

The RPCs and their id fields are read from the protos (every proto/skillgap/v1/*.proto), so a new RPC
or a new id field fails `test_every_id_field_of_every_rpc_is_classified` until it is classified here,
and a per-user one fails `test_every_per_user_id_has_a_case` until it has a case below.
"""

from __future__ import annotations

import importlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import field_mask_pb2
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.rpc import error_details_pb2
from grpc import aio

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import (
    alert_pb2,
    alert_pb2_grpc,
    interview_pb2,
    interview_pb2_grpc,
    job_pb2,
    job_pb2_grpc,
    resume_pb2,
    resume_pb2_grpc,
    search_pb2,
    search_pb2_grpc,
)
from tests.support.samples import BACKEND, RESUME
from tests.support.services import job_catalog

Metadata = tuple[tuple[str, str], ...]
PROTO_DIR = Path(__file__).resolve().parents[2] / "proto" / "skillgap" / "v1"

PER_USER = "per-user"  # the caller's own data: another user's id must be NOT_FOUND
SHARED = "shared"  # the same for every signed-in user, by design
SCOPED = "scoped"  # only meaningful inside a per-user id of the same request

# Every field named *_id / *_ids in the request of every RPC (dotted path inside the request), and what
# kind of id it is. Why the shared ones are shared:
# - job ids: jobs are a catalog scraped from public boards; any signed-in user reads any job (job.proto).
# - scrape run ids: "status is readable by every signed-in user" (scrape.proto); runs hold no user data.
#   ListJobs' run_id and source.external_id only narrow the shared job list.
# - question ids ("q1", "q2f"...) are positions inside one interview, looked up only within the
#   interview_id the same call names, which is per-user.
# - skill ids are the shared taxonomy's: every user's profile may name any skill.
ID_FIELDS: dict[tuple[str, str], str] = {
    ("ResumeService.GetResume", "resume_id"): PER_USER,
    ("ResumeService.DeleteResume", "resume_id"): PER_USER,
    ("ResumeService.UpdateResumeProfile", "resume_id"): PER_USER,
    ("ResumeService.UpdateResumeProfile", "profile.skills.skill.skill_id"): SHARED,
    ("ResumeService.UpdateResumeProfile", "profile.tech_stack.skills.skill_id"): SHARED,
    ("ResumeService.UpdateResumeProfile", "profile.experience.skill_ids"): SHARED,
    ("ResumeService.UpdateResumeProfile", "profile.certifications.skill_id"): SHARED,
    ("JobService.SearchJobs", "resume_id"): PER_USER,
    ("JobService.ListJobs", "run_id"): SHARED,
    ("JobService.ListJobs", "source.external_id"): SHARED,
    ("JobService.GetJob", "job_id"): SHARED,
    ("JobService.GetJob", "resume_id"): PER_USER,
    ("JobService.GetJobSkills", "job_id"): SHARED,
    ("JobService.AskAboutJob", "job_id"): SHARED,
    ("JobService.AskAboutJob", "resume_id"): PER_USER,
    ("JobService.GetGapSummary", "resume_id"): PER_USER,
    ("InterviewService.StartInterview", "job_id"): SHARED,
    ("InterviewService.StartInterview", "resume_id"): PER_USER,
    ("InterviewService.SubmitAnswer", "interview_id"): PER_USER,
    ("InterviewService.SubmitAnswer", "question_id"): SCOPED,
    ("InterviewService.GetFeedback", "interview_id"): PER_USER,
    ("InterviewService.GetInterviewTranscript", "interview_id"): PER_USER,
    ("InterviewService.GetInterview", "interview_id"): PER_USER,
    ("InterviewService.Converse", "start.job_id"): SHARED,
    ("InterviewService.Converse", "start.resume_id"): PER_USER,
    ("InterviewService.Converse", "answer.question_id"): SCOPED,
    ("InterviewService.Converse", "resume.interview_id"): PER_USER,
    ("ScrapeService.GetScrapeStatus", "run_id"): SHARED,
    ("SavedSearchService.GetSavedSearch", "saved_search_id"): PER_USER,
    ("SavedSearchService.UpdateSavedSearch", "saved_search_id"): PER_USER,
    ("SavedSearchService.DeleteSavedSearch", "saved_search_id"): PER_USER,
    ("SavedSearchService.RunSavedSearch", "saved_search_id"): PER_USER,
    ("AlertService.CreateAlertSubscription", "resume_id"): PER_USER,
    ("AlertService.UpdateAlertSubscription", "subscription_id"): PER_USER,
    ("AlertService.UpdateAlertSubscription", "resume_id"): PER_USER,
    ("AlertService.DeleteAlertSubscription", "subscription_id"): PER_USER,
    ("AlertService.ListAlerts", "subscription_id"): PER_USER,
}


def _id_fields(message: Descriptor, prefix: str = "", seen: frozenset[str] = frozenset()) -> list[str]:
    """Dotted paths of every *_id / *_ids field in `message`, nested messages included."""
    found = []
    for field in message.fields:
        path = prefix + field.name
        if field.type == FieldDescriptor.TYPE_STRING and field.name.endswith(("_id", "_ids")):
            found.append(path)
        elif field.type == FieldDescriptor.TYPE_MESSAGE and field.message_type.full_name not in seen:
            if field.message_type.full_name.startswith("skillgap."):
                found += _id_fields(field.message_type, path + ".", seen | {message.full_name})
    return found


def discovered_id_fields() -> dict[tuple[str, str], str]:
    """(Service.Method, field path) -> 'unary' / 'streaming', for every RPC in proto/skillgap/v1."""
    result = {}
    for proto in sorted(PROTO_DIR.glob("*.proto")):
        module = importlib.import_module(f"skillgap.v1.{proto.stem}_pb2")
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                for path in _id_fields(method.input_type):
                    result[(f"{service.name}.{method.name}", path)] = method.full_name
    return result


def test_every_id_field_of_every_rpc_is_classified() -> None:
    discovered = set(discovered_id_fields())
    assert discovered, "no RPCs found: is PROTO_DIR right?"
    unclassified = sorted(discovered - set(ID_FIELDS))
    assert not unclassified, f"classify these (PER_USER needs a case below): {unclassified}"
    stale = sorted(set(ID_FIELDS) - discovered)
    assert not stale, f"no longer in the protos: {stale}"


# --- the world: Alice owns a resume and an interview; Bob, signed in, tries her ids ----------------


@dataclass
class World:
    alice: Metadata
    bob: Metadata
    job_id: str
    resume_id: str
    resume_text: str
    interview_id: str
    question_id: str
    channel: aio.Channel
    saved_search_id: str = ""
    # Alice's alert subscription, and Bob's own (whose resume_id Bob tries to point at Alice's resume).
    subscription_id: str = ""
    bobs_subscription_id: str = ""


@pytest.fixture(scope="module")
async def world(channel: aio.Channel, token_for: Callable[..., str], resources: Resources) -> World:
    suffix = uuid.uuid4().hex[:8]
    alice = (("authorization", f"Bearer {token_for(f'alice-{suffix}')}"),)
    bob = (("authorization", f"Bearer {token_for(f'bob-{suffix}')}"),)
    job = await job_catalog(resources).add(
        JobPosting(
            source_kind="greenhouse",
            source_identifier="otherusersco",
            external_id=uuid.uuid4().hex,
            title="Senior Backend Engineer",
            description=BACKEND,
            company=f"Otherusersco {suffix}",
        )
    )
    resume = (
        await resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
            resume_pb2.UploadResumeRequest(filename="alice.txt", content_type="text/plain", content=RESUME.encode()),
            metadata=alice,
        )
    ).resume
    started = await interview_pb2_grpc.InterviewServiceStub(channel).StartInterview(
        interview_pb2.StartInterviewRequest(
            job_id=job.job_id,
            resume_id=resume.resume_id,
            options=interview_pb2.InterviewOptions(question_count=2, engine="offline"),
        ),
        metadata=alice,
    )
    saved = await search_pb2_grpc.SavedSearchServiceStub(channel).CreateSavedSearch(
        search_pb2.CreateSavedSearchRequest(
            search=search_pb2.SearchDefinition(keywords=["python", "alice-only-term"], locations=["Berlin"])
        ),
        metadata=alice,
    )
    alerts = alert_pb2_grpc.AlertServiceStub(channel)
    subscribed = await alerts.CreateAlertSubscription(
        alert_pb2.CreateAlertSubscriptionRequest(resume_id=resume.resume_id, min_score=60), metadata=alice
    )
    bobs_resume = await resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
        resume_pb2.UploadResumeRequest(filename="bob.txt", content_type="text/plain", content=b"Bob\nGo, Rust"),
        metadata=bob,
    )
    bobs = await alerts.CreateAlertSubscription(
        alert_pb2.CreateAlertSubscriptionRequest(resume_id=bobs_resume.resume.resume_id, min_score=60), metadata=bob
    )
    return World(
        subscription_id=subscribed.subscription.subscription_id,
        bobs_subscription_id=bobs.subscription.subscription_id,
        saved_search_id=saved.saved_search.saved_search_id,
        alice=alice,
        bob=bob,
        job_id=job.job_id,
        resume_id=resume.resume_id,
        resume_text=resume.text,
        interview_id=started.interview.interview_id,
        question_id=started.question.question_id,
        channel=channel,
    )


@dataclass(frozen=True)
class Outcome:
    code: str
    reason: str
    message: str


def _outcome_of_status(error: aio.AioRpcError) -> Outcome:
    from google.rpc import status_pb2

    reason = ""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            info = error_details_pb2.ErrorInfo()
            for detail in status_pb2.Status.FromString(value).details:
                if detail.Unpack(info):
                    reason = info.reason
    return Outcome(error.code().name, reason, error.details() or "")


async def _unary(call: Awaitable[Any]) -> Outcome:
    try:
        await call
    except aio.AioRpcError as error:
        return _outcome_of_status(error)
    return Outcome("OK", "", "")


async def _server_stream(call: Any) -> Outcome:
    try:
        async for _ in call:
            pass
    except aio.AioRpcError as error:
        return _outcome_of_status(error)
    return Outcome("OK", "", "")


async def _converse(world: World, request: interview_pb2.ConverseRequest) -> Outcome:
    """Converse reports errors the client can fix as an error event and keeps the stream open."""

    async def requests() -> AsyncIterator[interview_pb2.ConverseRequest]:
        yield request

    call = interview_pb2_grpc.InterviewServiceStub(world.channel).Converse(requests(), metadata=world.bob, timeout=30)
    try:
        async for response in call:
            if response.WhichOneof("event") == "error":
                call.cancel()
                return Outcome(response.error.code, response.error.reason, response.error.message)
            call.cancel()
            return Outcome("OK", "", str(response)[:200])
    except aio.AioRpcError as error:
        return _outcome_of_status(error)
    return Outcome("OK", "", "")


# Each case calls, as Bob, the RPC with `id_` in the per-user field and the other fields valid.
Case = Callable[[World, str], Awaitable[Outcome]]


def _resumes(world: World) -> resume_pb2_grpc.ResumeServiceStub:
    return resume_pb2_grpc.ResumeServiceStub(world.channel)


def _jobs(world: World) -> job_pb2_grpc.JobServiceStub:
    return job_pb2_grpc.JobServiceStub(world.channel)


def _interviews(world: World) -> interview_pb2_grpc.InterviewServiceStub:
    return interview_pb2_grpc.InterviewServiceStub(world.channel)


CASES: dict[tuple[str, str], Case] = {
    ("ResumeService.GetResume", "resume_id"): lambda w, id_: _unary(
        _resumes(w).GetResume(resume_pb2.GetResumeRequest(resume_id=id_), metadata=w.bob)
    ),
    ("ResumeService.DeleteResume", "resume_id"): lambda w, id_: _unary(
        _resumes(w).DeleteResume(resume_pb2.DeleteResumeRequest(resume_id=id_), metadata=w.bob)
    ),
    ("ResumeService.UpdateResumeProfile", "resume_id"): lambda w, id_: _unary(
        _resumes(w).UpdateResumeProfile(
            resume_pb2.UpdateResumeProfileRequest(
                resume_id=id_,
                profile=resume_pb2.ResumeProfile(recent_titles=["Chief Intruder"]),
                update_mask=field_mask_pb2.FieldMask(paths=["recent_titles"]),
            ),
            metadata=w.bob,
        )
    ),
    ("JobService.SearchJobs", "resume_id"): lambda w, id_: _unary(
        _jobs(w).SearchJobs(job_pb2.SearchJobsRequest(resume_id=id_), metadata=w.bob)
    ),
    ("JobService.GetJob", "resume_id"): lambda w, id_: _unary(
        _jobs(w).GetJob(job_pb2.GetJobRequest(job_id=w.job_id, resume_id=id_), metadata=w.bob)
    ),
    ("JobService.AskAboutJob", "resume_id"): lambda w, id_: _server_stream(
        _jobs(w).AskAboutJob(
            job_pb2.AskAboutJobRequest(job_id=w.job_id, resume_id=id_, question="Am I senior enough?"),
            metadata=w.bob,
        )
    ),
    ("JobService.GetGapSummary", "resume_id"): lambda w, id_: _unary(
        _jobs(w).GetGapSummary(job_pb2.GetGapSummaryRequest(resume_id=id_), metadata=w.bob)
    ),
    ("InterviewService.StartInterview", "resume_id"): lambda w, id_: _unary(
        _interviews(w).StartInterview(
            interview_pb2.StartInterviewRequest(job_id=w.job_id, resume_id=id_), metadata=w.bob
        )
    ),
    ("InterviewService.SubmitAnswer", "interview_id"): lambda w, id_: _unary(
        _interviews(w).SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(
                interview_id=id_, question_id=w.question_id, answer="I would measure first, then cache."
            ),
            metadata=w.bob,
        )
    ),
    ("InterviewService.GetFeedback", "interview_id"): lambda w, id_: _unary(
        _interviews(w).GetFeedback(interview_pb2.GetFeedbackRequest(interview_id=id_), metadata=w.bob)
    ),
    ("InterviewService.GetInterviewTranscript", "interview_id"): lambda w, id_: _unary(
        _interviews(w).GetInterviewTranscript(
            interview_pb2.GetInterviewTranscriptRequest(interview_id=id_), metadata=w.bob
        )
    ),
    ("InterviewService.GetInterview", "interview_id"): lambda w, id_: _unary(
        _interviews(w).GetInterview(interview_pb2.GetInterviewRequest(interview_id=id_), metadata=w.bob)
    ),
    ("InterviewService.Converse", "start.resume_id"): lambda w, id_: _converse(
        w, interview_pb2.ConverseRequest(start=interview_pb2.ConverseStart(job_id=w.job_id, resume_id=id_))
    ),
    ("InterviewService.Converse", "resume.interview_id"): lambda w, id_: _converse(
        w, interview_pb2.ConverseRequest(resume=interview_pb2.ConverseResume(interview_id=id_))
    ),
}


def _searches(world: World) -> search_pb2_grpc.SavedSearchServiceStub:
    return search_pb2_grpc.SavedSearchServiceStub(world.channel)


CASES |= {
    ("SavedSearchService.GetSavedSearch", "saved_search_id"): lambda w, id_: _unary(
        _searches(w).GetSavedSearch(search_pb2.GetSavedSearchRequest(saved_search_id=id_), metadata=w.bob)
    ),
    ("SavedSearchService.UpdateSavedSearch", "saved_search_id"): lambda w, id_: _unary(
        _searches(w).UpdateSavedSearch(
            search_pb2.UpdateSavedSearchRequest(
                saved_search_id=id_,
                search=search_pb2.SearchDefinition(keywords=["intruder"]),
                update_mask=field_mask_pb2.FieldMask(paths=["keywords"]),
            ),
            metadata=w.bob,
        )
    ),
    ("SavedSearchService.DeleteSavedSearch", "saved_search_id"): lambda w, id_: _unary(
        _searches(w).DeleteSavedSearch(search_pb2.DeleteSavedSearchRequest(saved_search_id=id_), metadata=w.bob)
    ),
    ("SavedSearchService.RunSavedSearch", "saved_search_id"): lambda w, id_: _unary(
        _searches(w).RunSavedSearch(search_pb2.RunSavedSearchRequest(saved_search_id=id_), metadata=w.bob)
    ),
}


def _alerts(world: World) -> alert_pb2_grpc.AlertServiceStub:
    return alert_pb2_grpc.AlertServiceStub(world.channel)


CASES |= {
    ("AlertService.CreateAlertSubscription", "resume_id"): lambda w, id_: _unary(
        _alerts(w).CreateAlertSubscription(
            alert_pb2.CreateAlertSubscriptionRequest(resume_id=id_, min_score=60), metadata=w.bob
        )
    ),
    ("AlertService.UpdateAlertSubscription", "subscription_id"): lambda w, id_: _unary(
        _alerts(w).UpdateAlertSubscription(
            alert_pb2.UpdateAlertSubscriptionRequest(
                subscription_id=id_, min_score=1, update_mask=field_mask_pb2.FieldMask(paths=["min_score"])
            ),
            metadata=w.bob,
        )
    ),
    ("AlertService.UpdateAlertSubscription", "resume_id"): lambda w, id_: _unary(
        _alerts(w).UpdateAlertSubscription(
            alert_pb2.UpdateAlertSubscriptionRequest(
                subscription_id=w.bobs_subscription_id,
                resume_id=id_,
                update_mask=field_mask_pb2.FieldMask(paths=["resume_id"]),
            ),
            metadata=w.bob,
        )
    ),
    ("AlertService.DeleteAlertSubscription", "subscription_id"): lambda w, id_: _unary(
        _alerts(w).DeleteAlertSubscription(
            alert_pb2.DeleteAlertSubscriptionRequest(subscription_id=id_), metadata=w.bob
        )
    ),
    ("AlertService.ListAlerts", "subscription_id"): lambda w, id_: _unary(
        _alerts(w).ListAlerts(alert_pb2.ListAlertsRequest(subscription_id=id_), metadata=w.bob)
    ),
}


def test_every_per_user_id_has_a_case() -> None:
    per_user = {key for key, kind in ID_FIELDS.items() if kind == PER_USER}
    assert per_user == set(CASES)


def _owned_id(world: World, field: str) -> str:
    if field.endswith("saved_search_id"):
        return world.saved_search_id
    if field.endswith("subscription_id"):
        return world.subscription_id
    return world.interview_id if field.endswith("interview_id") else world.resume_id


@pytest.mark.parametrize("key", sorted(CASES), ids=[f"{m}.{f}" for m, f in sorted(CASES)])
async def test_another_users_id_is_not_found_like_a_missing_one(world: World, key: tuple[str, str]) -> None:
    case = CASES[key]
    owned = _owned_id(world, key[1])
    missing = str(uuid.uuid4())

    theirs = await case(world, owned)
    nobodys = await case(world, missing)

    assert theirs.code == "NOT_FOUND", theirs
    # Nothing tells "exists but not yours" from "does not exist": same code, reason and message.
    assert (theirs.reason, theirs.message.replace(owned, "<id>")) == (
        nobodys.reason,
        nobodys.message.replace(missing, "<id>"),
    )
    # And nothing of Alice's leaks into the answer.
    for line in [line for line in world.resume_text.splitlines() if len(line) > 8][:5]:
        assert line not in theirs.message


async def test_nothing_of_alices_changed(world: World) -> None:
    """After Bob's attempts (the cases above run first in this module, but this holds on its own too):
    Alice's resume is still there with its text, and her interview is still active with no answer."""
    for key in (("ResumeService.DeleteResume", "resume_id"), ("InterviewService.SubmitAnswer", "interview_id")):
        assert (await CASES[key](world, _owned_id(world, key[1]))).code == "NOT_FOUND"
    resume = (
        await _resumes(world).GetResume(resume_pb2.GetResumeRequest(resume_id=world.resume_id), metadata=world.alice)
    ).resume
    assert resume.text == world.resume_text
    assert "Chief Intruder" not in resume.profile.recent_titles and not resume.profile.user_fields
    feedback = await _interviews(world).GetFeedback(
        interview_pb2.GetFeedbackRequest(interview_id=world.interview_id), metadata=world.alice
    )
    assert feedback.interview.state == interview_pb2.INTERVIEW_STATE_ACTIVE
    assert feedback.interview.answered_count == 0


async def test_lists_only_show_the_callers_own(world: World) -> None:
    listed = await _resumes(world).ListResumes(resume_pb2.ListResumesRequest(), metadata=world.bob)
    assert world.resume_id not in {r.resume_id for r in listed.resumes}
