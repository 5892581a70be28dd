"""Terminal sparklines: one character per period.

Missing values (periods without events) print as ``·`` so a silence stays
visible and the characters stay aligned with the periods.  ``sparkline`` scales
between the data's minimum and maximum unless ``lo``/``hi`` are given (give
``lo=-1, hi=1`` to compare pairs on the index's own scale).
``sparkline_markup`` is diverging: the scale is symmetric around zero, so
zero sits mid-height, and rich markup colours cooperation green and conflict
red.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

BLOCKS = "▁▂▃▄▅▆▇█"
MISSING = "·"


def _finite(values: Iterable[float | None]) -> list[float | None]:
    out: list[float | None] = []
    for v in values:
        try:
            f = float(v)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            out.append(None)
            continue
        out.append(f if math.isfinite(f) else None)
    return out


def _glyph(v: float, lo: float, hi: float) -> str:
    if hi <= lo:
        return BLOCKS[len(BLOCKS) // 2 - 1]
    level = round((min(max(v, lo), hi) - lo) / (hi - lo) * (len(BLOCKS) - 1))
    return BLOCKS[level]


def sparkline(
    values: Iterable[float | None],
    *,
    lo: float | None = None,
    hi: float | None = None,
    missing: str = MISSING,
) -> str:
    """One block character per value; ``missing`` for None/NaN."""
    vals = _finite(values)
    present = [v for v in vals if v is not None]
    if not present:
        return missing * len(vals)
    low = min(present) if lo is None else lo
    high = max(present) if hi is None else hi
    return "".join(missing if v is None else _glyph(v, low, high) for v in vals)


def sparkline_markup(
    values: Iterable[float | None],
    *,
    scale: float | None = None,
    missing: str = MISSING,
) -> str:
    """A diverging sparkline as rich markup: green above zero, red below, dim at zero or missing.

    ``scale`` is the absolute value mapped to the full height (default: the
    largest absolute value; give 1.0 for the index's own scale).
    """
    vals = _finite(values)
    present = [abs(v) for v in vals if v is not None]
    top = scale if scale is not None else (max(present) if present else 1.0)
    top = top if top > 0 else 1.0
    parts: list[str] = []
    for v in vals:
        if v is None:
            parts.append(f"[dim]{missing}[/dim]")
            continue
        glyph = _glyph(v, -top, top)
        style = "green" if v > 0 else "red" if v < 0 else "dim"
        parts.append(f"[{style}]{glyph}[/{style}]")
    return _merge_runs("".join(parts))


def _merge_runs(markup: str) -> str:
    """Join neighbouring runs of the same style (``[red]▂[/red][red]▁[/red]`` -> ``[red]▂▁[/red]``)."""
    for style in ("green", "red", "dim"):
        joint = f"[/{style}][{style}]"
        while joint in markup:
            markup = markup.replace(joint, "")
    return markup
