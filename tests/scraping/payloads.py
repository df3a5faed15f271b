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
   "validThrough": "2024-04-01",
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
