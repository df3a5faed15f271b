"""Sections, sentences and cue phrases of job descriptions: what decides required vs nice to have."""

from __future__ import annotations

import pytest

from skillgap.skills.models import RequirementLevel
from skillgap.skills.sections import (
    SectionKind,
    Sentence,
    classify_heading,
    sentences_of,
    split_sections,
    split_sentences,
)

REQUIRED = RequirementLevel.REQUIRED
NICE = RequirementLevel.NICE_TO_HAVE

POSTING = """\
Senior Backend Engineer

About us
Acme builds payment infrastructure for 4,000 merchants. We use Slack and Notion every day.

What you'll do:
• Design and build APIs in Python and Go.
• Mentor other engineers, e.g. through code reviews. Own services end to end.

## Requirements
- 5+ years of experience with Python; Docker is a plus.
- Familiarity with Kubernetes.
- Bonus: Rust
- Must have PostgreSQL, Kafka is nice to have.

**Nice to have:**
* Terraform
* 3+ years with AWS

BENEFITS
- Learning budget (AWS certifications included).
- 30 days of paid vacation.
"""


def sentence_with(text: str, needle: str) -> Sentence:
    for sentence in sentences_of(split_sections(text)):
        if needle in sentence.text:
            return sentence
    raise AssertionError(f"no sentence with {needle!r}")


def level_of(text: str, word: str, occurrence: int = 0) -> RequirementLevel | None:
    """The level of the `occurrence`-th mention of `word` (0: the first)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    for sentence in sentences_of(split_sections(text)):
        if sentence.start <= start < sentence.end:
            return sentence.level_for(start, start + len(word))
    raise AssertionError(f"{word!r} is in no sentence")


def test_sections_of_a_posting_in_order_with_their_headings() -> None:
    sections = split_sections(POSTING)
    assert [(section.kind, section.heading) for section in sections] == [
        (SectionKind.OTHER, ""),
        (SectionKind.ABOUT, "About us"),
        (SectionKind.RESPONSIBILITIES, "What you'll do"),
        (SectionKind.REQUIREMENTS, "Requirements"),
        (SectionKind.NICE_TO_HAVE, "Nice to have"),
        (SectionKind.BENEFITS, "BENEFITS"),
    ]
    requirements = sections[3]
    assert [sentence.text for sentence in requirements.sentences] == [
        "5+ years of experience with Python; Docker is a plus.",
        "Familiarity with Kubernetes.",
        "Rust",
        "Must have PostgreSQL, Kafka is nice to have.",
    ]


def test_every_sentence_slices_the_original_text() -> None:
    sentences = sentences_of(split_sections(POSTING))
    assert len(sentences) == 14
    for sentence in sentences:
        assert POSTING[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert not sentence.text.startswith(("•", "-", "*"))


def test_sentences_split_on_periods_but_not_on_abbreviations_or_dotted_names() -> None:
    text = "Mentor others, e.g. via reviews. Build Node.js services vs. Go ones! Ship it? Yes.\n• Python • Go"
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == [
        "Mentor others, e.g. via reviews.",
        "Build Node.js services vs. Go ones!",
        "Ship it?",
        "Yes.",
        "Python",
        "Go",
    ]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Requirements", SectionKind.REQUIREMENTS),
        ("What you bring:", SectionKind.REQUIREMENTS),
        ("What You Will Bring", SectionKind.REQUIREMENTS),
        ("Qualifications", SectionKind.REQUIREMENTS),
        ("Minimum Qualifications:", SectionKind.REQUIREMENTS),
        ("Must have", SectionKind.REQUIREMENTS),
        ("About you", SectionKind.REQUIREMENTS),
        ("Who you are", SectionKind.REQUIREMENTS),
        ("Nice to have", SectionKind.NICE_TO_HAVE),
        ("Nice-to-haves:", SectionKind.NICE_TO_HAVE),
        ("Bonus points", SectionKind.NICE_TO_HAVE),
        ("Preferred qualifications", SectionKind.NICE_TO_HAVE),
        ("Pluses:", SectionKind.NICE_TO_HAVE),
        ("Bonus points if you've worked with:", SectionKind.NICE_TO_HAVE),
        ("Responsibilities", SectionKind.RESPONSIBILITIES),
        ("What you'll do", SectionKind.RESPONSIBILITIES),
        ("What You Will Do:", SectionKind.RESPONSIBILITIES),
        ("About the role", SectionKind.RESPONSIBILITIES),
        ("In this role, you will:", SectionKind.RESPONSIBILITIES),
        ("Benefits", SectionKind.BENEFITS),
        ("Perks & Benefits", SectionKind.BENEFITS),
        ("What we offer", SectionKind.BENEFITS),
        ("Why you'll love working here:", SectionKind.BENEFITS),
        ("About us", SectionKind.ABOUT),
        ("Who we are", SectionKind.ABOUT),
        ("About Acme:", SectionKind.ABOUT),
        ("About Lumen", SectionKind.ABOUT),
        ("How to apply", SectionKind.OTHER),
        ("### Requirements", SectionKind.REQUIREMENTS),
        ("**Benefits**", SectionKind.BENEFITS),
    ],
)
def test_headings(heading: str, kind: SectionKind) -> None:
    assert classify_heading(heading) is kind
    sections = split_sections(f"Intro line.\n{heading}\nA sentence.\n")
    assert sections[-1].kind is kind
    assert [sentence.text for sentence in sections[-1].sentences] == ["A sentence."]


@pytest.mark.parametrize("line", ["Experience with Python and Go", "Python", "Senior Backend Engineer", "Go."])
def test_content_lines_are_not_taken_for_headings(line: str) -> None:
    sections = split_sections(f"Requirements\n{line}\n")
    assert [sentence.text for sentence in sections[0].sentences] == [line]


def test_section_default_levels() -> None:
    assert level_of(POSTING, "Python", 1) is REQUIRED  # requirements
    assert level_of(POSTING, "Python") is REQUIRED  # responsibilities
    assert level_of(POSTING, "Terraform") is NICE  # nice-to-have section
    assert level_of(POSTING, "Slack") is None  # about: not asked of the candidate
    assert level_of(POSTING, "AWS", 1) is None  # benefits


def test_strong_cues_override_the_section() -> None:
    assert level_of(POSTING, "Docker") is NICE  # "Docker is a plus." in requirements
    assert level_of(POSTING, "PostgreSQL") is REQUIRED
    assert level_of(POSTING, "Kafka") is NICE  # "..., Kafka is nice to have."
    text = "Nice to have\n- Python is required for the tooling.\n- Go (not required).\n"
    assert level_of(text, "Python") is REQUIRED
    assert level_of(text, "Go") is NICE


def test_inline_heading_of_a_bullet_applies_to_that_bullet_only() -> None:
    assert sentence_with(POSTING, "Rust").kind is SectionKind.NICE_TO_HAVE
    assert level_of(POSTING, "Rust") is NICE
    assert level_of(POSTING, "PostgreSQL") is REQUIRED  # the bullet after "Bonus: Rust"


def test_familiarity_with_is_nice_to_have_unless_a_must() -> None:
    # In a requirements section it stays required.
    assert level_of(POSTING, "Kubernetes") is REQUIRED
    # Without headings (or in responsibilities) it is nice to have ...
    text = "You will build Python services. Familiarity with Kubernetes and exposure to Kafka help.\n"
    assert level_of(text, "Python") is REQUIRED
    assert level_of(text, "Kubernetes") is NICE
    assert level_of(text, "Kafka") is NICE
    # ... unless a strong cue of the same clause says it is a must.
    text = "Familiarity with Docker and Kubernetes is required.\n"
    assert level_of(text, "Docker") is REQUIRED
    assert level_of(text, "Kubernetes") is REQUIRED


def test_nearest_cue_wins_within_a_clause_and_clauses_are_cut_at_semicolons() -> None:
    text = (
        "Must have Python, Docker is a plus.\nPython is required, Go is preferred.\nMust have SQL; Rust is a bonus.\n"
    )
    assert level_of(text, "Python") is REQUIRED
    assert level_of(text, "Docker") is NICE
    assert level_of(text, "Python", 1) is REQUIRED
    assert level_of(text, "Go") is NICE
    assert level_of(text, "SQL") is REQUIRED
    assert level_of(text, "Rust") is NICE


def test_ideally_and_preferably_reach_forward_only() -> None:
    text = "4+ years of Python, ideally with Django.\nJava, preferably Kotlin.\n"
    assert level_of(text, "Python") is REQUIRED
    assert level_of(text, "Django") is NICE
    assert level_of(text, "Java") is REQUIRED
    assert level_of(text, "Kotlin") is NICE


def test_explicit_levels_and_levels_only_implied() -> None:
    text = "Responsibilities\n- Build Go services.\nRequirements\n- Python.\nNice to have\n- Rust.\n"
    first = text.index("Go")
    assert sentence_with(text, "Go").assess(first, first + 2) == (REQUIRED, False)
    first = text.index("Python")
    assert sentence_with(text, "Python").assess(first, first + 6) == (REQUIRED, True)
    first = text.index("Rust")
    assert sentence_with(text, "Rust").assess(first, first + 4) == (NICE, True)
    text = "You will build Go services. Experience with Rust is a plus.\n"
    first = text.index("Go")
    assert sentence_with(text, "Go").assess(first, first + 2) == (REQUIRED, False)
    first = text.index("Rust")
    assert sentence_with(text, "Rust").assess(first, first + 4) == (NICE, True)


def test_years_are_a_weak_required_cue_outside_sections_only() -> None:
    text = "3+ years of Python and familiarity with Docker.\n"
    assert level_of(text, "Python") is REQUIRED
    assert level_of(text, "Docker") is NICE
    # In a nice-to-have section "N+ years" does not make it required.
    assert level_of(POSTING, "AWS") is NICE


def test_a_posting_on_one_line_still_has_sections() -> None:
    text = (
        "We build Go services. Requirements: 5+ years of Python. Nice to have: Kafka. "
        "Benefits: a budget for AWS courses."
    )
    kinds = [(sentence.kind, sentence.text) for sentence in sentences_of(split_sections(text))]
    assert kinds == [
        (SectionKind.OTHER, "We build Go services."),
        (SectionKind.REQUIREMENTS, "5+ years of Python."),
        (SectionKind.NICE_TO_HAVE, "Kafka."),
        (SectionKind.BENEFITS, "a budget for AWS courses."),
    ]
    assert level_of(text, "Kafka") is NICE
    assert level_of(text, "AWS") is None


def test_unknown_colon_lines_stay_in_their_section() -> None:
    text = "Requirements\nLanguages:\n- Python\n- Go\n"
    sections = split_sections(text)
    assert [section.kind for section in sections] == [SectionKind.REQUIREMENTS]
    assert [sentence.text for sentence in sections[0].sentences] == ["Languages:", "Python", "Go"]


def test_empty_and_blank_text() -> None:
    assert split_sections("") == []
    assert split_sections("\n \n\t\n") == []
