"""Fastest-changing pairs for `detente dyads`."""

from __future__ import annotations

import math

import pytest

from detente.errors import InputError
from detente.timeline import fastest_changing


def test_pairs_rank_by_the_size_of_their_change(make_frame) -> None:
    frames = {
        ("AZE", "IRN"): make_frame([[3.0, 2.0]] * 6 + [[-8.0, -4.0]] * 6),  # rupture
        ("ARM", "AZE"): make_frame([[-3.0]] * 6 + [[-3.0, 3.0]] * 6),  # out of conflict
        ("FRA", "DEU"): make_frame([[4.0]] * 12),  # steady
        ("USA", "CUB"): make_frame([[]] * 6 + [[2.0]] * 6),  # no events earlier: no change
    }
    out = fastest_changing(frames)
    assert list(zip(out["a"], out["b"], strict=True)) == [
        ("AZE", "IRN"),
        ("ARM", "AZE"),
        ("FRA", "DEU"),
        ("USA", "CUB"),
    ]
    top = out.iloc[0]
    assert (top["earlier"], top["later"]) == ("2022-01..2022-06", "2022-07..2022-12")
    assert (top["events_earlier"], top["events_later"]) == (12, 12)
    assert top["index_earlier"] == pytest.approx(30 / 90, abs=1e-4) and top["index_later"] == pytest.approx(
        -72 / 132, abs=1e-4
    )
    assert top["direction"] == "rupture"
    assert out.iloc[1]["direction"] == "thaw"
    assert out.iloc[2]["change"] == 0 and out.iloc[2]["direction"] == ""
    assert math.isnan(out.iloc[3]["change"])
    assert len(fastest_changing(frames, limit=2)) == 2


def test_recent_compares_the_last_periods_with_the_ones_before(make_frame) -> None:
    frames = {("AZE", "IRN"): make_frame([[5.0]] * 8 + [[-5.0]] * 2 + [[6.0]] * 2)}
    halves = fastest_changing(frames).iloc[0]
    recent = fastest_changing(frames, recent=2).iloc[0]
    assert (recent["earlier"], recent["later"]) == ("2022-09..2022-10", "2022-11..2022-12")
    assert recent["change"] > 0.5 > abs(halves["change"])
    short = fastest_changing(frames, recent=10).iloc[0]  # 12 periods: last 10 against the 2 before
    assert (short["earlier"], short["later"]) == ("2022-01..2022-02", "2022-03..2022-12")


def test_odd_lengths_leave_the_middle_out_and_bad_options_fail(make_frame) -> None:
    out = fastest_changing({("A", "B"): make_frame([[1.0], [-9.0], [1.0]])}).iloc[0]
    assert (out["earlier"], out["later"], out["change"]) == ("2022-01", "2022-03", 0.0)
    assert fastest_changing({}).empty
    with pytest.raises(InputError):
        fastest_changing({("A", "B"): make_frame([[1.0]])}, recent=0)
