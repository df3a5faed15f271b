"""Job sources turn payload fixtures into normalized postings, following each API's paging."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import pytest

from skillgap.jobs.models import JobPosting, Salary
from skillgap.jobs.normalize import content_fingerprint
from skillgap.scraping.sources import (
    SOURCES,
    GreenhouseSource,
    LeverSource,
    ScrapedPosting,
    SmartRecruitersSource,
    Source,
    make_source,
)
from tests.scraping import payloads
from tests.support.scraping import FakeFetcher


async def collect(source: Source, fetcher: FakeFetcher) -> list[ScrapedPosting]:
    return [posting async for posting in source.fetch(fetcher)]


def assert_clean(text: str) -> None:
    for bad in ("<", ">", "&lt;", "&gt;", "&amp;", "&#", "&nbsp;"):
        assert bad not in text, (bad, text)


# --- registry ----------------------------------------------------------------------------------------------


def test_registry_has_every_kind() -> None:
    assert set(SOURCES) == {
        "greenhouse",
        "lever",
        "ashby",
        "workable",
        "smartrecruiters",
        "job_page",
        "hackernews",
        "remoteok",
        "remotive",
        "arbeitnow",
        "himalayas",
        "weworkremotely",
        "linkedin",
        "indeed",
    }
    for kind, source_class in SOURCES.items():
        assert source_class.kind == kind


def test_make_source_defaults_and_custom_base_url() -> None:
    source = make_source("greenhouse", "acme")
    assert isinstance(source, GreenhouseSource)
    assert source.base_url == "https://boards-api.greenhouse.io"
    custom = make_source("Lever", "acme", "http://127.0.0.1:8080/lever/")
    assert isinstance(custom, LeverSource)
    assert custom.base_url == "http://127.0.0.1:8080/lever"
    page = make_source("job_page", "https://careers.example.com/jobs/1")
    assert page.identifier == "https://careers.example.com/jobs/1"


@pytest.mark.parametrize(
    ("kind", "identifier", "base_url", "message"),
    [
        ("monster", "acme", None, "unknown job source kind 'monster'"),
        ("greenhouse", "", None, "greenhouse source needs a board token"),
        ("greenhouse", "../admin", None, "board token"),
        ("lever", "acme/../x", None, "site name"),
        ("ashby", "a" * 200, None, "job board name"),
        ("workable", "acme", "ftp://example.com", "base URL must be an http(s) URL"),
        ("job_page", "not a url", None, "job page URL"),
        ("job_page", "file:///etc/passwd", None, "job page URL"),
        ("job_page", "https://example.com/j/1", "https://api.example.com", "no base URL"),
    ],
)
def test_make_source_rejects_bad_config(kind: str, identifier: str, base_url: str | None, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_source(kind, identifier, base_url)


# --- Greenhouse --------------------------------------------------------------------------------------------


async def test_greenhouse_normalizes_escaped_content() -> None:
    url = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
    fetcher = FakeFetcher({url: payloads.GREENHOUSE_JOBS})
    postings = await collect(make_source("greenhouse", "acme"), fetcher)
    assert fetcher.requested == [url]
    assert len(postings) == 2
    first, second = postings
    assert first.source_kind == "greenhouse" and first.source_identifier == "acme"
    assert first.external_id == "4012345"
    assert first.title == "Senior Backend Engineer"
    assert first.company == "Acme Robotics"
    assert first.locations == ("San Francisco, CA",)
    assert first.workplace_type == "hybrid"
    assert first.employment_type == "full_time"
    assert first.salary == Salary(160000.0, 210000.0, "USD", "year")
    assert first.post_time == datetime(2024, 2, 28, 14, 0, tzinfo=UTC)
    assert first.post_time is not None and first.post_time.tzinfo is UTC
    assert first.url == "https://boards.greenhouse.io/acme/jobs/4012345"
    assert first.description.splitlines() == [
        "Acme Robotics builds warehouse robots & the software that runs them.",
        "What you'll do",
        "- Design and build APIs in Python",
        "- Own our PostgreSQL & Redis data layer",
        "What you bring",
        "- 5+ years with Python and asyncio",
        "- Experience with Kubernetes",
        "We offer equity and a learning budget.",
    ]
    assert "trackApply" not in first.description
    assert second.title == "Data Analyst & Reporting"
    assert second.company == "Acme"  # no company_name on this job: the prettified board token
    assert second.workplace_type == "remote"
    assert second.employment_type == "unspecified"
    assert second.salary is None
    assert second.post_time == datetime(2024, 3, 1, 10, 0, tzinfo=UTC)


async def test_greenhouse_company_from_token_and_custom_base() -> None:
    url = "http://localhost:9000/v1/boards/acme-robotics/jobs?content=true"
    payload = {"jobs": [payloads.GREENHOUSE_JOBS["jobs"][1]], "meta": {"total": 5}}
    fetcher = FakeFetcher({url: payload})
    postings = await collect(make_source("greenhouse", "acme-robotics", "http://localhost:9000/"), fetcher)
    assert fetcher.requested == [url]
    assert [p.company for p in postings] == ["Acme Robotics"]


async def test_greenhouse_tolerates_junk_payload() -> None:
    url = "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"
    junks: list[Any] = [None, [], {"jobs": None}, {"jobs": [1, "x", None, {"id": 5}]}]
    for junk in junks:
        assert await collect(make_source("greenhouse", "acme"), FakeFetcher({url: junk})) == []


# --- Lever -------------------------------------------------------------------------------------------------


async def test_lever_pages_until_short_page() -> None:
    base = "https://api.lever.co/v0/postings/acme?mode=json"
    fetcher = FakeFetcher(
        {f"{base}&skip=0&limit=2": payloads.LEVER_PAGE_1, f"{base}&skip=2&limit=2": payloads.LEVER_PAGE_2}
    )
    postings = await collect(LeverSource("acme", page_size=2), fetcher)
    assert fetcher.requested == [f"{base}&skip=0&limit=2", f"{base}&skip=2&limit=2"]
    assert [p.title for p in postings] == [
        "Senior Backend Engineer",
        "Support Specialist (Contract)",
        "Mechanical Engineering Intern",
    ]
    first, support, intern = postings
    assert first.external_id == "5ac21346-8e0c-4494-8e7a-3eb92ff77902"
    assert first.company == "Acme"
    assert first.locations == ("San Francisco, CA", "New York, NY")
    assert first.workplace_type == "hybrid"
    assert first.employment_type == "full_time"
    assert first.salary == Salary(160000.0, 210000.0, "USD", "year")
    assert first.post_time == datetime(2024, 2, 28, 14, 0, tzinfo=UTC)
    assert first.url == "https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902"
    assert "- Own our PostgreSQL & Redis data layer" in first.description.splitlines()
    assert_clean(first.description)
    assert support.workplace_type == "remote"
    assert support.employment_type == "contract"
    assert support.salary == Salary(30.0, 45.0, "EUR", "hour")
    assert support.description == "Help customers succeed.\nAnswer tickets."
    assert intern.workplace_type == "onsite"
    assert intern.employment_type == "internship"
    assert intern.locations == ("Berlin, Germany",)


async def test_lever_default_page_size_and_custom_base() -> None:
    url = "https://eu.lever.example/v0/postings/acme?mode=json&skip=0&limit=100"
    fetcher = FakeFetcher({url: payloads.LEVER_PAGE_2})
    postings = await collect(make_source("lever", "acme", "https://eu.lever.example"), fetcher)
    assert fetcher.requested == [url]
    assert len(postings) == 1


async def test_same_posting_on_greenhouse_and_lever_has_one_fingerprint() -> None:
    gh = GreenhouseSource("acme")
    gh_posting = gh.parse_job(payloads.GREENHOUSE_JOBS["jobs"][0])
    lever_posting = LeverSource("acme").parse_posting(payloads.LEVER_SAME_POSTING)
    assert gh_posting is not None and lever_posting is not None
    assert gh_posting.description != lever_posting.description or gh_posting.url != lever_posting.url
    # Greenhouse names the company, Lever only has the site token: compare with one company name.
    assert content_fingerprint(gh_posting.title, "Acme Robotics", gh_posting.description) == content_fingerprint(
        lever_posting.title, "Acme Robotics", lever_posting.description
    )
    assert content_fingerprint(gh_posting.title, "Acme Robotics", payloads.GREENHOUSE_CONTENT) == content_fingerprint(
        lever_posting.title, "acme robotics", lever_posting.description
    )
    other = content_fingerprint("Junior Backend Engineer", "Acme Robotics", gh_posting.description)
    assert other != content_fingerprint(gh_posting.title, "Acme Robotics", gh_posting.description)


# --- Ashby -------------------------------------------------------------------------------------------------


async def test_ashby_compensation_remote_and_unlisted() -> None:
    url = "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true"
    fetcher = FakeFetcher({url: payloads.ASHBY_BOARD})
    postings = await collect(make_source("ashby", "acme"), fetcher)
    assert fetcher.requested == [url]
    assert [p.title for p in postings] == ["Machine Learning Engineer", "Office Manager"]
    ml, office = postings
    assert ml.external_id == "0c7b5a2e-7f43-4c4b-9d1e-8a6f2b3c4d5e"
    assert ml.locations == ("Remote (US)", "New York")
    assert ml.workplace_type == "remote"
    assert ml.employment_type == "full_time"
    assert ml.salary == Salary(180000.0, 230000.0, "USD", "year")
    assert ml.post_time == datetime(2024, 3, 4, 17, 45, 12, 123000, tzinfo=UTC)
    assert ml.url == "https://jobs.ashbyhq.com/acme/0c7b5a2e-7f43-4c4b-9d1e-8a6f2b3c4d5e"
    assert ml.description == "Train and ship models.\nYou have\n- PyTorch\n- MLOps experience"
    assert office.workplace_type == "onsite"
    assert office.employment_type == "part_time"
    assert office.salary is None


async def test_ashby_custom_base_url() -> None:
    url = "http://ashby.local/posting-api/job-board/acme?includeCompensation=true"
    fetcher = FakeFetcher({url: {"jobs": []}})
    assert await collect(make_source("ashby", "acme", "http://ashby.local"), fetcher) == []
    assert fetcher.requested == [url]


# --- Workable ----------------------------------------------------------------------------------------------


async def test_workable_account() -> None:
    url = "https://apply.workable.com/api/v1/widget/accounts/acme?details=true"
    fetcher = FakeFetcher({url: payloads.WORKABLE_ACCOUNT})
    postings = await collect(make_source("workable", "acme"), fetcher)
    assert fetcher.requested == [url]
    devops, intern = postings
    assert devops.external_id == "A1B2C3D4E5"
    assert devops.company == "Acme Robotics"
    assert devops.locations == ("Berlin, Germany", "Amsterdam, Netherlands")
    assert devops.workplace_type == "remote"
    assert devops.employment_type == "full_time"
    assert devops.post_time == datetime(2024, 3, 2, tzinfo=UTC)
    assert devops.url == "https://apply.workable.com/j/A1B2C3D4E5"
    assert devops.description == "Run <Terraform> & Kubernetes.\n- On-call rotation"
    assert intern.employment_type == "internship"
    assert intern.workplace_type == "onsite"
    assert intern.locations == ("London, England, United Kingdom",)


# --- SmartRecruiters ---------------------------------------------------------------------------------------


async def test_smartrecruiters_pages_by_total_and_fetches_details() -> None:
    base = "https://api.smartrecruiters.com/v1/companies/AcmeRobotics/postings"
    ids = ["744000012345678", "744000012345679", "744000012345680"]
    responses: dict[str, Any] = {
        f"{base}?limit=2&offset=0": payloads.SMARTRECRUITERS_PAGE_1,
        f"{base}?limit=2&offset=2": payloads.SMARTRECRUITERS_PAGE_2,
    }
    for posting_id in ids[:2]:
        responses[f"{base}/{posting_id}"] = payloads.smartrecruiters_detail(posting_id)
    # The third posting's detail is missing (closed meanwhile): the summary still gives a posting.
    fetcher = FakeFetcher(responses)
    postings = await collect(SmartRecruitersSource("AcmeRobotics", page_size=2), fetcher)
    assert fetcher.requested == [
        f"{base}?limit=2&offset=0",
        f"{base}/{ids[0]}",
        f"{base}/{ids[1]}",
        f"{base}?limit=2&offset=2",
        f"{base}/{ids[2]}",
    ]
    qa, tech, recruiter = postings
    assert qa.external_id == ids[0]
    assert qa.title == "QA Automation Engineer"
    assert qa.company == "Acme Robotics"
    assert qa.locations == ("Austin, TX, US",)
    assert qa.workplace_type == "onsite"
    assert qa.employment_type == "full_time"
    assert qa.post_time == datetime(2024, 3, 3, 12, 30, 45, 123000, tzinfo=UTC)
    assert qa.url == f"https://jobs.smartrecruiters.com/AcmeRobotics/{ids[0]}-role?trid=abc"
    assert qa.description.splitlines() == [
        "Company Description",
        "Acme builds robots.",
        "Job Description",
        "Write tests & tooling.",
        "- Selenium",
        "- Playwright",
        "Qualifications",
        "- 3+ years QA",
    ]
    assert tech.workplace_type == "hybrid"
    assert tech.employment_type == "temporary"
    assert recruiter.workplace_type == "remote"
    assert recruiter.employment_type == "part_time"
    assert recruiter.locations == ("Canada (Remote)",)
    assert recruiter.description == ""
    assert recruiter.url == f"https://jobs.smartrecruiters.com/AcmeRobotics/{ids[2]}"


async def test_smartrecruiters_custom_base_and_empty() -> None:
    url = "https://sr.example/v1/companies/acme/postings?limit=100&offset=0"
    fetcher = FakeFetcher({url: {"offset": 0, "limit": 100, "totalFound": 0, "content": []}})
    assert await collect(make_source("smartrecruiters", "acme", "https://sr.example"), fetcher) == []
    assert fetcher.requested == [url]


# --- Job pages ---------------------------------------------------------------------------------------------


async def test_job_page_json_ld() -> None:
    page_url = "https://careers.globex.example/jobs/staff-data-engineer?utm_source=indeed"
    fetcher = FakeFetcher({page_url: payloads.JSON_LD_PAGE})
    postings = await collect(make_source("job_page", page_url), fetcher)
    assert fetcher.requested == [page_url]
    (posting,) = postings
    assert posting.source_kind == "job_page" and posting.source_identifier == page_url
    assert posting.external_id == "GX-2024-17"
    assert posting.title == "Staff Data Engineer"
    assert posting.company == "Globex Corporation"
    assert posting.description == "Build our lakehouse.\n- Spark & dbt"
    assert posting.locations == ("Chicago, IL, US", "Toronto, ON, CA")
    assert posting.workplace_type == "remote"
    assert posting.employment_type == "full_time"
    assert posting.salary == Salary(190000.0, 240000.0, "USD", "year")
    assert posting.post_time == datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
    assert posting.url == "https://careers.globex.example/jobs/staff-data-engineer"


async def test_job_page_json_ld_single_location_list_payload() -> None:
    page = """<html><head><script type="application/ld+json">[{"@type": "WebPage"},
    {"@type": ["JobPosting"], "title": "Nurse &amp; Caregiver", "employmentType": "PART_TIME",
     "hiringOrganization": "St. Elsewhere",
     "jobLocation": {"@type": "Place", "address": "12 Main St, Springfield"},
     "baseSalary": {"currency": "usd", "value": {"value": "42.50", "unitText": "HOUR"}},
     "description": "Care for patients."}]</script></head><body></body></html>"""
    url = "https://jobs.example.org/j/55#apply"
    (posting,) = await collect(make_source("job_page", url), FakeFetcher({url: page}))
    assert posting.title == "Nurse & Caregiver"
    assert posting.company == "St. Elsewhere"
    assert posting.locations == ("12 Main St, Springfield",)
    assert posting.employment_type == "part_time"
    assert posting.workplace_type == "unspecified"
    assert posting.salary == Salary(42.5, 42.5, "USD", "hour")
    assert posting.external_id == posting.url == "https://jobs.example.org/j/55"
    assert posting.post_time is None


async def test_job_page_fallback_uses_trafilatura_and_title() -> None:
    page_url = "https://www.initech.example/careers/frontend?gh_src=abc"
    final_url = "https://www.initech.example/careers/frontend-developer?gh_src=abc#top"
    fetcher = FakeFetcher({page_url: payloads.FALLBACK_PAGE}, redirects={page_url: final_url})
    (posting,) = await collect(make_source("job_page", page_url), fetcher)
    assert posting.title == "Frontend Developer (React)"
    assert posting.company == "Initech"  # og:site_name "Initech Careers": the careers site's name, not the company's
    assert posting.url == posting.external_id == "https://www.initech.example/careers/frontend-developer"
    assert "Build React components with TypeScript" in posting.description
    assert "TPS report tooling" in posting.description
    assert "do-not-show" not in posting.description
    assert "color: red" not in posting.description
    assert posting.workplace_type == "unspecified"
    assert posting.salary is None


async def test_job_page_fallback_without_site_name_uses_the_host_registrable_name() -> None:
    url = "https://www.jobs.example.net/p/1"
    page = "<html><head><title>Welder</title></head><body><p>Weld things safely.</p></body></html>"
    (posting,) = await collect(make_source("job_page", url), FakeFetcher({url: page}))
    assert posting.title == "Welder"
    assert posting.company == "Example"  # www.jobs.example.net is registered as example.net
    assert "Weld things safely." in posting.description


async def test_job_page_empty_or_hostile_pages() -> None:
    url = "https://evil.example/job"
    assert await collect(make_source("job_page", url), FakeFetcher({url: ""})) == []
    hostile = (
        '<script type="application/ld+json">' + "[" * 50_000 + "</script>"
        + '<script type="application/ld+json">{"@type": "JobPosting", "title": ' + '"x' * 10 + "</script>"
        + "<div>" * 100_000 + "deep text" + "</div>" * 100_000
        + "<script>alert(1)</script>" * 1_000
        + "<p>" + "A" * 5_000_000 + "</p>"
    )  # fmt: skip
    started = time.monotonic()
    postings = await collect(make_source("job_page", url), FakeFetcher({url: hostile}))
    assert time.monotonic() - started < 30
    for posting in postings:
        assert "alert(1)" not in posting.description


# --- JobPosting ----------------------------------------------------------------------------------------------


async def test_to_job_posting() -> None:
    posting = LeverSource("acme").parse_posting(payloads.LEVER_SAME_POSTING)
    assert posting is not None
    job = posting.to_job_posting()
    assert job == JobPosting(
        source_kind="lever",
        source_identifier="acme",
        external_id=posting.external_id,
        title="Senior Backend Engineer",
        description=posting.description,
        company="Acme",
        url=posting.url,
        post_time=posting.post_time,
        locations=("San Francisco, CA", "New York, NY"),
        workplace_type="hybrid",
        employment_type="full_time",
        salary=Salary(160000.0, 210000.0, "USD", "year"),
    )
