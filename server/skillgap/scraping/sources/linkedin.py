"""LinkedIn's public (no-login) job search: a source kind that is never fetched.

What was read (public sources, as published; not fetched from here - this machine has no internet):

- linkedin.com/robots.txt opens with "Notice: The use of robots or other automated means to access LinkedIn
  without the express permission of LinkedIn is strictly prohibited." and, after the rules for named search
  engines (which themselves exclude ``/jobs-guest/`` and ``/api/jobPostings/``), ends with ``User-agent: *`` /
  ``Disallow: /``: every path, job search and single job pages (``/jobs/view/...``) included, is disallowed to
  a crawler like SkillGap's.
- The User Agreement (linkedin.com/legal/user-agreement, section 8.2) forbids developing or using "software,
  devices, scripts, robots or any other means or processes (including crawlers, browser plugins and add-ons or
  any other technology) to scrape the Services or otherwise copy profiles and other data from the Services".
- How open-source scrapers read it anyway: JobSpy (github.com/cullenwatson/JobSpy, ``jobspy/linkedin``) calls the
  guest endpoint ``/jobs-guest/jobs/api/seeMoreJobPostings/search?keywords=&location=&start=`` (an HTML
  fragment of job cards) with a browser's headers, then each job's page for its description; its README offers
  "proxies support to bypass blocking" and its FAQ explains 429 answers as being blocked. That is working
  around a block; SkillGap does not.

So the kind exists (it can be configured, and ListScrapeSources says why it is not fetched) and a scrape of it
fails at once without a request. LinkedIn's single job pages are refused too: the `job_page` source checks
robots.txt, and ``Disallow: /`` covers them. The permitted routes are LinkedIn's partner programmes (Talent
Solutions, Job Posting API), which need an agreement with LinkedIn.
"""

from __future__ import annotations

from typing import ClassVar

from skillgap.scraping.sources.not_fetched import NotFetchedSource


class LinkedInSource(NotFetchedSource):
    kind = "linkedin"
    default_base_url = "https://www.linkedin.com"
    reads: ClassVar[str] = "nothing: LinkedIn's job search is not fetched"
    terms_notice: ClassVar[str] = (
        "linkedin.com/robots.txt disallows every path to crawlers like SkillGap's (User-agent: * / Disallow: /) and "
        "states that automated access without LinkedIn's express permission is prohibited; its User Agreement "
        "(8.2) forbids scraping. SkillGap does not fetch LinkedIn's job search or job pages."
    )
