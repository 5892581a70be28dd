"""The DuckDB store: documents and events on disk, queried as DataFrames.

One file, no server.  Ingestion is idempotent: a document whose id and content
are already stored is not processed again; a document whose id is stored with
different content (an updated article) replaces its old version and events in
the same transaction, so a crash never leaves half a document behind.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from detente import relations as rel
from detente.errors import E402, StoreError
from detente.ingest import Notice, read_inputs
from detente.ingest.language import detect_language
from detente.model import Analysis, Document, Rejected
from detente.store import events_table, owner, runs
from detente.store.dedup import DedupConfig
from detente.store.query import ActorRef, EventFilter, parse_actor
from detente.store.rows import (
    DOCUMENT_COLUMNS,
    EVENT_COLUMNS,
    content_hash,
    document_values,
    event_row,
    insert_rows,
)
from detente.store.runs import E108, E132, IngestReport
from detente.store.schema import migrate

if TYPE_CHECKING:
    from detente.ingest.feeds import FeedState
    from detente.pipeline import Pipeline

DEFAULT_DB = "detente.duckdb"


Progress = Callable[[int], None]


class Store:
    """A detente database: ``Store("news.duckdb").ingest("articles.jsonl")``."""

    def __init__(
        self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, dedup: DedupConfig | None = None
    ) -> None:
        self.path = str(path)
        self.dedup = dedup or DedupConfig()
        # Shared by every view from reader(): one name resolver, one write lock per open store.
        self._resolvers: list[Callable[[str], ActorRef | None]] = []
        self._shared_lock = threading.Lock()
        self.write_lock = threading.RLock()
        self._writes = [0]  # bumped after every committed write: see `version`
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0]
            busy = owner.busy_message(self.path, reason)
            if busy is not None:  # another process holds the file: say which, and where to go instead
                raise StoreError(busy, code=owner.E403) from None
            raise StoreError(E402.format(path=self.path, reason=reason), code="E402") from None
        if not read_only:
            migrate(self.con, path=self.path)
            stored = events_table.saved_config(self.con)
            if dedup is None and stored is not None:
                self.dedup = stored
            elif stored != self.dedup:
                # The merge thresholds belong to the store: new ones apply to every event at once.
                events_table.save_config(self.con, self.dedup)
                if stored is not None:
                    events_table.mark_stale(self.con)
            if events_table.is_stale(self.con):
                self.rebuild_events()
        else:
            self.dedup = dedup or events_table.saved_config(self.con) or DedupConfig()

    # -- lifecycle -------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    @property
    def version(self) -> int:
        """Writes committed through this open store (any view): changes whenever its events may have.

        The process holding a store read-write is its only writer (DuckDB locks
        the file), so this counter is a sound key for caching query results.
        """
        return self._writes[0]

    def _wrote(self) -> None:
        with self._shared_lock:
            self._writes[0] += 1

    @contextmanager
    def reader(self) -> Iterator[Store]:
        """This store on its own DuckDB cursor, for one thread (a server request, a feed watcher).

        A DuckDB connection must not be used by two threads at once; a cursor is
        a connection to the same open database, so each thread reads the last
        committed state without waiting for the others.  Views share the name
        resolver and :attr:`write_lock`, so writes through any of them are
        serialised and never interleave their transactions.
        """
        view = copy.copy(self)
        view.con = self.con.cursor()
        try:
            yield view
        finally:
            view.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------
    def ingest(
        self,
        inputs: str | Path | Sequence[str | Path] | Iterable[Document],
        *,
        pipeline: Pipeline | None = None,
        published: dt.date | None = None,
        progress: Progress | None = None,
        on_notice: Callable[[Notice], None] | None = None,
        batch_size: int = 64,
        report: IngestReport | None = None,
        command: str = "ingest",
        sources: Sequence[str] | None = None,
    ) -> IngestReport:
        """Read, analyse and store documents; returns the accounting of every input.

        The run is a row of ``ingest_runs``, its counts updated after every batch
        (each batch is committed before the next is read, so a killed run loses at
        most the batch in flight, which a rerun redoes).  A caller that runs several
        ingestions as one run (a watch pass) passes a ``report`` whose ``run_id`` it
        opened with :meth:`begin_run` and closes with :meth:`end_run`.
        """
        from detente.pipeline import Pipeline

        pipe = pipeline or Pipeline()
        report = report if report is not None else IngestReport()
        own_run = report.run_id is None
        if own_run:
            described = sources if sources is not None else runs.describe_inputs(inputs)
            report.run_id = self.begin_run(command, described)
        items = _as_items(inputs, published=published, on_notice=on_notice)
        batch: list[Document] = []
        status = "failed"
        try:
            for item in items:
                report.read += 1
                carried = item.extra.get("document") if isinstance(item, Rejected) and item.extra else None
                if isinstance(carried, Document):  # a reader's non-English document: stored, not analysed
                    item = carried
                if isinstance(item, Rejected):
                    report.add(item)
                    if progress:
                        progress(1)
                    continue
                batch.append(item)
                if len(batch) >= batch_size:
                    self._ingest_batch(batch, pipe, report, progress)
                    with self.write_lock:
                        runs.update_run(self.con, report.run_id, report)
                    batch = []
            if batch:
                self._ingest_batch(batch, pipe, report, progress)
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            if own_run:
                self.end_run(report, status=status)
            else:
                with self.write_lock:
                    runs.update_run(self.con, report.run_id, report)
        return report

    def begin_run(self, command: str, sources: Sequence[str]) -> str:
        """Open a row of ``ingest_runs`` and return its id."""
        with self.write_lock:
            return runs.begin_run(self.con, command=command, sources=sources)

    def end_run(self, report: IngestReport, *, status: str = "done") -> None:
        """Write the final counts and reasons of ``report``'s run and close it."""
        if report.run_id is not None:
            with self.write_lock:
                runs.update_run(self.con, report.run_id, report, status=status)

    def ingest_runs(self, *, limit: int | None = 20) -> pd.DataFrame:
        """The most recent runs with their counts and reasons (JSON), newest first."""
        sql = "SELECT * FROM ingest_runs ORDER BY started DESC"
        return self.con.execute(sql + (f" LIMIT {int(limit)}" if limit is not None else "")).df()

    # -- watched feeds (state saved after the documents it describes) --------
    def feed_state(self, url: str) -> FeedState:
        return runs.load_feed_state(self.con, url)

    def save_feed_state(self, url: str, state: FeedState) -> None:
        with self.write_lock:
            runs.save_feed_state(self.con, url, state)

    def pending_feed_items(self, url: str) -> list[tuple[str, str]]:
        return runs.pending_items(self.con, url)

    def mark_feed_items(self, url: str, outcomes: Sequence[runs.ItemOutcome]) -> None:
        with self.write_lock:
            runs.mark_items(self.con, url, outcomes)

    def _ingest_batch(
        self, batch: list[Document], pipe: Pipeline, report: IngestReport, progress: Progress | None
    ) -> None:
        # Within a batch, the last version of an id wins, as it would across batches.
        latest: dict[str, Document] = {}
        for doc in batch:
            if doc.id in latest:
                report.unchanged += 1
            latest[doc.id] = doc
        hashes = {d.id: content_hash(d) for d in latest.values()}
        known = self._known_hashes(list(latest))
        todo: list[Document] = []
        foreign: list[tuple[Document, str]] = []
        for doc in latest.values():
            if known.get(doc.id) == hashes[doc.id]:
                report.unchanged += 1
            elif not doc.text.strip():
                report.add(Rejected(doc.id, "ingest", E108, "empty or whitespace-only text"))
            elif (language := detect_language(doc.text)) != "en":
                foreign.append((doc, language))
                report.add(
                    Rejected(
                        doc.id,
                        "ingest",
                        E132,
                        f"not English ({language}): stored with its language, not analysed",
                        {"language": language, "disposition": "skipped"},
                    )
                )
            else:
                todo.append(doc)
        if progress and len(batch) > len(todo):
            progress(len(batch) - len(todo))
        if foreign:
            self._write_batch([(doc, hashes[doc.id], language) for doc, language in foreign])
        done: list[tuple[Analysis, str]] = []
        for result in pipe.analyse(todo):
            if isinstance(result, Rejected):
                report.add(result)
            else:
                done.append((result, hashes[result.document.id]))
                report.events += len(result.events)
                if result.document.id in known:
                    report.updated += 1
                else:
                    report.stored += 1
            if progress:
                progress(1)
        if done:
            self.write_many(done)

    def _known_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM documents WHERE list_contains(?, id)", [ids]
        ).fetchall()
        return dict(rows)

    def write(self, analysis: Analysis, *, content: str | None = None) -> None:
        """Store one analysed document and its mentions, then bring its events up to date."""
        self.write_many([(analysis, content or content_hash(analysis.document))])

    def write_many(self, items: Sequence[tuple[Analysis, str]]) -> None:
        """Store analysed documents in one transaction, then rebuild the touched events once."""
        self._write_batch([(analysis, digest, "en") for analysis, digest in items])

    def _write_batch(self, items: Sequence[tuple[Analysis | Document, str, str]]) -> None:
        """Documents (a bare one is stored unanalysed, with its language) and mentions, all or none.

        One transaction per batch: a process killed at any moment leaves either the
        whole batch or none of it (a rerun redoes it), and a commit per batch
        instead of per document is what makes a large ingestion fast.  The events
        are rebuilt after the commit; the ``rebuild_events`` flag raised inside the
        transaction makes the next open rebuild them if the process dies in between.
        """
        if not items:
            return
        latest = {(i if isinstance(i, Document) else i.document).id: (i, d, lang) for i, d, lang in items}
        ids = list(latest)
        stamp = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        doc_rows: list[tuple[Any, ...]] = []
        mention_rows: list[tuple[Any, ...]] = []
        roots: set[str] = set()
        for item, digest, language in latest.values():
            doc = item if isinstance(item, Document) else item.document
            found = () if isinstance(item, Document) else item.events
            rows = [event_row(e, event_id=f"{doc.id}#{n}") for n, e in enumerate(found)]
            mention_rows += rows
            roots |= {e.cameo_root for e in found}
            values = document_values(
                doc, digest=digest, n_events=len(rows), language=language, ingested_at=stamp
            )
            doc_rows.append(tuple(values[c] for c in DOCUMENT_COLUMNS))
        with self.write_lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                events_table.mark_stale(self.con)
                old = self.con.execute(
                    "SELECT DISTINCT cameo_root FROM mentions WHERE list_contains(?, doc_id)", [ids]
                ).fetchall()
                roots |= {r[0] for r in old}
                self.con.execute("DELETE FROM mentions WHERE list_contains(?, doc_id)", [ids])
                self.con.execute("DELETE FROM doc_bands WHERE list_contains(?, doc_id)", [ids])
                self.con.execute("DELETE FROM documents WHERE list_contains(?, id)", [ids])
                insert_rows(self.con, "documents", DOCUMENT_COLUMNS, doc_rows)
                insert_rows(self.con, "mentions", EVENT_COLUMNS, mention_rows)
                for item, _digest, language in latest.values():
                    doc = item if isinstance(item, Document) else item.document
                    if language == "en":  # in input order, as if the documents came one by one
                        events_table.link_near_duplicates(
                            self.con, doc.id, doc.text, threshold=self.dedup.near_duplicate_threshold
                        )
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            try:
                events_table.rebuild(self.con, roots=roots, config=self.dedup)
            finally:
                self._wrote()  # the documents are committed, whatever the rebuild did

    def rebuild_events(self) -> int:
        """Recompute every event from the stored mentions (after changing the merge thresholds)."""
        try:
            return events_table.rebuild(self.con, roots=None, config=self.dedup)
        finally:
            self._wrote()

    # -- reading ---------------------------------------------------------
    def actor(self, text: str) -> ActorRef:
        """Resolve what a user typed (``IRN``, ``AZEGOV``, ``Iran``) to a query side."""
        return parse_actor(text, self._resolve)

    def _resolve(self, text: str) -> ActorRef | None:
        if not self._resolvers:
            with self._shared_lock:
                if not self._resolvers:
                    self._resolvers.append(_lexicon_resolver())
        return self._resolvers[0](text)

    def event_filter(
        self,
        *,
        actor: str | None = None,
        pair: tuple[str, str] | None = None,
        source: str | None = None,
        target: str | None = None,
        type: str | None = None,
        quad_class: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        facts_only: bool = False,
        doc_id: str | None = None,
        extra: tuple[tuple[str, tuple[Any, ...]], ...] = (),
    ) -> EventFilter:
        """Filters as users write them (names, codes, ISO3) resolved to a parameterised query."""
        return EventFilter(
            actor=self.actor(actor) if actor else None,
            pair=(self.actor(pair[0]), self.actor(pair[1])) if pair else None,
            source=self.actor(source) if source else None,
            target=self.actor(target) if target else None,
            event_type=type,
            quad_class=quad_class,
            start=start,
            end=end,
            facts_only=facts_only,
            doc_id=doc_id,
            extra=extra,
        )

    def events(
        self,
        *,
        actor: str | None = None,
        pair: tuple[str, str] | None = None,
        source: str | None = None,
        target: str | None = None,
        type: str | None = None,
        quad_class: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        facts_only: bool = False,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Stored events matching every given filter, newest first."""
        flt = self.event_filter(
            actor=actor,
            pair=pair,
            source=source,
            target=target,
            type=type,
            quad_class=quad_class,
            start=start,
            end=end,
            facts_only=facts_only,
            doc_id=doc_id,
        )
        where, params = flt.where()
        sql = f"SELECT * FROM events WHERE {where} ORDER BY date_start DESC NULLS LAST, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.con.execute(sql, params).df()

    def relations(
        self,
        a: str,
        b: str,
        *,
        by: str = "month",
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> pd.DataFrame:
        return rel.relations(self.con, self.actor(a), self.actor(b), by=by, start=start, end=end)

    def pair_timelines(
        self,
        pairs: list[tuple[str, str]],
        *,
        by: str = "month",
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> dict[tuple[str, str], pd.DataFrame]:
        """Timelines of many country pairs at once (see :func:`detente.relations.pair_timelines`)."""
        return rel.pair_timelines(self.con, pairs, by=by, start=start, end=end)

    def top_pairs(
        self, *, limit: int = 10, start: dt.date | None = None, end: dt.date | None = None
    ) -> pd.DataFrame:
        return rel.top_pairs(self.con, limit=limit, start=start, end=end)

    def documents(self, *, limit: int | None = None) -> pd.DataFrame:
        sql = (
            "SELECT id, title, url, source, published, n_events, ingested_at "
            "FROM documents ORDER BY published, id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.con.execute(sql, params).df()

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "mentions", "events"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def mentions(self, event_id: str) -> pd.DataFrame:
        """Every extraction merged into one event, with its document: why the merge happened."""
        return self.con.execute(
            """SELECT m.*, d.title, d.url, d.source AS doc_source, d.published, d.duplicate_of
               FROM mentions m JOIN documents d ON d.id = m.doc_id
               WHERE m.event_id = ? ORDER BY d.published, m.id""",
            [event_id],
        ).df()

    def event(self, event_id: str) -> dict[str, Any] | None:
        rows = (
            self.con.execute("SELECT * FROM events WHERE id = ?", [event_id]).df().to_dict(orient="records")
        )
        return rows[0] if rows else None


def _as_items(
    inputs: str | Path | Sequence[str | Path] | Iterable[Document],
    *,
    published: dt.date | None,
    on_notice: Callable[[Notice], None] | None,
) -> Iterator[Document | Rejected]:
    if isinstance(inputs, (str, Path)):
        yield from read_inputs([inputs], published=published, on_notice=on_notice)
        return
    if isinstance(inputs, (list, tuple)) and inputs and all(isinstance(i, (str, Path)) for i in inputs):
        yield from read_inputs(list(inputs), published=published, on_notice=on_notice)
        return
    for item in inputs:  # streamed: a generator of fetched documents is stored as it goes
        if isinstance(item, (Document, Rejected)):
            yield item
        else:
            raise TypeError(f"cannot ingest {type(item).__name__}: give paths or Documents")


def _lexicon_resolver() -> Callable[[str], ActorRef | None]:
    """Names to query sides via the actors stage's lexicon, loaded on first use."""
    from detente import actors

    lexicon = actors.load(actors.ActorsConfig())
    lookup = getattr(lexicon, "lookup", None)

    def resolve(text: str) -> ActorRef | None:
        if lookup is None:
            return None
        found = lookup(text)
        if found is None:
            return None
        if found.country and found.kind == "state":
            return ActorRef(text, country=found.country)
        return ActorRef(text, code=found.code)

    return resolve
