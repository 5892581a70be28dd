"""A map of event locations as a self-contained SVG: no tile server, nothing fetched.

Equirectangular projection of the events' bounding box, with longitude
scaled by the cosine of the middle latitude so that shapes are not stretched
at the latitudes of the events; a graticule every 0.5 to 30 degrees labelled
at the edges; one circle per place, its area growing with its event count,
labelled with the place name (a label that would overlap a bigger place's is
left out; the circle's ``<title>`` still names it).  Each circle links to the
events table filtered to that place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

STEPS = (0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0)
MIN_SPAN = 3.0  # degrees: a single place still gets some surroundings
POINT = "#1f4e79"
GRID = "#c8d0d8"
TEXT = "#1b2631"


@dataclass(frozen=True, slots=True)
class MapPlace:
    name: str
    country: str | None
    lat: float
    lon: float
    events: int


def _fmt(v: float) -> str:
    return f"{v:.1f}"


def _degrees(value: float, pos: str, neg: str) -> str:
    hemi = pos if value >= 0 else neg
    text = f"{abs(value):.1f}".removesuffix(".0")
    return f"{text}°{hemi}" if value else "0°"


def _step(span: float) -> float:
    return next((s for s in STEPS if span / s <= 8), STEPS[-1])


def render_map(
    places: Sequence[MapPlace],
    *,
    title: str,
    link: Callable[[MapPlace], str] | None = None,
    width: int = 640,
) -> str:
    """The SVG map of ``places`` (at least one), ``width`` wide and as high as the area needs."""
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    mid_lat = (min(lats) + max(lats)) / 2
    kx = max(math.cos(math.radians(mid_lat)), 0.2)
    lat_span = max(max(lats) - min(lats), MIN_SPAN) * 1.3
    lon_span = max(max(lons) - min(lons), MIN_SPAN) * 1.3
    left, right, top, bottom = 46.0, 14.0, 14.0, 30.0
    plot_w = width - left - right
    plot_h = min(max(plot_w * lat_span / (lon_span * kx), 220.0), 480.0)
    # widen the box in one direction so the degrees fill the panel at one scale
    scale = min(plot_w / (lon_span * kx), plot_h / lat_span)
    lon_span, lat_span = plot_w / (scale * kx), plot_h / scale
    lon0 = (min(lons) + max(lons)) / 2 - lon_span / 2
    lat0 = (min(lats) + max(lats)) / 2 - lat_span / 2
    height = int(top + plot_h + bottom)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return left + (lon - lon0) * kx * scale, top + (lat0 + lat_span - lat) * scale

    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' role='img' class='event-map'>",
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_describe(places))}</desc>",
        f"<rect x='{_fmt(left)}' y='{_fmt(top)}' width='{_fmt(plot_w)}' height='{_fmt(plot_h)}' "
        "fill='#f4f8fb' stroke='#8395a7'/>",
    ]
    out += _graticule(lat0, lon0, lat_span, lon_span, xy, left=left, top=top, plot_w=plot_w, plot_h=plot_h)
    out += _points(places, xy, link=link, right=left + plot_w)
    out.append("</svg>")
    return "\n".join(out)


def _graticule(
    lat0: float,
    lon0: float,
    lat_span: float,
    lon_span: float,
    xy: Callable[[float, float], tuple[float, float]],
    *,
    left: float,
    top: float,
    plot_w: float,
    plot_h: float,
) -> list[str]:
    out: list[str] = []
    step = _step(max(lat_span, lon_span))
    lat = math.ceil(lat0 / step) * step
    while lat <= lat0 + lat_span:
        _, y = xy(lat, lon0)
        out.append(
            f"<line x1='{_fmt(left)}' y1='{_fmt(y)}' x2='{_fmt(left + plot_w)}' y2='{_fmt(y)}' "
            f"stroke='{GRID}' class='graticule' data-lat='{lat:g}'/>"
        )
        out.append(
            f"<text x='{_fmt(left - 4)}' y='{_fmt(y + 4)}' font-size='10' text-anchor='end' "
            f"fill='{TEXT}'>{_degrees(lat, 'N', 'S')}</text>"
        )
        lat += step
    lon = math.ceil(lon0 / step) * step
    while lon <= lon0 + lon_span:
        x, _ = xy(lat0, lon)
        out.append(
            f"<line x1='{_fmt(x)}' y1='{_fmt(top)}' x2='{_fmt(x)}' y2='{_fmt(top + plot_h)}' "
            f"stroke='{GRID}' class='graticule' data-lon='{lon:g}'/>"
        )
        out.append(
            f"<text x='{_fmt(x)}' y='{_fmt(top + plot_h + 16)}' font-size='10' text-anchor='middle' "
            f"fill='{TEXT}'>{_degrees(lon, 'E', 'W')}</text>"
        )
        lon += step
    return out


def _points(
    places: Sequence[MapPlace],
    xy: Callable[[float, float], tuple[float, float]],
    *,
    link: Callable[[MapPlace], str] | None,
    right: float,
) -> list[str]:
    out: list[str] = []
    taken: list[tuple[float, float, float, float]] = []
    for place in sorted(places, key=lambda p: (-p.events, p.name)):
        x, y = xy(place.lat, place.lon)
        r = 4.0 + 2.5 * math.sqrt(place.events)
        where = f"{place.name} ({place.country})" if place.country else place.name
        tip = f"{where}: {place.events} event{'s' if place.events != 1 else ''}"
        circle = (
            f"<circle cx='{_fmt(x)}' cy='{_fmt(y)}' r='{_fmt(r)}' fill='{POINT}' fill-opacity='0.55' "
            f"stroke='{POINT}' stroke-width='1.5' class='place' data-place={quoteattr(place.name)} "
            f"data-events='{place.events}' data-lat='{place.lat:.4f}' data-lon='{place.lon:.4f}'>"
            f"<title>{escape(tip)}</title></circle>"
        )
        if link is not None:
            circle = f"<a href={quoteattr(link(place))} aria-label={quoteattr(tip)}>{circle}</a>"
        out.append(circle)
        w = 7.4 * len(place.name) + 4  # generous: the label must not run off the map
        anchor_end = x + r + w > right
        lo = x - r - 3 - w if anchor_end else x + r + 3
        box = (lo, y - 9, lo + w, y + 5)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        tx = x - r - 3 if anchor_end else x + r + 3
        out.append(
            f"<text x='{_fmt(tx)}' y='{_fmt(y + 4)}' font-size='12' text-anchor="
            f"'{'end' if anchor_end else 'start'}' fill='{TEXT}' stroke='white' stroke-width='3' "
            f"paint-order='stroke' class='place-label'>{escape(place.name)}</text>"
        )
    return out


def _describe(places: Sequence[MapPlace]) -> str:
    top = sorted(places, key=lambda p: (-p.events, p.name))[:8]
    listed = "; ".join(f"{p.name}: {p.events}" for p in top)
    more = f" and {len(places) - len(top)} more" if len(places) > len(top) else ""
    return f"Events by place ({len(places)} places): {listed}{more}."
