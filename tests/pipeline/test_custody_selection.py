"""Agentless arrests survive selective parsing: the sentence names no actor, so
the actors matcher alone would leave it unparsed and the events stage silent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from detente.events.custody import participles
from detente.model import Analysis


def test_regular_participles() -> None:
    assert participles("detain") == {"detained"}
    assert participles("imprison") == {"imprisoned"}
    assert participles("apprehend") == {"apprehended"}
    assert participles("nab") == {"nabbed", "nabed"}
    assert participles("seize") == {"seized"}
    assert participles("bury") == {"buried"}


def test_agentless_arrest_in_a_sentence_without_actors_is_coded(analyse: Callable[..., Analysis]) -> None:
    text = (
        "Tension gripped the market town through the night. "
        "Eleven young men were arrested after the clashes on Saturday."
    )
    result = analyse(text, published=dt.date(2025, 3, 2))
    codes = [e.cameo for e in result.events]
    assert any(code.startswith("173") for code in codes), codes


def test_sentences_without_custody_words_stay_unparsed(analyse: Callable[..., Analysis]) -> None:
    text = "Rain fell on the market town through the night. The river rose by a metre."
    result = analyse(text)
    assert result.events == ()
    assert all(not t.dep for t in result.parsed.tokens)
