"""The ranking evaluation's metrics on cases worked out by hand: a metric bug would mislead everyone reading
`tests/benchmarks/eval_ranking_real.py`."""

from __future__ import annotations

import math

import pytest

from tests.benchmarks.eval_ranking_real import average_ranks, ndcg_at, paired_bootstrap, rank_order, spearman


def test_ndcg_uses_exponential_gain_and_log_discount() -> None:
    # DCG = (2^0-1)/log2(2) + (2^3-1)/log2(3) + (2^2-1)/log2(4) = 0 + 7/1.58496 + 3/2 = 5.91650
    # IDCG over [3, 2, 0] = 7/1 + 3/1.58496 + 0 = 8.89279
    assert ndcg_at([0, 3, 2], [0, 3, 2], 3) == pytest.approx(5.91650 / 8.89279, abs=1e-5)


def test_ndcg_cuts_at_k_and_takes_the_ideal_from_all_grades() -> None:
    assert ndcg_at([1, 3], [1, 3], 1) == pytest.approx(1 / 7)
    # The top item has grade 2 while a grade-3 item exists elsewhere: 3/7 at k=1.
    assert ndcg_at([2, 0, 0], [2, 0, 0, 3], 1) == pytest.approx(3 / 7)
    assert ndcg_at([3, 2, 1, 0], [3, 2, 1, 0], 10) == pytest.approx(1.0)


def test_ndcg_is_zero_without_relevant_items() -> None:
    assert ndcg_at([0, 0, 0], [0, 0, 0], 5) == 0.0


def test_average_ranks_share_ties() -> None:
    assert average_ranks([10, 20, 20, 5]) == [2.0, 3.5, 3.5, 1.0]


def test_spearman_without_ties_matches_the_textbook_formula() -> None:
    # d = [-1, 1, -1, 1, 0], sum d^2 = 4: rho = 1 - 6 * 4 / (5 * 24) = 0.8
    assert spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    assert spearman([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)


def test_spearman_with_tied_grades() -> None:
    # ranks x [1, 2, 3, 4], y [1.5, 1.5, 3.5, 3.5]: sxy = 4, sxx = 5, syy = 4, rho = 4 / sqrt(20)
    assert spearman([0.1, 0.2, 0.3, 0.4], [0, 0, 2, 2]) == pytest.approx(4 / math.sqrt(20))


def test_spearman_of_a_constant_ranking_is_zero() -> None:
    assert spearman([5, 5, 5], [0, 1, 3]) == 0.0


def test_rank_order_breaks_ties_by_the_second_key_then_the_id() -> None:
    assert rank_order([1.0, 2.0, 2.0], ["p3", "p2", "p1"]) == [2, 1, 0]
    assert rank_order([1.0, 2.0, 2.0], ["p3", "p2", "p1"], then=[0.0, 0.9, 0.1]) == [1, 2, 0]


def test_bootstrap_is_paired() -> None:
    # Per-resume values vary a lot, but ours is always 0.1 above theirs: every resample's mean difference is 0.1.
    theirs = [0.0, 0.9, 0.2, 0.7, 0.4]
    difference = paired_bootstrap([t + 0.1 for t in theirs], theirs, resamples=1000, seed=1)
    assert difference.mean == pytest.approx(0.1)
    assert difference.low == pytest.approx(0.1)
    assert difference.high == pytest.approx(0.1)
    assert difference.above_zero


def test_bootstrap_interval_touching_zero_is_not_above_zero() -> None:
    # Differences [0, 1]: a quarter of the resamples draw [0, 0] (mean 0), a quarter [1, 1] (mean 1).
    difference = paired_bootstrap([0.0, 1.0], [0.0, 0.0], resamples=10_000, seed=3)
    assert difference.mean == pytest.approx(0.5)
    assert difference.low == 0.0
    assert difference.high == 1.0
    assert not difference.above_zero
    assert paired_bootstrap([0.0, 1.0], [0.0, 0.0], resamples=10_000, seed=3) == difference
