"""The fast pattern search (lower-cased text, no case folding) finds exactly what
the case-insensitive search finds, on the original text."""

from __future__ import annotations

import pytest

from detente.time.recognise import compile_recogniser, search

TEXTS = [
    "Talks resumed LAST MONDAY in Baku, and a second round is due in Q3 2025.",
    "The ministers met on 12 March 2024; three weeks later, on April 2, the border reopened.",
    "In the 1990s and early 2000s the two sides met every year, Officials said on Thursday.",
    "İstanbul hosted the talks on Monday, two days after the ceasefire.",  # lengthens when lower-cased
]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_search_equals_case_insensitive_search(text: str) -> None:
    recogniser = compile_recogniser()
    lowered = text.lower()
    same = len(lowered) == len(text)
    found_any = False
    for (_rule, rx), lowered_rx in zip(recogniser.patterns, recogniser.lowered, strict=True):
        slow = [(m.start(), m.end(), m.groupdict()) for m in rx.finditer(text)]
        fast = [
            (m.start(), m.end(), m.groupdict())
            for m in search(rx, lowered_rx, text, lowered if same else None)
        ]
        assert fast == slow
        found_any = found_any or bool(slow)
    assert found_any


def test_matches_are_read_on_the_original_text() -> None:
    recogniser = compile_recogniser()
    text = "They met LAST MONDAY."
    hits = [m.group(0) for rule, rx in recogniser.patterns for m in search(rx, None, text, None)]
    fast = [
        m.group(0)
        for (_rule, rx), lowered_rx in zip(recogniser.patterns, recogniser.lowered, strict=True)
        for m in search(rx, lowered_rx, text, text.lower())
    ]
    assert "LAST MONDAY" in fast
    assert sorted(fast) == sorted(hits)
