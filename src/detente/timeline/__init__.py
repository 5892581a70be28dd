"""Timeline analytics over a relations frame: index, turning points, drivers, sparklines, charts.

Pure functions on pandas/numpy: no database, no state.  Input is the frame of
:func:`detente.relations.relations` (plus ``goldstein_abs_sum``); the
definitions live in the submodules' docstrings:

* :mod:`.index` — the cooperation–conflict index and why it is volume-normalised;
* :mod:`.changepoint` — turning points by binary segmentation, penalty and defaults;
* :mod:`.drivers` — which events drove a turning point;
* :mod:`.sparkline`, :mod:`.svg`, :mod:`.chart` — terminal and file output;
* :mod:`.compare` — the fastest-changing pairs.
"""

from __future__ import annotations

from detente.timeline.changepoint import TurningPoint, turning_points
from detente.timeline.chart import render_png, save_chart
from detente.timeline.compare import fastest_changing
from detente.timeline.drivers import drivers
from detente.timeline.index import cooperation_conflict_index, pooled_index, with_index
from detente.timeline.sparkline import sparkline, sparkline_markup
from detente.timeline.svg import render_svg

__all__ = [
    "TurningPoint",
    "cooperation_conflict_index",
    "drivers",
    "fastest_changing",
    "pooled_index",
    "render_png",
    "render_svg",
    "save_chart",
    "sparkline",
    "sparkline_markup",
    "turning_points",
    "with_index",
]
