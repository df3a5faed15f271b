"""What a SkillGap process shares: its clients, its model and its curated data, each one instance.

`skillgap.app` (the composition root) builds them once at start-up and closes them once at the end; the services
receive them as constructor arguments. Nothing else opens a pool or a client or loads the curated data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import asyncpg

from skillgap.config import Settings
from skillgap.embedding.embedder import Embedder
from skillgap.interview.bank import QuestionBank
from skillgap.learning.catalog import ResourceCatalog
from skillgap.llm import ChatModel
from skillgap.occupations.index import OccupationIndex
from skillgap.scraping.queue import ScrapeQueue
from skillgap.skills.extraction import SkillExtractor
from skillgap.skills.revision import reading_version
from skillgap.skills.taxonomy import Taxonomy
from skillgap.vectors.store import VectorStore


@dataclass
class Resources:
    settings: Settings
    pool: asyncpg.Pool
    vectors: VectorStore
    embedder: Embedder
    extractor: SkillExtractor
    taxonomy: Taxonomy
    # Job and resume titles to occupations (extraction; ranking by role).
    occupations: OccupationIndex
    # The learning-resource catalog (gap analysis, interview feedback) and the offline interview engine's questions.
    catalog: ResourceCatalog
    bank: QuestionBank
    scrape_queue: ScrapeQueue | None = field(default=None)
    # The configured LLM server's model, the one every LLM feature of the process talks to (extraction, answers,
    # interviews), so they share its client, what it negotiated and its outages; None offline.
    llm: ChatModel | None = field(default=None)

    @property
    def taxonomy_version(self) -> str:
        return self.taxonomy.version

    @property
    def reading_version(self) -> str:
        """Which reading stored profiles and job skills come from (see `skillgap.skills.revision`)."""
        return reading_version(self.taxonomy.version, self.occupations.version, self.extractor.name)

    @property
    def extractor_name(self) -> str:
        return self.extractor.name
