"""The store stage: documents and events in an embedded DuckDB file."""

from __future__ import annotations

from detente.store.query import ActorRef, EventFilter
from detente.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration, migrate
from detente.store.store import DEFAULT_DB, IngestReport, Store

__all__ = [
    "DEFAULT_DB",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ActorRef",
    "EventFilter",
    "IngestReport",
    "Migration",
    "Store",
    "migrate",
]
