"""Indeed's public (no-login) job search: a source kind that is never fetched.

What was read (public sources, as published; not fetched from here - this machine has no internet):

- indeed.com/robots.txt lets ``User-agent: *`` read the search result pages (``/jobs?q=&l=``, only the first
  pages of a search) but disallows the pages that hold a posting's description: ``/viewjob``, ``/rc/`` (the
  links from search results to postings), ``/m/viewjob`` and the RSS feeds. A search result page alone gives a
  title, a company, a place and a snippet: not a job SkillGap can read skills from.
- Indeed's Terms of Service (indeed.com/legal), as a public source-availability report summarises them, allow
  crawling "solely as outlined in our robots.txt"; the same report's live checks (2026) found its search pages
  answering automated clients with HTTP 403 (a bot wall).
- How open-source scrapers read it anyway: JobSpy (``jobspy/indeed/constant.py``) posts GraphQL queries to
  ``apis.indeed.com/graphql`` with the ``indeed-api-key`` and ``indeed-app-info`` headers of Indeed's own iOS app
  and an iPhone user agent: a private API used with another client's key, i.e. working around a block. SkillGap
  does not. Indeed's public APIs (docs.indeed.com) are for employers and ATS partners under a developer
  agreement, not for reading jobs.

So the kind exists (configurable; ListScrapeSources says why it is not fetched) and a scrape of it fails at once
without a request. Indeed's ``/viewjob`` pages are refused by the `job_page` source's robots.txt check as well.
"""

from __future__ import annotations

from typing import ClassVar

from skillgap.scraping.sources.not_fetched import NotFetchedSource


class IndeedSource(NotFetchedSource):
    kind = "indeed"
    default_base_url = "https://www.indeed.com"
    reads: ClassVar[str] = "nothing: Indeed's job search is not fetched"
    terms_notice: ClassVar[str] = (
        "indeed.com/robots.txt disallows the job pages that hold a posting's description (/viewjob, /rc/, "
        "/m/viewjob) and its feeds, its terms allow automated access only as robots.txt outlines, and its search "
        "pages answer automated clients with 403; the JSON route open-source scrapers use is Indeed's mobile app "
        "API with the app's own key. SkillGap does not fetch Indeed."
    )
