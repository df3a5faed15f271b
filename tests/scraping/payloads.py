"""Realistic job-board payloads, shaped like the public APIs return them (trimmed to the fields we read)."""

from __future__ import annotations

from typing import Any

# --- Greenhouse: GET /v1/boards/acme/jobs?content=true ---------------------------------------------------------

GREENHOUSE_CONTENT = (
    "&lt;div class=&quot;content-intro&quot;&gt;&lt;p&gt;&lt;strong&gt;Acme Robotics&lt;/strong&gt; builds "
    "warehouse robots &amp;amp; the software that runs them.&lt;/p&gt;&lt;/div&gt;"
    "&lt;h3&gt;What you&amp;#39;ll do&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Design and build APIs in Python&lt;/li&gt;"
    "&lt;li&gt;Own our PostgreSQL &amp;amp; Redis data layer&lt;/li&gt;&lt;/ul&gt;"
    "&lt;h3&gt;What you bring&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;5+ years with Python and asyncio&lt;/li&gt;"
    "&lt;li&gt;Experience with Kubernetes&lt;/li&gt;&lt;/ul&gt;"
    "&lt;p&gt;We&amp;nbsp;offer equity and a learning budget.&lt;/p&gt;"
    "&lt;script&gt;trackApply()&lt;/script&gt;"
)

GREENHOUSE_JOBS: dict[str, Any] = {
    "jobs": [
        {
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/4012345?gh_src=linkedin&utm_source=x#app",
            "data_compliance": [{"type": "gdpr", "requires_consent": False}],
            "internal_job_id": 2033442,
            "location": {"name": "San Francisco, CA"},
            "metadata": [
                {"id": 11, "name": "Employment Type", "value": "Full-time", "value_type": "single_select"},
                {"id": 12, "name": "Workplace Type", "value": "Hybrid", "value_type": "single_select"},
            ],
            "id": 4012345,
            "updated_at": "2024-03-05T14:22:10-05:00",
            "first_published": "2024-02-28T09:00:00-05:00",
            "requisition_id": "ENG-101",
            "title": "Senior Backend Engineer",
            "company_name": "Acme Robotics",
            "content": GREENHOUSE_CONTENT,
            "departments": [{"id": 7, "name": "Engineering"}],
            "offices": [{"id": 3, "name": "San Francisco", "location": "San Francisco, CA"}],
            "pay_input_ranges": [
                {"min_cents": 16000000, "max_cents": 21000000, "currency_type": "USD", "title": "Annual base salary"}
            ],
        },
        {
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/4012399",
            "location": {"name": "Remote - US"},
            "metadata": None,
            "id": 4012399,
            "updated_at": "2024-03-01T10:00:00Z",
            "title": "Data Analyst &amp; Reporting",
            "content": "&lt;p&gt;Turn data into decisions.&lt;/p&gt;",
        },
        {"id": None, "title": "broken entry"},
    ],
    "meta": {"total": 2},
}

# --- Lever: GET /v0/postings/acme?mode=json&skip=N&limit=2 (two pages) ----------------------------------------

LEVER_SAME_POSTING: dict[str, Any] = {
    "id": "5ac21346-8e0c-4494-8e7a-3eb92ff77902",
    "text": "Senior Backend Engineer",
    "categories": {
        "commitment": "Full-time",
        "department": "Engineering",
        "location": "San Francisco, CA",
        "team": "Platform",
        "allLocations": ["San Francisco, CA", "New York, NY"],
    },
    "country": "US",
    "workplaceType": "hybrid",
    "description": ("<div><b>Acme Robotics</b> builds warehouse robots &amp; the software that runs them.</div>"),
    "descriptionPlain": "Acme Robotics builds warehouse robots & the software that runs them.\n",
    "lists": [
        {
            "text": "What you'll do",
            "content": "<li>Design and build APIs in Python</li><li>Own our PostgreSQL &amp; Redis data layer</li>",
        },
        {
            "text": "What you bring",
            "content": "<li>5+ years with Python and asyncio</li><li>Experience with Kubernetes</li>",
        },
    ],
    "additional": "<div>We offer equity and a learning budget.</div>",
    "additionalPlain": "We offer equity and a learning budget.",
    "hostedUrl": "https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902?lever-source=LinkedIn",
    "applyUrl": "https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902/apply",
    "createdAt": 1709128800000,
    "salaryRange": {"currency": "USD", "interval": "per-year-salary", "min": 160000, "max": 210000},
    "salaryDescription": "<div>Base salary</div>",
}

LEVER_PAGE_1: list[dict[str, Any]] = [
    LEVER_SAME_POSTING,
    {
        "id": "b1f1c3d2-0000-4c1e-9a55-1a2b3c4d5e6f",
        "text": "Support Specialist (Contract)",
        "categories": {"commitment": "Contract", "location": "Remote"},
        "workplaceType": "remote",
        "descriptionPlain": "Help customers succeed.\nAnswer tickets.",
        "lists": [],
        "hostedUrl": "https://jobs.lever.co/acme/b1f1c3d2-0000-4c1e-9a55-1a2b3c4d5e6f",
        "createdAt": 1706745600000,
        "salaryRange": {"currency": "EUR", "interval": "per-hour-wage", "min": 30, "max": 45},
    },
]

LEVER_PAGE_2: list[dict[str, Any]] = [
    {
        "id": "c9e8d7c6-1111-4d2e-8b66-6f5e4d3c2b1a",
        "text": "Mechanical Engineering Intern",
        "categories": {"commitment": "Intern", "location": "Berlin, Germany"},
        "workplaceType": "onsite",
        "description": "<p>Build robot arms.</p>",
        "hostedUrl": "https://jobs.lever.co/acme/c9e8d7c6-1111-4d2e-8b66-6f5e4d3c2b1a",
        "createdAt": 1704067200000,
    }
]

# --- Ashby: GET /posting-api/job-board/acme?includeCompensation=true ----------------------------------------

ASHBY_BOARD: dict[str, Any] = {
    "apiVersion": "1",
    "jobs": [
        {
            "id": "0c7b5a2e-7f43-4c4b-9d1e-8a6f2b3c4d5e",
            "title": "Machine Learning Engineer",
            "department": "Engineering",
            "team": "ML Platform",
            "employmentType": "FullTime",
            "location": "Remote (US)",
            "secondaryLocations": [
                {
                    "location": "New York",
                    "address": {"postalAddress": {"addressLocality": "New York", "addressRegion": "NY"}},
                }
            ],
            "publishedAt": "2024-03-04T17:45:12.123+00:00",
            "isListed": True,
            "isRemote": True,
            "workplaceType": "Remote",
            "address": {
                "postalAddress": {"addressCountry": "United States", "addressRegion": "", "addressLocality": ""}
            },
            "jobUrl": "https://jobs.ashbyhq.com/acme/0c7b5a2e-7f43-4c4b-9d1e-8a6f2b3c4d5e?utm_campaign=board",
            "applyUrl": "https://jobs.ashbyhq.com/acme/0c7b5a2e-7f43-4c4b-9d1e-8a6f2b3c4d5e/application",
            "descriptionHtml": (
                "<p>Train and ship models.</p><p><strong>You have</strong></p>"
                "<ul><li><p>PyTorch</p></li><li><p>MLOps&nbsp;experience</p></li></ul>"
            ),
            "descriptionPlain": "Train and ship models.\nYou have\n- PyTorch\n- MLOps experience",
            "compensation": {
                "compensationTierSummary": "$180K – $230K • Offers Equity",
                "scrapeableCompensationSalarySummary": "$180K - $230K",
                "compensationTiers": [],
                "summaryComponents": [
                    {"compensationType": "EquityPercentage", "interval": "NONE", "minValue": 0.1, "maxValue": 0.2},
                    {
                        "compensationType": "Salary",
                        "interval": "1 YEAR",
                        "currencyCode": "USD",
                        "minValue": 180000,
                        "maxValue": 230000,
                    },
                ],
            },
        },
        {
            "id": "11111111-2222-3333-4444-555555555555",
            "title": "Office Manager",
            "employmentType": "PartTime",
            "location": "London",
            "isListed": True,
            "isRemote": False,
            "publishedAt": "2024-02-01T08:00:00Z",
            "jobUrl": "https://jobs.ashbyhq.com/acme/11111111-2222-3333-4444-555555555555",
            "descriptionHtml": "<p>Run our London office.</p>",
        },
        {"id": "hidden", "title": "Unlisted role", "isListed": False},
    ],
}

# --- Workable: GET /api/v1/widget/accounts/acme?details=true ------------------------------------------------

WORKABLE_ACCOUNT: dict[str, Any] = {
    "name": "Acme Robotics",
    "description": "<p>We build robots.</p>",
    "jobs": [
        {
            "title": "DevOps Engineer",
            "shortcode": "A1B2C3D4E5",
            "code": "",
            "employment_type": "Full-time",
            "telecommuting": True,
            "department": "Engineering",
            "url": "https://apply.workable.com/j/A1B2C3D4E5",
            "shortlink": "https://apply.workable.com/j/A1B2C3D4E5",
            "application_url": "https://apply.workable.com/j/A1B2C3D4E5/apply",
            "published_on": "2024-03-02",
            "created_at": "2024-03-01",
            "country": "Germany",
            "city": "Berlin",
            "state": "Berlin",
            "education": "",
            "experience": "Mid-Senior level",
            "locations": [
                {"country": "Germany", "countryCode": "DE", "city": "Berlin", "region": "Berlin", "hidden": False},
                {"country": "Netherlands", "countryCode": "NL", "city": "Amsterdam", "region": "", "hidden": False},
            ],
            "description": "<p>Run &lt;Terraform&gt; &amp; Kubernetes.</p><ul><li>On-call rotation</li></ul>",
        },
        {
            "title": "Sales Intern",
            "shortcode": "Z9Y8X7W6V5",
            "employment_type": "Internship",
            "telecommuting": False,
            "url": "https://apply.workable.com/j/Z9Y8X7W6V5",
            "published_on": "2024-01-15",
            "country": "United Kingdom",
            "city": "London",
            "state": "England",
            "description": "<p>Learn B2B sales.</p>",
        },
    ],
}

# --- SmartRecruiters: list pages (limit=2) and details ------------------------------------------------------


def _sr_summary(posting_id: str, name: str, **extra: Any) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "id": posting_id,
        "name": name,
        "uuid": f"uuid-{posting_id}",
        "refNumber": f"REF{posting_id[-4:]}",
        "company": {"identifier": "AcmeRobotics", "name": "Acme Robotics"},
        "releasedDate": "2024-03-03T12:30:45.123Z",
        "location": {"city": "Austin", "region": "TX", "country": "us", "remote": False},
        "industry": {"id": "computer_software", "label": "Computer Software"},
        "department": {"id": "1", "label": "Engineering"},
        "function": {"id": "engineering", "label": "Engineering"},
        "typeOfEmployment": {"id": "permanent", "label": "Full-time"},
        "experienceLevel": {"id": "mid_senior_level", "label": "Mid-Senior Level"},
        "customField": [],
        "ref": f"https://api.smartrecruiters.com/v1/companies/AcmeRobotics/postings/{posting_id}",
    }
    summary.update(extra)
    return summary


SMARTRECRUITERS_PAGE_1: dict[str, Any] = {
    "offset": 0,
    "limit": 2,
    "totalFound": 3,
    "content": [
        _sr_summary("744000012345678", "QA Automation Engineer"),
        _sr_summary(
            "744000012345679",
            "Field Technician",
            location={"city": "Denver", "region": "CO", "country": "us", "remote": False, "hybrid": True},
            typeOfEmployment={"id": "temporary", "label": "Temporary"},
        ),
    ],
}

SMARTRECRUITERS_PAGE_2: dict[str, Any] = {
    "offset": 2,
    "limit": 2,
    "totalFound": 3,
    "content": [
        _sr_summary(
            "744000012345680",
            "Remote Recruiter",
            location={"city": "", "region": "", "country": "ca", "remote": True, "fullLocation": "Canada (Remote)"},
            typeOfEmployment={"id": "parttime", "label": "Part-time"},
        )
    ],
}


def smartrecruiters_detail(posting_id: str) -> dict[str, Any]:
    return {
        "id": posting_id,
        "postingUrl": f"https://jobs.smartrecruiters.com/AcmeRobotics/{posting_id}-role?trid=abc&utm_medium=api",
        "applyUrl": f"https://jobs.smartrecruiters.com/AcmeRobotics/{posting_id}-role?oga=true",
        "jobAd": {
            "sections": {
                "companyDescription": {"title": "Company Description", "text": "<p>Acme builds robots.</p>"},
                "jobDescription": {
                    "title": "Job Description",
                    "text": "<p>Write tests &amp; tooling.</p><ul><li>Selenium</li><li>Playwright</li></ul>",
                },
                "qualifications": {"title": "Qualifications", "text": "<ul><li>3+ years QA</li></ul>"},
                "additionalInformation": {"title": "Additional Information", "text": ""},
            }
        },
    }


# --- Job pages ----------------------------------------------------------------------------------------------

JSON_LD_PAGE = """<!DOCTYPE html>
<html><head>
<title>Staff Data Engineer - Globex | Careers</title>
<meta property="og:site_name" content="Globex Careers">
<script type="application/ld+json">{ this is not json </script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "name": "Globex"},
  {"@type": "JobPosting",
   "title": "Staff Data Engineer",
   "description":
     "&lt;p&gt;Build our &lt;b&gt;lakehouse&lt;/b&gt;.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Spark &amp;amp; dbt&lt;/li&gt;",
   "datePosted": "2024-03-01T08:00:00+01:00",
   "validThrough": "2099-04-01",
   "employmentType": ["FULL_TIME", "CONTRACTOR"],
   "hiringOrganization": {"@type": "Organization", "name": "Globex Corporation", "sameAs": "https://globex.example"},
   "jobLocation": [
     {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Chicago",
      "addressRegion": "IL", "addressCountry": "US"}},
     {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Toronto",
      "addressRegion": "ON", "addressCountry": {"@type": "Country", "name": "CA"}}}
   ],
   "jobLocationType": "TELECOMMUTE",
   "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
     "value": {"@type": "QuantitativeValue", "minValue": 190000, "maxValue": 240000, "unitText": "YEAR"}},
   "identifier": {"@type": "PropertyValue", "name": "Globex", "value": "GX-2024-17"},
   "url": "https://careers.globex.example/jobs/staff-data-engineer?utm_source=indeed&ref=feed"
  }
]}
</script>
</head><body><h1>Staff Data Engineer</h1><p>Apply now</p></body></html>
"""

FALLBACK_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Frontend Developer | Initech</title>
<meta property="og:title" content="Frontend Developer (React)">
<meta property="og:site_name" content="Initech Careers">
<script>window.dataLayer = [{"secret": "do-not-show"}];</script>
<style>.hero { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav>
<main><article>
<h1>Frontend Developer (React)</h1>
<p>Initech is looking for a frontend developer to build the next generation of our TPS report tooling.
You will work closely with designers and backend engineers to ship accessible, fast interfaces.</p>
<h2>Responsibilities</h2>
<ul><li>Build React components with TypeScript and write thorough unit tests for them.</li>
<li>Improve the performance of our single page application across browsers and devices.</li>
<li>Review code and mentor junior engineers on frontend best practices every week.</li></ul>
<h2>Requirements</h2>
<p>Three or more years of professional experience with React, TypeScript, CSS and modern build tools.
Familiarity with GraphQL and design systems is a plus; curiosity and kindness are a must.</p>
</article></main>
<footer>© Initech</footer>
</body></html>
"""


# --- Job boards (issue 19). Shapes as each board's documentation and public client code show them; see the
# docstring of each source module for what was read. Odd cases kept on purpose: HTML and entities in text,
# missing and null fields, 0 for "no salary", a legal notice where a job would be, deleted / dead / null items.

# --- Hacker News: GET /v0/user/whoishiring.json, /v0/item/{id}.json -------------------------------------------
# The comments are real ones from the June 2025 thread (44159528), as HN's API gives them (see
# tests/scraping/data/hn_headers.yaml for their source); ids below are the stand-in's own.

HN_USER: dict[str, Any] = {
    "about": "",
    "created": 1301588738,
    "id": "whoishiring",
    "karma": 41286,
    # Newest first: this month's three threads, then last month's.
    "submitted": [9000003, 9000002, 9000001, 8000001],
}
HN_THREADS: dict[int, dict[str, Any]] = {
    9000003: {
        "by": "whoishiring",
        "id": 9000003,
        "title": "Ask HN: Who wants to be hired? (June 2025)",
        "type": "story",
        "time": 1748876400,
        "kids": [],
    },
    9000002: {
        "by": "whoishiring",
        "id": 9000002,
        "title": "Ask HN: Freelancer? Seeking freelancer? (June 2025)",
        "type": "story",
        "time": 1748876400,
        "kids": [],
    },
    9000001: {
        "by": "whoishiring",
        "id": 9000001,
        "title": "Ask HN: Who is hiring? (June 2025)",
        "type": "story",
        "time": 1748876400,
        "descendants": 812,
        "text": "Please state the location and include REMOTE for remote work...",
        "kids": [9100001, 9100002, 9100003, 9100004, 9100005, 9100006, 9100007],
    },
    8000001: {
        "by": "whoishiring",
        "id": 8000001,
        "title": "Ask HN: Who is hiring? (May 2025)",
        "type": "story",
        "time": 1746198000,
        "kids": [],
    },
}
HN_COMMENTS: dict[int, dict[str, Any] | None] = {
    9100001: {
        "by": "stedman",
        "id": 9100001,
        "parent": 9000001,
        "time": 1748876500,
        "type": "comment",
        "text": (
            "Neon Health | Founding Sr Backend Engineer | SF, Remote (North America) | Full-time | $170-225K + equity"
            '<p><a href="https:&#x2F;&#x2F;neonhealth.com" rel="nofollow">https:&#x2F;&#x2F;neonhealth.com</a>'
            "<p>We&#x27;re building agentic AI for healthcare in Python on PostgreSQL &amp; Kubernetes."
        ),
    },
    9100002: {
        "by": "garrettwolfe",
        "id": 9100002,
        "parent": 9000001,
        "time": 1748877000,
        "type": "comment",
        "kids": [9200001],
        "text": (
            "Galaxy (getgalaxy.io) - The Cursor for SQL | NYC, NY | Full time\n-- Founding Frontend Engineer\n"
            "-- Founding Backend Engineer<p>We are building the unified data platform with TypeScript and React."
        ),
    },
    9100003: {
        "by": "markbao",
        "id": 9100003,
        "parent": 9000001,
        "time": 1748877200,
        "type": "comment",
        "text": (
            "Goody | Remote | $170-230K + equity and benefits | Full-time<p>Goody is hiring a full-stack Senior "
            'Software Engineer. See <a href="https:&#x2F;&#x2F;jobs.ongoody.com&#x2F;swe" rel="nofollow">'
            "https:&#x2F;&#x2F;jobs.ongoody.com&#x2F;swe</a>"
        ),
    },
    9100004: {"id": 9100004, "deleted": True, "parent": 9000001, "time": 1748877300, "type": "comment"},
    9100005: {
        "by": "spammer",
        "id": 9100005,
        "dead": True,
        "parent": 9000001,
        "time": 1748877400,
        "type": "comment",
        "text": "Acme | Crypto Ninja | Remote<p>Get rich quick.",
    },
    9100006: None,  # the API answers null for an item it does not have
    9100007: {
        "by": "someone",
        "id": 9100007,
        "parent": 9000001,
        "time": 1748877500,
        "type": "comment",
        "text": "Great thread, good luck everyone!",
    },
}

# --- RemoteOK: GET /api --------------------------------------------------------------------------------------

REMOTEOK_LEGAL = (
    "API Terms of Service: Please link back to the URL on Remote OK and mention Remote OK as a source, so we get "
    "traffic back from your site. If you do not we'll have to suspend API access."
)
REMOTEOK_JOBS: list[dict[str, Any]] = [
    {"last_updated": 1748876400, "legal": REMOTEOK_LEGAL},
    {
        "slug": "remote-senior-python-engineer-acme-1093001",
        "id": "1093001",
        "epoch": 1748870000,
        "date": "2025-06-02T13:13:20+00:00",
        "company": "Acme Cloud",
        "company_logo": "https://remoteok.com/l.png",
        "position": "Senior Python Engineer",
        "tags": ["python", "backend", "senior", "postgresql"],
        "description": (
            "<p>Build APIs in <b>Python</b> &amp; PostgreSQL.</p><ul><li>Own our Kubernetes cluster</li></ul>"
        ),
        "location": "Worldwide",
        "salary_min": 120000,
        "salary_max": 160000,
        "apply_url": "https://jobs.lever.co/acme/4d2c?utm_source=remoteok",
        "url": "https://remoteOK.com/remote-jobs/remote-senior-python-engineer-acme-1093001",
    },
    {
        "slug": "remote-product-designer-globex-1093002",
        "id": "1093002",
        "epoch": 1748860000,
        "date": "2025-06-02T10:26:40+00:00",
        "company": "Globex",
        "position": "Product Designer",
        "tags": ["design", "figma"],
        "description": "<p>Design with Figma.</p>",
        "location": None,
        "salary_min": 0,
        "salary_max": 0,
        "url": "https://remoteOK.com/remote-jobs/remote-product-designer-globex-1093002",
    },
    {"slug": "broken", "id": "1093003", "company": "No Position Inc"},  # no position: not a job we can store
]

# --- Remotive: GET /api/remote-jobs --------------------------------------------------------------------------

REMOTIVE_JOBS: dict[str, Any] = {
    "00-warning": "Remotive main domain moved to remotive.com ! Please make your API calls on remotive.com/api",
    "0-legal-notice": (
        "Legal warning - Hey, thanks for using Remotive's API, we appreciate it! Please note that API "
        "documentation and access is granted so that developers can share our jobs further. Please do not submit "
        "Remotive jobs to third Party websites, including but not limited to: Jooble, Neuvoo, Google Jobs, "
        "LinkedIn Jobs. Please link back to the URL found on Remotive AND mention Remotive as a source..."
    ),
    "job-count": 2,
    "total-job-count": 2,
    "jobs": [
        {
            "id": 2001001,
            "url": "https://remotive.com/remote-jobs/software-dev/backend-engineer-go-2001001",
            "title": "Backend Engineer (Go)",
            "company_name": "Initech",
            "company_logo": "https://remotive.com/l.png",
            "category": "Software Development",
            "tags": ["go", "kubernetes", "aws"],
            "job_type": "full_time",
            "publication_date": "2025-06-01T08:30:00",
            "candidate_required_location": "Europe",
            "salary": "€70k - €90k",
            "description": "<p>Write Go services on Kubernetes.</p><p>On-call: 1 week in 6.</p>",
        },
        {
            "id": 2001002,
            "url": "https://remotive.com/remote-jobs/data/data-analyst-2001002",
            "title": "Data Analyst",
            "company_name": "Hooli",
            "category": "Data",
            "tags": [],
            "job_type": "contract",
            "publication_date": "2025-05-30T12:00:00",
            "candidate_required_location": "USA Only",
            "salary": "",
            "description": "<p>SQL &amp; dashboards.</p>",
        },
    ],
}

# --- Arbeitnow: GET /api/job-board-api?page=N (two pages; links.next filled in by the stand-in) ---------------

ARBEITNOW_PAGES: list[list[dict[str, Any]]] = [
    [
        {
            "slug": "devops-engineer-berlin-umbrella-267001",
            "company_name": "Umbrella GmbH",
            "title": "DevOps Engineer (m/w/d)",
            "description": "<p>Terraform &amp; Kubernetes in Berlin.</p><script>track()</script>",
            "remote": False,
            "url": "https://www.arbeitnow.com/jobs/companies/umbrella/devops-engineer-267001",
            "tags": ["DevOps", "IT"],
            "job_types": ["full time", "Berufserfahren"],
            "location": "Berlin",
            "created_at": 1748850000,
        },
        {
            "slug": "frontend-developer-remote-initrode-267002",
            "company_name": "Initrode AG",
            "title": "Frontend Developer",
            "description": "<p>React and TypeScript.</p>",
            "remote": True,
            "url": "https://www.arbeitnow.com/jobs/companies/initrode/frontend-developer-267002",
            "tags": ["Frontend"],
            "job_types": [],
            "location": "Munich",
            "created_at": 1748840000,
        },
    ],
    [
        {
            "slug": "werkstudent-data-267003",
            "company_name": "Vandelay Industries",
            "title": "Werkstudent Data Science",
            "description": "<p>Python und pandas.</p>",
            "remote": False,
            "url": "https://www.arbeitnow.com/jobs/companies/vandelay/werkstudent-data-267003",
            "tags": [],
            "job_types": ["Werkstudent", "internship"],
            "location": "Hamburg",
            "created_at": 1748830000,
        },
    ],
]

# --- Himalayas: GET /jobs/api?limit=&offset= and /jobs/api/search?q=&page= ------------------------------------

HIMALAYAS_JOBS: list[dict[str, Any]] = [
    {
        "title": "Senior Rust Engineer",
        "excerpt": "Build our database in Rust.",
        "companyName": "Pied Piper",
        "companySlug": "pied-piper",
        "companyLogo": "https://himalayas.app/l.png",
        "employmentType": "Full Time",
        "minSalary": 150000,
        "maxSalary": 190000,
        "currency": "USD",
        "salaryPeriod": "annual",
        "seniority": ["Senior"],
        "locationRestrictions": ["United States", "Canada"],
        "timezoneRestrictions": [-8, -5],
        "categories": ["Rust-Engineer", "Backend-Engineer"],
        "parentCategories": ["Software Engineering"],
        "description": "<p>Build our storage engine in <strong>Rust</strong>.</p>",
        "pubDate": 1748800000,
        "expiryDate": 1753984000,
        "applicationLink": "https://boards.greenhouse.io/piedpiper/jobs/7001",
        "guid": "https://himalayas.app/companies/pied-piper/jobs/senior-rust-engineer",
    },
    {
        "title": "Customer Success Manager",
        "excerpt": "Help customers.",
        "companyName": "Dunder Mifflin",
        "companySlug": "dunder-mifflin",
        "employmentType": "Part Time",
        "minSalary": None,
        "maxSalary": None,
        "seniority": [],
        "locationRestrictions": [],
        "categories": [],
        "parentCategories": [],
        "description": "",
        "pubDate": 1748790000,
        "applicationLink": "https://dundermifflin.example/apply",
        "guid": "https://himalayas.app/companies/dunder-mifflin/jobs/customer-success-manager",
    },
    {
        "title": "Machine Learning Engineer",
        "excerpt": "Train models.",
        "companyName": "Hooli",
        "companySlug": "hooli",
        "employmentType": "Contractor",
        "minSalary": 90,
        "maxSalary": 120,
        "salaryCurrency": "EUR",
        "salaryPeriod": "hourly",
        "locationRestrictions": ["Germany"],
        "categories": ["Machine-Learning-Engineer"],
        "description": "<p>PyTorch &amp; MLOps.</p>",
        "pubDate": 1748780000,
        "applicationLink": "https://hooli.example/ml",
        "guid": "https://himalayas.app/companies/hooli/jobs/machine-learning-engineer",
    },
]

# --- We Work Remotely: GET /categories/{slug}.rss -------------------------------------------------------------

WWR_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss">
<channel>
<title>We Work Remotely: Remote Programming Jobs</title>
<link>https://weworkremotely.com/categories/remote-programming-jobs</link>
<item>
  <title>Twikey: Senior Java Developer</title>
  <region>Anywhere in the World</region>
  <country></country>
  <skills>Java, PostgreSQL, and Spring</skills>
  <category>Back-End Programming</category>
  <type>Full-Time</type>
  <description>&lt;p&gt;Build payment APIs in &lt;strong&gt;Java&lt;/strong&gt; &amp;amp; Spring.&lt;/p&gt;
  </description>
  <pubDate>Mon, 02 Jun 2025 10:00:00 +0000</pubDate>
  <expires_at>Wed, 02 Jul 2099 10:00:00 +0000</expires_at>
  <guid>https://weworkremotely.com/remote-jobs/twikey-senior-java-developer</guid>
  <link>https://weworkremotely.com/remote-jobs/twikey-senior-java-developer</link>
  <media:content url="https://we-work-remotely.imgix.net/logos/twikey.png" type="image/png"/>
</item>
<item>
  <title><![CDATA[Acme & Co: React Developer]]></title>
  <region>USA Only</region>
  <type>Contract</type>
  <description><![CDATA[<p>React &amp; TypeScript.</p>]]></description>
  <pubDate>Sun, 01 Jun 2025 09:00:00 +0000</pubDate>
  <link>https://weworkremotely.com/remote-jobs/acme-co-react-developer</link>
</item>
<item>
  <title>Old Co: Expired Job</title>
  <region>Anywhere in the World</region>
  <description>gone</description>
  <expires_at>Thu, 01 May 2025 00:00:00 +0000</expires_at>
  <link>https://weworkremotely.com/remote-jobs/old-co-expired-job</link>
</item>
<item>
  <title>No company separator here</title>
  <description>x</description>
  <link>https://weworkremotely.com/remote-jobs/no-separator</link>
</item>
</channel>
</rss>
"""
