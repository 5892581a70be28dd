"""Model objects to table rows and back; the only place that knows the column order."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

import duckdb

from detente.model import ActorMention, Document, Event

DOCUMENT_COLUMNS = (
    "id",
    "title",
    "url",
    "source",
    "published",
    "text",
    "content_hash",
    "n_events",
    "ingested_at",
    "language",
)

_ACTOR_FIELDS = ("text", "start", "end", "name", "country", "sector", "code", "wikidata")

EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "doc_id",
    "sentence",
    "evidence",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "cameo",
    "cameo_root",
    "plover",
    "plover_mode",
    "quad_class",
    "goldstein",
    "date",
    "date_precision",
    "date_text",
    "date_basis",
    "date_start",
    "date_end",
    "location_text",
    "location_start",
    "location_end",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "location_geonameid",
    "location_feature",
    "negated",
    "hypothetical",
    "future",
    "historical",
    "confidence",
)


def document_values(
    doc: Document, *, digest: str, n_events: int, language: str, ingested_at: Any = None
) -> dict[str, Any]:
    """A ``documents`` row by column name: one definition for the store and the Spark job."""
    return {
        "id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "published": doc.published,
        "text": doc.text,
        "content_hash": digest,
        "n_events": n_events,
        "ingested_at": ingested_at,
        "language": language,
    }


def content_hash(doc: Document) -> str:
    """What makes two versions of a document the same for idempotent ingestion."""
    h = hashlib.sha256()
    for part in (doc.text, str(doc.published or ""), doc.title or "", doc.url or "", doc.source or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def date_range(value: str | None, precision: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day covered by an event date at its precision.

    Values are the contract's ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a
    ``decade`` precision widens a year to its ten years.
    """
    if not value:
        return None, None
    try:
        parts = [int(p) for p in value.split("-")]
    except ValueError:
        return None, None
    try:
        if len(parts) == 3:
            day = dt.date(*parts)
            if precision == "week":
                start = day - dt.timedelta(days=day.weekday())
                return start, start + dt.timedelta(days=6)
            return day, day
        if len(parts) == 2:
            year, month = parts
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        if len(parts) == 1:
            year = parts[0]
            if precision == "decade":
                base = year - year % 10
                return dt.date(base, 1, 1), dt.date(base + 9, 12, 31)
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None, None
    return None, None


def _actor(prefix: str, mention: ActorMention | None) -> dict[str, Any]:
    data = mention.to_dict() if mention else {}
    return {f"{prefix}_{f}": data.get(f) for f in _ACTOR_FIELDS}


def event_row(event: Event, *, event_id: str) -> tuple[Any, ...]:
    start, end = date_range(event.date, event.date_precision)
    loc = event.location.to_dict() if event.location else {}
    row: dict[str, Any] = {
        "id": event_id,
        "doc_id": event.doc_id,
        "sentence": event.sentence,
        "evidence": event.evidence,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        **_actor("source", event.source),
        **_actor("target", event.target),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "date_basis": event.date_basis,
        "date_start": start,
        "date_end": end,
        "location_text": loc.get("text"),
        "location_start": loc.get("start"),
        "location_end": loc.get("end"),
        "location_name": loc.get("name"),
        "location_country": loc.get("country"),
        "location_lat": loc.get("lat"),
        "location_lon": loc.get("lon"),
        "location_geonameid": loc.get("geonameid"),
        "location_feature": loc.get("feature"),
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "historical": event.historical,
        "confidence": event.confidence,
    }
    return tuple(row[c] for c in EVENT_COLUMNS)


def row_to_contract(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row as the ``detente extract`` JSON object (plus its ``id``)."""

    def actor(p: str) -> dict[str, Any] | None:
        if row.get(f"{p}_text") is None:
            return None
        return {f: row.get(f"{p}_{f}") for f in _ACTOR_FIELDS}

    location = None
    if row.get("location_text") is not None:
        location = {
            "text": row["location_text"],
            "start": row["location_start"],
            "end": row["location_end"],
            "name": row["location_name"],
            "country": row["location_country"],
            "lat": row["location_lat"],
            "lon": row["location_lon"],
            "geonameid": row["location_geonameid"],
            "feature": row["location_feature"],
        }
    return {
        "id": row["id"],
        "doc_id": row["doc_id"],
        "sentence": row["sentence"],
        "evidence": row["evidence"],
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "source": actor("source"),
        "target": actor("target"),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "plover": row["plover"],
        "plover_mode": row["plover_mode"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "date_text": row["date_text"],
        "date_basis": row["date_basis"],
        "location": location,
        "negated": row["negated"],
        "hypothetical": row["hypothetical"],
        "future": row["future"],
        "historical": row["historical"],
        "confidence": row["confidence"],
    }


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Many rows in few statements (a statement per row is what made ingestion slow)."""
    one = f"({', '.join('?' for _ in columns)})"
    for start in range(0, len(rows), 100):
        chunk = rows[start : start + 100]
        con.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join(one for _ in chunk)}",
            [value for row in chunk for value in row],
        )
