"""The clients a SkillGap process needs, built once and closed once.

The server and the workers both open these; nothing else creates a pool or a client, and no client
lives in a module global.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from skillgap.config import Settings
from skillgap.embedding.embedder import Embedder
from skillgap.llm import ChatModel, build_chat_model
from skillgap.scraping.queue import ScrapeQueue
from skillgap.skills.engines import build_extractor, close_extractor
from skillgap.skills.extraction import SkillExtractor
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.db import create_pool
from skillgap.storage.migrations import apply_migrations
from skillgap.vectors.store import VectorStore, open_vector_store

log = logging.getLogger(__name__)


@dataclass
class Resources:
    settings: Settings
    pool: asyncpg.Pool
    vectors: VectorStore
    embedder: Embedder
    extractor: SkillExtractor
    taxonomy_version: str
    scrape_queue: ScrapeQueue | None = field(default=None)
    # The configured LLM server's model, the one every LLM feature of the process talks to (extraction, answers,
    # interviews), so they share its client, what it negotiated and its outages; None offline.
    llm: ChatModel | None = field(default=None)

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        database_url: str,
        vector_path: Path | None,
        migrate: bool = True,
        redis_url: str | None = None,
    ) -> Resources:
        """Connect to PostgreSQL (and migrate it), the vector index, and load the embedding model.

        `vector_path` is where the in-process index keeps its data when no SKILLGAP_QDRANT_URL is set;
        None keeps it in a temporary folder removed on close (tests).
        """
        pool = await create_pool(
            database_url, min_size=settings.db_pool_min_size, max_size=settings.db_pool_max_size
        )
        try:
            if migrate:
                applied = await apply_migrations(pool)
                if applied:
                    log.info("database migrated to version %d", applied[-1])
            embedder = await asyncio.to_thread(
                Embedder,
                model_name=settings.embedding_model,
                model_path=settings.embedding_model_path,
                cache_dir=settings.data_dir / "models",
                max_tokens=settings.embedding_max_tokens,
            )
            api_key = settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None
            vectors = open_vector_store(
                url=settings.qdrant_url, api_key=api_key, path=None if settings.qdrant_url else vector_path
            )
            await vectors.ensure_collections(embedder.dimensions)
            taxonomy = await asyncio.to_thread(Taxonomy.load)
            llm = build_chat_model(settings)
            extractor = build_extractor(settings, taxonomy, model=llm)
        except BaseException:
            await pool.close()
            raise
        return cls(
            settings=settings,
            pool=pool,
            vectors=vectors,
            embedder=embedder,
            extractor=extractor,
            taxonomy_version=taxonomy.version,
            scrape_queue=ScrapeQueue(redis_url, queue_name=settings.queue_name) if redis_url else None,
            llm=llm,
        )

    @property
    def extractor_name(self) -> str:
        return self.extractor.name

    async def close(self) -> None:
        if self.scrape_queue is not None:
            await self.scrape_queue.close()
        await close_extractor(self.extractor)
        if self.llm is not None:
            await self.llm.aclose()
        await self.vectors.close()
        await self.pool.close()
