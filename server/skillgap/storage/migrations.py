"""Versioned SQL migrations, applied at start-up.

Files `sql/NNNN_name.sql` are applied in order, all pending ones in one transaction under a
transaction-scoped advisory lock: two processes starting at once serialize, the second finds
nothing to do, and a failing migration leaves the schema as it was.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources

import asyncpg

log = logging.getLogger(__name__)

# Any constant shared by every SkillGap process; it names the lock in pg_locks.
MIGRATION_LOCK_ID = 0x5C111_6A9
_FILENAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    found = []
    for entry in resources.files("skillgap.storage").joinpath("sql").iterdir():
        match = _FILENAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration versions: {versions}")
    return found


async def apply_migrations(pool: asyncpg.Pool) -> list[int]:
    """Apply pending migrations; return the versions applied by this call (empty when up to date)."""
    migrations = load_migrations()
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK_ID)
        await conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   version    integer PRIMARY KEY,
                   name       text NOT NULL,
                   apply_time timestamptz NOT NULL DEFAULT now())"""
        )
        done = {r["version"] for r in await conn.fetch("SELECT version FROM schema_migrations")}
        applied = []
        for migration in migrations:
            if migration.version in done:
                continue
            log.info("applying migration %04d_%s", migration.version, migration.name)
            await conn.execute(migration.sql)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
            applied.append(migration.version)
    return applied
