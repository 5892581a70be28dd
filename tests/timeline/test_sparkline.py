"""Terminal sparklines."""

from __future__ import annotations

import math

from rich.text import Text

from detente.timeline import sparkline, sparkline_markup


def test_sparkline_spans_the_blocks_and_marks_silences() -> None:
    assert sparkline(range(8)) == "▁▂▃▄▅▆▇█"
    assert sparkline([0.0, None, math.nan, 1.0]) == "▁··█"
    assert sparkline([None, None]) == "··"
    assert sparkline([]) == ""
    assert sparkline([0.5, 0.5]) == "▄▄"
    assert sparkline([0.0, 1.0], missing=" ") == "▁█"


def test_fixed_scale_compares_pairs_and_clips() -> None:
    assert sparkline([-1.0, 0.0, 1.0, 3.0], lo=-1, hi=1) == "▁▅██"
    assert sparkline([0.1, 0.2], lo=-1, hi=1) == "▅▅"


def test_diverging_markup_colours_by_sign() -> None:
    markup = sparkline_markup([-0.8, -0.4, 0.0, None, 0.4, 0.8])
    assert markup == "[red]▁▃[/red][dim]▅·[/dim][green]▆█[/green]"
    text = Text.from_markup(markup)
    assert text.plain == "▁▃▅·▆█"
    assert sparkline_markup([0.1], scale=1.0) == "[green]▅[/green]"
    assert sparkline_markup([]) == ""
