"""What one app instance owns: the store, the write lock, and lazily loaded resources.

A DuckDB file has one writer process, so the app opens a single read-write
:class:`~detente.store.Store` when it is created and keeps it for its life.
Writes (``POST /documents``) take ``write_lock`` around the store write, so two
submissions never interleave their transactions; the pipeline runs outside
the lock, because analysis is the slow part and touches no database.  Reads
do not wait for writes: each request reads through its own DuckDB cursor (a
connection to the same database instance, which is how DuckDB supports
threads) and sees the last committed state.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.api.settings import ApiSettings
from detente.store import Store

if TYPE_CHECKING:
    from detente.actors.lexicon import ActorLexicon
    from detente.pipeline import Pipeline


class ApiState:
    """The per-app resources; created by :func:`detente.api.create_app`, never global."""

    def __init__(self, db_path: str | Path, *, settings: ApiSettings, pipeline: Pipeline | None) -> None:
        self.settings = settings
        self.store = Store(db_path)
        self.write_lock = threading.Lock()
        self._load_lock = threading.Lock()
        self._pipeline = pipeline
        self._lexicon: ActorLexicon | None = None

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A view of the store on its own cursor, for one request on one thread."""
        view = copy.copy(self.store)
        view.con = self.store.con.cursor()
        try:
            yield view
        finally:
            view.con.close()
            # Keep the name resolver the view loaded, so the lexicon is read once per app.
            resolver: Any = getattr(view, "_resolver", None)
            if resolver is not None and getattr(self.store, "_resolver", None) is None:
                self.store._resolver = resolver

    def pipeline(self) -> Pipeline:
        """The analysis pipeline, loaded on the first submission (spaCy takes seconds)."""
        with self._load_lock:
            if self._pipeline is None:
                from detente.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline

    def lexicon(self) -> ActorLexicon:
        with self._load_lock:
            if self._lexicon is None:
                from detente.actors import ActorsConfig, load

                self._lexicon = load(ActorsConfig())
            return self._lexicon
