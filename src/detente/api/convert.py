"""Stored rows to JSON-ready dicts: no NaN, no pandas timestamps, dates as ISO strings."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from detente.store.rows import row_to_contract

EVENT_EXTRA = (
    "date_start",
    "date_end",
    "num_mentions",
    "num_articles",
    "num_sources",
    "first_seen",
    "last_seen",
)
MENTION_EXTRA = ("event_id", "title", "url", "doc_source", "published", "duplicate_of")
DOCUMENT_FIELDS = ("id", "title", "url", "source", "published", "n_events", "ingested_at", "duplicate_of")


def clean(value: Any) -> Any:
    """One cell as plain JSON: missing values become None, dates ISO strings."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return None
        if value == value.normalize():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            return None
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    if value is pd.NaT or value is pd.NA:
        return None
    return value


def clean_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: clean(v) for k, v in row.items()}


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [clean_row(r) for r in frame.to_dict(orient="records")]


def _nested(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _nested(v) for k, v in value.items()}
    return clean(value)


def event_json(row: Mapping[str, Any], extra: tuple[str, ...] = EVENT_EXTRA) -> dict[str, Any]:
    """A stored event (or mention) in the ``detente extract`` contract shape, plus store fields."""
    out = _nested(row_to_contract(dict(row)))
    for key in extra:
        if key in row:
            out[key] = clean(row[key])
    return out


def document_json(row: Mapping[str, Any], *, with_text: bool = False) -> dict[str, Any]:
    fields = (*DOCUMENT_FIELDS, "text") if with_text else DOCUMENT_FIELDS
    return {k: clean(row.get(k)) for k in fields}
