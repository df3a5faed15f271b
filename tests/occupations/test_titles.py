"""Title normalisation: what the index keys titles by, and how a noisy title is cut into readings."""

from __future__ import annotations

from skillgap.occupations.titles import MAX_VARIANTS, core, head, key, role_words, variants, words


def test_words_are_folded_spelt_out_and_singular() -> None:
    assert words("Sr. SWE") == ["senior", "software", "engineer"]
    assert words("Systems Administrators") == ["system", "administrator"]
    assert words("Front-End Développeur") == ["front", "end", "developpeur"]
    assert words("Director of Sales & Marketing") == ["director", "sale", "marketing"]
    assert words("Sales") == words("Sale")  # singular on both sides, so it only has to be consistent
    assert words("Data Analytics Lead") == ["data", "analytics", "lead"]


def test_keys_ignore_word_order_and_core_drops_levels() -> None:
    assert key(words("Engineer, Software")) == key(words("Software Engineer"))
    assert core(words("Senior Accountant II")) == ["accountant"]
    assert core(words("Lead")) == ["lead"]  # nothing else left: kept


def test_the_role_noun_goes_last() -> None:
    assert head("Director of Engineering") == "director"
    assert role_words("Director of Engineering") == ("engineering", "director")
    assert head("Software Engineer III") == "engineer"
    assert head("Sr. SWE") == "engineer"


def test_variants_drop_noise_and_try_segments_and_inversions() -> None:
    readings = [" ".join(v.words) for v in variants("Engineer, Software (Backend) - Remote | Acme")]
    assert readings[0] == "engineer software acme"
    assert "software engineer" in readings
    assert "back end" in readings  # parentheses last
    assert all("remote" not in r for r in readings)
    assert variants("Remote") == []
    assert len(variants("a | " * 5000)) <= MAX_VARIANTS
