"""What a person reads off a job page without structured data: the job's title, the company, the location.

Each comes from the most trustworthy place the page has, in order:

- company: schema.org microdata ``hiringOrganization`` -> ``og:site_name`` (unless it names a job board or ATS) -> the
  part of the page title that is not the job ("Backend Engineer | Acme", "Acme - Backend Engineer", "Job Application
  for X at Acme") -> what the ATS shows ("at Acme", the logo's alt text) -> the company in the ATS URL
  (``boards.greenhouse.io/{company}``, ``{company}.bamboohr.com``, ...) -> a page title that is only a name, not
  the job ("Radius") -> on a job board (a host whose name the page never says), the name right under the job's
  heading -> the alt text of the logo that links home (or its file's name when the alt text says only "Logo") ->
  the host's registrable name (``careers.acme.co.uk`` -> "Acme"); titles that name the job's heading are read
  before the others (an ``og:title`` may be the site's name and slogan);
- title: the ATS's title element -> the job's heading (the only ``<h1>``, of several the one the page title
  names, or with a logo-only ``<h1>`` the ``<h2>`` the title names) -> ``og:title`` / ``<title>`` without the
  company part; without a lead-in ("We're Hiring: ", "Job Title: ", "Offre de stage - ") or an article ("un·e ");
- location: microdata / ATS markup (Greenhouse ``.location``, Lever ``.posting-categories .location``, Workable
  ``data-ui="job-location"``, SmartRecruiters ``spl-job-location``, Ashby's "Location" section) -> a labelled
  line near the top ("Location: Berlin", "📍 Remote") -> a place just under the job's heading ("Seoul, Korea"),
  or one known by name there (alone, "Oklahoma City"; a tag line's part, "Jobs • Python • Alexandria, VA"; the
  end of a short line, "Full time position in Oklahoma City") -> a place the page title names ("Engineer at
  Acme — Berlin, Germany | LinkedIn Jobs") -> "Remote" alone just under the heading -> a title part the URL's
  path names too (a job board's ".../lisboa/2466292") -> the place a Next.js page's data gives the job -> the
  office the text names ("our office in Troy, NY", "based in Madrid and Seattle", "a UCLA-based startup") ->
  where the text puts the role ("The role is in NYC.", "In Lisbon, we ...", from the heading down: "our
  internship in Trondheim, Norway", "you can work in provided office space in Philadelphia") or that it is
  remote ("all of Acme works remotely", "Pracujeme vzdáleně."). A place known by name is one of GeoNames'
  (``data/places.json``): a city with its country or US state, or a city, country or state alone that is no
  common word ("Mobile", "Split": hn_words' ``place_common_words``).

Every walk over the page is bounded: hostile pages (deep nesting, millions of nodes) cost a fixed amount.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final
from urllib.parse import parse_qs, unquote, urlsplit

from courlan import extract_domain
from lxml import etree

from skillgap.datafiles import alternation
from skillgap.jobs.company_words_schema import built as company_words
from skillgap.jobs.normalize import plain_text, workplace_from
from skillgap.jobs.role_keys import GENDER_MARKER
from skillgap.places.schema import fold, gazetteer
from skillgap.scraping.hn_words_schema import built as hn_words
from skillgap.scraping.sources.base import as_str, load_script_json, prettify_token
from skillgap.skills.resume_entries import is_title
from skillgap.text_keys import squash

__all__ = [
    "PageFacts",
    "is_job_board_name",
    "known_place",
    "page_workplace",
    "read_page_facts",
    "registrable_name",
    "unwrap_title",
]

_MAX_ELEMENTS: Final = 20_000
"""Elements looked at per walk; real job pages have a few thousand."""
_MAX_TEXTS: Final = 600
"""Text pieces read from the top of the page when looking for a labelled location."""
_MAX_SHORT: Final = 120
"""A title, company or location longer than this is a sentence, not a name."""
_BYLINE_TEXTS: Final = 6
"""Text pieces read just under the job's heading (the byline: company, date, place)."""
_MAX_PIECE: Final = 20_000
"""Characters of one text piece read (a label, a byline or a sentence needs far fewer; a hostile page's one
2 MB paragraph costs no more)."""


# Words around a company's name in a careers site's name: "Acme Careers", "Careers at Acme", "Jobs bei Acme".
_ORG_PREFIX: Final = re.compile(
    rf"^(?:{alternation(hn_words().site_name_leads)}\s+(?:{alternation(hn_words().site_name_joiners)}|@)\s+)",
    re.IGNORECASE,
)
_ORG_SUFFIX: Final = re.compile(
    rf"\s*(?:[-|:·–—]\s*)?{alternation(hn_words().site_name_tails)}\.?$",
    re.IGNORECASE,
)
_APPLICATION_FOR: Final = re.compile(
    r"^(?:job application|application|apply|bewerbung|candidature)\s+(?:for|für|pour|:)\s+(?P<job>.+?)"
    r"(?:\s+(?:at|bei|chez|@)\s+(?P<org>.+))?$",
    re.IGNORECASE,
)
_DOMAIN: Final = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
"""A site's address used as its name ("WorkInStartups.com"): a job board, not the employer."""
_SEPARATORS: Final = re.compile(r"\s+[|–—·•:@~›»>\-]\s+|\s*\|\s*|\s+::\s+")
# "Backend Engineer at Acme", "Programador Java @Integer Consulting" (hn_words' ``employer_words``).
_AT: Final = re.compile(rf"\s+(?:{alternation(hn_words().employer_words)}\s+|@\s*)", re.IGNORECASE)


@dataclass(frozen=True)
class PageFacts:
    title: str
    company: str
    locations: tuple[str, ...]


# --- Walking the page, bounded ----------------------------------------------------------------------------------


def _elements(root: Any) -> Iterator[Any]:
    for count, element in enumerate(root.iter()):
        if count >= _MAX_ELEMENTS:
            return
        if isinstance(element.tag, str):
            yield element


def _text(element: Any) -> str:
    """An element's text as one line (bounded: a short field never needs more)."""
    pieces: list[str] = []
    size = 0
    for piece in element.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > 4 * _MAX_SHORT:
            break
    return plain_text(" ".join(pieces))


def _classes(element: Any) -> set[str]:
    return set(as_str(element.get("class")).split())


def _meta(root: Any, *names: str) -> str:
    wanted = {name.casefold() for name in names}
    found: dict[str, str] = {}
    for element in _elements(root):
        if element.tag != "meta":
            continue
        key = (as_str(element.get("property")) or as_str(element.get("name"))).casefold()
        if key in wanted and key not in found:
            found[key] = plain_text(element.get("content"))
    return next((found[name.casefold()] for name in names if found.get(name.casefold())), "")


_SKIPPED_TAGS: Final = frozenset(
    {"script", "style", "noscript", "template", "select", "option", "svg", "head", "button", "nav", "footer"}
)


_ICON_TAGS: Final = frozenset({"i", "span", "svg", "use", "img", "em"})
_ICON_ATTRIBUTES: Final = ("class", "data-lucide", "data-feather", "data-icon", "href", "xlink:href", "src")
_PIN_ICON: Final = re.compile(
    r"map[-_]?(?:pin|marker)|location[-_](?:dot|pin|on|marker)|icon[-_]location|fa-location|geo-alt|\bgeo\b|"
    r"\bpin[-_]?(?:drop|alt)\b",
    re.IGNORECASE,
)
"""The names icon sets give a map pin: Font Awesome ``fa-map-marker``, Lucide ``map-pin``, Material ``location_on``,
Bootstrap ``bi-geo-alt``."""


def _pin_icon(element: Any) -> bool:
    """An element that draws a map pin and holds no words: named so by its attributes, or by the text of a font that
    draws a name's ligature (``<span class="material-icons">location_on</span>``). ``<span class="geo">Berlin</span>``
    holds the place itself."""
    names = " ".join(as_str(element.get(name)) for name in _ICON_ATTRIBUTES)
    material = "material" in names
    if not material and _PIN_ICON.search(names) is None:
        return False  # most elements: their words are not looked at
    words = "".join(itertools.islice(element.itertext(), _ICON_TEXTS)).strip()  # an icon's name, never a page
    if material:
        return len(words) < _ICON_NAME and _PIN_ICON.search(f"{names} {words}") is not None
    return not words


_ICON_NAME: Final = 40
_ICON_TEXTS: Final = 4  # text pieces of an element looked at to tell an icon from an element that holds words


def _texts(root: Any, limit: int = _MAX_TEXTS, after: Any = None) -> list[str]:
    """The page's visible text pieces in reading order, from the top (or from just after the element ``after``),
    without scripts, menus and footers."""
    out: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    steps = 0
    for event, element in walker:
        steps += 1
        if steps > 4 * _MAX_ELEMENTS or len(out) >= limit:
            break
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if after is not None:
            if event == "end" and element is after:
                after = None
                cleaned = plain_text(element.tail[:_MAX_PIECE]) if element.tail else ""
                if cleaned:
                    out.append(cleaned)
            continue
        if event == "start":
            if tag in _ICON_TAGS and _pin_icon(element):
                out.append("📍")  # a map pin drawn by an icon font or an SVG: the place follows, as after "📍"
                walker.skip_subtree()  # its name ("location_on" of Material's font) is no text
                text = None
            elif tag in _SKIPPED_TAGS or not isinstance(element.tag, str):
                walker.skip_subtree()  # its "end" event still comes, with the tail
                text = None
            else:
                text = element.text
        else:
            text = element.tail
        cleaned = plain_text(text[:_MAX_PIECE]) if text else ""
        if cleaned:
            out.append(cleaned)
    return out


# --- The company ------------------------------------------------------------------------------------------------


@cache
def _job_boards() -> frozenset[str]:
    """Names of job boards and ATSes, and the words of a site name that names no employer (hn_words'
    ``job_board_names``): as ``og:site_name`` or a title part they say who hosts the page, not who hires."""
    return frozenset(hn_words().job_board_names)


def is_job_board_name(name: str) -> bool:
    """Whether a site name is a job board's or an ATS's ("Greenhouse", "Lever", "LinkedIn") or a generic word."""
    squashed = squash(name)
    boards = _job_boards()
    return not squashed or squashed in boards or squashed.removesuffix("jobs") in boards


_SLOGAN_CLAUSE: Final = re.compile(r"(?<=\S),\s+(?=[a-z]+\w*\s+\w)(?!inc\b|ltd\b|llc\b).*$")


def clean_org(name: str) -> str:
    """ "Careers at Acme" / "Acme Careers" / "Acme - Jobs" -> "Acme"; a job board's name -> ""."""
    # "Research Associate. The 1864 Institute": what follows the job in a title may start with its full stop
    text = _LEADING_STOP.sub("", plain_text(name).strip(" -|:·–—"))
    for _ in range(2):
        text = _ORG_PREFIX.sub("", text).strip(" -|:·–—")
        text = _ORG_SUFFIX.sub("", text).strip(" -|:·–—")
    # "Fight for the Future, defending our basic rights and freedoms": a slogan after a comma, in lower case
    text = _SLOGAN_CLAUSE.sub("", text)
    at = re.match(r"^(?:at|@)\s+(?P<org>.+?)(?:\s+in\s+.*)?$", text, flags=re.IGNORECASE)
    if at:  # "at Attio in London, UK" (a job board's "X at Y in Z" title)
        text = at["org"]
    if not text or len(text) > _MAX_SHORT or is_job_board_name(text) or _DOMAIN.match(text):
        return ""
    return text


_LEADING_STOP: Final = re.compile(r"^[.,;]\s+")
# Matched against ``host/path``; the ``slug`` group is the company's token.
_ATS_URLS: Final = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^(?:job-)?boards(?:\.eu)?\.greenhouse\.io/(?:embed/)?(?P<slug>[^/]+)",
        r"^jobs(?:\.eu)?\.lever\.co/(?P<slug>[^/]+)",
        r"^jobs\.ashbyhq\.com/(?P<slug>[^/]+)",
        r"^apply\.workable\.com/(?P<slug>[^/]+)",
        r"^(?:jobs|careers)\.smartrecruiters\.com/(?P<slug>[^/]+)",
        r"^jobs\.jobvite\.com/(?P<slug>[^/]+)",
        r"^ats\.rippling\.com/(?P<slug>[^/]+)",
        r"^jobs\.gem\.com/(?P<slug>[^/]+)",
        r"^jobs\.polymer\.co/(?P<slug>[^/]+)",
        r"^app\.dover\.(?:com|io)/apply/(?P<slug>[^/]+)",
        r"^(?:www\.)?comeet\.com/jobs/(?P<slug>[^/]+)",
        r"^(?:www\.)?join\.com/companies/(?P<slug>[^/]+)",
        r"^(?:www\.)?wellfound\.com/company/(?P<slug>[^/]+)",
        r"^(?:www\.)?ycombinator\.com/companies/(?P<slug>[^/]+)",
        r"^(?:www\.)?workatastartup\.com/companies/(?P<slug>[^/]+)",
        r"^careers-(?P<slug>[^.]+)\.icims\.com/",
        r"^(?P<slug>[^.]+)\.(?:wd\d+\.)?myworkdayjobs\.com/",
        r"^(?P<slug>[^.]+)\.(?:jobs\.)?personio\.(?:de|com)/",
        r"^(?P<slug>[^.]+)\.(?:bamboohr\.com|recruitee\.com|teamtailor\.com|breezy\.hr|applytojob\.com|"
        r"pinpointhq\.com|homerun\.co|freshteam\.com|taleo\.net|eightfold\.ai|zohorecruit\.(?:com|eu|in)|"
        r"hire\.trakstar\.com|workable\.com|jobscore\.com|catsone\.com|recruiterbox\.com)/",
    )
)
_NOT_SLUGS: Final = frozenset({"embed", "jobs", "job", "www", "careers", "apply", "j", "o", "en", "en-us"})


def ats_company_slug(page_url: str) -> str:
    """The company's token in an ATS URL ("acme-robotics" in ``jobs.lever.co/acme-robotics/...``), or ""."""
    try:
        parts = urlsplit(page_url)
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:
        return ""
    if host.endswith("greenhouse.io"):
        # Greenhouse's embedded board names the company in the query: /embed/job_app?for=acme&token=123
        company = parse_qs(parts.query).get("for", [""])[0]
        if company:
            return company
    target = f"{host}{parts.path or '/'}"
    for pattern in _ATS_URLS:
        match = pattern.match(target)
        if match and unquote(match["slug"]).casefold() not in _NOT_SLUGS:
            return unquote(match["slug"])
    return ""


def _readable_slug(slug: str) -> str:
    # SmartRecruiters and Jobvite spell the company in CamelCase: "AcmeRobotics" -> "Acme Robotics"
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", slug) if re.search(r"[a-z][A-Z]", slug) else slug
    spaced = re.sub(r"\d+$", "", spaced) or spaced  # "acme2" (a second board) -> "acme"
    return prettify_token(spaced)


def registrable_name(page_url: str) -> str:
    """The name a host is registered under, readable: ``careers.acme.co.uk`` -> "Acme"."""
    domain = extract_domain(page_url) or extract_domain(page_url, fast=True) or ""
    label = domain.split(".", 1)[0]
    return prettify_token(label) if label else ""


def _microdata_org(root: Any) -> str:
    for element in _elements(root):
        if as_str(element.get("itemprop")) != "hiringOrganization":
            continue
        if element.get("content"):
            return plain_text(element.get("content"))
        for child in element.iter():
            if isinstance(child.tag, str) and as_str(child.get("itemprop")) == "name":
                return plain_text(child.get("content")) or _text(child)
        return _text(element)
    return ""


_COMPANY_CLASS: Final = re.compile(
    r"^(?:[a-z0-9]+(?:-|_|__))*(?:company|employer|hiring-?organi[sz]ation)(?:[-_]?name)?$", re.IGNORECASE
)
_LOCATION_CLASS: Final = re.compile(
    r"^(?:[a-z0-9]+(?:-|_|__))*(?:job-?|posting-?)?location(?:s|[-_]?name|[-_]?text)?$", re.IGNORECASE
)
_OUTSIDE_POSTING: Final = frozenset({"nav", "footer", "form", "select", "option", "button", "script", "style"})


def _in_posting(element: Any) -> bool:
    """Not in a menu, footer, form or script (where "location" and "company" are filters and links)."""
    return not any(
        isinstance(a.tag, str) and a.tag.lower() in _OUTSIDE_POSTING for a in (element, *element.iterancestors())
    )


def _ats_shown_company(root: Any) -> str:
    for element in _elements(root):
        classes = _classes(element)
        if any(_COMPANY_CLASS.match(name) for name in classes) and _in_posting(element):
            # Greenhouse's classic board: <span class="company-name">at Acme</span>; boards' "ui-company"
            text = _text(element)
            if 0 < len(text) <= 60 and len(text.split()) <= 6 and clean_org(text):
                return clean_org(text)
        if element.tag == "img" and ({"main-header-logo"} & _classes(element.getparent()) or "logo" in classes):
            # Lever: <a class="main-header-logo"><img alt="Acme Robotics logo"></a>
            alt = re.sub(r"\s+logo$", "", plain_text(element.get("alt")), flags=re.IGNORECASE)
            if alt and alt.casefold() != "logo":
                return clean_org(alt)
    return ""


# --- The title ----------------------------------------------------------------------------------------------

_ATS_TITLE_XPATHS: Final = tuple(
    etree.XPath(xpath)
    for xpath in (
        '//h1[contains(concat(" ", normalize-space(@class), " "), " app-title ")]',  # Greenhouse classic
        '//*[contains(concat(" ", normalize-space(@class), " "), " job__title ")]//h1',  # Greenhouse job-boards
        '//*[contains(concat(" ", normalize-space(@class), " "), " posting-headline ")]//h2',  # Lever
        '//*[@data-ui="job-title"]',  # Workable
        '//h1[contains(@class, "ashby-job-posting-heading")]',  # Ashby
        '//*[@itemprop="title"]',  # microdata (SmartRecruiters)
        '//h1[contains(concat(" ", normalize-space(@class), " "), " job-title ")]',
        '//*[@data-automation-id="jobPostingHeader"]',  # Workday
    )
)


def _first(root: Any, xpaths: tuple[Any, ...]) -> tuple[str, Any]:
    """The first short text the xpaths find, and its element (``None`` when there is none)."""
    for xpath in xpaths:
        try:
            found: Any = xpath(root)
        except etree.XPathError:
            continue
        for element in found[:5]:
            text = _text(element)
            if text and len(text) <= _MAX_SHORT:
                return text, element
    return "", None


def _headings(root: Any, tags: frozenset[str]) -> list[tuple[str, Any]]:
    """The page's headings of these levels that have text, in reading order (a logo-only ``<h1>`` has none)."""
    out: list[tuple[str, Any]] = []
    for element in _elements(root):
        if element.tag in tags:
            text = _text(element)
            if text and len(text) <= _MAX_SHORT:
                out.append((text, element))
    return out


_ALL_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _heading_of(root: Any, jobs: list[str]) -> Any:
    """The first heading, of any level, whose text begins with one of `jobs` (the page title's job parts), or None."""
    keys = [key for key in map(squash, jobs) if len(key) >= _MIN_JOB_KEY]
    if not keys:
        return None
    starts = tuple(keys)
    return next((element for text, element in _headings(root, _ALL_HEADINGS) if squash(text).startswith(starts)), None)


def _h1s(root: Any) -> list[tuple[str, Any]]:
    return _headings(root, frozenset({"h1"}))


_SITE_NAME_CLASS: Final = re.compile(r"logo|brand|sr-only|visually-hidden|screen-reader|site-title|site-name", re.I)
"""The classes of a heading that holds the site's name: a logo, a brand, a name only screen readers are given."""
_MIN_JOB_KEY: Final = 6  # letters of the shortest job read as a part of a longer heading or page title


def _names_site(text: str, element: Any, site_key: str, host_key: str) -> bool:
    """Whether a heading is the site's own name and not a job: the ``og:site_name`` (`site_key`, squashed), the
    name the host is registered under (`host_key`; alone or with a word or two: "Brightbit Apps" on brightbit.com),
    or a heading classed as the logo or the brand, or hidden for screen readers ("GovReady" before the job's
    ``<h1>``)."""
    key = squash(text)
    if key and (key == site_key or (len(host_key) >= 4 and key.startswith(host_key) and len(text.split()) <= 3)):
        return True
    node, depth = element, 0
    while node is not None and depth < 3:
        if _SITE_NAME_CLASS.search(as_str(node.get("class"))):
            return True
        node, depth = node.getparent(), depth + 1
    return False


def _job_heading(root: Any, raw_titles: list[str], site: str, page_url: str = "") -> tuple[str, Any]:
    """The heading that names the job when no ATS marks it: the only ``<h1>``; of several, the one the page's title
    names (a banner's "Join Acme" is not the job); with no ``<h1>`` text (an ``<h1>`` around the logo, or holding the
    site's name), the ``<h2>`` or ``<h3>`` that is a part of the page's title ("Agora » Software Engineer") or ends
    with one or in one ("We are hiring" + "Front-end Developer" -> the title's part), or the first one when the
    page has no title at all."""
    site_key = squash(site)
    host_key = squash(registrable_name(page_url)) if page_url else ""
    h1s = [(text, element) for text, element in _h1s(root) if not _names_site(text, element, site_key, host_key)]
    if len(h1s) == 1:
        return h1s[0]
    titles = [key for key in map(squash, raw_titles) if key]
    if h1s:
        named = [
            (text, element)
            for text, element in h1s
            if squash(text) != site_key and any(squash(text) in title for title in titles)
        ]
        return max(named, key=lambda found: len(found[0])) if named else ("", None)
    subheadings = _headings(root, frozenset({"h2", "h3"}))
    parts = {
        squash(part): part
        for raw in raw_titles
        for part in _parts(plain_text(raw))
        if not _names_site(part, None, site_key, host_key)
    }
    named = [(text, element) for text, element in subheadings if squash(text) in parts]
    if named:
        return named[0]
    for text, element in subheadings:
        key = squash(text)
        for part_key, part in parts.items():
            if min(len(key), len(part_key)) < _MIN_JOB_KEY or key == part_key:
                continue
            if key.endswith(part_key):
                return part, element  # the heading is a lead-in and the job: the page title's part is the job
            if part_key.endswith(key):
                return text, element  # "We are looking for a Full Stack Developer • Brightbit" over "Full Stack ..."
    if not titles and subheadings:
        return subheadings[0]
    return "", None


_DATE_OR_MARK: Final = re.compile(r"^[\W\d_]*$")
"""A byline piece that is no name: a date ("26.08.2026"), a number or a separator ("|")."""


def _byline(root: Any, heading: Any) -> list[str]:
    """The text pieces just under the job's heading, in reading order (the company, the date, the place ...)."""
    pieces = _texts(root, limit=4 * _BYLINE_TEXTS, after=heading)
    return [piece for piece in pieces if not _DATE_OR_MARK.match(piece)][:_BYLINE_TEXTS]


def _byline_company(byline: list[str], title: str) -> str:
    """A job board's byline: the heading, then the employer's name ("Adecco", "EnBW Energie Baden-Württemberg AG")."""
    if not byline:
        return ""
    first = byline[0]
    if (
        "," in first
        or not _looks_like_name(first)
        or any(map(_common_word, first.split()))  # "Share this Post": a sharing box's words, no name
        or squash(first) == squash(title)
        or _label_match(first)
        or workplace_from(None, location_text=first) != "unspecified"
    ):
        return ""
    return clean_org(first)


@dataclass(frozen=True)
class _Split:
    job: str
    org: str
    place: str = ""


def _split_title(raw: str, heading: str, site: str, org_first: bool) -> _Split:
    """A page title cut into the job and the company: "Backend Engineer | Acme" -> ("Backend Engineer", "Acme")."""
    text = plain_text(raw)
    if not text:
        return _Split("", "")
    applying = _APPLICATION_FOR.match(text)
    if applying:
        return _Split(applying["job"].strip(), clean_org(applying["org"] or ""))
    hiring = _hiring_employer(text)
    if hiring and not _SEPARATORS.search(text):
        return _Split(hiring["job"].strip(), clean_org(hiring["org"]))
    if heading and heading.casefold().startswith(text.casefold()):
        # The title is the heading, shortened ("Comprador - Construção | Lisboa" for "... | Lisboa (M/F)"): all job
        return _Split(heading, "")
    found = text.casefold().find(heading.casefold()) if heading else -1
    if found >= 0:
        # The page's heading is the job: the company is in what is around it ("Acme - Engineer - Platform"),
        # said outright after it ("Engineer at Acme — Berlin, Germany | LinkedIn"), and a place may be named too.
        before, after = _parts(text[:found]), _parts(text[found + len(heading) :])
        around = before + after[::-1] if org_first else after[::-1] + before
        said = [_IN_TAIL.sub("", _AT_START.sub("", part)) for part in after if _AT_START.match(part)]
        places = [_IN_START.sub("", part) for part in after if _IN_START.match(part)]
        places += [part for part in after if _names_place(part)]
        org = next((org for org in map(clean_org, said) if org), "") or next(
            (org for org in (clean_org(part) for part in around if not _names_place(part)) if org), ""
        )
        return _Split(heading, org, next((place for place in places if _names_place(place)), ""))
    parts = _parts(text)
    if len(parts) == 1:
        at = _AT.split(text)
        if len(at) == 2 and _looks_like_name(at[1]) and not heading:
            return _Split(at[0].strip(), clean_org(at[1]))
        return _Split(text, "")
    key_site = squash(site)
    job_index: int | None = None
    if key_site:
        site_index = next((i for i, part in enumerate(parts) if squash(clean_org(part) or part) == key_site), None)
        if site_index is not None:
            others = [i for i in range(len(parts)) if i != site_index and not is_job_board_name(parts[i])]
            job_index = others[0] if others else None
    if job_index is None:
        job_index = len(parts) - 1 if org_first else 0
    # The company is the farthest named part on the other side: "Engineer | Berlin | Acme Careers" -> "Acme".
    if org_first or job_index == len(parts) - 1:
        order = list(range(job_index))
    else:
        order = list(range(len(parts) - 1, job_index, -1))
    # A place is no company: "Vaga: Profissional da Estética | Clínica Theodoro – Goiânia", "Cafe Classen - Arnhem".
    org = next((org for org in (clean_org(parts[i]) for i in order if not _names_place(parts[i])) if org), "")
    return _Split(parts[job_index], org)


def _names_place(part: str) -> bool:
    """A title's part that is a place: "Seoul, Korea" by its shape, "Goiânia" by its name."""
    return _place_shaped(part) or known_place(part)


def _parts(text: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip(" -|:·–—@~›»>•")]


def _looks_like_name(text: str) -> bool:
    """A few words, capitalised, and no sentence: a full stop ends none but a legal form's ("Elumini S.A.")."""
    words = text.split()
    return (
        0 < len(words) <= 5
        and text[:1].isupper()
        and (not text.endswith(".") or (len(words) > 1 and squash(words[-1]) in _legal_forms()))
    )


_AT_START: Final = re.compile(rf"^(?:{alternation(hn_words().employer_words)}|@)\s+", re.IGNORECASE)
_IN_START: Final = re.compile(rf"^{alternation(hn_words().place_prepositions)}\s+", re.IGNORECASE)
_IN_TAIL: Final = re.compile(rf"\s+{alternation(hn_words().place_prepositions)}\s+.*$", re.IGNORECASE)
"""The place after a company ("at Attio in London, UK")."""
_PLACE_CHUNK: Final = re.compile(r"^[^\W\d_][\w'’.\- ]*$")


def _place_shaped(text: str) -> bool:
    """ "Seoul, Korea", "Amstelveen, North Holland, Netherlands": two to four capitalised, comma-separated names
    without digits, the last not a legal form ("Acme, Inc." is a company)."""
    chunks = [chunk.strip() for chunk in plain_text(text).split(",")]
    if not 2 <= len(chunks) <= 4 or len(text) > 80:
        return False
    if not all(chunk[:1].isupper() and len(chunk.split()) <= 4 and _PLACE_CHUNK.match(chunk) for chunk in chunks):
        return False
    if any(_common_word(word) for chunk in chunks for word in chunk.split()):
        return False  # "Sinn für Präzision, Fugen und saubere Linien": a German phrase's nouns are capitalised too
    return squash(chunks[-1]) not in _legal_forms() and not _NOT_A_PLACE.search(text)


def _common_word(word: str) -> bool:
    """A lower-case word longer than a joining word ("saubere", not "an", "der", "und") that is no place's particle
    (hn_words' ``place_particles``: "upon")."""
    return len(word) > 3 and word.islower() and word not in hn_words().place_particles


@cache
def _legal_forms() -> frozenset[str]:
    """The legal forms of `skillgap/jobs/data/company_words.json` ("inc", "gmbh", "oy", ...)."""
    return frozenset(squash(form) for form in company_words().legal_forms)


@cache
def _title_wrapper() -> re.Pattern[str]:
    """A title's lead-in before the job (hn_words' ``title_wrappers``): "We're Hiring: ", "Offre de stage - ", and
    before a bare space the ones no job begins with (``title_lead_words``): "Vacature "."""
    words = "|".join(re.escape(word) for word in hn_words().title_wrappers)
    leads = "|".join(re.escape(word) for word in hn_words().title_lead_words)
    return re.compile(rf"^\s*(?:(?:{words})\s*(?::|\s[-–—])|(?:{leads})(?=\s))\s*(?=\S)", re.IGNORECASE)


_CLOSING_STOP: Final = re.compile(r"(?<=[^\W\d_]{5})\.\s*$")
"""A heading's closing full stop ("Vacature medewerker technische dienst."); not an abbreviation's ("Sr.")."""


@cache
def _hiring() -> re.Pattern[str]:
    """An employer's name, the words saying it is hiring (hn_words' ``hiring_verbs``, or a bare "hiring"), an article,
    then the job: "Acme is hiring: Developer", "Acme Hiring: Developer", "Acme sucht Entwickler (m/w/d)"."""
    verbs = alternation(hn_words().hiring_verbs)
    articles = alternation(hn_words().title_articles)
    # (a bare "hiring" only before a colon or an article: "Senior Hiring Manager" is a job)
    return re.compile(
        rf"^(?P<org>.+?)\s+(?:{verbs}(?:\s+{articles})?|hiring(?:\s+{articles}|\s*(?=:)))\s*:?\s+(?P<job>\S.*)$",
        re.IGNORECASE,
    )


def _hiring_employer(title: str) -> re.Match[str] | None:
    """A title that names its employer and then says it is hiring ("Acme sucht Entwickler (m/w/d)"): the name reads
    as one and names no role ("Especialista em Busca Orgânica" is a job). A longer text is no such title, and is
    never matched: the pattern tries each split of a run of spaces."""
    if len(title) > 2 * _MAX_SHORT:
        return None
    hiring = _hiring().match(title)
    if (
        hiring is None
        or _SEPARATORS.search(hiring["org"])
        or not _looks_like_name(hiring["org"])
        or is_title(hiring["org"])
    ):
        return None
    return hiring


@cache
def _title_article() -> re.Pattern[str]:
    """A lower-case article before the job's capitalised name (hn_words' ``title_articles``): "un·e Concepteur"."""
    words = "|".join(re.escape(word) for word in hn_words().title_articles)
    return re.compile(rf"^(?:{words})\s+(?=[A-ZÀ-Ý])")


@cache
def _title_tail() -> re.Pattern[str]:
    """A title's word after the job saying it is sought (hn_words' ``title_tail_words``): " gesucht", " wanted!"."""
    words = "|".join(re.escape(word) for word in hn_words().title_tail_words)
    # (one run of spaces, then a dash and its own spaces: two runs side by side would try every split of a long gap)
    return re.compile(rf"(?<=\S)\s+(?:[-–—:]\s*)?(?:{words})\s*!?\s*$", re.IGNORECASE)


@cache
def _title_hours() -> re.Pattern[str]:
    """Hours a week after the job (hn_words' ``title_hours_units``, ``title_hours_links``, ``title_hours_periods``):
    " voor 32-40 uur per week", " (20-30 Std./Woche)", ", 16 hours a week"."""
    words = hn_words()
    units, links = alternation(words.title_hours_units), alternation(words.title_hours_links)
    periods = alternation(words.title_hours_periods)
    return re.compile(
        rf"(?<=\S)(?:\s*[,–—-]\s*|\s+|\s*\()(?:{links}\s+)?\d{{1,2}}(?:[.,]\d)?(?:\s*[-–/]\s*\d{{1,2}})?\s*{units}\.?"
        rf"(?:\s*{periods}\s*[^\W\d_]{{1,12}})?\s*\)?\s*$",
        re.IGNORECASE,
    )


@cache
def _title_posted() -> re.Pattern[str]:
    """The date the job was posted, after it (hn_words' ``title_posted_labels``): " Date posted: 21/12/2020"."""
    labels = alternation(hn_words().title_posted_labels)
    return re.compile(
        rf"(?<=\S)\s*(?:[-–—|,(]\s*)?{labels}\s*:?\s*(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d\d-\d\d)\)?\s*$",
        re.IGNORECASE,
    )


@cache
def _title_post_word() -> re.Pattern[str]:
    """A word after the job naming the post (hn_words' ``title_post_words``): " Position"."""
    return re.compile(rf"(?<=\S)(?:\s*[-–—:]\s*|\s+){alternation(hn_words().title_post_words)}\s*$", re.IGNORECASE)


def _without_post_word(title: str) -> str:
    """ "Junior Researcher Position" -> "Junior Researcher"; "PhD position" stays (what is left names no job)."""
    rest = _title_post_word().sub("", title, count=1)
    return rest if rest != title and is_title(rest) else title


def unwrap_title(title: str) -> str:
    """A job title without a lead-in or an article before the job, nor a word after it saying it is sought: "We're
    Hiring: Digital & Motion Designer" -> "Digital & Motion Designer", "un·e Concepteur·rice" -> "Concepteur·rice",
    "Ergotherapeut/in gesucht" -> "Ergotherapeut/in"."""
    if not title:
        return title
    title = _LEADING_TAGS.sub("", _CLOSING_STOP.sub("", title))
    if hiring := _hiring_employer(title):
        title = hiring["job"]  # "Acme sucht Entwickler (m/w/d)" (the employer: `_heading_org`)
    title = _title_tail().sub("", title, count=1)
    title = _title_hours().sub("", title, count=1)
    title = _title_posted().sub("", title, count=1)
    title = _without_post_word(title)
    return _title_article().sub("", _title_wrapper().sub("", title, count=1), count=1)


# A job board's tags before the job ("[REMOTO][PJ] Desenvolvedor Backend", "[Lisboa/Portugal] Programador Java"): where
# and how the job is worked, not its name (`_heading_place` reads the place among them).
_LEADING_TAGS: Final = re.compile(r"^\s*(?:\[[^\[\]\n]{1,60}\]\s*)+(?=\S)")


def _is_generic_title(title: str, company: str) -> bool:
    key = squash(clean_org(title) or title)
    return not key or is_job_board_name(title) or (bool(company) and key == squash(company))


# --- The location -------------------------------------------------------------------------------------------

_ATS_LOCATION_XPATHS: Final = tuple(
    etree.XPath(xpath)
    for xpath in (
        '//*[@itemprop="jobLocation"]',
        "//spl-job-location/@formattedaddress",  # SmartRecruiters
        '//*[contains(concat(" ", normalize-space(@class), " "), " job__location ")]',  # Greenhouse job-boards
        '//*[@id="header"]//*[contains(concat(" ", normalize-space(@class), " "), " location ")]',  # Greenhouse
        '//*[contains(concat(" ", normalize-space(@class), " "), " posting-categories ")]'
        '//*[contains(concat(" ", normalize-space(@class), " "), " location ")]',  # Lever
        '//*[contains(concat(" ", normalize-space(@class), " "), " sort-by-location ")]',
        '//*[@data-ui="job-location"]',  # Workable
        '//*[@data-automation-id="locations"]//dd',  # Workday
        '//*[@data-automation-id="locations"]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " job-location ")]',
        '//*[contains(concat(" ", normalize-space(@class), " "), " posting-location ")]',
        '//*[@id="job-location" or @id="jobLocation" or @id="location"]',
    )
)


@cache
def _location_label() -> re.Pattern[str]:
    """A location label (hn_words' ``location_labels``, of many languages) at the start of a text, after a list's bullet
    if any ("• 工作地点：北京"), and what follows."""
    labels = alternation(hn_words().location_labels)
    return re.compile(
        rf"^(?:[•·▪]\s*)?(?:📍|🌍|🌎|🌏|🏢|📌)?\s*(?:job\s+)?(?P<label>{labels})(?P<sep>\s*[:：\-–]\s*|\s*)(?P<value>.*)$",
        re.IGNORECASE,
    )


_PINS: Final = "(?:📍|🌍|🌎|🌏)"
# A pin, and the place after it up to the next icon of a tag line ("📍 Remote/Hybrid 💼 Part-time"); or the pin alone,
# in an element of its own before the place's.
_PIN: Final = re.compile(rf"^{_PINS}\s*(?P<value>[^\U0001F300-\U0001FAFF\u2600-\u27BF]+)")
_PIN_ALONE: Final = re.compile(rf"^\s*{_PINS}\s*$")
_NOT_A_PLACE: Final = re.compile(
    r"(?:https?://|www\.|@|\b(?:apply|salary|department|team|full[- ]time|part[- ]time|experience|years)\b|[.!?]$)",
    re.IGNORECASE,
)


def _label_match(text: str) -> re.Match[str] | None:
    """A location label and what follows it: "Location: Berlin", "Location" alone, "Based in Berlin"; not a heading
    that only starts with the word ("Localização e Condições", "Where we work")."""
    match = _location_label().match(text)
    if match and match["value"] and not match["sep"].strip() and not match["label"].casefold().startswith("based"):
        return None
    return match


def _location_value(text: str) -> str:
    value = plain_text(text).strip(" -–|/•·:")
    if not value or len(value) > 80 or len(value.split()) > 10 or _NOT_A_PLACE.search(value):
        return ""
    if _label_match(value) and not _label_match(value)["value"]:  # type: ignore[index]
        return ""
    return value


def _microdata_location(element: Any) -> str:
    parts: dict[str, str] = {}
    for child in element.iter():
        if not isinstance(child.tag, str):
            continue
        prop = as_str(child.get("itemprop"))
        if prop in ("addressLocality", "addressRegion", "addressCountry", "name") and prop not in parts:
            parts[prop] = plain_text(child.get("content")) or _text(child)
    located = [parts.get(key, "") for key in ("addressLocality", "addressRegion", "addressCountry")]
    if any(located):
        return ", ".join(dict.fromkeys(p for p in located if p))
    return parts.get("name", "") or _text(element)


def _markup_location(root: Any) -> str:
    return _ats_location(root) or _classed_location(root)


def _classed_location(root: Any) -> str:
    """The first element classed as a location ("location", "job-location", "ui-location") in the posting."""
    for element in _elements(root):
        if any(_LOCATION_CLASS.match(name) for name in _classes(element)) and _in_posting(element):
            value = _location_value(_labelled_value(_text(element)))
            if value:
                return value
    return ""


def _labelled_value(text: str) -> str:
    match = _label_match(text)
    return match["value"] if match and match["value"] else text


def _ats_location(root: Any) -> str:
    for xpath in _ATS_LOCATION_XPATHS:
        try:
            found: Any = xpath(root)
        except etree.XPathError:
            continue
        for item in found[:5]:
            if isinstance(item, str):
                text = plain_text(item)
            elif as_str(item.get("itemprop")) == "jobLocation":
                text = _microdata_location(item)
            else:
                text = _text(item)
            value = _location_value(_labelled_value(text))  # "Location: Berlin" inside the element
            if value:
                return value
    return ""


def _section_location(root: Any) -> str:
    """Ashby and many careers sites: a "Location" heading, then the place as the next text."""
    texts = _texts(root)
    return _labelled_location(texts)


def _labelled_location(texts: list[str]) -> str:
    for index, text in enumerate(texts):
        pin = _PIN.match(text)
        alone = _PIN_ALONE.match(text) and index + 1 < len(texts)
        if pin or alone:
            value = _location_value(pin["value"] if pin else texts[index + 1])
            if value:
                return value
        match = _label_match(text)
        if not match or len(text) > 100:
            continue
        value = match["value"]
        if value:
            # "Location: Berlin" — but not "Location type: Remote" read as the place when a place follows
            if re.match(r"^\s*(?:📍)?\s*location\s*type", text, re.IGNORECASE):
                continue
            found = _location_value(value)
        elif index + 1 < len(texts):
            if re.match(r"^\s*location\s*type", text, re.IGNORECASE):
                continue
            found = _location_value(texts[index + 1])
        else:
            found = ""
        if found:
            return found
    return ""


_WORD: Final = r"[A-Z][\w'’.\-]*"
_NAME: Final = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
"""One place's name, up to three capitalised words: "Madrid", "San Francisco"."""
_NAMED_PLACE: Final = rf"{_WORD}(?:\s+{_WORD}){{0,3}}(?:,\s*{_WORD}(?:\s+{_WORD}){{0,3}}){{1,3}}"
"""Capitalised, comma-separated names: "Troy, NY", "Tallinn, Estonia" (checked by `_place_shaped` after)."""


@cache
def _office_places() -> tuple[re.Pattern[str], ...]:
    """A place the text names next to a word that goes with places (hn_words' ``place_noise``: office, based,
    headquarters ...): "our office in Troy, NY", "the ability to work at our Portland, OR office", "based in
    Madrid and Seattle", "a UCLA-based startup"."""
    noise = "|".join(re.escape(word) for word in hn_words().place_noise)
    return (
        re.compile(rf"\b(?i:{noise})\s+(?i:in|at)\s+(?P<place>{_NAMED_PLACE})"),
        re.compile(rf"(?P<place>{_NAMED_PLACE})\s+(?i:{noise})\b"),
        re.compile(rf"\b(?i:{noise})\s+(?i:in)\s+(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)(?!\w|,\s*[A-Z])"),
        # "As a UCLA-based startup", "a Berlin-based team": the place joined to the word, after an article
        re.compile(rf"\b(?i:a|an)\s+(?P<names>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){{0,2}})-(?i:{noise})\b"),
    )


@cache
def _not_places() -> frozenset[str]:
    """Capitalised words that are no place (hn_words' ``not_places``: "Engineering", "Product", "AI" ...)."""
    return frozenset(squash(word) for word in hn_words().not_places)


_MAX_PLACE_SCAN: Final = 60_000
"""Characters of running text looked at for a place named alone (a hostile page of city names costs no more)."""
_MAX_PIECE_SCAN: Final = 2_000
"""Characters of one text piece looked at."""


def _scanned(texts: list[str]) -> Iterator[str]:
    """The text pieces a reader of running text looks at: each cut to `_MAX_PIECE_SCAN` characters, and no more
    than `_MAX_PLACE_SCAN` in all."""
    budget = _MAX_PLACE_SCAN
    for text in texts:
        if budget <= 0:
            return
        piece = text[: min(_MAX_PIECE_SCAN, budget)]
        budget -= len(piece)
        yield piece


_PLACE_SENTENCE_END: Final = re.compile(r"(?<=[a-z]{2})\.\s+")  # not after "St." nor "Mt."


def _text_place(root: Any) -> str:
    """Where the posting's text says the office is, when the page has no location element: "City, Region" next
    to "office" or "based", or the cities "based in" names ("Madrid and Seattle" -> "Madrid; Seattle")."""
    for text in _scanned(_texts(root)):
        for pattern in _office_places():
            for match in pattern.finditer(text):
                if "place" in match.groupdict():
                    # up to the sentence's end: "located in Cambridge, Ontario. Due to ..." ("St. Louis" goes on)
                    place = _PLACE_SENTENCE_END.split(match["place"], maxsplit=1)[0].strip()
                    if _place_shaped(place):
                        return place
                    continue
                names = [name.strip() for name in re.split(r"\s+(?:and|&)\s+", match["names"])]
                if all(squash(name) not in _not_places() and not _NOT_A_PLACE.search(name) for name in names):
                    return "; ".join(names)
    return ""


@cache
def _role_place() -> re.Pattern[str]:
    """The place the text names for the role itself (hn_words' ``role_places``): "The role is in NYC."."""
    words = "|".join(re.escape(word) for word in hn_words().role_places)
    # names without a dot: the sentence ends after the place ("The role is in NYC. If you live elsewhere")
    name = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}"
    return re.compile(rf"\b(?i:{words})\s+(?P<names>{name}(?:\s+(?:and|&)\s+{name})?)(?![\w-]|,\s*[A-Z])")


def _place_in_title(name: str, root: Any) -> bool:
    """A place known by name, or one the page's title names too ("Tierklinik Dobersberg" over "... für unsere
    Tierklinik in Dobersberg": a village the gazetteer does not hold)."""
    if known_place(name):
        return True
    title = root.find(".//title")
    return title is not None and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", _text(title)) is not None


# The place a German page gives "our" team, practice or clinic ("für unser Team in Pocking", "für unsere Tierklinik in
# Dobersberg"): read only when the place is known or the page's title names it (German writes every noun with a
# capital: "für unser Team in Vollzeit" names no place).
_OUR_TEAM_IN: Final = re.compile(
    r"\b(?:unser|unsere|unseren|unserem|unseres)\s+[A-ZÄÖÜ][\w-]*\s+in\s+"
    r"(?P<names>[A-ZÄÖÜ][\w'’\-]*(?:\s+[A-ZÄÖÜ][\w'’\-]*)?(?:\s+und\s+[A-ZÄÖÜ][\w'’\-]*)?)(?![\w-])"
)


@cache
def _whole_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of a curated list's words or phrases, whole (not inside a longer or hyphenated word), any case."""
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(word) for word in words)})(?![\w-])", re.IGNORECASE)


def _remote_role() -> re.Pattern[str]:
    """Running text that says the role is remote (hn_words' ``remote_roles``)."""
    return _whole_words(hn_words().remote_roles)


_NEGATED: Final = re.compile(r"\b(?:not|no|non)\b[^.;:!?]{0,12}$", re.IGNORECASE)
"""A "not" or "no" just before ("This is not a remote role", "no fully remote option")."""


def _says_remote(text: str) -> bool:
    return any(not _NEGATED.search(text[: match.start()]) for match in _remote_role().finditer(text))


@cache
def _place_opener() -> re.Pattern[str]:
    """A sentence that opens with where the team works (hn_words' ``place_openers``): "In Lisbon, we ..."."""
    words = hn_words().place_openers
    starts = "|".join(re.escape(word) for word in words.starts)
    subjects = "|".join(re.escape(word) for word in words.subjects)
    name = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,2}"
    return re.compile(rf"(?:^|[.!?]\s+)(?i:{starts})\s+(?P<names>{name}),\s+(?i:{subjects})\b")


_PLACE_JOINER: Final = re.compile(r"\s+(?:and|und|&)\s+")  # "Madrid and Seattle", "Braunschweig und Magdeburg"


def _role_text_place(root: Any, heading: Any = None) -> str:
    """Where the text says the role is ("The role is in NYC.", "In Lisbon, we bring together ...", "our internship
    in Trondheim, Norway", read from the job's heading down) or that it is remote ("all of Acme works remotely",
    "Pracujeme vzdáleně."), when the page names no place otherwise."""
    texts = list(_scanned(_texts(root)))
    for text in texts:
        match = _role_place().search(text) or _place_opener().search(text)
        if (
            match is None
            and (ours := _OUR_TEAM_IN.search(text))
            and all(_place_in_title(name, root) for name in _PLACE_JOINER.split(ours["names"]))
        ):
            match = ours  # "unseres Teams in Braunschweig und Magdeburg": each a known place
        if match:
            names = [name.strip() for name in _PLACE_JOINER.split(match["names"])]
            if all(squash(name) not in _not_places() and not _NOT_A_PLACE.search(name) for name in names):
                return "; ".join(names)
    # the text from the job's heading down (the walk from the top, not a second one)
    heading_text = _text(heading) if heading is not None else ""
    below = texts[next((index + 1 for index, text in enumerate(texts) if heading_text and text == heading_text), 0) :]
    return (
        _running_text_place(below)
        or ("Remote" if any(_says_remote(text) for text in texts) else "")
        or _remote_said_otherwise(texts)
        or _remote_line(below)
    )


_LINE_MARKS: Final = " \t-–•*·[]()"


def _remote_line(texts: list[str]) -> str:
    """A text of the posting that is only its remote workplace, as written ("[REMOTO]" under the heading, "- Remote"
    in its list of terms)."""
    for text in texts:
        piece = text.strip(_LINE_MARKS)
        if _remote_chip(piece) or (len(piece.split()) <= 3 and page_workplace((piece,)) == "remote"):
            return piece
    return ""


# --- Places known by name (data/places.json, from GeoNames) -----------------------------------------------------

_TAG_SEPARATORS: Final = re.compile(r"\s*[•|·]\s*|\s+[-–—]\s+")
"""The separators of a tag line under a heading ("Jobs • Python • Alexandria, VA", "Bensalem, PA - Manufacturing -
Full-Time")."""
# Capital letters of the Latin script ("Örebro", "Łódź", "Île-de-France").
_UPPER: Final = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_PLACE_RUN: Final = (
    rf"[{_UPPER}][\w'’.\-]*(?:[ \t]+(?:[{_UPPER}][\w'’.\-]*|(?:de|la|am|upon|del|do|da|sur|le|im)(?=[ \t]+[{_UPPER}])))"
    r"{0,3}"
)


@cache
def _in_place() -> re.Pattern[str]:
    """A capitalised name after "in" (or the word of another language, hn_words' ``place_prepositions``), with up to
    two more after commas ("in Trondheim, Norway", "i Lund")."""
    return re.compile(
        rf"(?<![\w-]){alternation(hn_words().place_prepositions)}\s+"
        rf"(?P<place>{_PLACE_RUN}(?:,[ \t]*{_PLACE_RUN}){{0,2}})(?![\w'’-])"
    )


_SENTENCE_END: Final = re.compile(r"[.!?](?:\s|$)")


@cache
def _common_words() -> frozenset[str]:
    """Place names that are common words or given names (hn_words' ``place_common_words``: "Mobile", "Reading")."""
    return frozenset(word.casefold() for word in hn_words().place_common_words)


def _lone_place(name: str) -> bool:
    """A city, country or US state written alone: "Oklahoma City", "Norway", "Virginia"; not a common word
    ("Mobile", "Split") nor a name of one or two letters."""
    name = name.strip()
    if len(name) < 3 or not name[:1].isupper() or name.casefold() in _common_words() or squash(name) in _not_places():
        return False
    return gazetteer().names_place(name)


def _checked_place(text: str) -> bool:
    """A city with its country or US state, by the place names GeoNames gives (`Gazetteer.checked_place`)."""
    return gazetteer().checked_place(text)


def known_place(text: str) -> bool:
    """A place by its name: a city with its country or state, or a city, country or state written alone."""
    text = plain_text(text)
    if not text or len(text) > 80:
        return False
    return _checked_place(text) if "," in text else _lone_place(text)


def _byline_known_place(byline: list[str]) -> str:
    """The place just under the job's heading, by its name: a piece that is one ("Oklahoma City"), the place of a
    tag line ("Jobs • Python • Alexandria, VA"), or the place at the end of a line ("Full time position in Oklahoma
    City")."""
    for piece in byline:
        piece = piece[:200]
        # "Engineering • Remote / Hialeah, FL": the tags, and the places a tag joins ("Remote / Hialeah, FL").
        parts = [part for tag in _TAG_SEPARATORS.split(piece) for part in _PLACE_JOINERS.split(tag) if part]
        for part in parts[::-1]:
            if known_place(part.strip(" -–—,.;:")):
                return part.strip(" -–—,.;:")
        # a short line, not a sentence of the text ("Ezily is a team of twenty building ... in Taiwan.")
        place = _place_at_end(piece) if len(piece.split()) <= 8 else ""
        if place:
            return place
    return ""


def _place_at_end(text: str) -> str:
    """The place named after "in" (or its word in another language) at the end of a text: "Full time position in
    Oklahoma City", "Praktikant Softwareentwicklung C# .NET in Berlin"."""
    found = [match["place"] for match in _in_place().finditer(text)]
    if found and not text[text.rfind(found[-1]) + len(found[-1]) :].strip(" .!)"):
        return _named_place(found[-1])
    return ""


_PLACE_JOINERS: Final = re.compile(r"\s+[/&]\s+")
_BRACKETED: Final = re.compile(r"[(\[]([^()\[\]]{2,60})[)\]]")


def _heading_place(heading: str) -> str:
    """The place the job's heading names: in brackets ("Graphic Designer (Mongolia office)", "Engineer (Berlin)",
    "Technical Writer (Remote)") or after "in" at its end ("Praktikant Softwareentwicklung C# .NET in Berlin"); a
    known place only."""
    text = " ".join(plain_text(heading).split())
    tags = _LEADING_TAGS.match(text)
    tag: str
    for tag in _BRACKETED.findall(tags.group()) if tags else ():
        # "[Lisboa/Portugal]": a tag whose every part is a known place (or says remote), as written
        parts = [part.strip() for part in re.split(r"[/,]", tag) if part.strip()]
        if parts and all(known_place(part) or _remote_chip(part) for part in parts):
            return tag.strip()
    inside: str
    for inside in _BRACKETED.findall(text):
        if _remote_chip(inside.strip()):
            return inside.strip()  # "Technical Writer (Remote)", "Engineer (Remote, EU)"
        words = [word for word in inside.split() if word.casefold() not in _work_word_set()]
        # ... or its last part after a comma ("Profesor ayudante (UNED, Madrid)": the employer, then the place)
        last = inside.rsplit(",", 1)[-1] if "," in inside else ""
        for candidate in (inside, " ".join(words), last):
            if known_place(candidate.strip(" ,;")):
                return candidate.strip(" ,;")
    return _place_at_end(text) or _dash_place(text)


_LAST_DASH: Final = re.compile(r"\s[-–—]\s+(?P<place>[^-–—]{2,60})$")


def _dash_place(text: str) -> str:
    """A known place after a dash at the heading's end ("Software Engineer - NY", "Data Analyst – Berlin"): a place
    by its name, or a US state's code in capitals."""
    match = _LAST_DASH.search(text)
    if match is None:
        return ""
    place = match["place"].strip(" .")
    return place if known_place(place) or (place.isupper() and bool(gazetteer().state(place))) else ""


@cache
def _work_word_set() -> frozenset[str]:
    """Words a bracket adds to the place of work ("Mongolia office", "Berlin HQ"): hn_words' ``work_words``."""
    return frozenset(word.casefold() for word in hn_words().work_words)


def _named_place(run: str) -> str:
    """The place a capitalised run after "in" names: "Trondheim, Norway" when the city is in that country, else its
    first name alone when that is a place and no country or state follows it ("Paris" of "Paris, London"). A run
    that goes on past a sentence's end ("Lund. Tillträde") is read up to it ("St. Louis" is one name)."""
    run = run.rstrip(".")
    head, stop, _ = run.partition(". ")
    return _whole_run_place(run) or (_named_place(head) if stop else "")


def _whole_run_place(run: str) -> str:
    if "," in run and _checked_place(run):
        return run
    chunks = [chunk.strip() for chunk in run.split(",")]
    if len(chunks) > 1 and (gazetteer().country(chunks[-1]) or gazetteer().state(chunks[-1])):
        return ""  # a city said to be in a country or state it is not in
    first = chunks[0]
    return first if _lone_place(first) else ""


def _work_words() -> re.Pattern[str]:
    """Words that say a sentence is about the work (hn_words' ``work_words``): "work", "office", "role"."""
    return _whole_words(hn_words().work_words)


_WORK_WORDS_BEFORE: Final = 8
"""Words before a lone city's "in" that may say it is the place of work ("work in provided office space in")."""


def _same_sentence(lead: str) -> bool:
    """No sentence ends inside `lead` (the words before a place)."""
    return not _SENTENCE_END.search(lead)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of `text` around ``text[start:end]``."""
    before = [match.end() for match in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.end() if after else len(text)]


def _running_text_place(texts: list[str]) -> str:
    """The place of work the running text names after "in", reading from the job's heading down (a place near the
    heading before the company's address further down): a city with its country or state ("our internship in
    Trondheim, Norway"), or a city alone in a sentence about the work ("you can work in provided office space in
    Philadelphia"); "Remote; Philadelphia" when that sentence says the role is remote too."""
    for text in _scanned(texts):
        for match in _in_place().finditer(text):
            run = match["place"].rstrip(".")
            sentence = _sentence(text, match.start(), match.end())
            if "," in run and _checked_place(run):
                place = run
            else:
                place = _named_place(run)
                lead = " ".join(text[: match.start()].split()[-_WORK_WORDS_BEFORE:])
                if not place or not _work_words().search(lead) or not _same_sentence(lead):
                    continue
            remote = next(
                (
                    found
                    for found in _remote_role().finditer(sentence)
                    if not _NEGATED.search(sentence[: found.start()])
                ),
                None,
            )
            if remote is None:
                return place
            return f"Remote; {place}" if remote.start() < sentence.find(place) else f"{place}; Remote"
    return ""


def _remote_other_languages() -> re.Pattern[str]:
    """Running text in another language that says the work is remote (hn_words' ``remote_other_languages``)."""
    return _whole_words(hn_words().remote_other_languages)


@cache
def _remote_places() -> re.Pattern[str]:
    """A place that is a remote word ("Work from home", "REMOTO", "フルリモート": hn_words' ``remote_places``)."""
    return _whole_words(hn_words().remote_places)


def page_workplace(locations: tuple[str, ...] | list[str], location_type: object = None) -> str:
    """The workplace of a job page from its type field and its places: a place that is a remote word of another
    language ("vzdáleně", "teletrabajo", "Work from home") says remote, as "Remote" does."""
    workplace = workplace_from(location_type, location_text=" ".join(locations))
    if workplace == "unspecified" and any(
        _remote_other_languages().search(place) or _remote_places().search(place) for place in locations
    ):
        return "remote"
    return workplace


def _remote_said_otherwise(texts: list[str]) -> str:
    """The remote word of a page in another language, as the page writes it ("Pracujeme vzdáleně." -> "vzdáleně")."""
    for text in _scanned(texts):
        match = _remote_other_languages().search(text)
        if match:
            return match.group()
    return ""


def _title_url_place(raw_titles: list[str], page_url: str, not_places: tuple[str, ...]) -> str:
    """A part of the page's title that the URL's path also names on its own, and that is neither the job nor the
    company: a job board's city ("Comprador - Construção | Lisboa" at ``/emprego/comprador/lisboa/2466292``)."""
    try:
        segments = {squash(unquote(segment)) for segment in urlsplit(page_url).path.split("/")}
    except ValueError:
        return ""
    known = {squash(name) for name in not_places if name}
    for raw in raw_titles:
        for part in _parts(plain_text(raw))[1:]:
            key = squash(part)
            if (
                key in segments
                and key not in known
                and len(part.split()) <= 3
                and part[:1].isupper()
                and not any(char.isdigit() for char in part)
                and not is_job_board_name(part)
                and key not in _not_places()
            ):
                return part
    return ""


def _remote_chip(piece: str) -> str:
    """A byline piece that is only the remote workplace ("Remote", "Fully remote", "Remote (EU)", "Work from home"),
    not a sentence of running text that says so in another language ("Pracujeme vzdáleně.")."""
    short = len(piece.split()) <= 3 and len(piece) <= 40
    remote = workplace_from(None, location_text=piece) == "remote" or _remote_places().search(piece) is not None
    return piece if short and remote else ""


_NEXT_DATA_MAX_CHARS: Final = 1_000_000
_NEXT_DATA_MAX_NODES: Final = 20_000
_JOB_NAME_KEYS: Final = ("position", "title", "jobTitle", "name")
"""Keys under which a single-page app's data names the job ("position" on CV.ee)."""
_PLACE_KEYS: Final = ("location", "locationName", "address", "city", "workplace")
"""Keys under which the same data names where the job is ("highlights": {"address": ...})."""


def _next_data_location(root: Any, title: str) -> str:
    """The place a Next.js page's data (``<script id="__NEXT_DATA__">``) gives the job the page shows, when the
    markup has none: the object that names the job by its title, and the place under it or one of its children."""
    key = squash(title)
    script = next((el for el in _elements(root) if el.tag == "script" and el.get("id") == "__NEXT_DATA__"), None)
    if not key or script is None or not script.text or len(script.text) > _NEXT_DATA_MAX_CHARS:
        return ""
    queue: deque[object] = deque([load_script_json(script.text)])
    for _ in range(_NEXT_DATA_MAX_NODES):
        if not queue:
            break
        node = queue.popleft()
        if isinstance(node, list):
            queue.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        queue.extend(node.values())
        if not any(isinstance(node.get(name), str) and squash(node[name]) == key for name in _JOB_NAME_KEYS):
            continue
        for holder in (node, *(child for child in node.values() if isinstance(child, dict))):
            place = next((holder[name] for name in _PLACE_KEYS if isinstance(holder.get(name), str)), "")
            value = _location_value(place)
            if value:
                return value
    return ""


def split_locations(text: str) -> tuple[str, ...]:
    """ "Berlin, Germany; Remote" -> two places; "Berlin, Germany" stays one."""
    parts = [part.strip(" /") for part in re.split(r"\s*(?:;|\s\|\s|\s/\s|\bor\b)\s*", text) if part.strip(" /")]
    return tuple(dict.fromkeys(parts)) if parts else ()


# --- All together ---------------------------------------------------------------------------------------------


def read_page_facts(root: Any, page_url: str) -> PageFacts:
    """The title, company and locations a person reads off a job page (``root``: the parsed page)."""
    if root is None:
        return PageFacts("", registrable_name(page_url), ())
    raw_site = _meta(root, "og:site_name", "application-name")
    site = clean_org(raw_site)
    raw_titles = [_meta(root, "og:title"), _meta(root, "twitter:title"), _page_title(root)]
    heading, heading_element = _first(root, _ATS_TITLE_XPATHS)
    if not heading:
        heading, heading_element = _job_heading(root, raw_titles, raw_site, page_url)
    h1s = _h1s(root)
    slug = ats_company_slug(page_url)
    # Lever and a few others put the company first: "Acme Robotics - Backend Engineer"
    org_first = bool(re.search(r"lever\.co$", _host(page_url)))
    known_org = site or (_readable_slug(slug) if slug else "")
    # A title that contains the job's heading says who offers that job; one without it may be the site's name and
    # slogan ("Acme Consulting - Imagine AI"): the titles naming the heading are read first.
    ordered = sorted(raw_titles, key=lambda raw: not (heading and squash(heading) in squash(raw)))
    splits = [_split_title(raw, heading, known_org, org_first) for raw in ordered]

    # A heading that says whom the job is at ("Delphi Developer @ Korp") names the employer, on a job board too.
    company = _microdata_org(root) or _heading_org(heading) or _no_job(site)
    if not company:
        company = next((split.org for split in splits if _no_job(split.org)), "")
    if not company:
        company = _ats_shown_company(root)
    if not company and slug:
        company = _readable_slug(slug)
    # With no job heading found, the heading of any level that shows the job the page's title names ("<h4>Backend
    # engineer - m/f</h4>" under "Backend engineer | Acme") is where the byline starts.
    anchor = heading_element if heading_element is not None else _heading_of(root, [split.job for split in splits])
    byline = _byline(root, anchor) if anchor is not None else []
    host = registrable_name(page_url)
    if not company:
        company = _no_job(_site_title(raw_titles, heading, page_url))
    top = _top_texts(root)
    if not company and not _named_on_page(host, raw_titles, top()):
        # A job board (its name is nowhere on the page as the employer's): the name under the heading
        company = _no_job(_byline_company(byline, heading))
    if not company:
        company = _home_logo_name(root, page_url)
    agreement = _host_agreement(company, host) if not slug else 2
    holder = _copyright_holder(root) if agreement < 2 else ""  # the footer only when the name read may be wrong
    if holder and _host_agreement(holder, host) > agreement:
        # Two signals agree ("© 2025 Peak Defence OU" on peakdefence.com) over a site name or a title part that is a
        # slogan ("Your Cybersecurity Wingman") or a site's own wording ("Biicode Web").
        company = holder
    elif (
        company
        and agreement == 0
        and not is_job_board_name(host)
        and not _named_on_page(company, [], top())
        and _named_on_page(host, raw_titles, top())
    ):
        # The name read agrees with the host in nothing and the page's text never says it ("Tech as a Service", the
        # site's name on gotech.io), while the page spells the host's name ("GoTech"): a slogan was read, and the
        # page's own name is the company. (A job board's ad names its employer in its text: that one stays.)
        spelled = _host_as_written(raw_titles, top(), host)
        company = spelled if _host_agreement(spelled, host) == 2 else company
    if not company:
        company = _host_as_written(raw_titles, top(), host) or host
    elif squash(company) == squash(host) and (spelled := _host_as_written(raw_titles, top(), host)):
        # a name read in the host's letters (a logo's file "baeren-crew-logo.png") that the page spells with its own
        # ("Bären-Crew")
        if squash(spelled) != squash(company) and squash(host) in _host_spellings(spelled):
            company = spelled
    if squash(company) == squash(host):
        # the site names itself by its address (its site name "Pakkelabels.dk", or the site's slot ending its title,
        # "Technical Writer | Foundries.io"): the name as written. Not a breadcrumb's first part ("Deliverakias.gr >
        # Jobs > Salesperson"): the site's address there, as a board writes its own.
        company = next(
            (
                name.strip()
                for name in (raw_site, *(_SEPARATORS.split(plain_text(raw))[-1] for raw in raw_titles if raw))
                if _own_address(name, page_url)
            ),
            company,
        )

    title = unwrap_title(heading)
    if not title:
        title = next((unwrap_title(s.job) for s in splits if s.job and not _is_generic_title(s.job, company)), "")
    if not title and h1s:
        title = h1s[0][0]
    if not is_title(title) and not GENDER_MARKER.search(title):
        # (A heading that addresses every gender, "Dachdecker (m/w/d)", names a job whatever its words.)
        # "Jobs", "Job Description", "Hledáme posily" (we are hiring), the company's name, or nothing: no job is named
        # there. A part of the page's title or a heading that names one ("Solidity Programátor") is the job.
        # Then any part of the page's title ("Cogent - Join - Producer") that the heading does not already say in full
        # ("Senior Software Engineer - Autonomous Systems" is no less a job for its "Systems").
        named = [split.job for split in splits] + [text for text, _ in _headings(root, _TITLE_HEADINGS)]
        parts = [part for raw in raw_titles for part in _parts(plain_text(raw))]
        named += [part for part in parts if part.casefold() not in title.casefold()]
        title = next((unwrap_title(job) for job in named if job and is_title(unwrap_title(job))), title)
    if title and company:
        # "Backend Engineer at Acme" as a heading
        # (and "Back-end Developer @DryCompany - Inicio Imediato")
        at = _AT.split(title)
        at_names = (at[1], *_parts(at[1])[:1]) if len(at) == 2 else ()
        if squash(company) in {squash(clean_org(name) or name) for name in at_names}:
            title = at[0].strip()
        # "Account Executive / Deals | Flinker Careers" as a heading: the site's wrapper written into the heading
        last = next(reversed(list(_SEPARATORS.finditer(title))), None)
        if last is not None and title[: last.start()].strip():
            tail = title[last.end() :].strip()
            if squash(clean_org(tail) or tail) == squash(company):
                title = title[: last.start()].strip()
    # the names a page's title ends with ("... | Foundries.io"), the site's and the company read
    suffixes = [parts[-1] for raw in raw_titles if len(parts := _parts(plain_text(raw))) > 1]
    title = _without_leading_name(title, (company, raw_site, *suffixes))

    location = (
        _markup_location(root)
        or _section_location(root)
        or _heading_place(heading)
        or next((piece for piece in byline if _place_shaped(piece)), "")
        or _byline_known_place(byline)
        or next((split.place for split in splits if split.place), "")
        or next((chip for chip in map(_remote_chip, byline) if chip), "")
        or _title_url_place(raw_titles, page_url, (heading, company, raw_site))
        or _next_data_location(root, title or heading)
        or _text_place(root)
        or _role_text_place(root, heading_element)
    )
    return PageFacts(title=title, company=company, locations=split_locations(location) if location else ())


def _without_leading_name(title: str, names: Iterable[str]) -> str:
    """A job title without the company's or site's name written before it ("Foundries.io Technical Writer (Remote)"
    under the page title "... | Foundries.io"), when what is left names a job."""
    key = squash(title)
    for name in names:
        name_key = squash(name)
        if len(name_key) < 3 or not key.startswith(name_key) or key == name_key:
            continue
        words = title.split()
        # the name's own words, however it is spaced: "Foundries.io", "Acme Corp"
        for count in range(1, min(len(words), 5)):
            if squash(" ".join(words[:count])) == name_key:
                rest = " ".join(words[count:]).lstrip(" -–—:|")
                if is_title(rest):
                    return rest
                break
    return title


_COPYRIGHT: Final = re.compile(
    r"(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)|copyright))?\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?[\s,.]*)?"
    r"(?:[-–—|][ \t]*)?"
    # the name, with the dots inside a legal form ("Acme S.L.", "Acme s.r.o."), up to a stop, a separator, a year
    # ("© Acme 2024") or "all rights reserved" in any language (hn_words' ``rights_reserved``)
    r"(?P<name>[^\W\d_](?:[^.|©\n]|\.(?=[^\W\d_]{1,3}\.)){1,60}?)"
    rf"\s*(?:\.(?![^\W\d_]{{1,3}}\.)|[|,©\n]|(?:19|20)\d\d\b|{alternation(hn_words().rights_reserved)}|$)",
    re.IGNORECASE,
)
_MAX_COPYRIGHT_TEXTS: Final = 20


def _copyright_holder(root: Any) -> str:
    """The name a page's copyright line gives ("Copyright © 2025 Peak Defence OU. All rights reserved.", "© Copyright
    2014 - Bedrock Stone & Design."): the last one on the page, which is the footer's."""
    found = ""
    texts = _COPYRIGHT_TEXTS(root)
    for count, text in enumerate(texts if isinstance(texts, list) else []):
        if count >= _MAX_COPYRIGHT_TEXTS:
            break
        for match in _COPYRIGHT.finditer(str(text)[: _MAX_SHORT * 4]):
            name = clean_org(match["name"])
            if name and _looks_like_name(name):
                found = name
    return found


_COPYRIGHT_TEXTS: Final = etree.XPath(
    "//text()[contains(., '©') or contains(., 'opyright') or contains(., '(c)')][not(ancestor::script)]"
    "[not(ancestor::style)]"
)


def _own_address(name: str, page_url: str) -> bool:
    """The name is the page's own host ("Pakkelabels.dk" on pakkelabels.dk), not a job board's address."""
    address = name.strip().casefold().removeprefix("www.")
    return bool(_DOMAIN.match(address)) and address == _host(page_url).casefold().removeprefix("www.")


def _no_job(name: str) -> str:
    """A name read as the company, unless it names a job ("DevOps Engineer", a title's other part) or says that the
    page is a job ad ("Vaga de Emprego", "Stellenanzeige": hn_words' title lead-ins): no employer is called so."""
    return "" if is_title(name) or squash(name) in _ad_words() else name


@cache
def _ad_words() -> frozenset[str]:
    return frozenset(squash(word) for word in (*hn_words().title_wrappers, *hn_words().title_lead_words))


def _heading_org(heading: str) -> str:
    """The employer a job's heading names after "at" or "@" ("[REMOTO] Delphi Developer @ Korp"), up to what the
    heading adds after a separator ("Back-end Developer @DryCompany - Inicio Imediato"), or before saying it is
    hiring ("Acme sucht Entwickler (m/w/d)")."""
    if hiring := _hiring_employer(plain_text(heading)):
        return clean_org(hiring["org"])  # "Acme sucht Entwickler (m/w/d)"
    at = _AT.split(plain_text(heading))
    if len(at) != 2 or not is_title(at[0]):
        return ""
    name = (_parts(at[1]) or [""])[0]
    return clean_org(name) if _looks_like_name(name) else ""


def _host_agreement(name: str, host: str) -> int:
    """How closely a name is the one the host is registered under: 2 when it spells it ("Peak Defence OU" on
    peakdefence.com, a legal form aside), 1 when one begins the other ("Biicode Web" on biicode.com), else 0."""
    words = name.split()
    if len(words) > 1 and squash(words[-1]) in _legal_forms():
        words = words[:-1]
    # "&" as a host spells it: "Bedrock Stone & Design" on bedrockstoneanddesign.com
    key, host_key = squash(" ".join(words).replace("&", " and ")), squash(host)
    if len(host_key) < 4 or not key:
        return 0
    if key == host_key:
        return 2
    return 1 if key.startswith(host_key) or host_key.startswith(key) else 0


def _site_title(raw_titles: list[str], heading: str, page_url: str) -> str:
    """A page title that is only a name and not the job ("Radius" over the heading "Product Design Intern"): the
    site's, so the company's. Not the page's file name ("Vacature1" on vacature1.html): a title left as the editor
    wrote it."""
    key = squash(heading)
    if not key:
        return ""
    try:
        file_name = squash(unquote(urlsplit(page_url).path.rsplit("/", 1)[-1]).rsplit(".", 1)[0])
    except ValueError:
        file_name = ""
    for raw in raw_titles:
        text = plain_text(raw)
        raw_key = squash(text)
        if (
            not raw_key
            or key in raw_key
            or raw_key in key
            or raw_key == file_name
            or len(_parts(text)) != 1
            or not _looks_like_name(text)
        ):
            continue
        name = clean_org(text)
        if name:
            return name
    return ""


_HOME_PATH: Final = re.compile(r"^(?:\.{0,2}/)*(?:index\.html?)?$", re.IGNORECASE)
"""The path of a link to a site's home page: "/", "./", "../index.html"."""
_LOGO_WORDS: Final = re.compile(r"^\s*(?:logo\s+(?:of\s+)?)?(?P<name>.*?)(?:\s+logo)?\s*$", re.IGNORECASE)


def _links_home(href: str, page_url: str) -> bool:
    """Whether a link goes to the page's own site's home page (not to a partner's or a social network's)."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    if not href.strip() or parts.query or parts.fragment or not _HOME_PATH.match(parts.path):
        return False
    own = _host(page_url).removeprefix("www.")
    return not parts.netloc or (bool(own) and (parts.hostname or "").removeprefix("www.") == own)


def _home_logo_name(root: Any, page_url: str) -> str:
    """The alt text of the logo that links to the site's home page ("/", "../index.html") or sits in its brand
    link (``navbar-brand``): the site's owner, the company."""
    for element in _elements(root):
        if element.tag != "img":
            continue
        # the logo sits in the header's <nav> or the footer, where _in_posting looks away
        link = next((a for a in element.iterancestors() if isinstance(a.tag, str) and a.tag in ("a", "form")), None)
        if link is None or link.tag != "a":
            continue
        marks = (as_str(link.get("class")), as_str(element.get("class")), as_str(element.get("id")))
        classes = " ".join(marks).casefold()
        if not (_links_home(as_str(link.get("href")), page_url) or "brand" in classes or "logo" in classes):
            continue
        match = _LOGO_WORDS.match(plain_text(element.get("alt")))
        name = clean_org(match["name"]) if match else ""
        says_logo = squash(name) in _logo_alt_words()  # "Logo", "会社ロゴ" (company logo), "Home"
        if name and not says_logo:
            return name
        named = _logo_file_name(as_str(element.get("src"))) if not name or says_logo else ""
        if named:
            return named
    return ""


@cache
def _logo_alt_words() -> frozenset[str]:
    return frozenset(squash(word) for word in hn_words().logo_alt_words)


def _logo_file_name(src: str) -> str:
    """The company a logo's file is named after, when its alt text says only "Logo": "../img/robin-care-logo-
    white.png" -> "Robin Care" (hn_words' ``logo_file_words`` are not the name)."""
    stem = unquote(src.rsplit("/", 1)[-1]).rsplit(".", 1)[0]
    words = [word for word in re.split(r"[-_\s.]+", stem.casefold()) if word]
    noise = set(hn_words().logo_file_words)
    if "logo" not in words and "logotype" not in words:
        return ""  # a picture named otherwise is not sure to be the logo
    name = [word for word in words if word not in noise and not word.isdigit()]
    return " ".join(word.capitalize() for word in name) if 0 < len(name) <= 4 else ""


def _named_on_page(name: str, titles: Sequence[str], texts: Sequence[str]) -> bool:
    """Whether a name (the host's) is said on the page, in its titles or the top of its text (`_top_texts`): then it
    is the employer's own site, not a job board's."""
    key = squash(name)
    if not key:
        return False
    return any(key in squash(text) for text in (*titles, *texts))


_TOP_TEXTS: Final = 200


def _top_texts(root: Any) -> Callable[[], list[str]]:
    """The top of the page's text, read once when first asked for: several company readers look at it."""
    return cache(lambda: _texts(root, limit=_TOP_TEXTS))


_TITLE_HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4"})
_NAME_RUN: Final = re.compile(r"(?<![\w&'’.-])[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3}")
_MIN_HOST_PREFIX: Final = 5


def _host_as_written(titles: Sequence[str], texts: Sequence[str], host: str) -> str:
    """The host's name as the page writes it ("sawhorsemedia.com" where the text says "working at Sawhorse"): the
    capitalised name whose letters spell the host's ("Peak Defence" for peakdefence), else the longest that begins
    it (at least five letters), the way a person reads who the site is from its text."""
    host_key = squash(host)
    if len(host_key) < _MIN_HOST_PREFIX:
        return ""
    best, best_rank = "", (0, 0)
    for text in (*titles, *texts):
        for match in _NAME_RUN.finditer(text[:_MAX_PIECE]):
            words = match.group().split()
            # "At Peak Defence we" -> "Peak Defence", "Sawhorse Team" -> "Sawhorse"
            for start, end in ((a, b) for a in range(len(words)) for b in range(len(words), a, -1)):
                name = " ".join(words[start:end]).rstrip(".'’")
                key = squash(name)
                if key != host_key and not name.isascii():  # "Bären-Crew" for baeren-crew
                    key = next((k for k in _host_spellings(name) if k == host_key), key)
                exact = key == host_key
                if exact or (len(key) >= _MIN_HOST_PREFIX and host_key.startswith(key)):
                    rank = (2 if exact else 1, len(key))
                    if rank > best_rank:
                        best, best_rank = name, rank
    return best


_HOST_LETTERS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})


def _host_spellings(name: str) -> tuple[str, str]:
    """How a host may spell a name written with letters it has not: without accents ("Café Noir": cafenoir), and with
    German and Nordic letters written out ("Bären-Crew": baerencrew)."""
    return (squash(fold(name)), squash(name.casefold().translate(_HOST_LETTERS)))


def _host(page_url: str) -> str:
    try:
        return (urlsplit(page_url).hostname or "").casefold()
    except ValueError:
        return ""


def _page_title(root: Any) -> str:
    for element in _elements(root):
        if element.tag == "title":
            return _text(element)
        if element.tag == "body":
            break
    return ""
