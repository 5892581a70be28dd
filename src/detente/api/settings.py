"""API settings and error codes, kept apart so the CLI can build them without importing FastAPI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

API_PREFIX = "/api/v1"

# Error codes of the HTTP layer (the E1xx-E4xx families come from detente.errors).
E601 = "E601"  # not found
E602 = "E602"  # missing credentials
E603 = "E603"  # wrong token, or writes disabled
E604 = "E604"  # request body too large
E605 = "E605"  # invalid request (query or body validation)
E606 = "E606"  # not implemented yet
E699 = "E699"  # any other HTTP error


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """How the API guards the store.

    ``token`` is the bearer token for writes (``DETENTE_API_TOKEN``); without one,
    writes are refused.  ``read_open=False`` makes reads require it too.  CORS is
    off unless ``cors_origins`` names origins explicitly.
    """

    token: str | None = None
    read_open: bool = True
    max_body_bytes: int = 1_000_000
    cors_origins: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WatchSpec:
    """Feeds the server watches itself (``detente serve --watch``), so its store keeps one writer.

    ``on_pass`` receives each pass's :class:`~detente.ingest.watch.IngestRunReport`
    (the CLI prints its summary); ``stop_timeout`` is how long shutdown waits for
    a pass in flight before leaving it to die with the process.
    """

    feeds: tuple[str, ...]
    every: float = 900.0
    fetch_config: Any = None  # detente.ingest.http.FetchConfig; Any keeps this module light
    on_pass: Callable[[Any], None] | None = None
    stop_timeout: float = 30.0
