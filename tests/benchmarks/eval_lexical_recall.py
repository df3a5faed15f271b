"""What each recall signal of SearchJobs contributes for queries naming exact technologies (issue 17).

    PYTHONPATH=. .venv/bin/python -m tests.benchmarks.eval_lexical_recall [--generated 240] [--seed 7]
        [--recalls 300,60,30] [--extra-per-family 15]

The catalog: the 80 real postings of tests/data/reading/postings/texts (line 1 the title, then the description),
GENERATED synthetic tech postings (`bench_extraction.make_postings`: backend, frontend, data, ML, DevOps, mobile)
and EXTRA_PER_FAMILY postings each of six families the tech generator lacks, written from the templates below:
Windows systems administration, Linux administration, SAP finance, stream processing, administrative assistants
and fund accounting (the last two are what the issue's sysadmin query returned). Every posting is stored the way
ingestion stores it (`JobCatalog.ingest_many`: skills extracted, embedded with the packaged model, PostgreSQL +
the in-process vector index) in a new database on the machine's PostgreSQL (dropped at the end).

Each query runs query-only through `JobMatcher.search` (the rerank and the score as in production) with three
recalls: the vectors alone, the lexical recall alone (`JobTextSearch`; the candidates' similarity still comes
from their vectors) and the two fused (reciprocal rank fusion, what the server does). For the top 5 it prints how
many name at least one of the query's technologies, how many name at least half of them, and the mean number
named (a word-boundary, case-insensitive match of each technology in title + description).

The catalog has about 400 jobs, so a recall of 300 sees most of it and the signals can hardly differ. Smaller
recalls stand in for larger catalogs: recalling 30 of 400 jobs is recalling 300 of 4,000 (assuming the relevant
jobs and the distractors grow alike). Storing the catalog (embedding every posting) takes about 3 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from skillgap.app import App
from skillgap.config import Settings
from skillgap.jobs.models import JobPosting
from skillgap.matching.service import RECALL, JobMatcher, SearchRequest
from skillgap.storage.job_text_search import JobTextSearch
from skillgap.vectors.filters import JobSearchFilter
from skillgap.vectors.store import JobSearchResult, VectorStore
from tests.benchmarks.bench_extraction import make_postings
from tests.support.services import job_catalog

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"
REAL_TEXTS = Path(__file__).resolve().parents[1] / "data" / "reading" / "postings" / "texts"
USER = "eval-lexical-recall"


@dataclass(frozen=True)
class Query:
    text: str
    technologies: tuple[str, ...]


QUERIES = (
    Query(
        "systems administrator Windows Server Active Directory VMware network",
        ("Windows Server", "Active Directory", "VMware"),
    ),
    Query("Kafka Flink stream processing", ("Kafka", "Flink")),
    Query("Kubernetes Terraform AWS", ("Kubernetes", "Terraform", "AWS")),
    Query("SAP FICO", ("SAP", "FICO")),
)

# Families the tech generator lacks: (titles, things the job names, sentences around them).
EXTRA_FAMILIES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "windows_admin": (
        ["Systems Administrator", "IT Systems Administrator", "Windows Systems Engineer",
         "Infrastructure Administrator"],
        ["Windows Server 2019", "Active Directory", "Group Policy", "VMware vSphere", "Hyper-V", "PowerShell",
         "Microsoft 365", "Exchange Online", "DNS and DHCP", "Veeam backups", "Cisco switches", "Azure AD Connect"],
        ["Maintain and patch {a} across our two data centres.", "Administer {a} and {b} for 400 users.",
         "Experience with {a} is required; {b} is a plus.", "You will own {a}, {b} and the monitoring around them.",
         "Troubleshoot {a} issues escalated by the help desk.", "Document procedures for {a} and {b}."],
    ),
    "linux_admin": (
        ["Linux Systems Administrator", "Unix Administrator", "Systems Engineer (Linux)"],
        ["Red Hat Enterprise Linux", "Ansible", "Bash", "Nagios", "Apache", "KVM", "Puppet", "systemd", "SELinux"],
        ["Keep our {a} fleet patched and hardened.", "Automate {a} tasks with {b}.", "Run on-call for {a} and {b}.",
         "Experience with {a} required, {b} preferred."],
    ),
    "sap_finance": (
        ["SAP FICO Consultant", "SAP Finance Functional Analyst", "SAP S/4HANA Finance Lead"],
        ["SAP FICO", "SAP S/4HANA", "General Ledger", "Accounts Payable", "Asset Accounting", "Controlling (CO)",
         "month-end close", "IDocs", "SAP FI configuration"],
        ["Configure {a} and support {b} for our finance teams.", "Lead {a} workshops with the business.",
         "Five years of {a} experience including {b}.", "Support the {a} rollout across three countries."],
    ),
    "streaming": (
        ["Streaming Data Engineer", "Senior Data Engineer, Real-Time", "Stream Processing Engineer"],
        ["Apache Kafka", "Apache Flink", "Kafka Streams", "Spark Structured Streaming", "Avro", "Schema Registry",
         "exactly-once delivery", "Debezium", "Kinesis"],
        ["Build pipelines on {a} and {b} that process a million events per second.",
         "Operate {a} clusters and tune {b} jobs.", "Deep experience with {a}; {b} welcome.",
         "Design the event model for {a} and {b}."],
    ),
    "office_admin": (
        ["Administrative Assistant", "Executive Assistant", "Office Administrator", "Administrative Coordinator"],
        ["calendar management", "travel arrangements", "Microsoft Office", "expense reports", "meeting minutes",
         "a network of vendors", "front desk coverage", "filing systems", "the office server room key log"],
        ["Provide administrative support including {a} and {b}.", "Coordinate {a} for the leadership team.",
         "Handle {a} with discretion.", "Keep {a} and {b} organised for the office."],
    ),
    "fund_accounting": (
        ["Fund Accountant", "Senior Fund Accountant", "Fund Accounting Associate"],
        ["NAV calculation", "reconciliations", "private equity funds", "capital calls", "Excel", "investor reporting",
         "audit support", "general ledger entries", "Investran"],
        ["Prepare {a} and {b} for a portfolio of funds.", "Support {a} during year-end audits.",
         "Two years of {a} experience; {b} a plus.", "Partner with the administrator on {a}."],
    ),
}


def extra_postings(per_family: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    made = []
    for family, (titles, things, sentences) in sorted(EXTRA_FAMILIES.items()):
        for number in range(per_family):
            lines = [f"About the role ({family.replace('_', ' ')}, team {number})", ""]
            for _ in range(rng.randint(6, 10)):
                a, b = rng.sample(things, 2)
                lines.append("- " + rng.choice(sentences).format(a=a, b=b))
            lines += ["", "We offer a competitive salary, health benefits and a hybrid schedule."]
            made.append((rng.choice(titles), "\n".join(lines)))
    return made


def real_postings() -> list[tuple[str, str]]:
    found = []
    for path in sorted(REAL_TEXTS.glob("p*.txt")):
        title, _, description = path.read_text(encoding="utf-8").partition("\n")
        found.append((title.strip(), description.strip()))
    return found


class _NoVectorRecall:
    """The vector index with its similarity search switched off: the lexical recall alone finds candidates, which
    still get their cosine (and payload) from the index."""

    def __init__(self, inner: VectorStore) -> None:
        self._inner = inner

    async def search_jobs(self, vector: Sequence[float], *, filter: JobSearchFilter, limit: int, offset: int = 0
                          ) -> JobSearchResult:  # fmt: skip
        return JobSearchResult(())

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def named(technologies: Sequence[str], text: str) -> int:
    return sum(bool(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text, re.IGNORECASE)) for t in technologies)


async def run(args: argparse.Namespace) -> None:
    name = f"skillgap_eval_lexical_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    database_url = ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    try:
        with tempfile.TemporaryDirectory(prefix="eval-lexical-") as data_dir:
            settings = Settings(env="dev", data_dir=Path(data_dir), grpc_host="127.0.0.1", grpc_port=0)
            opened = await App.open(settings, database_url=database_url, vector_path=None, redis_url=REDIS_URL)
            async with opened as app:
                await evaluate(app, args)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def evaluate(app: App, args: argparse.Namespace) -> None:
    resources = app.resources
    texts = real_postings()
    texts += [(p.title, p.description) for p in make_postings(args.generated, args.seed)]
    texts += extra_postings(args.extra_per_family, args.seed)
    postings = [
        JobPosting(source_kind="manual", source_identifier="eval-lexical", external_id=f"e{i}", title=title,
                   description=description, company=f"Company {i % 37}", url=f"https://jobs.example/{i}")
        for i, (title, description) in enumerate(texts)
    ]  # fmt: skip
    began = time.perf_counter()
    catalog = job_catalog(resources)
    for start in range(0, len(postings), 64):
        for result in await catalog.ingest_many(postings[start : start + 64]):
            if isinstance(result, Exception):
                raise result
    await resources.pool.execute("ANALYZE jobs")
    rows = await resources.pool.fetch("SELECT job_id, title, description FROM jobs")
    text_of = {str(r["job_id"]): f"{r['title']}\n{r['description']}" for r in rows}
    print(f"catalog: {len(rows)} jobs ({len(real_postings())} real) stored in {time.perf_counter() - began:.0f} s\n")

    services = app.services
    common = (services.jobs, services.resumes)
    rest = (resources.embedder, resources.taxonomy, resources.catalog)
    lexical = JobTextSearch(resources.pool)
    print("| query | recall size | signal | top 5 naming >= 1 | naming >= half | mean named | top 3 titles |")
    print("|---|---|---|---|---|---|---|")
    for query in QUERIES:
        half = (len(query.technologies) + 1) // 2
        for recall in args.recalls:
            matchers = {
                "vector only": JobMatcher(*common, resources.vectors, *rest, recall=recall),
                "lexical only": JobMatcher(*common, _NoVectorRecall(resources.vectors), *rest,  # type: ignore[arg-type]
                                           recall=recall, text_search=lexical),
                "fused (RRF)": JobMatcher(*common, resources.vectors, *rest, recall=recall, text_search=lexical),
            }  # fmt: skip
            for label, matcher in matchers.items():
                result = await matcher.search(USER, SearchRequest(query=query.text, page_size=5))
                counts = [named(query.technologies, text_of[m.job.job_id]) for m in result.matches]
                titles = "; ".join(m.job.posting.title[:32] for m in result.matches[:3])
                mean = sum(counts) / len(counts) if counts else 0.0
                shares = f"{sum(c >= 1 for c in counts)}/5 | {sum(c >= half for c in counts)}/5"
                print(f"| {query.text[:40]} | {recall} | {label} | {shares} | {mean:.1f}/{len(query.technologies)} "
                      f"| {titles} |")  # fmt: skip
    print("\nAvailable in the catalog (jobs naming >= half of each query's technologies):")
    for query in QUERIES:
        half = (len(query.technologies) + 1) // 2
        print(f"- {query.text}: {sum(named(query.technologies, t) >= half for t in text_of.values())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generated", type=int, default=240)
    parser.add_argument("--extra-per-family", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--recalls", type=lambda v: [int(x) for x in v.split(",")], default=[RECALL, 60, 30])
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
