"""What one app instance owns: the store, the write lock, and lazily loaded resources.

A DuckDB file has one writer process, so the app opens a single read-write
:class:`~detente.store.Store` when it is created and keeps it for its life.
Every write (``POST /documents``, and the feed watcher of ``detente serve
--watch``, which runs here in a background thread) goes through a view of that
one store and takes its ``write_lock``, so two writers never interleave their
transactions; the pipeline runs outside the lock, because analysis is the slow
part and touches no database.  Reads do not wait for writes: each request
reads through its own DuckDB cursor (:meth:`Store.reader`, a connection to the
same database instance, which is how DuckDB supports threads) and sees the
last committed state.
"""

from __future__ import annotations

import logging
import threading
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from detente.api.cache import ResponseCache
from detente.api.settings import ApiSettings, WatchSpec
from detente.store import Store

if TYPE_CHECKING:
    from detente.actors.lexicon import ActorLexicon
    from detente.pipeline import Pipeline

log = logging.getLogger(__name__)


class ApiState:
    """The per-app resources; created by :func:`detente.api.create_app`, never global."""

    def __init__(self, db_path: str | Path, *, settings: ApiSettings, pipeline: Pipeline | None) -> None:
        self.settings = settings
        self.store = Store(db_path)
        self.write_lock = self.store.write_lock  # the store's: every writer of this file shares it
        self._load_lock = threading.Lock()
        self._pipeline = pipeline
        self._lexicon: ActorLexicon | None = None
        self.cache = ResponseCache()  # aggregate bodies per store version (see detente.api.cache)
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._watch_spec: WatchSpec | None = None

    def close(self) -> None:
        """Stop the watcher, then close the store (unless a watch pass is still using it)."""
        if not self.stop_watching():
            log.warning("a watch pass is still running: leaving the store to close with the process")
            return
        self.store.close()

    # -- the feed watcher: the server's own writer thread ------------------
    def start_watching(self, spec: WatchSpec) -> threading.Thread:
        """Run :func:`detente.ingest.watch.watch` in a daemon thread on its own view of the store."""
        self._watch_spec = spec
        self._stop.clear()
        thread = threading.Thread(target=self._watch, args=(spec,), name="detente-watch", daemon=True)
        self._watcher = thread
        thread.start()
        return thread

    def stop_watching(self) -> bool:
        """Ask the watcher to stop and wait for it; False if it is still inside a pass after the timeout."""
        thread = self._watcher
        if thread is None:
            return True
        self._stop.set()
        timeout = self._watch_spec.stop_timeout if self._watch_spec is not None else 30.0
        thread.join(timeout)
        if thread.is_alive():
            return False
        self._watcher = None
        return True

    def _watch(self, spec: WatchSpec) -> None:
        from detente.ingest.watch import watch

        try:
            pipeline = self.pipeline()
            if self._stop.is_set():
                return
            with self.store.reader() as view:  # its own cursor; writes share the store's lock
                watch(
                    list(spec.feeds),
                    store=view,
                    every=spec.every,
                    stop=self._stop,
                    pipeline=pipeline,
                    fetch_config=spec.fetch_config,
                    on_pass=spec.on_pass,
                )
        except Exception:  # the API keeps serving; the watcher's end is logged, not raised
            log.exception("the feed watcher stopped")

    def reader(self) -> AbstractContextManager[Store]:
        """A view of the store on its own cursor, for one request on one thread."""
        return self.store.reader()

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
