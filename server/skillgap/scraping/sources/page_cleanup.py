"""A job page's description without what surrounds the posting: apply forms, job-alert boxes, cookie banners,
navigation, "Back to jobs" and share links.

Two steps. Before extraction, ``PRUNE_XPATHS`` goes to trafilatura's ``prune_xpath`` (trafilatura already drops
``<form>``, ``<nav>``, ``<footer>``, cookie/consent and share blocks by their class names; these are what job
pages add: the ATSes' application containers, alert boxes and apply buttons that are not forms, and a careers
site's call-to-action band). After it,
``clean_description`` drops the boilerplate lines that survive and cuts the application tail ("Apply for this
job", "* indicates a required field", form labels) when it comes after the posting.

What stays: equal-opportunity statements, benefits and "about us" paragraphs. They are part of what the employer
wrote in the posting (and sometimes the only place a benefit or a location is said).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["PRUNE_XPATHS", "clean_description"]


def _class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


PRUNE_XPATHS: Final = [
    # Greenhouse: classic board (#application) and job-boards (application--container, job-alert)
    f'//*[@id="application" or @id="application_form" or @id="application-form" or {_class("application--container")}'
    f" or {_class('application--form')} or {_class('application')} or {_class('job-application')}]",
    '//*[contains(@class, "job-alert") or contains(@id, "job-alert") or contains(@class, "job_alert")'
    ' or contains(@class, "jobAlert") or contains(@id, "jobAlert")]',
    # Lever: the apply buttons and the header/footer around the posting
    f"//*[{_class('postings-btn-wrapper')} or {_class('last-section-apply')} or {_class('main-footer')}"
    f" or {_class('main-header')} or {_class('postings-btn')}]",
    # A careers site's call-to-action band after the posting ("Sound like the job for you? ... Drop your resume")
    f"//*[{_class('cta')}]",
    # Workable / Ashby / generic apply widgets and tabs
    '//*[@data-ui="overview-apply-now" or @data-ui="apply-button" or @data-ui="job-breadcrumbs"'
    ' or @data-ui="cookie-consent" or @role="navigation" or @role="banner" or @role="dialog"]',
    '//*[contains(@class, "ashby-job-posting-right-pane-application") or contains(@class, "_applicationForm")]',
    # Cookie banners that do not say "cookie" in their first class (OneTrust, Cookiebot, Usercentrics)
    '//*[starts-with(@id, "onetrust") or starts-with(@id, "CybotCookiebot") or @id="usercentrics-root"'
    ' or contains(@class, "cookie-banner") or contains(@class, "cookie-consent") or contains(@id, "cookie")]',
    "//header | //nav | //footer | //form | //dialog",
]

# A line that is only page furniture, wherever it is.
_FURNITURE: Final = re.compile(
    r"^(?:"
    r"apply(?: now| for this (?:job|position|role)| here| today| online)?|"
    r"(?:← |< )?back to (?:all )?(?:jobs|job openings|openings|careers|positions|search results)|"
    r"(?:view|see) all (?:jobs|openings|open positions)|"
    r"share(?: this)?(?: job| position| role| posting)?(?: on \w+)?|"
    r"(?:tweet|email|linkedin|facebook|twitter|x|copy link)|"
    r"save(?: job)?|report (?:this )?job|"
    r"\*?\s*indicates a required field|\* required|"
    r"(?:jobs )?powered by (?:greenhouse|lever|workable|ashby|smartrecruiters|bamboohr|recruitee|personio)\b.*|"
    r"(?:read|privacy|cookie) (?:our )?(?:privacy|cookie) (?:policy|notice)|"
    r"accept(?: all)?(?: cookies)?|reject(?: all)?(?: cookies)?|cookie settings|manage cookies"
    r")[.!]?$",
    re.IGNORECASE,
)

# Where the application part of a page begins: everything from here on is cut when it is in the page's tail.
_TAIL_START: Final = re.compile(
    r"^(?:"
    r"create a job alert|get (?:future )?job alerts?|job alerts?|"
    r"apply for this (?:job|position|role)|submit (?:your )?application|application form|"
    r"\*?\s*indicates a required field|"
    r"(?:first|last|full|preferred first) name\s*\*?|"
    r"(?:resume|cv)(?:/cv)?\s*\*?|"
    r"interested in building your career at .*|"
    r"apply for this job.*|"
    r"(?:similar|related|other|more) (?:jobs|positions|openings|roles)(?: at .*)?|"
    r"(?:you may also like|explore more jobs)"
    r")[.!:]?$",
    re.IGNORECASE,
)
_TAIL_FROM: Final = 0.3
"""The tail marker must come after this share of the description's lines (a top "Apply" button is just dropped)."""


def clean_description(text: str) -> str:
    """The description text without page furniture lines and without the application tail after the posting."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    total = len(lines)
    for index, line in enumerate(lines):
        if index >= max(1, int(total * _TAIL_FROM)) and _TAIL_START.match(line):
            lines = lines[:index]
            break
    return "\n".join(line for line in lines if not _FURNITURE.match(line))
