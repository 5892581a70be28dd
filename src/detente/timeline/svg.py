"""A self-contained SVG chart of a relationship timeline, written by hand (no plotting library).

Layout, top to bottom: title and legend; the index panel on the fixed scale
[-1, 1] (fixed so charts of different pairs compare at a glance) with a
zero line, the index per period (gaps where a period has no events), its
pooled trailing mean (dashed) and the turning points as vertical lines at
the boundary where the new regime starts, labelled with period and kind; a
small band of event-volume bars (stacked by quad class with ``quads=True``);
the period axis (years when the timeline spans several years, otherwise
thinned period labels).

The values drawn are also carried as ``data-*`` attributes (``data-period``
and ``data-index`` on each point, ``data-events`` and ``data-q1``..``data-q4``
on each bar, ``data-period`` and ``data-direction`` on each turning point), so
the dashboard's tests and scripts read numbers, not pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from detente.timeline.changepoint import TurningPoint
from detente.timeline.index import with_index

WORSE = "#c0392b"
BETTER = "#1e8449"
LINE = "#1f4e79"
MUTED = "#7f8c8d"
MUTED_TEXT = "#566573"  # grey text that keeps a 4.5:1 contrast on white
QUADS = (
    ("q1_verbal_coop", "verbal cooperation", "#82c99a"),
    ("q2_material_coop", "material cooperation", "#1e8449"),
    ("q3_verbal_conflict", "verbal conflict", "#e59866"),
    ("q4_material_conflict", "material conflict", "#922b21"),
)
_FONT = "font-family='Helvetica, Arial, sans-serif'"


def _num(v: float) -> str:
    return f"{v:.1f}"


def _text(x: float, y: float, content: str, *, size: int = 11, anchor: str = "start", extra: str = "") -> str:
    return (
        f"<text x='{_num(x)}' y='{_num(y)}' font-size='{size}' text-anchor='{anchor}' {_FONT}{extra}>"
        f"{escape(content)}</text>"
    )


def _path(xs: Sequence[float], ys: Sequence[float | None]) -> str:
    """An SVG path that lifts the pen over missing values."""
    parts: list[str] = []
    pen_down = False
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{_num(x)},{_num(y)}")
        pen_down = True
    return " ".join(parts)


def period_ticks(frame: pd.DataFrame, max_ticks: int = 14) -> list[tuple[int, str]]:
    """(row, label) pairs for the period axis: year starts on long multi-year timelines, else thinned."""
    labels = [str(v) for v in frame["period_label"]]
    n = len(labels)
    years = [pd.Timestamp(p).year for p in frame["period"]]
    if n > max_ticks and len(set(years)) > 1:
        starts = [i for i in range(n) if i == 0 or years[i] != years[i - 1]]
        step = math.ceil(len(starts) / max_ticks)
        return [(i, str(years[i])) for i in starts[::step]]
    step = max(1, math.ceil(n / max_ticks))
    return [(i, labels[i]) for i in range(0, n, step)]


def render_svg(
    frame: pd.DataFrame,
    points: Sequence[TurningPoint] = (),
    *,
    a: str,
    b: str,
    title: str | None = None,
    width: int = 880,
    height: int = 420,
    quads: bool = False,
) -> str:
    """The timeline of ``frame`` (a relations frame, indexed or not) as an SVG document string.

    ``quads=True`` stacks the volume bars by quad class (needs the frame's ``q1_*``..``q4_*`` counts).
    """
    data = frame if "index" in frame.columns and "volume" in frame.columns else with_index(frame)
    quads = quads and all(col in data.columns for col, _, _ in QUADS)
    heading = title if title is not None else f"{a} – {b}: cooperation–conflict index"
    left, right, top, bottom = 58.0, 24.0, 80.0 if quads else 64.0, 58.0
    vol_h, gap = 46.0, 12.0
    plot_w = width - left - right
    idx_h = height - top - bottom - vol_h - gap
    idx_bottom = top + idx_h
    vol_top, vol_bottom = idx_bottom + gap, idx_bottom + gap + vol_h
    n = len(data)
    step = plot_w / max(n, 1)

    def x_at(i: float) -> float:
        return left + (i + 0.5) * step

    def y_at(v: float) -> float:
        return top + (1.0 - max(-1.0, min(1.0, v))) / 2.0 * idx_h

    out: list[str] = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' data-a={quoteattr(a)} data-b={quoteattr(b)}>",
        f"<title>{escape(heading)}</title>",
        f"<desc>{escape(_summary(data, points))}</desc>",
        f"<rect x='0' y='0' width='{width}' height='{height}' fill='white'/>",
        _text(left, 22, heading, size=15, extra=" font-weight='bold'"),
    ]
    out += _legend(left, 44, quads=quads)
    # panel: shaded halves, grid, zero line
    out.append(
        f"<rect x='{_num(left)}' y='{_num(top)}' width='{_num(plot_w)}' height='{_num(idx_h / 2)}' "
        f"fill='{BETTER}' fill-opacity='0.05'/>"
    )
    out.append(
        f"<rect x='{_num(left)}' y='{_num(y_at(0))}' width='{_num(plot_w)}' height='{_num(idx_h / 2)}' "
        f"fill='{WORSE}' fill-opacity='0.05'/>"
    )
    for v in (-1.0, -0.5, 0.0, 0.5, 1.0):
        y = y_at(v)
        stroke = "#555" if v == 0 else "#ddd"
        out.append(
            f"<line x1='{_num(left)}' y1='{_num(y)}' x2='{_num(left + plot_w)}' y2='{_num(y)}' "
            f"stroke='{stroke}' stroke-width='1'/>"
        )
        out.append(_text(left - 6, y + 4, f"{v:+.1f}" if v else "0", size=10, anchor="end"))
    out.append(_text(left + 4, top + 12, "cooperation", size=10, extra=f" fill='{BETTER}'"))
    out.append(_text(left + 4, idx_bottom - 5, "conflict", size=10, extra=f" fill='{WORSE}'"))
    out.append(
        _text(14, top + idx_h / 2, "cooperation–conflict index", size=10, anchor="middle",
              extra=f" transform='rotate(-90 14 {_num(top + idx_h / 2)})'")
    )  # fmt: skip
    if n == 0:
        out.append(_text(left + plot_w / 2, top + idx_h / 2 - 10, "no events", size=13, anchor="middle"))
        out.append("</svg>")
        return "\n".join(out)
    # volume bars
    volume = [int(v) for v in data["volume"]]
    vmax = max(max(volume), 1)
    bar_w = max(step * 0.7, 0.5)
    periods = [str(v) for v in data["period_label"]]
    for i, v in enumerate(volume):
        if v:
            out += _bar(data.iloc[i], x=x_at(i) - bar_w / 2, w=bar_w, bottom=vol_bottom,
                        scale=vol_h / vmax, volume=v, period=periods[i], quads=quads)  # fmt: skip
    out.append(
        f"<line x1='{_num(left)}' y1='{_num(vol_bottom)}' x2='{_num(left + plot_w)}' y2='{_num(vol_bottom)}' "
        f"stroke='#555' stroke-width='1'/>"
    )
    out.append(_text(left - 6, vol_top + 8, f"{vmax}", size=9, anchor="end"))
    out.append(_text(left - 6, vol_bottom, "0", size=9, anchor="end"))
    out.append(_text(left + plot_w, vol_top - 2, "events per period", size=9, anchor="end",
                     extra=f" fill='{MUTED_TEXT}'"))  # fmt: skip
    # index lines
    xs = [x_at(i) for i in range(n)]
    if "index_smooth" in data.columns:
        smooth = [None if pd.isna(v) else y_at(float(v)) for v in data["index_smooth"]]
        out.append(
            f"<path d='{_path(xs, smooth)}' fill='none' stroke='{LINE}' stroke-opacity='0.55' "
            f"stroke-width='1.5' stroke-dasharray='5,4'/>"
        )
    ys = [None if pd.isna(v) else y_at(float(v)) for v in data["index"]]
    out.append(f"<path d='{_path(xs, ys)}' fill='none' stroke='{LINE}' stroke-width='2'/>")
    for x, y, label, value in zip(xs, ys, periods, data["index"], strict=True):
        if y is not None:
            out.append(
                f"<circle cx='{_num(x)}' cy='{_num(y)}' r='2.6' fill='{LINE}' class='index-point' "
                f"data-period={quoteattr(label)} data-index='{float(value):.4f}'>"
                f"<title>{escape(label)}: index {float(value):+.2f}</title></circle>"
            )
    out += _turning_points(points, n=n, x_at=x_at, step=step, top=top, bottom=vol_bottom, right=left + plot_w)
    # period axis
    for i, label in period_ticks(data):
        x = x_at(i)
        out.append(
            f"<line x1='{_num(x)}' y1='{_num(vol_bottom)}' x2='{_num(x)}' y2='{_num(vol_bottom + 4)}' "
            f"stroke='#555'/>"
        )
        out.append(_text(x, vol_bottom + 16, label, size=10, anchor="middle"))
    first, last = data["period_label"].iloc[0], data["period_label"].iloc[-1]
    out.append(_text(left + plot_w / 2, height - 10, f"period ({first} to {last})", size=10, anchor="middle"))
    out.append("</svg>")
    return "\n".join(out)


def _bar(
    row: pd.Series, *, x: float, w: float, bottom: float, scale: float, volume: int, period: str, quads: bool
) -> list[str]:
    """One period's volume bar: a single grey bar, or stacked quad-class segments (q1 at the bottom)."""
    counts = {col: int(row[col]) if col in row.index and not pd.isna(row[col]) else 0 for col, _, _ in QUADS}
    attrs = " ".join(f"data-q{n}='{counts[col]}'" for n, (col, _, _) in enumerate(QUADS, start=1))
    tip = ", ".join(f"{counts[col]} {name}" for col, name, _ in QUADS)
    head = (
        f"<g class='volume-bar' data-period={quoteattr(period)} data-events='{volume}' {attrs}>"
        f"<title>{escape(f'{period}: {volume} events ({tip})')}</title>"
    )
    if not quads or sum(counts.values()) == 0:
        h = volume * scale
        return [
            head + f"<rect x='{_num(x)}' y='{_num(bottom - h)}' width='{_num(w)}' height='{_num(h)}' "
            f"fill='{MUTED}' fill-opacity='0.6'/></g>"
        ]
    parts, base = [head], bottom
    for col, _, colour in QUADS:
        h = counts[col] * scale
        if h:
            base -= h
            parts.append(
                f"<rect x='{_num(x)}' y='{_num(base)}' width='{_num(w)}' height='{_num(h)}' fill='{colour}'/>"
            )
    parts.append("</g>")
    return ["".join(parts)]


def _summary(data: pd.DataFrame, points: Sequence[TurningPoint]) -> str:
    """A text alternative of the chart for screen readers."""
    if not len(data):
        return "No events."
    labels = [str(v) for v in data["period_label"]]
    covered = [v for v in data["index"] if not pd.isna(v)]
    text = f"{len(labels)} periods from {labels[0]} to {labels[-1]}, {int(data['volume'].sum())} events"
    if covered:
        text += f"; index from {min(covered):+.2f} to {max(covered):+.2f}"
    if points:
        text += "; turning points: " + ", ".join(f"{p.direction} at {p.period_label}" for p in points)
    return text + "."


def _legend(x: float, y: float, *, quads: bool = False) -> list[str]:
    tick = "<line x1='9' y1='-7' x2='9' y2='5' stroke='{}' stroke-width='2'/>"
    items = [
        (f"<line x1='0' y1='0' x2='18' y2='0' stroke='{LINE}' stroke-width='2'/>", "index"),
        (
            f"<line x1='0' y1='0' x2='18' y2='0' stroke='{LINE}' stroke-opacity='0.55' stroke-width='1.5' "
            "stroke-dasharray='5,4'/>",
            "trailing pooled mean",
        ),
        (tick.format(WORSE), "rupture / deterioration"),
        (tick.format(BETTER), "thaw / improvement"),
    ]
    square = "<rect x='4' y='-6' width='10' height='10' fill='{}'{}/>"
    volume = [(square.format(MUTED, " fill-opacity='0.6'"), "events")]
    rows = [items[:2] + volume + items[2:]]
    if quads:
        rows = [items, [(square.format(colour, ""), f"events: {name}") for _, name, colour in QUADS]]
    out = []
    for n, row in enumerate(rows):
        out.append(f"<g class='legend' transform='translate({_num(x)},{_num(y + 16 * n)})'>")
        offset = 0.0
        for mark, label in row:
            out.append(f"<g transform='translate({_num(offset)},0)'>{mark}{_text(24, 4, label, size=10)}</g>")
            offset += 30 + 6.2 * len(label)
        out.append("</g>")
    return out


def _turning_points(
    points: Sequence[TurningPoint],
    *,
    n: int,
    x_at: Callable[[float], float],
    step: float,
    top: float,
    bottom: float,
    right: float,
) -> list[str]:
    out: list[str] = []
    row_end: list[float] = []  # right edge of the last label in each text row, to stagger labels
    for p in sorted(points, key=lambda q: q.position):
        if not 0 <= p.position < n:
            continue
        x = x_at(p.position) - step / 2
        colour = WORSE if p.worsening else BETTER
        out.append(
            f"<line x1='{_num(x)}' y1='{_num(top)}' x2='{_num(x)}' y2='{_num(bottom)}' stroke='{colour}' "
            f"stroke-width='1.5' stroke-dasharray='2,2' class='turning-point' "
            f"data-period={quoteattr(p.period_label)} data-direction={quoteattr(p.direction)} "
            f"data-before='{p.before_mean:.4f}' data-after='{p.after_mean:.4f}'>"
            f"<title>{escape(_describe(p))}</title></line>"
        )
        label = f"{p.period_label} {p.direction}"
        width = 6.0 * len(label) + 8
        anchor_end = x + width > right
        lo_x, hi_x = (x - width, x) if anchor_end else (x, x + width)
        row = next((r for r, end in enumerate(row_end) if end < lo_x), len(row_end))
        if row == len(row_end):
            row_end.append(hi_x)
        else:
            row_end[row] = hi_x
        y = top + 24 + 13 * row
        out.append(
            _text(x - 3 if anchor_end else x + 3, y, label, size=10,
                  anchor="end" if anchor_end else "start", extra=f" fill={quoteattr(colour)}")
        )  # fmt: skip
    return out


def _describe(p: TurningPoint) -> str:
    return (
        f"{p.period_label}: {p.direction}, mean {p.before_mean:+.2f} -> {p.after_mean:+.2f} "
        f"(shift {p.magnitude:.2f}, {p.score:.1f} standard errors)"
    )
