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
            f"{self.unchanged} already stored, {len(self.rejected)} rejected; {self.events} events stored"
        )


Progress = Callable[[int], None]


class Store:
    """A detente database: ``Store("news.duckdb").ingest("articles.jsonl")``."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0]
            raise StoreError(E402.format(path=self.path, reason=reason), code="E402") from None
        if not read_only:
            migrate(self.con, path=self.path)
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
        for result in pipe.analyse(todo):
            if isinstance(result, Rejected):
                report.rejected.append(result)
            else:
                replaced = result.document.id in known
                self.write(result, content=hashes[result.document.id])
                report.events += len(result.events)
                if replaced:
                    report.updated += 1
                else:
                    report.stored += 1
            if progress:
                progress(1)

    def _known_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM documents WHERE list_contains(?, id)", [ids]
        ).fetchall()
        return dict(rows)

    def write(self, analysis: Analysis, *, content: str | None = None) -> None:
        """Store one analysed document and its events, replacing any older version."""
        doc = analysis.document
        digest = content or content_hash(doc)
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
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM events WHERE doc_id = ?", [doc.id])
            self.con.execute("DELETE FROM documents WHERE id = ?", [doc.id])
            self.con.execute(
                f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in DOCUMENT_COLUMNS)})",
                [values[c] for c in DOCUMENT_COLUMNS],
            )
            if rows:
                self.con.executemany(
                    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
                    f"VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})",
                    rows,
                )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    # -- reading ---------------------------------------------------------
    def actor(self, text: str) -> ActorRef:
        """Resolve what a user typed (``IRN``, ``AZEGOV``, ``Iran``) to a query side."""
        return parse_actor(text, self._resolve)

    def _resolve(self, text: str) -> ActorRef | None:
        if self._resolver is None:
            self._resolver = _lexicon_resolver()
        return self._resolver(text)

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
        flt = EventFilter(
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
        docs = self.con.execute("SELECT count(*) FROM documents").fetchone()
        events = self.con.execute("SELECT count(*) FROM events").fetchone()
        return {"documents": int(docs[0]) if docs else 0, "events": int(events[0]) if events else 0}


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
