"""What matching one scrape run may cost, as a subscriber sees it: each subscription considers at most
`MAX_JOBS_PER_SUBSCRIPTION` of a run's jobs that pass its filters, the most similar to its resume first, so a
capped subscription is alerted of its best matches (not of whichever jobs came first) and a filter is applied
before the cap (a narrow subscription still sees its jobs); the run's log says how many were left unscored.
(Sharing a resume's reading and scoring between its subscriptions is measured by bench_alert_matching.py.) Through
the real worker against the local Greenhouse stand-in, the cap made small."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest
from grpc import aio

from skillgap.alerts import matching
from skillgap.v1 import alert_pb2, alert_pb2_grpc, job_pb2
from tests.alerts.test_alert_pipeline import board_of, by_subscription, job_ids_of, subscribe
from tests.support.samples import upload
from tests.support.standin_site import Site, serving
from tests.support.worker_scrapes import WorkerScrapes

Metadata = tuple[tuple[str, str], ...]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


async def test_a_capped_subscription_is_alerted_of_its_most_similar_jobs_after_its_filters(
    site: Site,
    scrapes: WorkerScrapes,
    channel: aio.Channel,
    auth: Metadata,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(matching, "MAX_JOBS_PER_SUBSCRIPTION", 1)
    alerts = alert_pb2_grpc.AlertServiceStub(channel)
    resume_id = await upload(channel, auth)  # the sample backend engineer's resume
    everything = (await subscribe(alerts, auth, resume_id, 0)).subscription.subscription_id
    remote = (
        await subscribe(
            alerts, auth, resume_id, 0, filter=job_pb2.JobFilter(workplace_types=[job_pb2.WORKPLACE_TYPE_REMOTE])
        )
    ).subscription.subscription_id
    board, source = board_of(site)

    with caplog.at_level(logging.INFO, logger="skillgap.alerts.matching"):
        await scrapes.run(source)

    jobs = await job_ids_of(channel, auth, job_pb2.SOURCE_KIND_GREENHOUSE, board)
    backend, analyst = jobs["4012345"], jobs["4012399"]
    found = by_subscription(await alerts.ListAlerts(alert_pb2.ListAlertsRequest(), metadata=auth))
    # Both jobs pass min_score 0: capped at one, the backend resume is alerted of the backend job, its closest.
    assert [a.job.job_id for a in found[everything]] == [backend]
    # The remote-only subscription's one job is the remote analyst job: its filter comes before the cap.
    assert [a.job.job_id for a in found[remote]] == [analyst]
    # The run's log says that the cap held some subscriptions back, and how far.
    capped = [r.getMessage() for r in caplog.records if "most similar passing jobs" in r.getMessage()]
    assert len(capped) == 1 and re.search(r"\d+ subscription\(s\) considered only their 1 most similar", capped[0])
    assert re.search(r"\d+ \(subscription, job\) pairs beyond that were not scored", capped[0]), capped
