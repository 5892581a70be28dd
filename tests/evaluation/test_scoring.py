"""The scoring arithmetic, on hand-built gold/prediction pairs worked out on paper."""

from __future__ import annotations

import pytest

from detente.evaluation.scoring import (
    PRF,
    accuracy,
    expand_triples,
    macro_f1,
    per_label_prf,
    prf_multisets,
    prf_sets,
    safe_ratio,
)


def test_prf_ratios() -> None:
    s = PRF(tp=3, fp=1, fn=2)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_prf_empty_cases() -> None:
    assert PRF(0, 0, 0).f1 == 1.0  # nothing expected, nothing emitted: no mistake
    assert PRF(0, 0, 4).precision == 0.0 and PRF(0, 0, 4).f1 == 0.0
    assert PRF(0, 2, 0).recall == 0.0 and PRF(0, 2, 0).f1 == 0.0


def test_prf_addition() -> None:
    assert PRF(1, 2, 3) + PRF(4, 5, 6) == PRF(5, 7, 9)


def test_sets_collapse_duplicates_but_multisets_count_them() -> None:
    gold = [("ARN", "GON", "04")]
    pred = [("ARN", "GON", "04"), ("ARN", "GON", "04"), ("GON", "ARN", "04")]
    assert prf_sets(gold, pred) == PRF(tp=1, fp=1, fn=0)
    assert prf_multisets(gold, pred) == PRF(tp=1, fp=2, fn=0)


def test_per_label_and_macro_f1() -> None:
    pairs = [
        ("AGREE", "AGREE"),
        ("AGREE", "CONSULT"),
        ("CONSULT", "CONSULT"),
        ("ASSAULT", None),  # nothing emitted: a miss for ASSAULT, no false positive
        (None, "THREATEN"),  # emitted where gold has no type
    ]
    labels = per_label_prf(pairs)
    assert labels["AGREE"] == PRF(1, 0, 1)
    assert labels["CONSULT"] == PRF(1, 1, 0)
    assert labels["ASSAULT"] == PRF(0, 0, 1)
    assert labels["THREATEN"] == PRF(0, 1, 0)
    assert None not in labels
    agree_f1 = 2 / 3  # p 1, r 0.5
    consult_f1 = 2 / 3  # p 0.5, r 1
    assert macro_f1(labels, labels=["AGREE", "CONSULT", "ASSAULT"]) == pytest.approx(
        (agree_f1 + consult_f1 + 0.0) / 3
    )
    assert macro_f1(labels) == pytest.approx((agree_f1 + consult_f1) / 4)
    assert macro_f1({}) == 0.0


def test_accuracy() -> None:
    assert accuracy([("a", "a"), ("b", None), ("c", "c"), ("d", "e")]) == 0.5
    assert accuracy([]) == 0.0


def test_compound_actors_expand_to_cross_product() -> None:
    got = expand_triples(["USA", "GBR"], ["IRQ"], "ACCUSE")
    assert got == [("USA", "IRQ", "ACCUSE"), ("GBR", "IRQ", "ACCUSE")]
    got = expand_triples(["USA"], ["IRQ", "SYR"], "ASSAULT")
    assert got == [("USA", "IRQ", "ASSAULT"), ("USA", "SYR", "ASSAULT")]
    assert len(expand_triples(["A", "B"], ["C", "D"], "X")) == 4


def test_reciprocal_actors_give_every_ordered_pair() -> None:
    got = expand_triples(["HUN", "ROU"], [], "AGREE", reciprocal=True)
    assert got == [("HUN", "ROU", "AGREE"), ("ROU", "HUN", "AGREE")]
    # three participants: six ordered pairs; two actors of one country still pair up
    assert len(expand_triples(["A", "B", "C"], [], "AGREE", reciprocal=True)) == 6
    assert expand_triples(["SDN", "SDN"], [], "AGREE", reciprocal=True) == [
        ("SDN", "SDN", "AGREE"),
        ("SDN", "SDN", "AGREE"),
    ]


def test_missing_sides_become_none() -> None:
    assert expand_triples([], ["IRQ"], "ASSAULT") == [(None, "IRQ", "ASSAULT")]
    assert expand_triples(["USA", "RUS"], [], "CONSULT") == [
        ("USA", None, "CONSULT"),
        ("RUS", None, "CONSULT"),
    ]
    # a lone source marked reciprocal has nobody to pair with
    assert expand_triples(["SYR"], [], "REJECT", reciprocal=True) == [("SYR", None, "REJECT")]


def test_safe_ratio() -> None:
    assert safe_ratio(3, 4) == 0.75
    assert safe_ratio(3, 0) == 0.0
