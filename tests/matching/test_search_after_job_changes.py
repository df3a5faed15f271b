"""A search keeps what it read of jobs in memory (the embedded index keeps their payloads, the matcher the facts it
read from them): a job edited on its board or closed must be ranked, scored and filtered as it is now, with the
score its own page (GetJob) gives it."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from grpc import aio

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import job_pb2, job_pb2_grpc
from tests.support.samples import BACKEND, DATA, FRONTEND, upload
from tests.support.services import job_catalog

Metadata = tuple[tuple[str, str], ...]


async def test_a_search_scores_a_job_as_it_is_after_it_changes(
    channel: aio.Channel, auth: Metadata, resources: Resources
) -> None:
    company = f"Changeco {uuid.uuid4().hex[:8]}"
    catalog = job_catalog(resources)
    now = datetime.now(UTC)

    def posting(external_id: str, title: str, text: str) -> JobPosting:
        return JobPosting(source_kind="greenhouse", source_identifier=company, external_id=external_id, title=title,
                          description=text, company=company, url=f"https://boards.example/{external_id}",
                          locations=("Berlin, Germany",), workplace_type="remote",
                          post_time=now - timedelta(days=1))  # fmt: skip

    edited_id = uuid.uuid4().hex
    edited = (await catalog.add(posting(edited_id, "Senior Backend Engineer", BACKEND))).job_id
    frontend = (await catalog.add(posting(uuid.uuid4().hex, "Frontend Engineer", FRONTEND))).job_id
    data = (await catalog.add(posting(uuid.uuid4().hex, "Machine Learning Engineer", DATA))).job_id
    resume_id = await upload(channel, auth)
    stub = job_pb2_grpc.JobServiceStub(channel)

    async def searched() -> dict[str, tuple[float, str]]:
        request = job_pb2.SearchJobsRequest(resume_id=resume_id, filter=job_pb2.JobFilter(companies=[company]))
        reply = await stub.SearchJobs(request, metadata=auth)
        return {m.job.job_id: (m.score, m.breakdown.required_coverage.explanation) for m in reply.matches}

    async def own_page_score(job_id: str, title: str) -> float:
        # GetJob assesses the job from its stored row; the server's row cache learns of the edit by notice.
        for _ in range(100):
            reply = await stub.GetJob(job_pb2.GetJobRequest(job_id=job_id, resume_id=resume_id), metadata=auth)
            if reply.job.title == title:
                return float(reply.gap_analysis.match.score)
            await asyncio.sleep(0.05)
        raise AssertionError(f"GetJob still shows {reply.job.title!r}, not {title!r}")

    before = await searched()
    assert set(before) == {edited, frontend, data}
    assert await searched() == before  # the second time from memory: the same
    assert before[edited][0] == pytest.approx(await own_page_score(edited, "Senior Backend Engineer"), abs=0.11)

    # Edited on its board: the backend job is now a data job, with other skills, and is read and embedded anew.
    outcome, _ = await catalog.ingest(posting(edited_id, "Data Engineer", DATA + "\nAirflow and dbt every day."))
    assert outcome == "updated"
    after = await searched()
    assert after[edited] != before[edited]
    assert after[edited][0] == pytest.approx(await own_page_score(edited, "Data Engineer"), abs=0.11)
    assert after[frontend] == before[frontend] and after[data] == before[data]  # the others as they were

    # Closed: gone from the search, as from the index's filter.
    await resources.pool.execute("UPDATE jobs SET state = 'closed' WHERE job_id = $1", uuid.UUID(frontend))
    assert await resources.vectors.update_job_payload(frontend, {"state": "closed"})
    assert set(await searched()) == {edited, data}
