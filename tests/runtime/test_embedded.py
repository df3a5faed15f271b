"""The embedded PostgreSQL and Redis, for real: started from the PyPI wheels in a temp dir, restarted on
the same dir, orphaned by a killed process, and reached the way the app reaches them (asyncpg, redis-py,
arq). Independent of the machine's own servers, which these tests never touch."""

from __future__ import annotations

import asyncio
import os
import pwd
import socket
import stat
import sys
import textwrap
from pathlib import Path

import asyncpg
import pytest
import redis.asyncio as redis_asyncio
from arq.connections import RedisSettings, create_pool

from skillgap.errors import Unavailable
from skillgap.runtime import EmbeddedServiceError, process_cmdline
from skillgap.runtime.postgres import SYSTEM_USER, EmbeddedPostgres
from skillgap.runtime.redis import EmbeddedRedis
from skillgap.runtime.services import (
    ensure_postgres,
    ensure_redis,
    probe_postgres,
    probe_redis,
    stop_embedded,
)

# Nothing listens on port 1; a connection there is refused at once.
DEAD_POSTGRES = "postgresql://skillgap:hunter2@127.0.0.1:1/skillgap"
DEAD_REDIS = "redis://:hunter2@127.0.0.1:1/0"


async def _fetchval(dsn: str, sql: str) -> object:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


async def _run_python(code: str, *args: str) -> str:
    """Run `code` in a fresh interpreter (which may leave servers behind on purpose); its stdout."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        textwrap.dedent(code),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    return out.decode()


async def test_postgres_keeps_data_across_restarts(tmp_path: Path) -> None:
    server = EmbeddedPostgres()
    data_dir = tmp_path / "pg"
    dsn = await server.astart(data_dir)
    try:
        assert dsn.startswith("postgresql://postgres@/skillgap?host=/")
        conn = await asyncpg.connect(dsn)
        try:
            assert await conn.fetchval("SELECT current_database()") == "skillgap"
            await conn.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)")
            await conn.execute("INSERT INTO notes VALUES (1, 'survives a restart')")
            # The wheel ships pgvector, which the machine's server lacks.
            await conn.execute("CREATE EXTENSION vector")
            assert await conn.fetchval("SELECT '[3,4]'::vector <-> '[0,0]'::vector") == 5.0
        finally:
            await conn.close()

        pid = server.pid
        assert pid is not None
        await server.astop()
        assert not server.running
        assert process_cmdline(pid) is None
        assert not (data_dir / "pgdata" / "postmaster.pid").exists()
        assert not await probe_postgres(dsn, timeout=1.0)

        assert await server.astart(data_dir) == dsn
        assert await _fetchval(dsn, "SELECT body FROM notes WHERE id = 1") == "survives a restart"
    finally:
        await server.astop()


async def test_postgres_data_dir_serves_one_handle_at_a_time(tmp_path: Path) -> None:
    first = EmbeddedPostgres()
    await first.astart(tmp_path / "pg")
    try:
        with pytest.raises(EmbeddedServiceError, match="in use by another handle in this process"):
            await EmbeddedPostgres().astart(tmp_path / "pg")
        assert first.running
    finally:
        await first.astop()


async def test_postgres_left_running_by_a_killed_process_is_replaced(tmp_path: Path) -> None:
    data_dir = tmp_path / "pg"
    out = await _run_python(
        """
        import asyncio, os, sys
        from pathlib import Path
        import asyncpg
        from skillgap.runtime.postgres import EmbeddedPostgres

        server = EmbeddedPostgres()
        dsn = server.start(Path(sys.argv[1]))

        async def write() -> None:
            conn = await asyncpg.connect(dsn)
            await conn.execute("CREATE TABLE t AS SELECT 42 AS answer")
            await conn.close()

        asyncio.run(write())
        print(server.pid, flush=True)
        os._exit(0)  # no atexit, no stop(): the server is orphaned, as after a SIGKILL
        """,
        str(data_dir),
    )
    orphan = int(out)
    server = EmbeddedPostgres()
    try:
        assert process_cmdline(orphan) is not None
        dsn = await server.astart(data_dir)
        assert process_cmdline(orphan) is None
        assert server.pid != orphan
        assert await _fetchval(dsn, "SELECT answer FROM t") == 42
    finally:
        await server.astop()


@pytest.mark.skipif(os.geteuid() != 0, reason="the system user exists only to run Postgres as root")
async def test_as_root_postgres_runs_as_system_user_and_only_search_bits_are_added(tmp_path: Path) -> None:
    private = tmp_path / "private"
    private.mkdir()
    private.chmod(0o700)
    server = EmbeddedPostgres()
    await server.astart(private / "pg")
    try:
        # The one change to a directory we did not create: search permission for others, no listing.
        assert stat.S_IMODE(private.stat().st_mode) == 0o701
        account = pwd.getpwnam(SYSTEM_USER)
        status = dict(
            line.split(":", 1) for line in Path(f"/proc/{server.pid}/status").read_text().splitlines()
        )
        assert int(status["Uid"].split()[0]) == account.pw_uid
        assert int(status["Gid"].split()[0]) == account.pw_gid != 0
        assert status["Groups"].split() == []
    finally:
        await server.astop()


async def test_redis_keeps_keys_and_arq_jobs_across_restarts(tmp_path: Path) -> None:
    server = EmbeddedRedis(port=None)
    data_dir = tmp_path / "redis"
    url = await server.astart(data_dir)
    try:
        assert url.startswith("redis://127.0.0.1:")
        client = redis_asyncio.Redis.from_url(url)
        try:
            await client.set("greeting", "survives a restart")
        finally:
            await client.aclose()
        arq = await create_pool(RedisSettings.from_dsn(url))
        try:
            job = await arq.enqueue_job("scrape_source", "greenhouse:acme", _job_id="scrape-acme")
            assert job is not None
        finally:
            await arq.aclose()

        pid = server.pid
        assert pid is not None
        await server.astop()
        assert process_cmdline(pid) is None
        assert not await probe_redis(url, timeout=1.0)

        url = await server.astart(data_dir)
        client = redis_asyncio.Redis.from_url(url)
        try:
            assert await client.get("greeting") == b"survives a restart"
        finally:
            await client.aclose()
        arq = await create_pool(RedisSettings.from_dsn(url))
        try:
            queued = await arq.queued_jobs()
            assert [(j.job_id, j.function, j.args) for j in queued] == [
                ("scrape-acme", "scrape_source", ("greenhouse:acme",))
            ]
        finally:
            await arq.aclose()
    finally:
        await server.astop()


async def test_redis_takes_a_free_port_when_the_preferred_one_is_taken(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        server = EmbeddedRedis(port=taken)
        url = await server.astart(tmp_path / "redis")
        try:
            assert server.port != taken
            assert url == f"redis://127.0.0.1:{server.port}/0"
            assert await probe_redis(url)
        finally:
            await server.astop()


async def test_redis_left_running_by_a_killed_process_is_replaced(tmp_path: Path) -> None:
    data_dir = tmp_path / "redis"
    out = await _run_python(
        """
        import os, sys
        from pathlib import Path
        import redis
        from skillgap.runtime.redis import EmbeddedRedis

        server = EmbeddedRedis(port=None)
        url = server.start(Path(sys.argv[1]))
        client = redis.Redis.from_url(url)
        client.set("job", "queued before the crash")
        client.close()
        print(server.pid, flush=True)
        os._exit(0)
        """,
        str(data_dir),
    )
    orphan = int(out)
    server = EmbeddedRedis(port=None)
    try:
        assert process_cmdline(orphan) is not None
        url = await server.astart(data_dir)
        assert process_cmdline(orphan) is None
        client = redis_asyncio.Redis.from_url(url)
        try:
            assert await client.get("job") == b"queued before the crash"
        finally:
            await client.aclose()
    finally:
        await server.astop()


async def test_ensure_starts_embedded_servers_when_none_is_configured(tmp_path: Path) -> None:
    dsn, postgres = await ensure_postgres(None, tmp_path)
    url, redis = await ensure_redis(None, tmp_path)
    try:
        assert postgres is not None and redis is not None
        assert (tmp_path / "postgres" / "pgdata" / "PG_VERSION").exists()
        assert (tmp_path / "redis" / "appendonly.aof").exists()
        assert await probe_postgres(dsn) and await probe_redis(url)
        # A configured server that answers is used as is, and nothing is started for it.
        assert await ensure_postgres(dsn, tmp_path / "unused") == (dsn, None)
        assert await ensure_redis(url, tmp_path / "unused") == (url, None)
        assert not (tmp_path / "unused").exists()
    finally:
        await stop_embedded(redis, postgres)
    assert not postgres.running and not redis.running


async def test_ensure_postgres_refuses_a_configured_server_that_does_not_answer(tmp_path: Path) -> None:
    with pytest.raises(Unavailable) as raised:
        await ensure_postgres(DEAD_POSTGRES, tmp_path)
    message = str(raised.value)
    assert "postgresql://skillgap:***@127.0.0.1:1/skillgap" in message
    assert "hunter2" not in message
    assert "SKILLGAP_DATABASE_URL" in message
    # No silent fallback to an embedded server.
    assert not (tmp_path / "postgres").exists()


async def test_ensure_redis_refuses_a_configured_server_that_does_not_answer(tmp_path: Path) -> None:
    with pytest.raises(Unavailable) as raised:
        await ensure_redis(DEAD_REDIS, tmp_path)
    message = str(raised.value)
    assert "redis://:***@127.0.0.1:1/0" in message
    assert "hunter2" not in message
    assert not (tmp_path / "redis").exists()


async def test_probes_say_no_quickly_when_nothing_listens() -> None:
    assert not await probe_postgres("postgresql://postgres@127.0.0.1:1/postgres", timeout=1.0)
    assert not await probe_redis("redis://127.0.0.1:1/0", timeout=1.0)
    assert not await probe_postgres("not a dsn", timeout=1.0)
