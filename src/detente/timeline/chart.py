"""Chart files: SVG always (hand-written), PNG when matplotlib is installed.

matplotlib is installed with detente but imported inside :func:`render_png`
only (it is slow to import), and driven through its object API
(``Figure`` + ``FigureCanvasAgg``) so no global pyplot state is touched.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from detente.errors import InputError
from detente.timeline.changepoint import TurningPoint
from detente.timeline.index import with_index
from detente.timeline.svg import BETTER, LINE, MUTED, WORSE, period_ticks, render_svg

PNG_NEEDS_MATPLOTLIB = "PNG output needs matplotlib: pip install 'matplotlib>=3.8'"


def render_png(
    frame: pd.DataFrame,
    points: Sequence[TurningPoint] = (),
    *,
    a: str,
    b: str,
    title: str | None = None,
    dpi: int = 120,
) -> bytes:
    """The same chart as :func:`render_svg`, as PNG bytes drawn by matplotlib."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise InputError(PNG_NEEDS_MATPLOTLIB, code="E112") from None
    data = frame if "index" in frame.columns and "volume" in frame.columns else with_index(frame)
    heading = title if title is not None else f"{a} – {b}: cooperation–conflict index"
    fig = Figure(figsize=(9.0, 4.4), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.08, 0.30, 0.9, 0.58))
    vol = fig.add_axes((0.08, 0.12, 0.9, 0.13), sharex=ax)
    xs = list(range(len(data)))
    ax.axhspan(0, 1, color=BETTER, alpha=0.05)
    ax.axhspan(-1, 0, color=WORSE, alpha=0.05)
    ax.axhline(0, color="#555", linewidth=1)
    if "index_smooth" in data.columns:
        ax.plot(xs, data["index_smooth"].astype(float), color=LINE, alpha=0.55, linestyle="--",
                linewidth=1.5, label="trailing pooled mean")  # fmt: skip
    ax.plot(xs, data["index"].astype(float), color=LINE, marker="o", markersize=3, linewidth=2, label="index")
    for p in points:
        if 0 <= p.position < len(data):
            colour = WORSE if p.worsening else BETTER
            ax.axvline(p.position - 0.5, color=colour, linestyle=":", linewidth=1.5)
            ax.annotate(f"{p.period_label} {p.direction}", (p.position - 0.5, 0.92), color=colour,
                        fontsize=8, xytext=(3, 0), textcoords="offset points")  # fmt: skip
    ax.set_ylim(-1, 1)
    ax.set_ylabel("cooperation–conflict index")
    ax.set_title(heading, loc="left", fontsize=11, fontweight="bold")
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    ax.tick_params(labelbottom=False)
    vol.bar(xs, data["volume"].astype(int), color=MUTED, alpha=0.6, width=0.7)
    vol.set_ylabel("events", fontsize=8)
    ticks = period_ticks(data) if len(data) else []
    vol.set_xticks([i for i, _ in ticks], [label for _, label in ticks], fontsize=8)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def save_chart(
    path: str | Path,
    frame: pd.DataFrame,
    points: Sequence[TurningPoint] = (),
    *,
    a: str,
    b: str,
    title: str | None = None,
) -> Path:
    """Write the chart to ``path``; the suffix (.svg or .png) chooses the format. Returns the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".svg":
        payload: bytes = render_svg(frame, points, a=a, b=b, title=title).encode("utf-8")
    elif suffix == ".png":
        payload = render_png(frame, points, a=a, b=b, title=title)
    else:
        raise InputError(f"cannot write a chart as {target.name!r}: name a .svg or .png file", code="E112")
    try:
        target.write_bytes(payload)
    except OSError as exc:
        raise InputError(f"cannot write chart {target}: {exc.strerror or exc}", code="E112") from None
    return target
