"""What a search matches: every keyword (as a word) in the title, description or tags; any one location in the
posting's locations or remote region; remote only when asked."""

from __future__ import annotations

from dataclasses import replace

import pytest

from skillgap.scraping.search_query import SearchQuery
from skillgap.scraping.sources import ScrapedPosting

POSTING = ScrapedPosting(
    source_kind="remotive",
    source_identifier="all",
    external_id="1",
    title="Senior Go Engineer",
    company="Initech",
    description="We write C++ and Node.js services. Full-Stack work, on call 1 week in 6.",
    url="https://remotive.com/remote-jobs/1",
    locations=("Berlin, Germany",),
    workplace_type="remote",
    tags=("backend", "Machine Learning"),
    remote_region="Europe",
)


@pytest.mark.parametrize(
    ("keywords", "matches"),
    [
        (("go",), True),
        (("GO", "engineer"), True),
        (("google",), False),  # a word, not a substring
        (("c",), False),  # "C++" is not "C"
        (("c++", "node.js"), True),
        (("full stack",), True),  # spaces and hyphens are alike
        (("machine learning",), True),  # the board's tags count
        (("backend", "rust"), False),  # every keyword must match
        ((), True),
        (("  ",), True),  # blank keywords are no keywords
    ],
)
def test_keywords_are_words_of_the_title_description_or_tags(keywords: tuple[str, ...], matches: bool) -> None:
    assert SearchQuery(keywords=keywords).matches(POSTING) is matches


@pytest.mark.parametrize(
    ("locations", "posting", "matches"),
    [
        (("berlin",), POSTING, True),
        (("Europe",), POSTING, True),  # the remote region counts
        (("USA", "Germany"), POSTING, True),  # any one location
        (("USA",), POSTING, False),
        (("Remote",), POSTING, True),  # "remote" as a place means remote work
        (("Remote",), replace(POSTING, workplace_type="onsite"), False),
        (("Lisbon",), replace(POSTING, remote_region="Worldwide"), True),  # open to anywhere
        (("Lisbon",), replace(POSTING, remote_region="Worldwide", workplace_type="onsite"), False),
        (("new york",), replace(POSTING, locations=("New York, NY",), remote_region=""), True),
        (("york",), replace(POSTING, locations=("Yorkshire",), remote_region=""), False),
    ],
)
def test_any_location_may_match_a_place_or_the_remote_region(
    locations: tuple[str, ...], posting: ScrapedPosting, matches: bool
) -> None:
    assert SearchQuery(locations=locations).matches(posting) is matches


def test_remote_only_keeps_remote_postings() -> None:
    assert SearchQuery(remote_only=True).matches(POSTING)
    assert not SearchQuery(remote_only=True).matches(replace(POSTING, workplace_type="hybrid"))
    assert not SearchQuery(remote_only=True).matches(replace(POSTING, workplace_type="unspecified"))
