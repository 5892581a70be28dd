"""A word-sized SVG sparkline of an index series, for the overview's tables."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup


def sparkline_svg(
    values: Sequence[float | None], label: str, *, width: int = 120, height: int = 28
) -> Markup:
    """The index (fixed scale -1..1, zero line) as a small inline SVG; gaps where a period has no events."""
    covered = [v for v in values if v is not None]
    if not covered:
        return Markup("")
    n = len(values)
    pad = 3.0

    def x(i: int) -> float:
        return pad + (i + 0.5) * (width - 2 * pad) / n

    def y(v: float) -> float:
        return pad + (1 - max(-1.0, min(1.0, v))) / 2 * (height - 2 * pad)

    parts, pen = [], False
    for i, v in enumerate(values):
        if v is None:
            pen = False
            continue
        parts.append(f"{'L' if pen else 'M'}{x(i):.1f},{y(v):.1f}")
        pen = True
    dots = "".join(
        f"<circle cx='{x(i):.1f}' cy='{y(v):.1f}' r='1.3' fill='#1f4e79'/>"
        for i, v in enumerate(values)
        if v is not None
    )
    title = f"{label}: index from {covered[0]:+.2f} to {covered[-1]:+.2f} over {n} periods"
    return Markup(
        f"<svg xmlns='http://www.w3.org/2000/svg' class='sparkline' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img'><title>{escape(title)}</title>"
        f"<line x1='0' y1='{y(0):.1f}' x2='{width}' y2='{y(0):.1f}' stroke='#95a5a6' stroke-width='0.8'/>"
        f"<path d='{' '.join(parts)}' fill='none' stroke='#1f4e79' stroke-width='1.4'/>{dots}</svg>"
    )
