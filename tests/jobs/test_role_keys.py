"""Role keys: the same role written differently on two boards has a key in common; another role has none."""

from __future__ import annotations

import pytest

from skillgap.jobs.role_keys import role_keys


def same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(set(a) & set(b))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Acme", "Senior Backend Engineer", ["Berlin, Germany"], "onsite"),
         ("Acme GmbH", "Senior Backend Engineer (m/w/d)", ["Berlin"], "unspecified")),
        (("The Acme Company", "Data Engineer", [], "remote"),
         ("Acme Company Inc.", "Data Engineer - Remote", ["Remote - EU"], "remote")),
        (("Acme Careers", "SRE, Berlin", ["Berlin, DE"], "hybrid"), ("ACME", "sre", ["Berlin"], "hybrid")),
        (("Acme", "Backend Engineer", ["Munich", "Berlin, DE"], "onsite"),
         ("Acme Ltd", "Backend Engineer", ["Berlin"], "onsite")),
    ],
)  # fmt: skip
def test_the_same_role_written_differently_has_a_key_in_common(first: tuple, second: tuple) -> None:  # type: ignore[type-arg]
    assert same(role_keys(*first), role_keys(*second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Acme Robotics", "Backend Engineer", ["Berlin"], "onsite"),
         ("Acme Bank", "Backend Engineer", ["Berlin"], "onsite")),
        (("Acme", "Backend Engineer", ["Berlin"], "onsite"), ("Acme", "Frontend Engineer", ["Berlin"], "onsite")),
        (("Acme", "Backend Engineer", ["Berlin"], "onsite"), ("Acme", "Backend Engineer", ["Paris"], "onsite")),
        (("Acme", "Backend Engineer", ["Berlin"], "onsite"), ("Acme", "Backend Engineer", [], "remote")),
        (("Acme", "Senior Backend Engineer", ["Berlin"], "onsite"), ("Acme", "Backend Engineer", ["Berlin"], "onsite")),
    ],
)  # fmt: skip
def test_another_company_role_or_place_has_none(first: tuple, second: tuple) -> None:  # type: ignore[type-arg]
    assert not same(role_keys(*first), role_keys(*second))


def test_no_company_or_no_title_no_keys() -> None:
    assert role_keys("", "Backend Engineer", ["Berlin"], "onsite") == ()
    assert role_keys("Acme", "(m/w/d)", ["Berlin"], "onsite") == ()
