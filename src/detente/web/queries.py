"""What each page shows, read from a store view: plain dicts and lists, ready for the templates.

Every query goes through :meth:`Store.event_filter` (parameterised SQL) or the
store's own readers, so the dashboard shows the same numbers as the CLI and
the API: ``relations`` and turning points as ``detente relations``, pairs as
``detente dyads``.  Functions take the store (a per-request view) and return
data; they never render.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from detente.api.convert import clean, clean_row
from detente.store import EventFilter, Store
from detente.web.geo import MapPlace
from detente.web.highlight import pieces
from detente.web.names import FLAGS, MODALITIES

PAGE_SIZE = 25
BY = ("month", "quarter", "year")
WINDOW_YEARS = 4  # the overview compares and draws the pairs over the latest years only


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The events table's filters, as the pair page's form sends them."""

    type: str = ""
    quad: int | None = None
    modality: str = ""
    place: str = ""
    page: int = 1

    def extra(self) -> tuple[tuple[str, tuple[Any, ...]], ...]:
        out: list[tuple[str, tuple[Any, ...]]] = []
        if self.modality in FLAGS:
            out.append((f"{self.modality} = ?", (True,)))
        return tuple(out)

    def params(self, **changes: Any) -> dict[str, str]:
        """The query string of this filter (with ``changes``), without empty values."""
        values = {
            "type": self.type,
            "quad": "" if self.quad is None else str(self.quad),
            "modality": self.modality,
            "place": self.place,
            "page": "" if self.page == 1 else str(self.page),
        }
        values.update({k: "" if v is None else str(v) for k, v in changes.items()})
        return {k: v for k, v in values.items() if v}


def parse_query(type: str, quad: str, modality: str, place: str, page: str) -> EventQuery:
    """Form values to a filter; nonsense becomes a ValueError with a message for the page."""
    quad_class = None
    if quad.strip():
        if quad.strip() not in {"1", "2", "3", "4"}:
            raise ValueError("quad class must be 1, 2, 3 or 4")
        quad_class = int(quad)
    if modality not in MODALITIES:
        raise ValueError(f"modality must be one of: {', '.join(m for m in MODALITIES if m)}")
    number = int(page) if page.strip().isdigit() else 1
    return EventQuery(type.strip(), quad_class, modality, place.strip()[:200], max(number, 1))


def event_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row for a template: clean values and its flags as a list."""
    out = clean_row(row)
    out["flags"] = [f for f in FLAGS if row.get(f) is True or row.get(f) == 1]
    out["day"] = str(out.get("date_start") or out.get("date") or "")[:10]
    return out


def _events_page(store: Store, flt: EventFilter, *, page: int) -> tuple[list[dict[str, Any]], int]:
    where, params = flt.where()
    row = store.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
    total = int(row[0]) if row else 0
    frame = store.con.execute(
        f"SELECT * FROM events WHERE {where} ORDER BY date_start DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
    ).df()
    return [event_dict(r) for r in frame.to_dict(orient="records")], total


def overview(store: Store, *, by: str = "quarter", limit: int = 10) -> dict[str, Any]:
    """Counts, the most active and fastest-changing pairs, recent turning points and events."""
    from detente.timeline import fastest_changing, turning_points, with_index

    top = store.top_pairs(limit=limit)
    pairs = list(zip(top["country_a"], top["country_b"], strict=True))
    start = window_start(store)
    timelines = store.pair_timelines(pairs, by=by, start=start) if pairs else {}
    frames = {p: with_index(f) for p, f in timelines.items()}
    changing = fastest_changing(frames) if frames else pd.DataFrame()
    if len(changing):
        changing = changing[changing["change"].notna()]
    points = []
    for (a, b), frame in frames.items():
        for p in turning_points(frame) if len(frame) else []:
            points.append({"a": a, "b": b, **{k: clean(v) for k, v in _point(p).items()}})
    points.sort(key=lambda p: (str(p["period"]), p["a"], p["b"]), reverse=True)
    active = [clean_row(r) for r in top.to_dict(orient="records")]
    for r in active:
        frame = frames.get((r["country_a"], r["country_b"]))
        r["trend"] = [None if pd.isna(v) else float(v) for v in frame["index"]] if frame is not None else []
    recent = store.con.execute(
        "SELECT * FROM events WHERE NOT (negated OR hypothetical OR future) "
        "ORDER BY date_start DESC NULLS LAST, id LIMIT 10"
    ).df()
    return {
        "counts": store.counts(),
        "by": by,
        "since": start,
        "active": active,
        "changing": [clean_row(r) for r in changing.to_dict(orient="records")],
        "points": points[:10],
        "recent": [event_dict(r) for r in recent.to_dict(orient="records")],
        "countries": countries(store),
    }


def window_start(store: Store, *, years: int = WINDOW_YEARS) -> dt.date | None:
    """The first day of the overview's window: January 1st, ``years`` before the latest event."""
    row = store.con.execute(
        "SELECT max(date_start) FROM events WHERE NOT (negated OR hypothetical OR future)"
    ).fetchone()
    last = row[0] if row else None
    return dt.date(last.year - years, 1, 1) if last is not None else None


def countries(store: Store) -> list[str]:
    """The countries that appear on either side of a stored event, for the pair picker."""
    rows = store.con.execute(
        "SELECT DISTINCT c FROM (SELECT source_country AS c FROM events UNION ALL "
        "SELECT target_country FROM events) WHERE c IS NOT NULL ORDER BY c"
    ).fetchall()
    return [r[0] for r in rows]


def _point(p: Any) -> dict[str, Any]:
    return {
        "period": p.period,
        "period_label": p.period_label,
        "direction": p.direction,
        "worsening": p.worsening,
        "before_mean": p.before_mean,
        "after_mean": p.after_mean,
        "score": p.score,
    }


def pair(store: Store, a: str, b: str, *, by: str, query: EventQuery) -> dict[str, Any]:
    """The pair page: timeline frame and turning points with drivers, filtered events, places, types."""
    from detente import timeline

    frame = store.relations(a, b, by=by)
    frame = timeline.with_index(frame) if len(frame) else frame
    points = timeline.turning_points(frame) if len(frame) else []
    facts = store.events(pair=(a, b), facts_only=True) if points else None
    turning = []
    for p in points:
        top = timeline.drivers(p, facts, by=by, limit=3) if facts is not None else pd.DataFrame()
        turning.append({**_point(p), "drivers": [event_dict(r) for r in top.to_dict(orient="records")]})
    base = store.event_filter(
        pair=(a, b),
        type=query.type or None,
        quad_class=query.quad,
        facts_only=query.modality == "facts",
        extra=query.extra(),
    )
    place = (("lower(location_name) = lower(?)", (query.place,)),) if query.place else ()
    shown = EventFilter(**{**_fields(base), "extra": base.extra + place})
    events, total = _events_page(store, shown, page=query.page)
    return {
        "frame": frame,
        "points": points,
        "turning": turning,
        "events": events,
        "total": total,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "places": places(store, base),
        "unplaced": _count(store, base, "location_lat IS NULL"),
        "types": _types(store, store.event_filter(pair=(a, b))),
    }


def _fields(flt: EventFilter) -> dict[str, Any]:
    return {name: getattr(flt, name) for name in EventFilter.__dataclass_fields__}


def _count(store: Store, flt: EventFilter, condition: str) -> int:
    where, params = flt.where()
    row = store.con.execute(f"SELECT count(*) FROM events WHERE {where} AND {condition}", params).fetchone()
    return int(row[0]) if row else 0


def places(store: Store, flt: EventFilter) -> list[MapPlace]:
    """Events per named place (with coordinates) under ``flt``."""
    where, params = flt.where()
    rows = store.con.execute(
        f"""SELECT location_name, any_value(location_country), avg(location_lat), avg(location_lon), count(*)
            FROM events WHERE {where} AND location_lat IS NOT NULL AND location_lon IS NOT NULL
            AND location_name IS NOT NULL
            GROUP BY location_name ORDER BY count(*) DESC, location_name LIMIT 200""",
        params,
    ).fetchall()
    return [MapPlace(r[0], r[1], float(r[2]), float(r[3]), int(r[4])) for r in rows]


def _types(store: Store, flt: EventFilter) -> dict[str, list[tuple[str, int]]]:
    where, params = flt.where()
    roots = store.con.execute(
        f"SELECT cameo_root, count(*) FROM events WHERE {where} GROUP BY 1 ORDER BY 1", params
    ).fetchall()
    plover = store.con.execute(
        f"SELECT plover, count(*) FROM events WHERE {where} AND plover IS NOT NULL GROUP BY 1 ORDER BY 1",
        params,
    ).fetchall()
    return {"cameo": [(r[0], int(r[1])) for r in roots], "plover": [(r[0], int(r[1])) for r in plover]}


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event and its mentions, each with its evidence cut into highlighted pieces."""
    row = store.event(event_id)
    if row is None:
        return None
    mentions = store.mentions(event_id).to_dict(orient="records")
    ids = sorted({m["doc_id"] for m in mentions})
    texts = dict(
        store.con.execute("SELECT id, text FROM documents WHERE list_contains(?, id)", [ids]).fetchall()
    )
    out = []
    for m in mentions:
        item = event_dict(m)
        item["pieces"] = pieces(m, texts.get(m["doc_id"]))
        out.append(item)
    return {"event": event_dict(row), "mentions": out}


def actor(store: Store, code: str, *, lookup: list[dict[str, Any]]) -> dict[str, Any]:
    """An actor's partners (facts only) and its recent events; ``code`` as users write it."""
    ref = store.actor(code)
    side_s, ps = ref.sql("source")
    side_t, pt = ref.sql("target")
    own = " AND partner <> ?" if ref.country else ""
    rows = store.con.execute(
        f"""SELECT partner, count(*) AS events,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   round(avg(goldstein), 2) AS goldstein_mean, max(date_start) AS last_date
            FROM (SELECT *, CASE WHEN ({side_s}) THEN target_country ELSE source_country END AS partner
                  FROM events WHERE (({side_s}) OR ({side_t})) AND NOT (negated OR hypothetical OR future))
            WHERE partner IS NOT NULL{own}
            GROUP BY partner ORDER BY events DESC, partner LIMIT 15""",
        [*ps, *ps, *pt, *([ref.country] if ref.country else [])],
    ).df()
    recent, total = _events_page(store, store.event_filter(actor=code), page=1)
    return {
        "ref": ref,
        "lookup": lookup,
        "partners": [clean_row(r) for r in rows.to_dict(orient="records")],
        "events": recent,
        "total": total,
    }


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A stored document with its text and its event mentions."""
    rows = store.con.execute(
        "SELECT id, title, url, source, published, text, n_events, duplicate_of FROM documents WHERE id = ?",
        [doc_id],
    ).df()
    if not len(rows):
        return None
    mentions = store.con.execute(
        "SELECT * FROM mentions WHERE doc_id = ? ORDER BY sentence, id", [doc_id]
    ).df()
    return {
        "document": clean_row(rows.to_dict(orient="records")[0]),
        "mentions": [event_dict(r) for r in mentions.to_dict(orient="records")],
    }
