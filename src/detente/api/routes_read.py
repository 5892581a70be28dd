"""Read endpoints: documents, events and their mentions, relations, turning points, dyads, actors.

Every query goes through the store's parameterised filters
(:class:`~detente.store.EventFilter`); extra filters here add SQL fragments
with ``?`` placeholders only.  Numbers are the CLI's: relations come from
:meth:`Store.relations` + :func:`detente.timeline.with_index`, dyads as in
``detente dyads``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request

from detente.api.app import ApiError, not_found, state_of
from detente.api.cache import relations_key
from detente.api.convert import MENTION_EXTRA, clean, clean_row, document_json, event_json, records
from detente.api.settings import E605
from detente.errors import InputError
from detente.store import EventFilter, Store

router = APIRouter()

By = Literal["day", "week", "month", "quarter", "year"]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
From = Annotated[dt.date | None, Query(alias="from", description="First date, YYYY-MM-DD.")]
To = Annotated[dt.date | None, Query(alias="to", description="Last date, YYYY-MM-DD.")]
# Two non-blank names around one comma: what event_filter splits and strips.
PAIR_PATTERN = r"^[^,]*[^,\s][^,]*,[^,]*[^,\s][^,]*$"
ActorQ = Annotated[str, Query(min_length=1, max_length=200, description="IRN, AZEGOV or a name.")]


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/documents", tags=["documents"], summary="Stored documents, oldest first")
def list_documents(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    with state_of(request).reader() as store:
        row = store.con.execute("SELECT count(*) FROM documents").fetchone()
        frame = store.con.execute(
            "SELECT id, title, url, source, published, n_events, ingested_at, duplicate_of "
            "FROM documents ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?",
            [limit, offset],
        ).df()
    items = [document_json(r) for r in frame.to_dict(orient="records")]
    return _page(items, int(row[0]) if row else 0, limit, offset)


@router.get("/documents/{doc_id}", tags=["documents"], summary="One document with its text")
def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    with state_of(request).reader() as store:
        rows = store.con.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).df()
    if not len(rows):
        raise not_found(f"document {doc_id!r}")
    return document_json(rows.to_dict(orient="records")[0], with_text=True)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_filter(store: Store, **q: Any) -> EventFilter:
    """The events filter of the query parameters (names as in ``GET /events``)."""
    pair = None
    if q.get("pair"):
        parts = [p.strip() for p in q["pair"].split(",")]
        if len(parts) != 2 or not all(parts):
            raise InputError(
                f"pair must be two actors separated by a comma (IRN,AZE), not {q['pair']!r}", code="E109"
            )
        pair = (parts[0], parts[1])
    extra: list[tuple[str, tuple[Any, ...]]] = []
    for flag in ("negated", "hypothetical", "future"):
        if q.get(flag) is not None:
            extra.append((f"{flag} = ?", (bool(q[flag]),)))
    if q.get("place"):
        extra.append(
            ("(lower(location_name) = lower(?) OR location_country = upper(?))", (q["place"], q["place"]))
        )
    if q.get("q"):
        extra.append(("evidence ILIKE ? ESCAPE '\\'", (_like(q["q"]),)))
    return store.event_filter(
        actor=q.get("actor") or None,
        pair=pair,
        source=q.get("source") or None,
        target=q.get("target") or None,
        type=q.get("type") or None,
        quad_class=q.get("quad"),
        start=q.get("start"),
        end=q.get("end"),
        facts_only=bool(q.get("facts")),
        extra=tuple(extra),
    )


@router.get("/events", tags=["events"], summary="Events matching every filter, newest first")
def list_events(
    request: Request,
    actor: Annotated[
        str | None, Query(max_length=200, description="Either side: IRN, AZEGOV or a name.")
    ] = None,
    pair: Annotated[
        str | None,
        Query(max_length=400, pattern=PAIR_PATTERN, description="Two actors, either direction: IRN,AZE."),
    ] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    target: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[
        str | None, Query(max_length=40, description="CAMEO prefix (04, 057) or PLOVER type.")
    ] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    negated: bool | None = None,
    hypothetical: bool | None = None,
    future: bool | None = None,
    facts: Annotated[
        bool, Query(description="Only events that happened (not negated/hypothetical/future).")
    ] = False,
    date_from: From = None,
    date_to: To = None,
    place: Annotated[str | None, Query(max_length=200, description="Location name or ISO3 country.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in the evidence sentence.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    with state_of(request).reader() as store:
        flt = event_filter(
            store, actor=actor, pair=pair, source=source, target=target, type=type, quad=quad,
            negated=negated, hypothetical=hypothetical, future=future, facts=facts,
            start=date_from, end=date_to, place=place, q=q,
        )  # fmt: skip
        where, params = flt.where()
        row = store.con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
        frame = store.con.execute(
            f"SELECT * FROM events WHERE {where} ORDER BY date_start DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).df()
    items = [event_json(r) for r in frame.to_dict(orient="records")]
    return _page(items, int(row[0]) if row else 0, limit, offset)


@router.get("/events/{event_id}", tags=["events"], summary="One deduplicated event")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    with state_of(request).reader() as store:
        row = store.event(event_id)
    if row is None:
        raise not_found(f"event {event_id!r}")
    return event_json(row)


@router.get("/events/{event_id}/mentions", tags=["events"], summary="Every extraction merged into an event")
def event_mentions(request: Request, event_id: str) -> dict[str, Any]:
    with state_of(request).reader() as store:
        if store.event(event_id) is None:
            raise not_found(f"event {event_id!r}")
        frame = store.mentions(event_id)
    items = [event_json(r, MENTION_EXTRA) for r in frame.to_dict(orient="records")]
    return {"event_id": event_id, "items": items, "total": len(items)}


@router.get(
    "/relations", tags=["relations"], summary="A pair's relationship per period (as `detente relations`)"
)
async def relations(
    request: Request, a: ActorQ, b: ActorQ, by: By = "month", date_from: From = None, date_to: To = None
) -> dict[str, Any]:
    state = state_of(request)

    def compute() -> dict[str, Any]:
        from detente.timeline import with_index

        with state.reader() as store:
            check_span(store, by, date_from, date_to)
            frame = store.relations(a, b, by=by, start=date_from, end=date_to)
        indexed = with_index(frame) if len(frame) else frame
        return {"a": a, "b": b, "by": by, "periods": records(indexed)}

    key = relations_key(a, b, by, date_from, date_to)
    return await state.cache.json(key, state.store.version, compute)  # type: ignore[return-value]


@router.get(
    "/relations/turning-points", tags=["relations"], summary="Turning points of a pair and their drivers"
)
async def turning_points(
    request: Request,
    a: ActorQ,
    b: ActorQ,
    by: By = "quarter",
    date_from: From = None,
    date_to: To = None,
    drivers: Annotated[int, Query(ge=0, le=50, description="Driving events per point.")] = 3,
) -> dict[str, Any]:
    state = state_of(request)

    def compute() -> dict[str, Any]:
        from detente import timeline

        with state.reader() as store:
            check_span(store, by, date_from, date_to)
            frame = store.relations(a, b, by=by, start=date_from, end=date_to)
            points = timeline.turning_points(timeline.with_index(frame)) if len(frame) else []
            events = store.events(pair=(a, b), facts_only=True) if points else None
        out = []
        for p in points:
            item = {k: clean(v) for k, v in asdict(p).items()}
            item["worsening"] = p.worsening
            top = (
                timeline.drivers(p, events, by=by, limit=drivers) if drivers and events is not None else None
            )
            item["drivers"] = records(top) if top is not None else []
            out.append(item)
        return {"a": a, "b": b, "by": by, "turning_points": out}

    key = ("turning-points", a, b, by, date_from, date_to, drivers)
    return await state.cache.json(key, state.store.version, compute)  # type: ignore[return-value]


@router.get("/dyads", tags=["relations"], summary="Most active and fastest-changing country pairs")
async def dyads(
    request: Request,
    date_from: From = None,
    date_to: To = None,
    by: By = "quarter",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    recent: Annotated[
        int | None, Query(ge=1, le=100, description="Compare the last N periods with the N before.")
    ] = None,
) -> dict[str, Any]:
    state = state_of(request)

    def compute() -> dict[str, Any]:
        from detente.timeline import fastest_changing, with_index

        with state.reader() as store:
            check_span(store, by, date_from, date_to)
            top = store.top_pairs(limit=limit, start=date_from, end=date_to)
            frames = {}
            for r in top.to_dict(orient="records"):
                pair = (r["country_a"], r["country_b"])
                lo = date_from or _as_date(r["first_date"])
                hi = date_to or _as_date(r["last_date"])
                frames[pair] = with_index(store.relations(pair[0], pair[1], by=by, start=lo, end=hi))
        changing = fastest_changing(frames, recent=recent) if frames else None
        return {
            "by": by,
            "active": records(top),
            "changing": records(changing) if changing is not None else [],
        }

    key = ("dyads", date_from, date_to, by, limit, recent)
    return await state.cache.json(key, state.store.version, compute)  # type: ignore[return-value]


# A timeline has a row per period, empty ones included: bound it, or `by=day` from year 1
# to 9999 asks for millions of rows (seconds of CPU and a huge body per request).
MAX_PERIODS = 10_000
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 28, "quarter": 89, "year": 365}


def check_span(store: Store, by: str, start: dt.date | None, end: dt.date | None) -> None:
    """400 when the range (open ends bounded by the stored dates) holds more than MAX_PERIODS periods."""
    lo, hi = start, end
    if lo is None or hi is None:
        row = store.con.execute("SELECT min(date_start), max(date_start) FROM events").fetchone()
        lo = lo or (row[0] if row else None)
        hi = hi or (row[1] if row else None)
    if lo is None or hi is None or hi <= lo:
        return
    if (hi - lo).days // _PERIOD_DAYS[by] + 1 > MAX_PERIODS:
        raise ApiError(
            400,
            E605,
            f"{lo}..{hi} by {by} is more than {MAX_PERIODS:,} periods: give from/to or a coarser by",
        )


def _as_date(value: Any) -> dt.date | None:
    got = clean(value)
    return dt.date.fromisoformat(got[:10]) if isinstance(got, str) else None


@router.get("/actors/lookup", tags=["actors"], summary="How a name resolves to actor codes")
def actor_lookup(
    request: Request,
    name: Annotated[str, Query(min_length=1, max_length=200)],
    date: Annotated[dt.date | None, Query(description="Resolve on this day; default: current roles.")] = None,
) -> dict[str, Any]:
    from detente.actors.tools import lookup_rows

    rows = lookup_rows(state_of(request).lexicon(), name, on=date)
    if not rows:
        raise not_found(f"actor {name!r}")
    return {"name": name, "date": clean(date), "items": [clean_row(asdict(r)) for r in rows]}
