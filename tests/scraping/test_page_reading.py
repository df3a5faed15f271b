"""A job page without JSON-LD reads like a person reads it: the company, the location, the title without the
site's name, and a description without the apply form, the job-alert box or the cookie banner (issue 16).

The pages are cut-down copies of what Greenhouse, Lever, Ashby and Workable serve and of a company's own careers
page: the markup, class names and boilerplate are theirs, the postings are made up.
"""

from __future__ import annotations

import time

import pytest
from lxml import html as lxml_html

from skillgap.scraping.sources import ScrapedPosting, make_source
from skillgap.scraping.sources.page_cleanup import clean_description
from skillgap.scraping.sources.page_reading import ats_company_slug, clean_org, read_page_facts, registrable_name
from tests.support.scraping import FakeFetcher

BODY = """
<p>We are looking for a backend engineer to design, build and run the services behind our warehouse robots.</p>
<h3>What you will do</h3>
<ul><li>Build Go and Python services that plan robot routes in real time.</li>
<li>Own PostgreSQL schemas and Kafka topics end to end.</li></ul>
<h3>What you bring</h3>
<ul><li>Five years of backend experience with distributed systems.</li>
<li>Kubernetes, Terraform and a habit of writing things down.</li></ul>
<p>We offer a learning budget, 30 days of holiday and a bike lease.</p>
"""
FIRST = "We are looking for a backend engineer"
LAST = "We offer a learning budget, 30 days of holiday and a bike lease."

GREENHOUSE_JOB_BOARDS = f"""<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8">
<title>Job Application for Senior Backend Engineer at Acme Robotics</title>
<meta property="og:title" content="Senior Backend Engineer">
<meta property="og:description" content="Berlin, Germany">
<meta property="og:url" content="https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>window.__remixContext = {{"state": {{"loaderData": {{}}}}}};</script>
</head><body>
<div id="onetrust-banner-sdk"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>
<main class="main font-secondary job-post">
<div class="job__header"><a class="back-link" href="/acmerobotics">Back to jobs</a>
<div class="job__title"><h1 class="section-header section-header--large font-primary">Senior Backend Engineer</h1>
<div class="job__location"><svg viewBox="0 0 24 24"><path d="M12 2"></path></svg><div>Berlin, Germany</div></div>
</div></div>
<div class="job__description body"><div>{BODY}</div></div>
<div class="job-alert">
<h3 class="section-header">Create a Job Alert</h3>
<p>Interested in building your career at Acme Robotics? Get future opportunities sent straight to your email.</p>
<button class="btn btn--rounded">Create alert</button></div>
<div class="application--container">
<div class="application--header"><h2 class="section-header">Apply for this job</h2>
<div><span>* indicates a required field</span></div></div>
<form id="application-form"><label for="first_name">First Name*</label><input id="first_name">
<label for="last_name">Last Name*</label><input id="last_name">
<label>Resume/CV*</label><button>Attach</button><button type="submit">Submit application</button></form>
</div>
</main>
<div class="footer"><p>Powered by Greenhouse</p><a href="https://www.greenhouse.io/privacy-policy">Privacy Policy</a>
</div>
</body></html>"""

GREENHOUSE_CLASSIC = f"""<!DOCTYPE html><html><head>
<title>Job Application for Data Engineer at Globex</title>
<meta property="og:title" content="Data Engineer">
<meta property="og:description" content="Remote - US">
</head><body>
<div id="wrapper"><div id="main"><div id="app_body">
<div id="header"><div id="logo"><a href="https://www.globex.example"><img alt="Globex logo" src="/logo.png"></a></div>
<h1 class="app-title">Data Engineer</h1><span class="company-name">at Globex</span>
<div class="location">Remote - US</div></div>
<div id="content">{BODY}</div>
<div id="application"><div class="heading"><h2>Apply for this Job</h2>
<div id="required-fields-legend"><span class="asterisk">*</span> Required</div></div>
<form id="application_form"><label>First Name <span class="asterisk">*</span></label><input></form></div>
</div></div></div>
<div id="footer"><p>Powered by <a href="https://www.greenhouse.io">greenhouse</a></p></div>
</body></html>"""

LEVER = f"""<!DOCTYPE html><html><head>
<meta charset="utf-8">
<title>Initech - Platform Engineer</title>
<meta name="twitter:title" content="Initech - Platform Engineer">
<meta property="og:title" content="Initech - Platform Engineer">
<meta property="og:description" content="{FIRST} to design, build and run the services behind our robots.">
</head><body>
<div class="main-header page-full-width section-wrapper">
<div class="main-header-content page-centered narrow-section">
<a class="main-header-logo" href="https://jobs.lever.co/initech">
<img alt="Initech logo" src="https://lever-client-logos.s3.amazonaws.com/x.png"></a>
</div></div>
<div class="content-wrapper posting-page"><div class="content">
<div class="section-wrapper page-full-width"><div class="section page-centered posting-header">
<div class="posting-headline"><h2>Platform Engineer</h2>
<div class="posting-categories">
<div class="sort-by-time posting-category medium-category-label width-202 capitalize-labels location">Austin, TX</div>
<div class="sort-by-team posting-category medium-category-label capitalize-labels department">Engineering –
Platform</div>
<div class="sort-by-commitment posting-category medium-category-label capitalize-labels commitment">Full-time</div>
<div class="sort-by-time posting-category medium-category-label capitalize-labels workplaceTypes">Hybrid</div>
</div></div>
<div class="postings-btn-wrapper">
<a class="postings-btn template-btn-submit shamrock" href="https://jobs.lever.co/initech/0b5f/apply">Apply for this
job</a></div>
</div></div>
<div class="section-wrapper page-full-width">
<div class="section page-centered" data-qa="job-description">{BODY}</div>
<div class="section page-centered last-section-apply" data-qa="btn-apply-bottom">
<a class="postings-btn template-btn-submit shamrock" href="https://jobs.lever.co/initech/0b5f/apply">Apply for this
job</a></div>
</div></div></div>
<div class="main-footer page-full-width"><div class="main-footer-text page-centered">
<p><a href="https://initech.example">Initech Home Page</a></p>
<p><a class="image-link" href="https://lever.co/">Jobs powered by <img alt="Lever logo" src="/lever.svg"></a></p>
</div></div>
</body></html>"""

ASHBY = f"""<!DOCTYPE html><html lang="en"><head>
<title>Machine Learning Engineer @ Hooli</title>
<meta property="og:title" content="Machine Learning Engineer @ Hooli">
<meta property="og:description" content="Hooli is hiring a Machine Learning Engineer.">
</head><body>
<div id="root"><div class="ashby-job-posting-header">
<h1 class="ashby-job-posting-heading">Machine Learning Engineer</h1></div>
<div class="_container_ud4nd_29"><div class="ashby-job-posting-left-pane">
<div class="_section_101oc_37"><h2 class="_heading_101oc_53">Location</h2><p>London, United Kingdom</p></div>
<div class="_section_101oc_37"><h2 class="_heading_101oc_53">Employment Type</h2><p>Full time</p></div>
<div class="_section_101oc_37"><h2 class="_heading_101oc_53">Department</h2><p>Research</p></div>
</div>
<div class="ashby-job-posting-right-pane"><div role="tablist"><a role="tab">Overview</a><a role="tab">Application</a>
</div>
<div class="_descriptionText_oj0x8_198">{BODY}</div>
<button class="ashby-job-posting-apply-button">Apply for this Job</button>
</div></div></div>
<footer><a href="https://www.ashbyhq.com">Powered by Ashby</a><a href="/privacy">Privacy Policy</a></footer>
</body></html>"""

WORKABLE = f"""<!DOCTYPE html><html lang="en"><head>
<title>Product Designer - Umbrella Health</title>
<meta property="og:title" content="Product Designer - Umbrella Health">
<meta property="og:site_name" content="Workable">
<meta name="description" content="Umbrella Health is looking for a Product Designer to join our team in Lisbon.">
</head><body>
<div data-ui="cookie-consent"><p>This website uses cookies. Accept?</p><button>Accept</button></div>
<main><section><h1 data-ui="job-title">Product Designer</h1>
<div><span data-ui="job-location">Lisbon, Lisbon, Portugal</span><span data-ui="job-workplace">Hybrid</span>
<span data-ui="job-type">Full time</span></div>
<button data-ui="overview-apply-now">Apply for this job</button></section>
<section data-ui="job-description">{BODY}</section>
</main>
<footer><p>Powered by Workable</p><a href="/help">Help</a></footer>
</body></html>"""

CAREERS_PAGE = f"""<!DOCTYPE html><html lang="en"><head>
<title>Senior Backend Engineer | Careers | Stark Logistics</title>
<meta property="og:title" content="Senior Backend Engineer | Stark Logistics">
</head><body>
<header class="site-header"><nav><a href="/">Home</a><a href="/about">About</a><a href="/careers">Careers</a></nav>
</header>
<div class="cookie-notice"><p>We use cookies to give you the best experience.</p><a>Accept all cookies</a></div>
<main><article class="job-post"><a href="/careers">← Back to jobs</a>
<h1>Senior Backend Engineer</h1>
<ul class="job-meta"><li>📍 Rotterdam, Netherlands</li><li>Full-time</li><li>Engineering</li></ul>
{BODY}
<div class="share"><span>Share this job</span><a>LinkedIn</a><a>Twitter</a></div>
<h2>Apply for this job</h2>
<p>* indicates a required field</p>
<p>First Name *</p><p>Last Name *</p><p>Resume/CV *</p>
</article></main>
<footer><p>© 2024 Stark Logistics B.V.</p></footer>
</body></html>"""

CASES = {
    "greenhouse job-boards": (
        "https://job-boards.greenhouse.io/acmerobotics/jobs/4012345007",
        GREENHOUSE_JOB_BOARDS,
        ("Senior Backend Engineer", "Acme Robotics", ("Berlin, Germany",)),
    ),
    "greenhouse classic": (
        "https://boards.greenhouse.io/globex/jobs/5512",
        GREENHOUSE_CLASSIC,
        ("Data Engineer", "Globex", ("Remote - US",)),
    ),
    "lever": (
        "https://jobs.lever.co/initech/0b5f3c1e-aaaa-4bbb-8ccc-123456789abc",
        LEVER,
        ("Platform Engineer", "Initech", ("Austin, TX",)),
    ),
    "ashby": (
        "https://jobs.ashbyhq.com/hooli/8f0c8b4e-1111-4222-8333-444455556666",
        ASHBY,
        ("Machine Learning Engineer", "Hooli", ("London, United Kingdom",)),
    ),
    "workable": (
        "https://apply.workable.com/umbrella-health/j/A1B2C3D4E5/",
        WORKABLE,
        ("Product Designer", "Umbrella Health", ("Lisbon, Lisbon, Portugal",)),
    ),
    "careers page": (
        "https://careers.stark-logistics.example/jobs/senior-backend-engineer",
        CAREERS_PAGE,
        ("Senior Backend Engineer", "Stark Logistics", ("Rotterdam, Netherlands",)),
    ),
}


async def read(url: str, page: str) -> ScrapedPosting:
    (posting,) = [posting async for posting in make_source("job_page", url).fetch(FakeFetcher({url: page}))]
    return posting


@pytest.mark.parametrize("case", CASES)
async def test_a_job_page_reads_like_a_person_reads_it(case: str) -> None:
    url, page, (title, company, locations) = CASES[case]
    posting = await read(url, page)
    assert (posting.title, posting.company, posting.locations) == (title, company, locations)
    assert FIRST in posting.description and posting.description.endswith(LAST)
    for furniture in (
        "Apply for this job",
        "Create a Job Alert",
        "required field",
        "cookies",
        "Back to jobs",
        "First Name",
        "Powered by",
        "Share this job",
    ):
        assert furniture.casefold() not in posting.description.casefold(), furniture


async def test_the_workplace_follows_the_location_read_off_the_page() -> None:
    url, page, _ = CASES["greenhouse classic"]
    assert (await read(url, page)).workplace_type == "remote"


async def test_json_ld_without_company_or_location_takes_them_from_the_page() -> None:
    url = "https://jobs.lever.co/initech/0b5f3c1e-aaaa-4bbb-8ccc-123456789abc"
    page = LEVER.replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "JobPosting", "title": "Platform Engineer",'
        f' "description": "<p>{PLATFORM}</p>"}}</script></head>',
    )
    posting = await read(url, page)
    assert (posting.title, posting.company, posting.locations) == ("Platform Engineer", "Initech", ("Austin, TX",))
    assert posting.description == PLATFORM


PLATFORM = (
    "Run the platform our robots depend on: the Kubernetes clusters, the Kafka topics and the PostgreSQL fleet. "
    "You will own their upgrades, their capacity plans and their on-call runbooks, and you will work with every "
    "product team to make shipping a new service a matter of minutes. We hire in Austin and pay relocation."
)


async def test_a_greenhouse_posting_written_in_div_lines_keeps_its_first_and_last_lines() -> None:
    # trafilatura drops text outside paragraphs: the ATS's posting container is read instead
    body = (
        "<h4><strong>Join Acme and build robots.</strong></h4>"
        + "".join(f"<div>Line {i} of the posting, about the work and the team at Acme.</div>" for i in range(8))
        + "<div>&nbsp;</div><div>#LI-Remote</div>"
    )
    page = GREENHOUSE_JOB_BOARDS.replace(f"<div>{BODY}</div>", f"<div>{body}</div>")
    posting = await read(CASES["greenhouse job-boards"][0], page)
    assert posting.description.startswith("Join Acme and build robots.")
    assert posting.description.endswith("#LI-Remote")


async def test_a_job_board_title_names_the_company_not_the_board() -> None:
    url = "https://www.workinstartups.example/job/123/product-engineer"
    page = (
        "<html><head><title>Product Engineer at Attio in London [Remote], UK | WorkinStartups.com</title></head>"
        "<body><main><h1>Product Engineer</h1><div class='ui-location'><span>London [Remote], UK</span></div>"
        f"{BODY}</main></body></html>"
    )
    posting = await read(url, page)
    assert (posting.title, posting.company, posting.locations) == (
        "Product Engineer",
        "Attio",
        ("London [Remote], UK",),
    )


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://boards.greenhouse.io/acme/jobs/1", "acme"),
        ("https://boards.greenhouse.io/embed/job_app?for=acme&token=1", "acme"),
        ("https://jobs.lever.co/acme-robotics/0b5f", "acme-robotics"),
        ("https://jobs.ashbyhq.com/acme/8f0c", "acme"),
        ("https://apply.workable.com/acme/j/A1B2/", "acme"),
        ("https://jobs.smartrecruiters.com/AcmeRobotics/7430", "AcmeRobotics"),
        ("https://acme.bamboohr.com/careers/12", "acme"),
        ("https://acme.wd5.myworkdayjobs.com/en-US/External/job/Berlin/Engineer_R1", "acme"),
        ("https://acme.jobs.personio.de/job/123", "acme"),
        ("https://careers.acme.com/jobs/1", ""),
    ],
)
def test_the_company_in_an_ats_url(url: str, slug: str) -> None:
    assert ats_company_slug(url) == slug


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("Acme Careers", "Acme"),
        ("Careers at Acme", "Acme"),
        ("Jobs at Acme Robotics", "Acme Robotics"),
        ("Greenhouse", ""),
        ("LinkedIn", ""),
        ("Careers", ""),
        # g454: "Research Associate. The 1864 Institute" left the full stop before the company's name
        (". The 1864 Institute", "The 1864 Institute"),
        (".NET Foundation", ".NET Foundation"),
    ],
)
def test_a_careers_site_name_gives_the_company(name: str, company: str) -> None:
    assert clean_org(name) == company


def test_the_host_gives_its_registrable_name() -> None:
    assert registrable_name("https://careers.acme.co.uk/jobs/1") == "Acme"
    assert registrable_name("https://www.globex.com/careers") == "Globex"


def test_the_application_tail_is_cut_and_a_top_apply_button_dropped() -> None:
    text = "\n".join(["Apply now", "Intro.", "Duties.", "More duties.", "Benefits.", "Apply for this job", "Email *"])
    assert clean_description(text) == "Intro.\nDuties.\nMore duties.\nBenefits."


# --- Companies' own careers pages (static sites): no ATS markup, the facts spread over headings and titles -------


async def test_of_several_h1s_the_one_the_page_title_names_is_the_job() -> None:
    # a banner's "Join Zeppelin" is an <h1> too
    page = (
        "<html><head><title>Jobs at Zeppelin: Software Engineer</title>"
        '<meta property="og:site_name" content="Zeppelin"></head><body>'
        '<section id="home"><h1 class="home-title">Join Zeppelin</h1><p>Help us build the web.</p></section>'
        f'<section id="job-openings"><h1>Software Engineer</h1>{BODY}</section></body></html>'
    )
    posting = await read("https://zeppelin.example/jobs/software-engineer/", page)
    assert (posting.title, posting.company) == ("Software Engineer", "Zeppelin")


async def test_a_logo_h1_leaves_the_job_to_the_h2_the_title_names() -> None:
    page = (
        "<html><head><title>Agora » Software Engineer</title></head><body>"
        "<nav><h1><a href='/'><img alt='Agora' src='/logo.svg'></a></h1></nav>"
        f"<div class='bright'><h2 class='vspace'>Software Engineer</h2></div>{BODY}</body></html>"
    )
    posting = await read("https://agora.example/careers/software-engineer/", page)
    assert (posting.title, posting.company) == ("Software Engineer", "Agora")


@pytest.mark.parametrize(
    ("head", "headings", "title"),
    [
        # the site's name in an <h1> only screen readers are given, then the job's <h1>
        (
            "<title>GovReady</title>",
            "<h1 class='sr-only'>GovReady</h1><h1>Compliance Developer</h1>",
            "Compliance Developer",
        ),
        # the host's name and a word as the only <h1>; the job is the <h2> a part of the title ends with
        (
            "<title>We are looking for a Full Stack Developer • Brightbit</title>",
            "<h1>Brightbit Apps</h1><h2>Full Stack Developer</h2>",
            "Full Stack Developer",
        ),
        # a logo <h1> and an <h2> that runs a lead-in into the job: the title's part is the job
        (
            "<title>Brightbit - Front-end developer</title><meta property='og:site_name' content='Brightbit'>",
            "<h1 class='header__logo'>Brightbit</h1><h2><span>We are hiring</span>Front-end Developer</h2>",
            "Front-end developer",
        ),
    ],
)
async def test_a_heading_with_the_sites_name_is_not_the_job(head: str, headings: str, title: str) -> None:
    page = f"<html><head>{head}</head><body>{headings}{BODY}</body></html>"
    assert (await read("https://brightbit.example/jobs/developer/", page)).title == title


@pytest.mark.parametrize(
    ("url", "head", "footer", "company"),
    [
        # the footer's holder spells the host: it beats a slogan in the page title
        (
            "https://peakdefence.example/careers/backend-developer/",
            "<title>Backend Developer - PEAK DEFENCE - Your Cybersecurity Wingman</title>",
            "<footer><p>Copyright © 2025 Peak Defence OU. All rights reserved.</p></footer>",
            "Peak Defence OU",
        ),
        # and a site name that only begins with the host's name
        (
            "https://web.biicode.example/jobs/senior-software-engineer/",
            "<title>Senior Software Engineer</title><meta property='og:site_name' content='Biicode Web'>",
            "<footer>© 2014 Biicode</footer>",
            "Biicode",
        ),
        # "© Copyright 2014 - Name": the word and a dash before the name; the host spells "&" as "and" (g187)
        (
            "https://bedrockstoneanddesign.example/jobs/driver/",
            "<title>Welcome to Bedrock Stone &amp; Design!</title>"
            "<meta property='og:site_name' content='Bedrock Stone'>",
            "<footer>&copy; Copyright 2014 - Bedrock Stone &amp; Design. All Rights Reserved.</footer>",
            "Bedrock Stone & Design",
        ),
        # "all rights reserved" in another language ends the name, a legal form keeps its dots, a year after the name
        # is no part of it
        (
            "https://peakdefence.example/karriere/backend-entwickler/",
            "<title>Backend-Entwickler - PEAK DEFENCE - Ihr Partner</title>",
            "<footer><p>© 2025 Peak Defence GmbH Alle Rechte vorbehalten</p></footer>",
            "Peak Defence GmbH",
        ),
        (
            "https://peakdefence.example/kariera/programator/",
            "<title>Programátor - PEAK DEFENCE - Váš partner</title>",
            "<footer><p>© 2025 Peak Defence s.r.o. Všechna práva vyhrazena</p></footer>",
            "Peak Defence s.r.o",
        ),
        (
            "https://peakdefence.example/careers/analyst/",
            "<title>Analyst - PEAK DEFENCE - Your Wingman</title>",
            "<footer><p>© Peak Defence 2025</p></footer>",
            "Peak Defence",
        ),
        # a holder that is not the host's name (a theme's author) changes nothing
        (
            "https://acme.example/jobs/developer/",
            "<title>Developer | Acme</title>",
            "<footer>© 2020 Theme Forge</footer>",
            "Acme",
        ),
        # nor does a copyright line inside a script
        (
            "https://globex.example/jobs/developer/",
            "<title>Developer - Bright Futures</title><meta property='og:site_name' content='Bright Futures'>",
            "<script>var c = '© 2024 Globex';</script>",
            "Bright Futures",
        ),
    ],
)
async def test_a_copyright_holder_that_spells_the_host_is_the_company(
    url: str, head: str, footer: str, company: str
) -> None:
    page = f"<html><head>{head}</head><body><h1>Developer</h1>{BODY}{footer}</body></html>"
    assert (await read(url, page)).company == company


async def test_a_page_without_title_or_h1_is_named_by_its_first_h2() -> None:
    page = f"<html><body><div class='post'><h2>Product Manager</h2><p>October 1, 2017</p>{BODY}</div></body></html>"
    posting = await read("https://www.robin.example/careers/product-manager.html", page)
    assert posting.title == "Product Manager"


async def test_the_title_that_names_the_job_gives_the_company_over_a_site_slogan() -> None:
    page = (
        '<html><head><meta property="og:title" content="Melio Consulting - Imagine AI">'
        "<title>Data Scientist :: Melio Consulting</title></head>"
        f"<body><article><h1>Data Scientist</h1>{BODY}</article></body></html>"
    )
    posting = await read("https://melio.example/careers/data-scientist/", page)
    assert (posting.title, posting.company) == ("Data Scientist", "Melio Consulting")


async def test_a_title_that_is_only_a_name_is_the_sites_name() -> None:
    page = f"<html><head><title>Radius</title></head><body><h1>Product Design Intern</h1>{BODY}</body></html>"
    posting = await read("https://getradius.example/jobs/product-designer.html", page)
    assert (posting.title, posting.company) == ("Product Design Intern", "Radius")


async def test_the_logo_linking_home_names_the_company() -> None:
    page = (
        "<html><head><title>Senior Software Engineer in Mobile AR/VR</title></head><body>"
        # a partner's logo links to its own home page: not the company
        "<div class='partners'><a href='https://www.steampowered.example/'><img alt='Steam' src='/s.png'></a></div>"
        "<nav class='navbar'><a class='navbar-brand p-0' href='/'>"
        "<img class='lozad' data-src='/images/logo.png' alt='Arcturus Industries'></a></nav>"
        f"<h1>Senior Software Engineer in Mobile AR/VR</h1>{BODY}</body></html>"
    )
    posting = await read("https://jobs.arcturus.example/jobs/software-engineer/", page)
    assert posting.company == "Arcturus Industries"


@pytest.mark.parametrize(
    "icon",
    [
        '<i data-lucide="map-pin" class="w-4 h-4"></i>',  # g244
        '<i class="fa fa-map-marker" aria-hidden="true"></i>',
        '<span class="material-icons">location_on</span>',
        '<svg class="bi bi-geo-alt"><path d="M8 16"/></svg>',
    ],
)
async def test_the_place_after_a_map_pin_icon_is_the_location(icon: str) -> None:
    page = (
        "<html><head><title>Stage développeur web</title></head><body><h1>Stage développeur web</h1>"
        f"<div class='meta'><span>Stage</span><span>{icon} Télétravail</span><span>6 mois</span></div>"
        f"{BODY}</body></html>"
    )
    posting = await read("https://conquerors.example/recrutement/stage-developpeur-web/", page)
    assert posting.locations == ("Télétravail",)


async def test_a_heading_that_addresses_every_gender_is_the_job_whatever_its_words() -> None:
    """The heading "Dachdecker (m/w/d)" is a job title the title words do not know; the page's list of other jobs
    below it holds one they do ("Folientechniker"), which was read as the job (g280)."""
    page = (
        "<html><head><title>Dachdecker (m/w/d) – Karriere bei Spenglerei Peters</title></head><body>"
        f"<h1>Dachdecker (m/w/d)</h1>{BODY}"
        "<h2>Weitere Stellen bei Spenglerei Peters</h2><h3>Folientechniker (m/w/d)</h3><p>Folienarbeiten.</p>"
        "</body></html>"
    )
    posting = await read("https://karriere.peters.example/stellen/dachdecker", page)
    assert posting.title == "Dachdecker (m/w/d)"


@pytest.mark.parametrize(
    ("label", "place"),
    [
        ("Çalışma Yeri:", "Ataşehir, İstanbul"),
        ("근무지", "서울"),
        ("Место работы:", "Москва"),
        ("Lokasi kerja", "Jakarta"),
    ],
)
async def test_a_location_label_of_more_languages_names_the_place(label: str, place: str) -> None:
    page = (
        "<html><head><title>DevOps Engineer</title></head><body><h1>DevOps Engineer</h1>"
        f"{BODY}<p><strong>{label}</strong></p><p>{place}</p></body></html>"
    )
    posting = await read("https://kodgemisi.example/kariyer/devops-engineer", page)
    assert posting.locations == (place,)


async def test_a_logo_whose_alt_text_says_company_logo_is_named_by_its_file() -> None:
    """A Japanese page's logo says "会社ロゴ" (company logo) in its alt text: no name, its file's is (g289)."""
    page = (
        "<html><head><title>システム 未経験者</title></head><body>"
        "<header><a href='/'><img src='/img/syslabo-logo.png' alt='会社ロゴ'></a></header>"
        f"<h1>システム 未経験者</h1>{BODY}</body></html>"
    )
    posting = await read("https://www.syslabo.example/saiyo/recult3.html", page)
    assert posting.company == "Syslabo"


async def test_a_page_title_that_is_the_page_s_file_name_is_no_site_name() -> None:
    """A title "Vacature1" on vacature1.html is the one the editor left, not the site's name (g286)."""
    page = (
        "<html><head><title>Vacature1</title></head><body>"
        "<div class='logo'><a href='./index.html'><img src='assets/mark.png' alt='Avocado Media'></a></div>"
        f"<h1>Front-end Developer (medior)</h1>{BODY}</body></html>"
    )
    posting = await read("https://avocado.example/vacature1.html", page)
    assert posting.company == "Avocado Media"


async def test_a_name_read_in_the_host_s_letters_is_written_as_the_page_spells_it() -> None:
    """A logo's file names the site "baeren-crew"; the page writes "Bären-Crew"."""
    page = (
        "<html><head><title>Umzugshelfer (m/w/d)</title></head><body>"
        "<header><a href='/'><img src='/img/baeren-crew-logo.png' alt='Logo'></a></header>"
        "<h1>Umzugshelfer (m/w/d)</h1><p>Die Bären-Crew sucht Verstärkung für Umzüge in Berlin.</p>"
        f"{BODY}</body></html>"
    )
    posting = await read("https://www.baeren-crew.de/jobs", page)
    assert posting.company == "Bären-Crew"


@pytest.mark.parametrize(
    ("sentence", "locations"),
    [
        ("Interest in working on-site at our office in Troy, NY", ("Troy, NY",)),
        ("The ability to work onsite at our Portland, OR office.", ("Portland, OR",)),
        ("Modern office in Tallinn, Estonia", ("Tallinn, Estonia",)),
        ("Now based in Madrid and Seattle, we build computer vision.", ("Madrid", "Seattle")),
        ("A degree in Computer Science, Engineering or similar.", ()),
    ],
)
async def test_without_a_location_element_the_office_the_text_names_is_the_place(
    sentence: str, locations: tuple[str, ...]
) -> None:
    page = (
        "<html><head><title>Engineer | Acme</title></head>"
        f"<body><h1>Engineer</h1>{BODY}<ul><li>{sentence}</li></ul></body></html>"
    )
    posting = await read("https://acme.example/careers/engineer", page)
    assert posting.locations == locations


async def test_a_json_ld_teaser_gives_way_to_the_ad_on_the_page() -> None:
    teaser = "Nous recherchons un·e concepteur·rice d'applications web"
    page = (
        '<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": "Développeur web",'
        f' "description": "{teaser}", "hiringOrganization": {{"name": "Elao"}}}}</script></head>'
        f"<body><h1>Développeur web</h1><div class='banner'><p>{teaser}</p></div><main>{BODY}</main></body></html>"
    )
    posting = await read("https://elao.example/recrutement/job-developpeur", page)
    assert FIRST in posting.description and posting.description.endswith(LAST)
    # a JSON-LD description that is the ad stays the description
    full = BODY.replace('"', "'").replace("\n", " ")
    page = page.replace(f'"description": "{teaser}"', f'"description": "{full}"')
    assert (await read("https://elao.example/recrutement/job-developpeur", page)).description.startswith(FIRST)


async def test_a_call_to_action_band_after_the_posting_is_not_the_description() -> None:
    page = (
        "<html><head><title>Senior Software Engineer - Improwised Technologies</title></head><body>"
        f"<section class='switchable'><h1>Senior Software Engineer</h1><div class='job-details'>{BODY}</div></section>"
        "<section class='text-center'><div class='cta'><h2>Sound like the job for you?</h2>"
        "<p class='lead'>Got what it takes to work with us? Great! Send us a link to your resumé or portfolio to"
        " become part of our talent pool.</p><a href='mailto:careers@improwised.example'>Drop your resume here</a>"
        "</div></section></body></html>"
    )
    posting = await read("https://www.improwised.example/careers/senior-software-engineer", page)
    assert FIRST in posting.description and posting.description.endswith(LAST)


@pytest.mark.parametrize(
    ("head", "heading", "title"),
    [
        (
            "<title>We're Hiring: Digital &amp; Motion Designer | Struktigen Careers</title>",
            "",
            "Digital & Motion Designer",
        ),
        ("<title>Kuartz</title>", "<h1>Offre de stage - Bras droit du CEO</h1>", "Bras droit du CEO"),
        (
            "<title>Marketing Specialist Position</title>",
            "<h1>Job Title: Marketing Specialist</h1>",
            "Marketing Specialist",
        ),
        # a lead word no job begins with, before a bare space, and a heading's closing full stop
        ("<title>Iguana</title>", "<h1>Vacature medewerker technische dienst.</h1>", "medewerker technische dienst"),
        # a wrapper word that is the job's own start stays ("Hiring Manager Assistant")
        ("<title>Acme</title>", "<h1>Hiring Manager Assistant</h1>", "Hiring Manager Assistant"),
        # "we are looking for a" in Swedish and German (kollegorna.se's page, g085)
        (
            "<title>Jobb</title>",
            "<h1>Vi söker en Drupalfokuserad webbutvecklare</h1>",
            "Drupalfokuserad webbutvecklare",
        ),
        ("<title>Acme</title>", "<h1>Wir suchen einen Backend Entwickler</h1>", "Backend Entwickler"),
    ],
)
async def test_a_title_lead_in_is_not_the_job(head: str, heading: str, title: str) -> None:
    page = f"<html><head>{head}</head><body>{heading}{BODY}</body></html>"
    assert (await read("https://acme.example/careers/job", page)).title == title


@pytest.mark.parametrize(
    ("page_part", "locations"),
    [
        # the header's chips: date, workplace, team
        (
            "<h1>Developer</h1><div><span>February 2025</span><span>Remote</span><span>Engineering</span></div>",
            ("Remote",),
        ),
        # a labelled row in French
        ("<h1>Bras droit du CEO</h1><ul><li><strong>Localisation :</strong> Nantes</li></ul>", ("Nantes",)),
        # labels of other languages: the label alone, its value the next text (g106, g100), or after a colon
        ("<h1>营销经理</h1><div><div>地点</div><p>中国</p></div>", ("中国",)),
        ("<h1>ソフトウェアエンジニア</h1><dl><dt>勤務地</dt><dd>東京</dd></dl>", ("東京",)),
        ("<h1>Ohjelmistokehittäjä</h1><p>Sijainti: Tampere</p>", ("Tampere",)),
        ("<h1>Programista</h1><ul><li>Lokalizacja: Kraków</li></ul>", ("Kraków",)),
        # the role's place in a sentence (the sentence goes on after it)
        ("<h1>Developer</h1><p>The role is in NYC. If you live elsewhere, let's talk.</p>", ("NYC",)),
        # running text that says the role is remote, and one that says it is not
        ("<h1>Developer</h1><p>All of Acme works remotely across numerous time zones.</p>", ("Remote",)),
        ("<h1>Developer</h1><p>This is not a remote role: we meet at the studio every day.</p>", ()),
        ("<h1>Developer</h1><p>We are remote-first, with an async culture.</p>", ("Remote",)),
        # a place joined to "based" after an article
        ("<h1>Developer</h1><p>As a UCLA-based startup, we are building a close-knit team.</p>", ("UCLA",)),
        # a text of the posting that is only its remote workplace, as written (g080's benefits): the page's place
        (
            f"<h1>Front-end Developer</h1>{BODY}<h2>We offer:</h2><ul><li>Trainings &amp; Pizza Days</li></ul>"
            "<ul><li><span class='sprite-card'></span> Poker<br>nights</li>"
            "<li><span class='sprite-house'></span> Remote<br>work</li></ul>",
            ("Remote",),
        ),
        # a Slovak label (g166)
        ("<h1>Programátor</h1><p>Miesto: Pezinok (50% homeoffice)</p>", ("Pezinok (50% homeoffice)",)),
        # a Chinese label after a list's bullet (g143), and "Base 地" (g202)
        ("<h1>Html5开发工程师</h1><p>• 工作地点：北京</p>", ("北京",)),
        ("<h1>kubernetes 开发工程师</h1><p>Base 地：上海</p>", ("上海",)),
        # labels of the place or town in more languages
        ("<h1>Programátor</h1><p>Pracoviště: Brno</p>", ("Brno",)),
        ("<h1>Sviluppatore</h1><p>Città: Milano</p>", ("Milano",)),
        ("<h1>Developer</h1><p>Location(s): Berlin</p>", ("Berlin",)),
        # "Base salary" is no place
        ("<h1>Engineer</h1><p>Base salary: $120,000</p>", ()),
    ],
)
async def test_a_place_or_remote_work_said_outside_a_location_element(
    page_part: str, locations: tuple[str, ...]
) -> None:
    page = f"<html><head><title>Developer | Acme</title></head><body>{page_part}{BODY}</body></html>"
    assert (await read("https://acme.example/careers/developer", page)).locations == locations


async def test_a_json_ld_title_loses_the_article_a_wrapper_left() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "JobPosting",'
        ' "title": "un·e Concepteur·rice d\'applications web", "hiringOrganization": {"name": "Elao"},'
        f' "description": "x"}}</script></head><body><h1>Nous recherchons un·e Concepteur·rice</h1>{BODY}</body></html>'
    )
    assert (await read("https://elao.example/recrutement/job", page)).title == "Concepteur·rice d'applications web"


async def test_a_job_boards_city_in_the_title_and_the_url_path_is_the_place() -> None:
    url = "https://board.example/emprego/comprador-construcao/lisboa/2466292"
    page = (
        "<html><head><meta property='og:title' content='Comprador - Construção | Lisboa'></head>"
        f"<body><h1>Comprador - Construção | Lisboa (M/F)</h1>{BODY}</body></html>"
    )
    assert (await read(url, page)).locations == ("Lisboa",)
    # the company's name in the title and the path is no place
    page = f"<html><head><title>Engineer | Acme</title></head><body><h1>Engineer</h1>{BODY}</body></html>"
    assert (await read("https://board.example/acme/jobs/2466292", page)).locations == ()


async def test_a_sentence_that_opens_with_the_teams_city_gives_the_place() -> None:
    opener = "In Lisbon, we bring together experts in IT, administration and HR."
    page = (
        f"<html><head><title>Engineer | Acme</title></head><body><h1>Engineer</h1><p>{opener}</p>{BODY}</body></html>"
    )
    assert (await read("https://acme.example/careers/engineer", page)).locations == ("Lisbon",)


async def test_a_next_js_pages_data_gives_the_place_of_the_job_it_shows() -> None:
    data = (
        '{"props": {"pageProps": {"vacancy": {"1652906": {"position": "Cybersecurity Advisor",'
        ' "highlights": {"address": "Veskiposti 2, Avala kvartal", "salaryFrom": 3000}},'
        ' "1652907": {"position": "Accountant", "highlights": {"address": "Tartu"}}}}}}'
    )
    page = (
        "<html><head><title>Cybersecurity Advisor | CV.ee</title></head><body><h1>Cybersecurity Advisor</h1>"
        f"<div id='__next'></div><script id='__NEXT_DATA__' type='application/json'>{data}</script></body></html>"
    )
    posting = await read("https://www.cv.example/en/vacancy/1652906", page)
    assert posting.locations == ("Veskiposti 2, Avala kvartal",)


async def test_a_hostile_next_js_data_block_is_ignored_and_the_page_still_read() -> None:
    # JSON nested deeper than the parser's recursion limit, then a long flat array: neither may stop the page.
    for data in ("[" * 200_000, "[" + ", ".join(["0"] * 200_000) + "]"):
        page = (
            "<html><head><title>Engineer | Acme</title></head><body><h1>Engineer</h1>"
            f"<script id='__NEXT_DATA__' type='application/json'>{data}</script>{BODY}</body></html>"
        )
        posting = await read("https://acme.example/careers/engineer", page)
        assert (posting.title, posting.company, posting.locations) == ("Engineer", "Acme", ())


@pytest.mark.parametrize(
    ("src", "company"),
    [
        ("../img/robin-care-logo-white.png", "Robin Care"),
        # a picture that is not named as a logo says nothing about the company
        ("../img/team-photo.jpg", ""),
    ],
)
def test_a_logo_that_says_only_logo_is_named_by_its_file(src: str, company: str) -> None:
    page = (
        f"<html><head><title>Engineer</title></head><body><header><a href='http://www.getrobincare.example/'>"
        f"<img src='{src}' alt='Logo' id='logo-img'></a></header><h1>Engineer</h1>{BODY}</body></html>"
    )
    root = lxml_html.fromstring(page)
    assert read_page_facts(root, "").company == company


# --- Places known by name (data/places.json, from GeoNames) ------------------------------------------------------


@pytest.mark.parametrize(
    ("page_part", "locations"),
    [
        # a line under the heading that ends with the place (as brightbit.com's job page)
        ("<h2>Full Stack Developer</h2><p>Full time position in Oklahoma City</p>", ("Oklahoma City",)),
        # the place alone under the heading
        ("<h1>Developer</h1><p>Trondheim</p>", ("Trondheim",)),
        # a tag line under the heading (as govready.com's "Jobs • Python • Alexandria, VA")
        ("<h1>Software Developer</h1><h4>Jobs • Python • Alexandria, VA</h4>", ("Alexandria, VA",)),
        ("<h1>Software Developer</h1><div>Engineering | Full-time | Lyon</div>", ("Lyon",)),
        # no h1 to h3: the lower heading that shows the page title's job ("Developer | Acme") starts the byline
        ("<h4>Developer - m/f</h4><p class='date'>Zagreb, Croatia</p>", ("Zagreb, Croatia",)),
        # running text: a city with its country
        (
            "<h1>2024 summer interns</h1><p>We are looking for developers for our 2024 summer internship in"
            " Trondheim, Norway!</p>",
            ("Trondheim, Norway",),
        ),
        # running text: a lone city in a sentence about the work, and that it is remote
        (
            "<h1>Developer</h1><p>This position is remote, though you can work in provided office space in"
            " Philadelphia if you like.</p>",
            ("Remote", "Philadelphia"),
        ),
        # remote work said in another language: the page's word
        ("<h1>Solidity Programátor</h1><p>Pracujeme vzdáleně.</p>", ("vzdáleně",)),
        # the place of work in other languages' running text, up to the sentence's end (g101, Swedish; French)
        (
            "<h1>Fullstackutvecklare</h1><p>Tjänsten är en tillsvidareanställning med placering på vårt kontor vid"
            " Mobilvägen 10 i Lund. Tillträde enligt överenskommelse.</p>",
            ("Lund",),
        ),
        ("<h1>Développeur</h1><p>Le poste est basé à Lyon, au bord du Rhône.</p>", ("Lyon",)),
    ],
)
async def test_a_place_known_by_its_name_is_read_where_it_is_written_alone(
    page_part: str, locations: tuple[str, ...]
) -> None:
    page = f"<html><head><title>Developer | Acme</title></head><body>{page_part}{BODY}</body></html>"
    assert (await read("https://acme.example/careers/developer", page)).locations == locations


@pytest.mark.parametrize(
    ("page_part", "workplace"),
    [
        ("<h1>Solidity Programátor</h1><p>Pracujeme vzdáleně.</p>", "remote"),  # Czech: "we work remotely"
        ("<h1>Desarrollador</h1><p>Puesto 100% teletrabajo.</p>", "remote"),
        ("<h1>Developer</h1><p>The role is in Lyon.</p>", "unspecified"),
    ],
)
async def test_remote_work_said_in_another_language_makes_the_job_remote(page_part: str, workplace: str) -> None:
    page = f"<html><head><title>Developer | Acme</title></head><body>{page_part}{BODY}</body></html>"
    assert (await read("https://acme.example/careers/developer", page)).workplace_type == workplace


@pytest.mark.parametrize(
    "page_part",
    [
        # cities whose names are common words
        "<h1>Developer</h1><p>Mobile</p>",
        "<h1>Developer</h1><div>Engineering • Split • Reading</div>",
        "<h1>Developer</h1><p>You will work in Mobile and Web teams.</p>",
        # a city named far from any word about the work: the market, not the place of work
        "<h1>Developer</h1><p>Acme is a team of around twenty building the commerce layer for e-commerce in"
        " Taiwan.</p>",
        # a city that does not lie in the country named after it
        "<h1>Developer</h1><p>We sell to retailers in Trondheim, Spain.</p>",
        # another language's sentence about the company, not the work: "we have departments in Oslo"
        "<h1>Utvecklare</h1><p>Vi har avdelningar i Oslo och kunder runt om i världen.</p>",
        # a lowercase or unknown name
        "<h1>Developer</h1><p>Full time position in Smallville</p>",
    ],
)
async def test_a_name_that_is_no_place_of_work_is_not_read_as_one(page_part: str) -> None:
    page = f"<html><head><title>Developer | Acme</title></head><body>{page_part}{BODY}</body></html>"
    assert (await read("https://acme.example/careers/developer", page)).locations == ()


async def test_the_place_near_the_heading_is_preferred_over_the_company_address_below() -> None:
    address = "<div class='site-footer'><p>Acme AS, registered in Oslo, Norway.</p></div>"
    for near, place in (
        ("<h4>Jobs • Python • Alexandria, VA</h4>", "Alexandria, VA"),
        ("<p>Join our summer internship in Trondheim, Norway!</p>", "Trondheim, Norway"),
    ):
        page = (
            "<html><head><title>Developer | Acme</title></head>"
            f"<body><h1>Developer</h1>{near}{BODY}{address}</body></html>"
        )
        assert (await read("https://acme.example/careers/developer", page)).locations == (place,)


def test_a_hostile_page_of_city_names_is_read_in_bounded_time() -> None:
    names = " ".join(f"work in {name}" for name in ["Paris", "Oklahoma City", "Trondheim, Norway"] * 34_000)
    tags = " • ".join(["Mobile", "Reading"] * 50_000)
    read_page_facts(lxml_html.fromstring("<p>in Paris</p>"), "")  # the place names load once, not timed here
    for body in (f"<p>{names}</p>", f"<h4>{tags}</h4><p>{names}</p>"):
        root = lxml_html.fromstring(f"<html><body><h1>Engineer</h1>{body}</body></html>")
        assert len(lxml_html.tostring(root)) > 1_000_000
        started = time.perf_counter()
        read_page_facts(root, "https://acme.example/jobs/1")
        assert time.perf_counter() - started < 1.0


def test_a_hostile_heading_of_spaces_is_read_in_bounded_time() -> None:
    """The employer-then-hiring pattern tries each split of a run of spaces: a long heading is never tried."""
    for heading in ("Acme" + " " * 20_000 + "sucht Entwickler", "Acme" + "\u2003" * 20_000 + "x"):
        root = lxml_html.fromstring(f"<html><head><title>x</title></head><body><h1>{heading}</h1>{BODY}</body></html>")
        started = time.perf_counter()
        read_page_facts(root, "https://acme.example/jobs/1")
        assert time.perf_counter() - started < 1.0


async def test_a_breadcrumb_page_title_gives_the_company_and_the_job() -> None:
    # "Deliverakias.gr > Jobs > Salesperson" (g112's title): the site, its jobs section, the job.
    page = (
        "<html><head><title>Deliverakias.gr &gt; Jobs &gt; Salesperson</title></head>"
        f"<body><h1>Salesperson</h1>{BODY}</body></html>"
    )
    posting = await read("https://deliverakias.gr/jobs/sales/", page)
    assert (posting.title, posting.company) == ("Salesperson", "Deliverakias")


@pytest.mark.parametrize(
    ("heading", "location"),
    [
        # the place in brackets, the office word dropped (a Mongolian firm's page, g127)
        ("Architectural Graphic Designer (Mongolia office)", "Mongolia"),
        # after "in" at the heading's end (a Berlin firm's internship, g125)
        ("Studentischer Praktikant (M/W/D) Softwareentwicklung C# .NET in Berlin", "Berlin"),
        # remote in the heading's brackets (g371)
        ("Technical Writer (Remote)", "Remote"),
        # the employer, then the place, in one bracket (g256)
        ("Profesor ayudante (UNED, Madrid)", "Madrid"),
    ],
)
def test_the_place_the_job_s_heading_names_is_the_location(heading: str, location: str) -> None:
    root = lxml_html.fromstring(f"<html><body><h1>{heading}</h1><p>{BODY}</p></body></html>")
    assert read_page_facts(root, "https://firm.example/jobs/designer.html").locations == (location,)


def test_a_heading_s_bracket_that_names_no_place_gives_no_location() -> None:
    root = lxml_html.fromstring("<html><body><h1>Backend Engineer (Go, Kafka)</h1><p>Build services.</p></body></html>")
    assert read_page_facts(root, "https://firm.example/jobs/backend.html").locations == ()


def test_a_byline_tag_that_joins_remote_and_a_city_gives_the_city() -> None:
    """Zumba's page (g134): "Engineering", "Remote / Hialeah, FL", "Full-time" under the heading."""
    root = lxml_html.fromstring(
        "<html><body><h1>Software Engineer</h1><div><span>Engineering</span><span>Remote / Hialeah, FL</span>"
        f"<span>Full-time</span></div>{BODY}</body></html>"
    )
    assert read_page_facts(root, "https://zumba.example/jobs/software-engineer.html").locations == ("Hialeah, FL",)


@pytest.mark.parametrize(
    ("url", "text", "company"),
    [
        # the text's name begins the host's (Sawhorse Media's page, g133)
        (
            "https://sawhorsemedia.com/jobs/software-engineer.html",
            "Tell us why you are interested in working at Sawhorse",
            "Sawhorse",
        ),
        # the text spells the host's whole name
        ("https://peakdefence.com/careers/analyst", "At Peak Defence we hunt threats. Apply today.", "Peak Defence"),
    ],
)
def test_a_page_with_no_other_company_signal_names_the_host_as_its_text_writes_it(
    url: str, text: str, company: str
) -> None:
    root = lxml_html.fromstring(f"<html><body><h2>Software Engineer</h2><p>{text}</p></body></html>")
    assert read_page_facts(root, url).company == company


def test_a_name_that_only_shares_a_few_letters_with_the_host_is_not_taken() -> None:
    root = lxml_html.fromstring("<html><body><h2>Engineer</h2><p>Join Saw today. Use Python.</p></body></html>")
    assert read_page_facts(root, "https://sawhorsemedia.com/jobs/e.html").company == "Sawhorsemedia"


@pytest.mark.parametrize(
    ("page", "title"),
    [
        # a Czech page's h1 says "we are looking for reinforcements"; the role is the h2 (g095)
        ("<h1>Hledáme posily</h1><h2>Solidity Programátor</h2>", "Solidity Programátor"),
        # the only h1 is the team's name; the page's title names the job (g122)
        ("<h1>The Springer Development Team</h1>", "DevOps Engineer"),
    ],
)
def test_a_heading_that_names_no_job_gives_way_to_one_that_does(page: str, title: str) -> None:
    head = "<title>DevOps Engineer | Springer</title>" if "Springer" in page else ""
    root = lxml_html.fromstring(f"<html><head>{head}</head><body>{page}<p>Write smart contracts.</p></body></html>")
    assert read_page_facts(root, "https://firm.example/hiring/").title == title


def test_a_title_with_no_known_role_word_stays_when_nothing_else_names_a_job() -> None:
    root = lxml_html.fromstring("<html><body><h1>R&amp;Dインターン</h1><p>研究開発のインターン募集。</p></body></html>")
    assert read_page_facts(root, "https://firm.example/jobs/1").title == "R&Dインターン"


def test_a_title_part_that_names_a_job_is_not_taken_for_the_company() -> None:
    """Springer's page (g122): "DevOps Engineer | The Springer Development Team" over an h1 of the team's name. The
    part around the heading is the job, not the employer."""
    root = lxml_html.fromstring(
        "<html><head><title>DevOps Engineer | The Springer Development Team</title></head><body>"
        "<h1>The Springer Development Team</h1><h2>DevOps Engineer</h2><p>Build our deployment tools.</p></body></html>"
    )
    facts = read_page_facts(root, "https://springersbm.github.io/jobs/devops.html")
    assert (facts.title, facts.company) == ("DevOps Engineer", "Springer")  # the host's name as the text writes it


def test_a_slogan_read_for_the_company_gives_way_to_the_name_the_page_spells_from_its_host() -> None:
    """GoTech's page (g103): the site's title reads "Tech as a Service", which agrees with gotech.io in nothing,
    while the page writes "GoTech"; its h2 names the job, the title's other part only the company."""
    root = lxml_html.fromstring(
        '<html><head><meta property="og:site_name" content="Tech as a Service"><title>GoTech | Careers</title></head>'
        '<body><h2 class="career-page-title">Full-Stack Developer</h2><h4>Netanya, Israel</h4>'
        "<p>GoTech builds software for banks.</p></body></html>"
    )
    facts = read_page_facts(root, "https://gotech.io/")
    assert (facts.title, facts.company) == ("Full-Stack Developer", "GoTech")


def test_a_job_board_s_own_name_does_not_replace_the_employer() -> None:
    root = lxml_html.fromstring(
        '<html><head><meta property="og:site_name" content="Acme Robotics"></head>'
        "<body><h1>Backend Engineer</h1><p>Posted on RemoteOK. Acme Robotics builds robots.</p></body></html>"
    )
    assert read_page_facts(root, "https://remoteok.com/remote-jobs/1").company == "Acme Robotics"


@pytest.mark.parametrize(
    ("heading", "title", "company", "locations"),
    [
        # a Brazilian job board's ad (g152): the employer after "@", the board's tag before the job, a remote word
        ("[REMOTO] Delphi Developer @ Korp", "Delphi Developer", "Korp", ("REMOTO",)),
        # "@" glued to the name, the tag a city and its country (g155)
        ("[Lisboa/Portugal] Programador Java @Integer Consulting", "Programador Java", "Integer Consulting",
         ("Lisboa/Portugal",)),
        # what the heading adds after the name is no part of it (g160)
        ("[BARUERI/SP] Back-end Developer @DryCompany - Inicio Imediato", "Back-end Developer", "DryCompany", ()),
    ],
)  # fmt: skip
def test_a_job_board_heading_names_the_job_its_employer_and_its_tags(
    heading: str, title: str, company: str, locations: tuple[str, ...]
) -> None:
    root = lxml_html.fromstring(
        f"<html><head><title>{heading} - Vaga de Emprego | thePHP Website</title></head>"
        f"<body><h1>{heading}</h1><p>Nossa empresa desenvolve sistemas ERP. Requisitos: Delphi, SQL.</p></body></html>"
    )
    facts = read_page_facts(root, "https://thephp.website/br/vagas/1006765300-remoto-delphi-developer-at-korp")
    assert (facts.title, facts.company, facts.locations) == (title, company, locations)


def test_a_part_of_the_page_title_names_the_job_under_a_slogan_heading() -> None:
    """Cogent's page (g146): the h1 is the firm's slogan; the page's title ends with the job."""
    root = lxml_html.fromstring(
        "<html><head><title>Cogent - Join - Producer</title></head><body><h1>We create useful software<br>"
        "that gets results</h1><p>Facilitate and collaborate with business experts.</p></body></html>"
    )
    assert read_page_facts(root, "https://www.cogent.co/jobs/producer.html").title == "Producer"


def test_the_sites_wrapper_written_into_the_heading_is_no_part_of_the_title() -> None:
    """An h1 that repeats the page title's wrapper: "Account Executive / Deals | Flinker Careers" (g194)."""
    root = lxml_html.fromstring(
        "<html><head><title>Account Executive / Deals | Flinker Careers | Flinker</title></head><body>"
        "<h1>Account Executive / Deals | Flinker Careers</h1><p>Close deals with construction firms.</p></body></html>"
    )
    facts = read_page_facts(root, "https://flinker.app/careers/account-executive/")
    assert (facts.title, facts.company) == ("Account Executive / Deals", "Flinker")


def test_a_soft_hyphen_in_the_heading_is_no_part_of_the_title() -> None:
    """A German clinic's heading breaks its long word where the browser may ("Pflege&shy;fachkraft", as g241): the
    title is the word, with no invisible character inside it that a search or a match would trip over."""
    root = lxml_html.fromstring(f"<html><body><h1>Pflege&shy;fachkraft (m/w/d)</h1><p>{BODY}</p></body></html>")
    assert read_page_facts(root, "https://klinik.example/jobs/pflege.html").title == "Pflegefachkraft (m/w/d)"


@pytest.mark.parametrize(
    "tags",
    [
        # the pin in an element of its own, the place in the next (a non-profit's Tailwind page, g259)
        '<span><span class="mr-2">📍</span> Remote/Hybrid</span><span><span class="mr-2">💼</span> Part-time</span>',
        # the pin and the place in one line of tags, the next tag after its own icon
        "<p>📍 Remote/Hybrid 💼 Part-time</p>",
    ],
)
def test_the_place_after_a_pin_is_the_location(tags: str) -> None:
    root = lxml_html.fromstring(f"<html><body><h1>Research Assistant</h1><div>{tags}</div><p>{BODY}</p></body></html>")
    assert read_page_facts(root, "https://health.example/jobs/research-assistant/").locations == ("Remote/Hybrid",)


@pytest.mark.parametrize(
    ("heading", "title", "company"),
    [
        # Portuguese "na" (at the), the employer's legal form ending in a full stop (a Brazilian board's view, g157)
        ("Fullstack Developer (Sênior) na Elumini S.A.", "Fullstack Developer (Sênior)", "Elumini S.A."),
        # Italian "presso"
        ("Sviluppatore Java presso Rossi Informatica S.r.l.", "Sviluppatore Java", "Rossi Informatica S.r.l."),
    ],
)
def test_the_employer_a_heading_names_after_its_word_is_the_company(heading: str, title: str, company: str) -> None:
    root = lxml_html.fromstring(f"<html><body><h1>{heading}</h1><p>{BODY}</p></body></html>")
    facts = read_page_facts(root, "https://board.example/vagas/123")
    assert (facts.title, facts.company) == (title, company)


def test_the_place_a_company_is_located_in_ends_with_its_sentence() -> None:
    """An HVAC contractor's page (g221) names its town only in its text: "located in Cambridge, Ontario. Due to ...".
    The location is the place, not the place and the next sentence's first word."""
    text = (
        "Operating since 1988, T&amp;H Heating is an established HVAC company located in Cambridge, Ontario. "
        "Due to continued growth, there is an opening for a mechanic."
    )
    root = lxml_html.fromstring(f"<html><body><h1>Sheet Metal Mechanic</h1><p>{text}</p><p>{BODY}</p></body></html>")
    assert read_page_facts(root, "https://thheating.example/jobpostings/").locations == ("Cambridge, Ontario",)


def test_a_site_named_by_its_own_address_is_the_company_as_written() -> None:
    """A Danish shipping firm calls itself by its address (og:site_name "Pakkelabels.dk" on pakkelabels.dk, g196):
    the company is that name, not the host cut to "Pakkelabels". A job board's address names no employer (as before)."""
    page = (
        '<html><head><meta property="og:site_name" content="Pakkelabels.dk">'
        "<title>Kundeservicemedarbejder | Pakkelabels.dk</title></head>"
        f"<body><h1>Kundeservicemedarbejder</h1><p>{BODY}</p></body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://pakkelabels.dk/karriere/kundeservice/")
    assert facts.company == "Pakkelabels.dk"
    # ... or in its page title only (g370: "... | Foundries.io" on foundries.io, no site name)
    page = (
        "<html><head><title>Foundries.io Technical Writer (Remote) | Foundries.io</title></head>"
        f"<body><h1>Technical Writer (Remote)</h1><p>{BODY}</p></body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://foundries.io/openings/20200527-techwriter/")
    assert facts.company == "Foundries.io"


@pytest.mark.parametrize(
    ("heading", "location"),
    [
        # a US state's code after a dash (a media firm's page, g133)
        ("Software Engineer - NY", "NY"),
        # a city by its name
        ("Data Analyst – Berlin", "Berlin"),
    ],
)
def test_a_place_after_a_dash_ending_the_heading_is_the_location(heading: str, location: str) -> None:
    root = lxml_html.fromstring(f"<html><body><h2>{heading}</h2><p>{BODY}</p></body></html>")
    assert read_page_facts(root, "https://firm.example/jobs/role.html").locations == (location,)


def test_a_word_after_a_dash_ending_the_heading_is_no_place() -> None:
    root = lxml_html.fromstring(f"<html><body><h1>Backend Engineer - Payments</h1><p>{BODY}</p></body></html>")
    assert read_page_facts(root, "https://firm.example/jobs/backend.html").locations == ()


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        # a therapy practice's page (g361): "sought" after the job
        ("Ergotherapeut/in gesucht", "Ergotherapeut/in"),
        ("Barista wanted!", "Barista"),
        ("Kok gezocht", "Kok"),
        # Turkish "we are looking for" after the job (g365), Russian "we need" before it (g355)
        ("Django Geliştiricileri Arıyoruz", "Django Geliştiricileri"),
        ("НАМ НУЖЕН WEB-РАЗРАБОТЧИК", "WEB-РАЗРАБОТЧИК"),
        # a physiotherapy practice's page (g479): "sought" before the job, the hours a week after it
        ("Gezocht: Fysiotherapeut(e) voor 32-40 uur per week", "Fysiotherapeut(e)"),
        ("Pflegekraft (20-30 Std./Woche)", "Pflegekraft"),
        ("Barista, 16 hours a week", "Barista"),
        ("24h Support Engineer", "24h Support Engineer"),
        # a bed maker's page (g490): the date posted after the job, in an element of the heading
        ("Stores Person <span>Date posted: 21/12/2020</span>", "Stores Person"),
        # a think tank's pages (g376): the word for the post after the job, when a job is left
        ("Junior Researcher Position", "Junior Researcher"),
        ("PhD position", "PhD position"),
        # a wide gap before the word is one gap ("Kok" and "gezocht" a page's layout apart)
        ("Kok" + "&#160;" * 400 + " gezocht", "Kok"),
    ],
)
def test_a_word_saying_the_job_is_sought_is_no_part_of_the_title(heading: str, title: str) -> None:
    root = lxml_html.fromstring(f"<html><body><h1>{heading}</h1><p>{BODY}</p></body></html>")
    assert read_page_facts(root, "https://praxis.example/stellenangebot.html").title == title


def test_the_place_a_german_page_gives_its_own_team_is_the_location() -> None:
    """A vet clinic's page (g163): "für unsere Tierklinik in Dobersberg", a village the gazetteer does not hold but the
    page's title names; "in Vollzeit" (full-time) after "unser Team" names no place."""
    page = (
        "<html><head><title>Reinigungskraft | Tierklinik Dobersberg</title></head><body><h1>Reinigungskraft</h1>"
        "<p>Wir suchen für unsere Tierklinik in Dobersberg eine Reinigungskraft.</p></body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://tierklinik.example/jobs/reinigungskraft/")
    assert facts.locations == ("Dobersberg",)
    full_time = page.replace("für unsere Tierklinik in Dobersberg", "für unser Team in Vollzeit")
    facts = read_page_facts(lxml_html.fromstring(full_time), "https://tierklinik.example/jobs/reinigungskraft/")
    assert facts.locations == ()


def test_the_places_a_german_page_gives_its_own_team_are_the_locations() -> None:
    """A tax firm's page (g484): "zur Verstärkung unseres Teams in Braunschweig und Magdeburg" (the genitive "unseres",
    two known places joined by "und")."""
    page = (
        "<html><head><title>Karriere | Steuerkanzlei</title></head><body><h1>Steuerfachangestellte/r</h1>"
        "<p>Wir suchen zur Verstärkung unseres Teams in Braunschweig und Magdeburg zum sofortigen Termin.</p>"
        "</body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://kanzlei.example/karriere/")
    assert facts.locations == ("Braunschweig", "Magdeburg")


def test_the_place_of_a_tag_line_set_apart_by_dashes_is_the_location() -> None:
    """A manufacturer's page (g343): "Bensalem, PA - Manufacturing - Full-Time" under the heading."""
    page = (
        f"<html><body><h1>Production Associate</h1><p>Bensalem, PA - Manufacturing - Full-Time</p>{BODY}</body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://specchem.example/careers/production-associate/")
    assert facts.locations == ("Bensalem, PA",)


@pytest.mark.parametrize(
    ("name", "company"),
    [
        # a non-profit's site name with its slogan after a comma (g347)
        ("Fight for the Future, defending our basic rights and freedoms", "Fight for the Future"),
        # a legal form after a comma stays, and so do names joined by commas
        ("Acme, Inc.", "Acme, Inc."),
        ("Smith, Jones and Partners", "Smith, Jones and Partners"),
        # a page titled by what it is names nobody (g343)
        ("Job Description", ""),
    ],
)
def test_a_site_names_slogan_or_a_pages_kind_is_no_part_of_the_company(name: str, company: str) -> None:
    assert clean_org(name) == company


def test_the_sites_name_written_before_the_job_in_the_heading_is_no_part_of_the_title() -> None:
    """A Hugo careers page (g370): the heading "Foundries.io Technical Writer (Remote)" under the page title
    "Foundries.io Technical Writer (Remote) | Foundries.io"."""
    page = (
        "<html><head><title>Foundries.io Technical Writer (Remote) | Foundries.io</title></head><body>"
        f"<h1>Foundries.io Technical Writer (Remote)</h1>{BODY}</body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://foundries.example/openings/techwriter/")
    assert facts.title == "Technical Writer (Remote)"


def test_a_place_ending_the_pages_title_is_no_company() -> None:
    """A café's page (g362), "Cafe Classen - Arnhem", and a clinic's (g481), "Vaga: Profissional da Estética |
    Clínica Theodoro – Goiânia": the company is the name before the city, and the city is the location."""
    page = (
        "<html><head><title>Vaga: Profissional da Estética | Clínica Theodoro – Goiânia</title></head><body>"
        f"<h1>VAGA</h1>{BODY}</body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://theodorobeauty.example/vaga/")
    assert (facts.company, facts.locations) == ("Clínica Theodoro", ("Goiânia",))
    cafe = (
        "<html><head><title>Cafe Classen - Arnhem</title></head><body>"
        f"<h1>Barmedewerker parttime</h1>{BODY}</body></html>"
    )
    assert read_page_facts(lxml_html.fromstring(cafe), "https://cafeclassen.example/vacature.html").company != "Arnhem"


def test_a_german_list_item_is_no_place() -> None:
    """A tiler's page (g505): "Sinn für Präzision, Fugen und saubere Linien" (German capitalises its nouns) was read
    as a place; the team's place in the text is the location."""
    page = (
        "<html><head><title>Stellen · S.B. Plattenleger</title></head><body><h1>Wir suchen Plattenleger</h1>"
        "<p>Wir suchen einen Plattenleger für unser Team in Malters.</p>"
        "<ul><li>Sinn für Präzision, Fugen und saubere Linien</li></ul></body></html>"
    )
    facts = read_page_facts(lxml_html.fromstring(page), "https://plattenleger.example/stellenangebote.html")
    assert "Sinn für Präzision, Fugen und saubere Linien" not in facts.locations


def test_a_sharing_box_under_the_heading_is_no_company() -> None:
    """An aerospace firm's page (g379): "Share this Post" right under the job's heading was read as the employer."""
    page = (
        "<html><body><h1>Quality Control Manager</h1><p>Share this Post</p><p>Facebook</p><p>Twitter</p>"
        f"{BODY}</body></html>"
    )
    assert (
        read_page_facts(lxml_html.fromstring(page), "https://tjaerospace.example/job/qc/").company != "Share this Post"
    )


async def test_a_posting_written_after_a_stray_closing_html_tag_is_read() -> None:
    """g250: the page closes `</html>` after its head, then writes its body and its JSON-LD (a browser shows them);
    the HTML parser dropped everything after the tag, so the posting's company and place were lost."""
    job = (
        '{"@context": "http://schema.org", "@type": "JobPosting", "title": "Stage chargé de communication",'
        ' "description": "L4M recrute un(e) communicant(e) ayant le goût pour l\'événementiel.",'
        ' "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "59120 Loos"}},'
        ' "hiringOrganization": {"@type": "Organization", "name": "L4M / LOOKING FOR MISSION"}}'
    )
    page = (
        "<html><head><title>Stage chargé de communication</title></head></html>\n"
        f'<body><h1>Stage chargé de communication</h1><script type="application/ld+json">{job}</script></body>'
    )
    posting = await read("https://www.l4m.fr/stage/offre/3386375", page)
    assert (posting.company, posting.locations) == ("L4M / LOOKING FOR MISSION", ("59120 Loos",))


@pytest.mark.parametrize(
    ("line", "location"),
    [
        ("Work from home", "Work from home"),
        ("REMOTO", "REMOTO"),
        ("Удалённо", "Удалённо"),
        ("フルリモート", "フルリモート"),
    ],
)
async def test_a_remote_word_of_any_language_under_the_heading_is_the_place_and_makes_the_job_remote(
    line: str, location: str
) -> None:
    page = (
        f"<html><head><title>Developer | Acme</title></head><body><h1>Developer</h1><p>{line}</p>{BODY}</body></html>"
    )
    posting = await read("https://acme.example/careers/developer", page)
    assert (posting.locations, posting.workplace_type) == ((location,), "remote")


async def test_a_days_at_home_word_does_not_make_the_job_remote() -> None:
    page = "<html><head><title>Developer | Acme</title></head><body><h1>Développeur</h1><p>Télétravail</p>"
    posting = await read("https://acme.example/careers/developer", page + f"{BODY}</body></html>")
    assert posting.workplace_type != "remote"


@pytest.mark.parametrize(
    ("page_title", "title", "company"),
    [
        # the employer, then a word saying it is hiring, in other languages
        ("Acme sucht Entwickler (m/w/d)", "Entwickler (m/w/d)", "Acme"),
        ("Acme recrute un Développeur", "Développeur", "Acme"),
        ("Acme söker Utvecklare", "Utvecklare", "Acme"),
        ("Acme hledá: Programátor", "Programátor", "Acme"),
        ("Acme Hiring: Developer", "Developer", "Acme"),
        # a "job offer" lead-in before the job
        ("Vaga: Desenvolvedor - Acme", "Desenvolvedor", "Acme"),
        ("İş İlanı: Yazılımcı - Acme", "Yazılımcı", "Acme"),
        ("求人: エンジニア | Acme", "エンジニア", "Acme"),
        ("Ledig stilling: Utvikler - Acme", "Utvikler", "Acme"),
        # a role's words are no employer, and "Hiring Manager" is a job
        ("Especialista em Busca Orgânica", "Especialista em Busca Orgânica", ""),
        ("Senior Hiring Manager", "Senior Hiring Manager", ""),
    ],
)
@pytest.mark.parametrize("with_heading", [False, True])
def test_a_page_title_that_says_who_is_hiring_or_that_it_is_an_offer(
    page_title: str, title: str, company: str, with_heading: bool
) -> None:
    # the heading as a page shows it: the job's part of the page's title ("Vaga: Desenvolvedor")
    heading = f"<h1>{page_title.split(' - ')[0].split(' | ')[0]}</h1>" if with_heading else ""
    root = lxml_html.fromstring(
        f"<html><head><title>{page_title}</title></head><body>{heading}<p>We build billing software for small shops."
        " You will write Python services and review code.</p></body></html>"
    )
    facts = read_page_facts(root, "https://jobs.example.com/123")
    assert facts.title == title
    assert facts.company == (company or "Example")  # no name on the page: the host's
