"""Acts aimed at no named party take the state of the place they happen in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from detente.model import Analysis

Analyse = Callable[..., Analysis]
DAY = dt.date(2025, 4, 28)


def triples(a: Analysis) -> set[tuple[str | None, str | None, str]]:
    return {
        (e.source.actor.code if e.source else None, e.target.actor.code if e.target else None, e.cameo_root)
        for e in a.events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # force used abroad falls on the country it lands in
        ("Israeli tanks fired four shells at targets in Jericho on Sunday.", ("ISRMIL", "PSE", "19")),
        ("Russian forces shelled positions near Kharkiv overnight.", ("RUSMIL", "UKR", "19")),
        # a protest at home is addressed to that country's government
        (
            "Thousands of Iraqi protesters rallied in the northern city of Kirkuk on Sunday.",
            ("IRQ", "IRQGOV", "14"),
        ),
        # force a state uses at home falls on its civilians
        ("Turkish authorities imposed a curfew in the town of Cizre on Tuesday.", ("TURGOV", "TURCVL", "17")),
    ],
)
def test_the_place_of_the_act_is_its_target(
    analyse: Analyse, text: str, expected: tuple[str, str, str]
) -> None:
    got = triples(analyse(text, published=DAY))
    assert any(
        (s or "").startswith(expected[0]) and t == expected[1] and root == expected[2] for s, t, root in got
    ), got


def test_a_named_target_wins_over_the_place(analyse: Analyse) -> None:
    got = triples(
        analyse("Iranian police arrested dozens of protesters in Tehran on Saturday.", published=DAY)
    )
    assert ("IRNCOP", "IRNCVL", "17") in got
    assert all(t != "IRN" for _, t, _ in got)


def test_a_place_named_elsewhere_in_the_sentence_is_not_borrowed(analyse: Analyse) -> None:
    # "in Geneva" belongs to the statement, not to the attack
    got = triples(analyse("Speaking in Geneva, the rebels said they attacked the convoy.", published=DAY))
    assert all(t is None or not t.startswith("CHE") for _, t, _ in got)


def test_cooperation_never_takes_a_place_as_its_partner(analyse: Analyse) -> None:
    got = triples(analyse("Azerbaijani diplomats praised the talks in Tehran on Monday.", published=DAY))
    assert all(t is None or t[:3] != "IRN" for _, t, _ in got)
