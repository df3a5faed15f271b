"""Migrations: idempotent, and safe when several processes start at once."""

from __future__ import annotations

import asyncio

import asyncpg

from skillgap.storage.db import create_pool
from skillgap.storage.migrations import apply_migrations, load_migrations


async def test_migrations_run_twice_and_concurrently(create_database) -> None:
    url = await create_database()
    pools = [await create_pool(url, min_size=1, max_size=2) for _ in range(3)]
    try:
        results = await asyncio.gather(*(apply_migrations(p) for p in pools))
        latest = [m.version for m in load_migrations()]
        # Exactly one starter applied them; the others found the schema current.
        assert sorted(results, key=len) == [[], [], latest]
        assert await apply_migrations(pools[0]) == []
        conn: asyncpg.Connection
        async with pools[0].acquire() as conn:
            assert await conn.fetchval("SELECT count(*) FROM schema_migrations") == len(latest)
            assert await conn.fetchval("SELECT to_regclass('public.resumes')") is not None
    finally:
        for pool in pools:
            await pool.close()
