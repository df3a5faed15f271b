"""`skillgap up` keeps what it started running: its embedded PostgreSQL and Redis SIGKILLed under it.

What a user notices: the death is logged at once in a line that says what died and that it is being
restarted; meanwhile calls that need it fail with UNAVAILABLE and a message saying so; within a few seconds
the same calls work again, without restarting `skillgap up`, and nothing answered before the crash is lost
(a resume uploaded before PostgreSQL died; a scrape run in flight when Redis died finishes). And Ctrl-C still
stops everything in bounded time when the children are dead and cannot come back.

Real processes throughout: `skillgap up` in a data dir of its own on free ports, SIGKILL from here.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import grpc
import pytest
from grpc import aio

from skillgap.runtime import read_pid
from skillgap.v1 import resume_pb2, resume_pb2_grpc, scrape_pb2, scrape_pb2_grpc
from tests.faults.support import assert_unavailable, until
from tests.fixtures.documents import make_resume_text
from tests.support.boards import hanging_board
from tests.support.cli import RunningCli, kill_leftovers, processes_using, skillgap_up

T = TypeVar("T")

# "Within a few seconds" of the kill, on a loaded two-core CI machine (measured: PostgreSQL about 2-5 s,
# crash recovery included; Redis under 1 s).
RECOVERY_SECONDS = 15.0
# The death is noticed as it happens (a pidfd), not by a slow poll.
NOTICED_SECONDS = 5.0
# Ctrl-C with nothing in flight: well under the 10 s grace, whatever state the children are in.
SHUTDOWN_SECONDS = 15.0
FINISHED = (scrape_pb2.SCRAPE_STATE_SUCCEEDED, scrape_pb2.SCRAPE_STATE_PARTIALLY_FAILED, scrape_pb2.SCRAPE_STATE_FAILED)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data dir under /tmp itself rather than pytest's folders: as root, PostgreSQL runs as a system user
    that must reach it, and a pytest run starting meanwhile makes its own base folder private again."""
    base = Path(tempfile.mkdtemp(prefix="skillgap-up-faults-"))
    try:
        yield base / "data"
    finally:
        kill_leftovers(base / "data")
        shutil.rmtree(base, ignore_errors=True)


def postmaster_pid(data_dir: Path) -> int:
    pid = read_pid(data_dir / "postgres" / "pgdata" / "postmaster.pid")
    assert pid is not None, "no postmaster.pid: is the embedded PostgreSQL running?"
    return pid


def redis_pid(data_dir: Path) -> int:
    pid = read_pid(data_dir / "redis" / "redis.pid")
    assert pid is not None, "no redis.pid: is the embedded Redis running?"
    return pid


async def answered_within(what: str, call: Callable[[], Awaitable[T]], timeout: float, cli: RunningCli) -> T:
    """The first answer of `call()`, tried again while it fails UNAVAILABLE; fails the test after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await cli.while_running(call(), 30)
        except aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.UNAVAILABLE:
                raise
            if time.monotonic() > deadline:
                pytest.fail(f"{what} still UNAVAILABLE {timeout:.0f} s after the kill: {error.details()}\n{cli.output}")
        await asyncio.sleep(0.2)


@pytest.mark.timeout(240)
@pytest.mark.slow
async def test_killed_postgres_is_logged_restarted_and_calls_recover_with_nothing_lost(data_dir: Path) -> None:
    async with skillgap_up(data_dir) as (cli, up):
        async with aio.insecure_channel(up.grpc) as channel:
            resumes = resume_pb2_grpc.ResumeServiceStub(channel)
            stored = await cli.while_running(
                resumes.UploadResume(
                    resume_pb2.UploadResumeRequest(text=make_resume_text(name="Paula Persisted", seed=700)),
                    metadata=up.auth,
                    timeout=60,
                ),
                60,
            )

            def get_stored() -> Awaitable[resume_pb2.GetResumeResponse]:
                request = resume_pb2.GetResumeRequest(resume_id=stored.resume.resume_id)
                return resumes.GetResume(request, metadata=up.auth, timeout=10)

            postmaster = postmaster_pid(data_dir)
            os.kill(postmaster, signal.SIGKILL)
            killed = time.monotonic()

            # Meanwhile: the truth, as soon as the server processes notice (one may still answer for a moment).
            error = await first_failure("GetResume while PostgreSQL is dead", get_stored, cli)
            assert error.code() == grpc.StatusCode.UNAVAILABLE, f"{error.details()}\n{cli.output}"
            assert_unavailable(error, "database", "try again")
            await cli.wait_for_output(
                rf"the embedded PostgreSQL \(pid {postmaster}\) was killed by SIGKILL; restarting it now",
                NOTICED_SECONDS,
            )

            # Back within a few seconds, on the same `skillgap up`, with what it had answered before.
            got = await answered_within("GetResume", get_stored, RECOVERY_SECONDS, cli)
            recovered = time.monotonic() - killed
            assert got.resume.text == stored.resume.text
            # Writes too.
            uploaded = await cli.while_running(
                resumes.UploadResume(
                    resume_pb2.UploadResumeRequest(text=make_resume_text(name="Rosa Restarted", seed=701)),
                    metadata=up.auth,
                    timeout=60,
                ),
                60,
            )
            assert "Rosa Restarted" in uploaded.resume.text
            assert postmaster_pid(data_dir) != postmaster
            await cli.wait_for_output(r"the embedded PostgreSQL is back \(pid \d+\), [\d.]+ s after it died", 5)
            print(f"PostgreSQL SIGKILLed: GetResume answered again {recovered:.1f} s later")
        await stop_after_faults(cli, data_dir, SHUTDOWN_SECONDS)


@pytest.mark.timeout(300)  # a scrape through the real worker, model included, on a busy 2-core machine
@pytest.mark.slow
async def test_killed_redis_is_logged_restarted_and_scrape_runs_go_on(data_dir: Path) -> None:
    with hanging_board(postings=5, hang_at=3) as board, hanging_board(postings=2, hang_at=None) as later_board:
        async with skillgap_up(data_dir, scrape_allowed_hosts="127.0.0.1") as (cli, up):
            async with aio.insecure_channel(up.grpc) as channel:
                scrapes = scrape_pb2_grpc.ScrapeServiceStub(channel)

                def trigger(source: scrape_pb2.ScrapeSource) -> Awaitable[scrape_pb2.TriggerScrapeResponse]:
                    request = scrape_pb2.TriggerScrapeRequest(sources=[source])
                    return scrapes.TriggerScrape(request, metadata=up.auth, timeout=30)

                async def state_of(run_id: str) -> int:
                    request = scrape_pb2.GetScrapeStatusRequest(run_id=run_id)
                    reply = await scrapes.GetScrapeStatus(request, metadata=up.auth, timeout=10)
                    return reply.runs[0].state

                in_flight = (await cli.while_running(trigger(board.source()), 30)).run

                async def blocked() -> bool:
                    return board.blocked.is_set()

                await cli.while_running(until("the worker is in the middle of the run", blocked, 90), 100)

                pid = redis_pid(data_dir)
                os.kill(pid, signal.SIGKILL)
                killed = time.monotonic()
                await cli.wait_for_output(
                    rf"the embedded Redis \(pid {pid}\) was killed by SIGKILL; restarting it now", NOTICED_SECONDS
                )

                # Triggering works again within a few seconds, on the same `skillgap up`.
                def trigger_later() -> Awaitable[scrape_pb2.TriggerScrapeResponse]:
                    return trigger(later_board.source())

                later = (await answered_within("TriggerScrape", trigger_later, RECOVERY_SECONDS, cli)).run
                recovered = time.monotonic() - killed
                assert redis_pid(data_dir) != pid
                await cli.wait_for_output(r"the embedded Redis is back \(pid \d+\), [\d.]+ s after it died", 5)

                # The run in flight when Redis died and the one queued after both finish, every posting read.
                board.release.set()

                async def both_finished() -> bool:
                    return all([await state_of(run.run_id) in FINISHED for run in (in_flight, later)])

                await cli.while_running(until("both runs are finished", both_finished, 90, every=0.3), 100)
                assert await state_of(in_flight.run_id) == scrape_pb2.SCRAPE_STATE_SUCCEEDED
                assert await state_of(later.run_id) == scrape_pb2.SCRAPE_STATE_SUCCEEDED
                assert set(board.postings) <= set(board.details_served)
                assert set(later_board.postings) <= set(later_board.details_served)
                print(f"Redis SIGKILLed: TriggerScrape answered again {recovered:.1f} s later")
            await stop_after_faults(cli, data_dir, SHUTDOWN_SECONDS)


async def first_failure(what: str, call: Callable[[], Awaitable[object]], cli: RunningCli) -> aio.AioRpcError:
    """The first error of `call()`, called again while it succeeds; fails the test after NOTICED_SECONDS."""
    deadline = time.monotonic() + NOTICED_SECONDS
    while time.monotonic() < deadline:
        try:
            await cli.while_running(call(), 30)
        except aio.AioRpcError as error:
            return error
        await asyncio.sleep(0.02)
    pytest.fail(f"{what} kept answering for {NOTICED_SECONDS:.0f} s")


async def stop_after_faults(cli: RunningCli, data_dir: Path, within: float) -> float:
    """Ctrl-C: everything stops within `within` s, cleanly from the stop on, and completely. (Before it, the
    faults had the log show tracebacks of their own, such as a worker cron job that found no database.)"""
    code, seconds = await cli.stop(signal.SIGINT, timeout=max(within * 3, 60), whole_group=True)
    assert code == 0, cli.output
    assert seconds < within, cli.output
    stopping = cli.output[cli.output.index("skillgap: stopping") :]
    assert "Traceback" not in stopping, stopping
    assert "error while stopping" not in stopping, stopping
    assert processes_using(data_dir) == [], cli.output
    return seconds


def squat(port: int, attempts: float = 2.0) -> socket.socket:
    """A listener on 127.0.0.1:`port` as soon as the port is free (a killed server's socket closes as its
    process finishes dying)."""
    deadline = time.monotonic() + attempts
    while True:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.001)
            continue
        sock.listen()
        return sock


@pytest.mark.timeout(240)
@pytest.mark.slow
async def test_ctrl_c_with_both_servers_dead_stops_everything_in_bounded_time(data_dir: Path) -> None:
    async with skillgap_up(data_dir) as (cli, up):
        found = re.search(r"embedded Redis on \S+ at 127\.0\.0\.1:(\d+)", cli.output)
        assert found, cli.output
        redis_port = int(found.group(1))
        # Redis must stay dead: its port is taken the moment it dies, so every restart fails (should the
        # restart win the race, it is killed again).
        for _ in range(3):
            os.kill(redis_pid(data_dir), signal.SIGKILL)
            try:
                squatter = squat(redis_port)
                break
            except OSError:
                await asyncio.sleep(0.5)
        else:
            pytest.fail(f"could not take Redis's port {redis_port} after killing it")
        with squatter:
            postmaster = postmaster_pid(data_dir)
            os.kill(postmaster, signal.SIGKILL)
            # Stop while the supervisors are busy: Redis's restarts failing, PostgreSQL's restarting (checked
            # after the stop, so that a `skillgap up` without supervisors fails on what this test is about).
            handled = [
                r"could not restart the embedded Redis \(attempt \d+",
                rf"the embedded PostgreSQL \(pid {postmaster}\) was killed by SIGKILL",
            ]
            deadline = time.monotonic() + 10
            while not all(re.search(pattern, cli.output) for pattern in handled) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            seconds = await stop_after_faults(cli, data_dir, SHUTDOWN_SECONDS)
        print(f"Ctrl-C with Redis dead (its restarts failing) and PostgreSQL killed: exited in {seconds:.1f} s")
        for pattern in handled:
            assert re.search(pattern, cli.output), cli.output
