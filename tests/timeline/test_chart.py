"""SVG and PNG charts."""

from __future__ import annotations

import datetime as dt
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from detente.errors import InputError
from detente.timeline import render_png, render_svg, save_chart, turning_points, with_index
from detente.timeline.chart import PNG_NEEDS_MATPLOTLIB
from detente.timeline.svg import period_ticks

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def timeline(make_frame):
    rng = np.random.default_rng(11)
    months = (
        [list(rng.uniform(1, 5, 6)) for _ in range(10)]
        + [[] for _ in range(2)]
        + [list(rng.uniform(-9, -3, 12)) for _ in range(10)]
        + [list(rng.uniform(-2, 6, 6)) for _ in range(10)]
    )
    frame = with_index(make_frame(months, first=dt.date(2022, 1, 1)))
    return frame, turning_points(frame)


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{NS}text")]


def test_svg_is_well_formed_and_labels_the_turning_points(timeline) -> None:
    frame, points = timeline
    assert [p.direction for p in points] == ["rupture", "thaw"]
    svg = render_svg(frame, points, a="AZE", b="IRN <&>")
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    labels = texts(svg)
    assert "AZE – IRN <&>: cooperation–conflict index" in labels  # escaped, then parsed back
    for p in points:
        assert f"{p.period_label} {p.direction}" in labels
    assert {"2022", "2023", "2024"} <= set(labels)  # year ticks on a multi-year monthly timeline
    circles = list(root.iter(f"{NS}circle"))
    assert len(circles) == int(frame["covered"].sum())
    paths = [p.get("d", "") for p in root.iter(f"{NS}path")]
    assert any(d.count("M") >= 2 for d in paths)  # the line is lifted over the silent months


def test_svg_accepts_a_raw_frame_an_empty_one_and_a_title(make_frame) -> None:
    raw = make_frame([[3.0], [-2.0], [1.0]])
    labels = texts(render_svg(raw, [], a="A", b="B", title="My chart"))
    assert "My chart" in labels and "2022-01" in labels
    empty = render_svg(raw.iloc[0:0], [], a="A", b="B")
    assert "no events" in texts(empty)


def test_period_ticks_thin_short_timelines(make_frame) -> None:
    ticks = period_ticks(make_frame([[1.0]] * 30, first=dt.date(2023, 1, 1)))
    assert [label for _, label in ticks] == ["2023", "2024", "2025"]
    short = period_ticks(make_frame([[1.0]] * 6))
    assert [i for i, _ in short] == list(range(6))


def test_png_without_matplotlib_says_how_to_get_it(timeline, monkeypatch, tmp_path: Path) -> None:
    frame, points = timeline
    for name in ("matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg"):
        monkeypatch.setitem(sys.modules, name, None)  # makes `import` raise ImportError
    with pytest.raises(InputError) as err:
        render_png(frame, points, a="AZE", b="IRN")
    assert (
        err.value.args[0]
        == PNG_NEEDS_MATPLOTLIB
        == "PNG output needs matplotlib: pip install 'matplotlib>=3.8'"
    )
    with pytest.raises(InputError, match="matplotlib"):
        save_chart(tmp_path / "out.png", frame, points, a="AZE", b="IRN")
    assert not (tmp_path / "out.png").exists()


def test_png_with_matplotlib(timeline) -> None:
    pytest.importorskip("matplotlib")
    frame, points = timeline
    assert render_png(frame, points, a="AZE", b="IRN").startswith(b"\x89PNG\r\n\x1a\n")


def test_save_chart_chooses_by_suffix(timeline, tmp_path: Path) -> None:
    frame, points = timeline
    path = save_chart(tmp_path / "out.SVG", frame, points, a="AZE", b="IRN")
    ET.parse(path)
    with pytest.raises(InputError, match=r"\.svg or \.png") as err:
        save_chart(tmp_path / "out.pdf", frame, points, a="AZE", b="IRN")
    assert err.value.code == "E112"
    with pytest.raises(InputError, match="cannot write chart"):
        save_chart(tmp_path / "missing" / "out.svg", frame, points, a="AZE", b="IRN")
