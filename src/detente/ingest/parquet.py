"""Loading documents analysed elsewhere (``detente spark`` output) into the store.

``detente spark`` writes ``documents/`` and ``mentions/`` as Parquet in the
store's own columns.  Loading them is ingestion without the NLP: the same
idempotency (a document whose id and content hash are stored is skipped; a new
version replaces the old with its mentions), the same near-duplicate linking,
and the store's own event clustering afterwards
(:func:`detente.store.events_table.rebuild`), so the events are those a
single-process ``detente ingest`` of the same inputs would have made.
DuckDB reads the Parquet directly; nothing goes through Python rows except the
text each document's MinHash is computed from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from detente.errors import InputError
from detente.model import Rejected
from detente.store import events_table
from detente.store.rows import DOCUMENT_COLUMNS, EVENT_COLUMNS

if TYPE_CHECKING:
    from detente.store import IngestReport, Store

PARTS = ("documents", "mentions")


def is_analysed(path: str | Path) -> bool:
    """A folder written by ``detente spark`` (it holds ``documents/`` and ``mentions/``)."""
    root = Path(path)
    return root.is_dir() and all((root / part).is_dir() for part in PARTS)


def _files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*.parquet") if not p.name.startswith((".", "_")))


def ingest_analysed(store: Store, path: str | Path) -> IngestReport:
    """Load a ``detente spark`` output folder into ``store`` as one ingest run (see :func:`_load`)."""
    from detente.store import IngestReport

    root = Path(path)
    if not is_analysed(root):
        raise InputError(
            f"{root} is not a detente spark output (expected documents/ and mentions/ folders)", code="E105"
        )
    report = IngestReport()
    report.run_id = store.begin_run("ingest", [str(root)])
    status = "failed"
    try:
        _load(store, root, report)
        status = "done"
    finally:
        store.end_run(report, status=status)
    return report


def _load(store: Store, root: Path, report: IngestReport) -> None:
    """Load the folder's documents and mentions into ``store``, counting into ``report``.

    Within the folder one version per document id is kept (Spark already keeps
    the newest); against the store, unchanged documents are skipped and changed
    ones replaced, in one transaction, then the touched CAMEO roots' events are
    rebuilt with the store's merge thresholds.
    """
    doc_files, mention_files = _files(root / "documents"), _files(root / "mentions")
    if not doc_files:
        return
    con = store.con
    read = "read_parquet(?, hive_partitioning = true, union_by_name = true)"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE incoming_docs AS SELECT * EXCLUDE (month) FROM {read}", [doc_files]
    )
    total = con.execute("SELECT count(*) FROM incoming_docs").fetchone()
    report.read = int(total[0]) if total else 0
    con.execute(
        "CREATE OR REPLACE TEMP TABLE incoming_latest AS SELECT * FROM incoming_docs "
        "QUALIFY row_number() OVER "
        "(PARTITION BY id ORDER BY published DESC NULLS LAST, content_hash DESC) = 1"
    )
    known = dict(
        con.execute(
            "SELECT d.id, d.content_hash FROM documents d JOIN incoming_latest i ON i.id = d.id"
        ).fetchall()
    )
    todo = con.execute(
        "SELECT id, text, content_hash, n_events, coalesce(language, 'en') FROM incoming_latest "
        "ORDER BY published NULLS LAST, id"
    ).fetchall()
    changed = [row for row in todo if known.get(row[0]) != row[2]]
    report.unchanged = report.read - len(changed)
    for doc_id, _text, _hash, n_events, language in changed:
        if language != "en":
            detail = f"not English ({language}): stored with its language, not analysed"
            report.add(
                Rejected(doc_id, "ingest", "E132", detail, {"language": language, "disposition": "skipped"})
            )
        elif doc_id in known:
            report.updated += 1
        else:
            report.stored += 1
        report.events += int(n_events)
    ids = [row[0] for row in changed]
    if not ids:
        return
    if mention_files:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE incoming_mentions AS SELECT {', '.join(EVENT_COLUMNS)} "
            f"FROM {read} WHERE list_contains(?, doc_id) QUALIFY row_number() OVER (PARTITION BY id) = 1",
            [mention_files, ids],
        )
    else:
        con.execute("CREATE OR REPLACE TEMP TABLE incoming_mentions AS SELECT * FROM mentions LIMIT 0")
    roots = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT cameo_root FROM mentions WHERE list_contains(?, doc_id) "
            "UNION SELECT DISTINCT cameo_root FROM incoming_mentions",
            [ids],
        ).fetchall()
    }
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    doc_select = ", ".join("?" if c == "ingested_at" else c for c in DOCUMENT_COLUMNS)
    con.execute("BEGIN TRANSACTION")
    try:
        events_table.mark_stale(con)
        con.execute("DELETE FROM mentions WHERE list_contains(?, doc_id)", [ids])
        con.execute("DELETE FROM doc_bands WHERE list_contains(?, doc_id)", [ids])
        con.execute("DELETE FROM documents WHERE list_contains(?, id)", [ids])
        con.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) "
            f"SELECT {doc_select} FROM incoming_latest WHERE list_contains(?, id)",
            [now, ids],
        )
        cols = ", ".join(EVENT_COLUMNS)
        con.execute(f"INSERT INTO mentions ({cols}) SELECT {cols} FROM incoming_mentions")
        threshold = store.dedup.near_duplicate_threshold
        for doc_id, text, _hash, _n, language in changed:
            if language == "en":
                events_table.link_near_duplicates(con, doc_id, text, threshold=threshold)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for table in ("incoming_docs", "incoming_latest", "incoming_mentions"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    events_table.rebuild(con, roots=roots, config=store.dedup)
