"""What the browser tests and the screenshots run on: a job board on 127.0.0.1 (the stand-in of
tests/support/boards.py) with a few realistic postings and one hostile one, scraped into a `skillgap up` through
its REST API, and a resume PDF to upload through the page."""

from __future__ import annotations

import asyncio
import html
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.fixtures.documents import make_resume_pdf
from tests.support import samples
from tests.support.boards import LocalBoards, serving
from tests.support.cli import kill_leftovers, skillgap_up, stop_up
from tests.web.llm_standin import MODEL, streaming_model

# Written into the hostile posting's text: markup that would run if the page ever turned text into HTML. Each
# sets window.__pwned, which the test reads.
HOSTILE_TEXT = (
    'Apply today: <script>window.__pwned = "script"</script> '
    "<img src=x onerror=\"window.__pwned = 'onerror'\"> "
    "<a href=\"javascript:window.__pwned = 'link'\">apply here</a> "
    "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>"
)
HOSTILE_TITLE = "Platform Engineer <img src=x onerror=\"window.__pwned = 'title'\">"


@dataclass(frozen=True)
class Posting:
    title: str
    text: str
    location: str
    workplace: str  # Greenhouse's metadata value: Remote, Hybrid, On-site


POSTINGS = [
    Posting("Senior Backend Engineer", samples.BACKEND, "Berlin, Germany", "Hybrid"),
    Posting(
        "Platform Engineer (Go, Kubernetes)",
        "About the role\nYou will run our Kubernetes platform.\n\nRequirements\n- 4+ years with Go and Python\n"
        "- Kubernetes and Terraform in production\n- PostgreSQL\n\nNice to have\n- Kafka\n- Prometheus\n",
        "Remote - Europe",
        "Remote",
    ),
    Posting("Frontend Engineer", samples.FRONTEND, "Paris, France", "On-site"),
    Posting("Machine Learning Engineer", samples.DATA, "Remote - US", "Remote"),
    Posting(
        "Backend Engineer, Payments",
        "About the role\nBuild payment APIs.\n\nRequirements\n- 3+ years with Python and Django\n"
        "- PostgreSQL and Redis\n- Docker\n\nNice to have\n- AWS\n- gRPC\n",
        "Berlin, Germany",
        "Remote",
    ),
]
HOSTILE = Posting(
    HOSTILE_TITLE,
    "About the role\nYou will keep our platform safe.\n\nRequirements\n- Kubernetes and Go\n\n" + HOSTILE_TEXT + "\n",
    "Remote - Europe",
    "Remote",
)


def _html(text: str) -> str:
    """A posting's text as the HTML a board sends: paragraphs and lists; the text itself escaped, so that markup
    written in it stays text."""
    parts, items = [], []
    for line in text.splitlines():
        if line.startswith("- "):
            items.append(f"<li>{html.escape(line[2:])}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    # A real link with a javascript: URL too, as a hostile board could send it.
    parts.append("<p><a href=\"javascript:window.__pwned='href'\">Apply</a></p>")
    return "".join(parts)


def greenhouse_board(board: str, company: str, postings: list[Posting]) -> dict[str, Any]:
    """A Greenhouse board payload (its content is escaped HTML, as Greenhouse's API sends it)."""
    jobs = []
    for number, posting in enumerate(postings, start=1):
        jobs.append(
            {
                "id": number,
                "title": posting.title,
                "company_name": company,
                "absolute_url": f"https://boards.example.com/{board}/jobs/{number}",
                "location": {"name": posting.location},
                "metadata": [
                    {"id": 1, "name": "Workplace Type", "value": posting.workplace, "value_type": "single_select"},
                    {"id": 2, "name": "Employment Type", "value": "Full-time", "value_type": "single_select"},
                ],
                "first_published": "2026-11-20T09:00:00Z",
                "updated_at": "2026-11-28T09:00:00Z",
                "content": html.escape(_html(posting.text)),
            }
        )
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


def resume_pdf() -> bytes:
    """A two-page resume: Python, Go, Kubernetes and PostgreSQL on page one, dated jobs after."""
    return make_resume_pdf(name="Jane Web", pages=2, seed=2026)


def board_token() -> str:
    return f"web-{uuid.uuid4().hex[:8]}"


ACTIVE = ("SCRAPE_STATE_QUEUED", "SCRAPE_STATE_RUNNING")


async def scrape(rest_url: str, token: str, sources: list[dict[str, str]], timeout: float = 90.0) -> dict[str, Any]:
    """Trigger a scrape through the REST API and wait for its run to finish; the finished run."""
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=rest_url, headers=headers, timeout=30, trust_env=False) as http:
        reply = await http.post("/api/scrape/trigger", json={"sources": sources})
        assert reply.status_code == 200, reply.text
        run_id = reply.json()["run"]["run_id"]
        async with asyncio.timeout(timeout):
            while True:
                status = await http.get("/api/scrape/status", params={"run_id": run_id})
                assert status.status_code == 200, status.text
                run: dict[str, Any] = status.json()["runs"][0]
                if run["state"] not in ACTIVE:
                    return run
                await asyncio.sleep(0.5)


@dataclass(frozen=True)
class WebSystem:
    """A running `skillgap up` with jobs scraped into it."""

    url: str  # the web app and the REST API, e.g. http://127.0.0.1:PORT
    token: str  # the development token (dev-user, admin)
    boards: LocalBoards
    board: str  # the Greenhouse board of the realistic postings
    hostile_job_id: str
    data_dir: Path


@asynccontextmanager
async def running_system(data_dir: Path, *, streaming_llm: bool) -> AsyncIterator[WebSystem]:
    """`skillgap up` on `data_dir` (free ports), with the stand-in board's postings and the hostile one scraped
    in; with `streaming_llm`, questions about a job are answered by the slow streaming stand-in model (everything
    else offline), else everything runs on the offline default."""
    async with AsyncExitStack() as stack:
        boards = stack.enter_context(serving())
        # Webhooks may reach this machine (a user's alert can then have one and get its secret); every other
        # internal address stays refused, as it is for real users.
        settings: dict[str, object] = {
            "scrape_allowed_hosts": "127.0.0.1",
            "webhook_allowed_hosts": "127.0.0.1",
            "metrics_port": 0,
        }
        if streaming_llm:
            llm_url = stack.enter_context(streaming_model())
            settings.update(llm_base_url=llm_url, llm_model=MODEL, extractor="taxonomy", llm_retry_seconds=0)
        stack.callback(kill_leftovers, data_dir)
        cli, up = await stack.enter_async_context(skillgap_up(data_dir, **settings))
        board, hostile = board_token(), board_token()
        boards.greenhouse[board] = greenhouse_board(board, "Webco", POSTINGS)
        boards.greenhouse[hostile] = greenhouse_board(hostile, "Evilcorp", [HOSTILE])
        api = boards.api("greenhouse")
        run = await cli.while_running(
            scrape(
                up.rest,
                up.token,
                [
                    {"kind": "SOURCE_KIND_GREENHOUSE", "identifier": board, "base_url": api},
                    {"kind": "SOURCE_KIND_GREENHOUSE", "identifier": hostile, "base_url": api},
                ],
            ),
            120,
        )
        assert run["state"] == "SCRAPE_STATE_SUCCEEDED", run
        hostile_job_id = await _job_of(up.rest, up.token, "Evilcorp")
        yield WebSystem(up.rest, up.token, boards, board, hostile_job_id, data_dir)
        await stop_up(cli, data_dir)


async def _job_of(rest_url: str, token: str, company: str) -> str:
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=rest_url, headers=headers, timeout=30, trust_env=False) as http:
        reply = await http.get("/api/jobs", params={"filter.companies": company})
        assert reply.status_code == 200, reply.text
        return str(reply.json()["jobs"][0]["job_id"])
