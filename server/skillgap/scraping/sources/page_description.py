"""A job page's description: the posting body the ATS marks as such, else trafilatura's main text; both without
the page's furniture (`page_cleanup`).

The ATS's own container comes first because trafilatura, built for articles, drops text that is not in a
paragraph: Greenhouse postings written as ``<div>`` lines lose their first and last paragraphs ("What We Do",
"#BI-Remote"), and ``<h4>`` openers ("Join Axon and be a Force for Good.") go with the title block.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, Final

import trafilatura
from lxml import etree

from skillgap.jobs.normalize import html_to_text
from skillgap.scraping.sources.page_cleanup import PRUNE_XPATHS, clean_description
from skillgap.text_keys import squash

__all__ = ["page_description"]

logger = logging.getLogger(__name__)


def _class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


# Where ATSes put the posting's body; several matches of one expression are read in order (Lever and Workable
# split the posting into sections).
_BODY_XPATHS: Final = tuple(
    etree.XPath(xpath)
    for xpath in (
        f"//*[{_class('job__description')}]",  # Greenhouse job-boards
        '//*[@id="app_body"]/*[@id="content"] | //*[@id="main"]//*[@id="content"][.//p or .//li]',  # classic
        '//*[@data-qa="job-description"] | //*[@data-qa="job-description"]/following-sibling::*'
        f"[{_class('section')} and not(@data-qa='btn-apply-bottom')]",  # Lever
        '//*[@data-ui="job-description" or @data-ui="job-requirements" or @data-ui="job-benefits"]',  # Workable
        '//*[contains(@class, "ashby-job-posting-description") or contains(@class, "_descriptionText_")]',  # Ashby
        '//*[@data-automation-id="jobPostingDescription"]',  # Workday
        '//*[@itemprop="description"][not(self::meta)]',  # microdata (SmartRecruiters)
    )
)
_MIN_BODY_CHARS: Final = 200
"""A container with less text is a teaser or an empty shell the page fills with script: not the posting."""
_PRUNE: Final = tuple(etree.XPath(xpath) for xpath in PRUNE_XPATHS)


def _drop(element: Any) -> None:
    """Remove an element but keep its tail (the text after it belongs to its parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _ats_body(root: Any) -> str:
    for xpath in _BODY_XPATHS:
        try:
            found: Any = xpath(root)
        except etree.XPathError:
            continue
        # a container inside another match is already read with it
        chosen = [el for el in found[:20] if not any(anc in found for anc in el.iterancestors())]
        texts = []
        for element in chosen:
            body = copy.deepcopy(element)  # a tree of its own: the absolute expressions stay inside it
            for prune in _PRUNE:
                unwanted_found: Any = prune(body)
                for unwanted in unwanted_found:
                    _drop(unwanted)
            texts.append(html_to_text(etree.tostring(body, encoding="unicode", method="html")))
        text = "\n".join(t for t in texts if t)
        if len(text) >= _MIN_BODY_CHARS:
            return text
    return ""


def _main_text(page_html: str, page_url: str) -> str:
    text = ""
    for prune in (PRUNE_XPATHS, None):
        try:
            text = (
                trafilatura.extract(
                    page_html, url=page_url, include_comments=False, include_tables=True, prune_xpath=prune
                )
                or ""
            )
        except Exception as error:  # trafilatura on a hostile page: fall back to plain text
            logger.warning("trafilatura failed on %s: %s", page_url, error)
            return ""
        if text:
            break  # pruning can leave too little to extract (a page that is all <header>): then try without
    return text


def page_description(page_html: str, root: Any, page_url: str, header: tuple[str, ...] = ()) -> str:
    """The posting's text, paragraphs and list items as lines, without the page's furniture.

    ``header``: the title and location read off the page; lines repeating them at the top are its header, not
    the description.
    """
    text = _ats_body(root) if root is not None else ""
    if not text:
        text = _main_text(page_html, page_url) or html_to_text(page_html)
    lines = clean_description(text).split("\n")
    known = {squash(item) for item in header if item}
    while len(lines) > 1 and squash(lines[0]) in known:
        lines.pop(0)
    return "\n".join(lines)
