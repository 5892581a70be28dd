"""The DuckDB store: documents and events on disk, queried as DataFrames.

One file, no server.  Ingestion is idempotent: a document whose id and content
are already stored is not processed again; a document whose id is stored with
different content (an updated article) replaces its old version and events in
the same transaction, so a crash never leaves half a document behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from detente import relations as rel
from detente.errors import E402, StoreError
from detente.ingest import Notice, read_inputs
from detente.model import Analysis, Document, Rejected
from detente.store import events_table
from detente.store.dedup import DedupConfig
from detente.store.query import ActorRef, EventFilter, parse_actor
from detente.store.rows import DOCUMENT_COLUMNS, EVENT_COLUMNS, content_hash, event_row
from detente.store.schema import migrate

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

DEFAULT_DB = "detente.duckdb"


@dataclass(slots=True)
class IngestReport:
    """What happened to every input: read = stored + updated + unchanged + rejected."""

    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.read} read: {self.stored} new, {self.updated} updated, "
            f"{self.unchanged} already stored, {len(self.rejected)} rejected; "
            f"{self.events} event mentions extracted"
        )


Progress = Callable[[int], None]


class Store:
    """A detente database: ``Store("news.duckdb").ingest("articles.jsonl")``."""

    def __init__(
        self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, dedup: DedupConfig | None = None
    ) -> None:
        self.path = str(path)
        self.dedup = dedup or DedupConfig()
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0]
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
        self._resolver: Callable[[str], ActorRef | None] | None = None

    # -- lifecycle -------------------------------------------------------
    def close(self) -> None:
        self.con.close()

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
    ) -> IngestReport:
        """Read, analyse and store documents; returns the accounting of every input."""
        from detente.pipeline import Pipeline

        pipe = pipeline or Pipeline()
        report = IngestReport()
        items = _as_items(inputs, published=published, on_notice=on_notice)
        batch: list[Document] = []
        for item in items:
            report.read += 1
            if isinstance(item, Rejected):
                report.rejected.append(item)
                if progress:
                    progress(1)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                self._ingest_batch(batch, pipe, report, progress)
                batch = []
        if batch:
            self._ingest_batch(batch, pipe, report, progress)
        return report

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
        for doc in latest.values():
            if known.get(doc.id) == hashes[doc.id]:
                report.unchanged += 1
            else:
                todo.append(doc)
        if progress and len(batch) > len(todo):
            progress(len(batch) - len(todo))
        done: list[tuple[Analysis, str]] = []
        for result in pipe.analyse(todo):
            if isinstance(result, Rejected):
                report.rejected.append(result)
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
        """Store analysed documents (each in its own transaction), then rebuild the touched events once."""
        roots: set[str] = set()
        for analysis, digest in items:
            roots |= self._write_document(analysis, digest)
        events_table.rebuild(self.con, roots=roots, config=self.dedup)

    def _write_document(self, analysis: Analysis, digest: str) -> set[str]:
        doc = analysis.document
        rows = [event_row(e, event_id=f"{doc.id}#{n}") for n, e in enumerate(analysis.events)]
        values = {
            "id": doc.id,
            "title": doc.title,
            "url": doc.url,
            "source": doc.source,
            "published": doc.published,
            "text": doc.text,
            "content_hash": digest,
            "n_events": len(rows),
            "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        }
        old = self.con.execute(
            "SELECT DISTINCT cameo_root FROM mentions WHERE doc_id = ?", [doc.id]
        ).fetchall()
        roots = {r[0] for r in old} | {e.cameo_root for e in analysis.events}
        self.con.execute("BEGIN TRANSACTION")
        try:
            events_table.mark_stale(self.con)
            self.con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc.id])
            self.con.execute("DELETE FROM documents WHERE id = ?", [doc.id])
            self.con.execute(
                f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in DOCUMENT_COLUMNS)})",
                [values[c] for c in DOCUMENT_COLUMNS],
            )
            if rows:
                self.con.executemany(
                    f"INSERT INTO mentions ({', '.join(EVENT_COLUMNS)}) "
                    f"VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})",
                    rows,
                )
            events_table.link_near_duplicates(
                self.con, doc.id, doc.text, threshold=self.dedup.near_duplicate_threshold
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return roots

    def rebuild_events(self) -> int:
        """Recompute every event from the stored mentions (after changing the merge thresholds)."""
        return events_table.rebuild(self.con, roots=None, config=self.dedup)

    # -- reading ---------------------------------------------------------
    def actor(self, text: str) -> ActorRef:
        """Resolve what a user typed (``IRN``, ``AZEGOV``, ``Iran``) to a query side."""
        return parse_actor(text, self._resolve)

    def _resolve(self, text: str) -> ActorRef | None:
        if self._resolver is None:
            self._resolver = _lexicon_resolver()
        return self._resolver(text)

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
    items = list(inputs) if not isinstance(inputs, list) else inputs
    if items and all(isinstance(i, (str, Path)) for i in items):
        yield from read_inputs(items, published=published, on_notice=on_notice)
        return
    for item in items:
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
