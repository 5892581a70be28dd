"""Keeping the ``events`` table equal to the clustering of the ``mentions`` table.

The events of a CAMEO root are always recomputed from all mentions of that root,
so the result is a function of the stored mentions only: re-ingesting changes
nothing, and documents arriving in any order give the same events.  A
``store_state`` flag is raised before mentions change and lowered after the
events are rebuilt; a store opened with the flag raised (a crash in between)
rebuilds everything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

import duckdb
import pandas as pd

from detente.store import neardup
from detente.store.dedup import Cluster, DedupConfig, block_key, cluster, key_from_row
from detente.store.rows import EVENT_COLUMNS

EXTRA_COLUMNS = ("num_mentions", "num_articles", "num_sources", "first_seen", "last_seen", "block")
STALE = "rebuild_events"


def saved_config(con: duckdb.DuckDBPyConnection) -> DedupConfig | None:
    """The merge thresholds the store's events were built with, if recorded."""
    try:
        row = con.execute("SELECT value FROM store_state WHERE key = 'dedup'").fetchone()
    except duckdb.CatalogException:  # a read-only store of schema 1
        return None
    if not row:
        return None
    data = json.loads(row[0])
    for name in ("symmetric_roots", "symmetric_codes"):
        data[name] = tuple(data[name])
    return DedupConfig(**data)


def save_config(con: duckdb.DuckDBPyConnection, config: DedupConfig) -> None:
    con.execute("INSERT OR REPLACE INTO store_state VALUES ('dedup', ?)", [json.dumps(asdict(config))])


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"INSERT OR REPLACE INTO store_state VALUES ('{STALE}', '1')")


def is_stale(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT value FROM store_state WHERE key = ?", [STALE]).fetchone()
    return bool(row and row[0] == "1")


def rebuild(con: duckdb.DuckDBPyConnection, *, roots: Iterable[str] | None, config: DedupConfig) -> int:
    """Recompute the events of the given CAMEO roots (all roots when None); returns their number."""
    root_list = None if roots is None else sorted(set(roots))
    if root_list == []:
        return 0
    where, params = ("TRUE", []) if root_list is None else ("list_contains(?, m.cameo_root)", [root_list])
    frame = con.execute(
        f"""SELECT m.*, d.published, d.source AS doc_source, d.duplicate_of
            FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE {where}""",
        params,
    ).df()
    rows: dict[str, dict[str, Any]] = {str(r["id"]): r for r in frame.to_dict(orient="records")}
    clusters = cluster((key_from_row(r) for r in rows.values()), config=config)
    events = [_event_row(c, rows) for c in clusters]
    mapping = pd.DataFrame(
        {
            "id": [m.id for c in clusters for m in c.members],
            "event_id": [c.id for c in clusters for _ in c.members],
        }
    )
    con.execute("BEGIN TRANSACTION")
    try:
        if root_list is None:
            con.execute("DELETE FROM events")
        else:
            con.execute("DELETE FROM events WHERE list_contains(?, cameo_root)", [root_list])
        if events:
            table = pd.DataFrame(events, columns=[*EVENT_COLUMNS, *EXTRA_COLUMNS])
            con.register("new_events", table)
            con.execute(f"INSERT INTO events ({', '.join(table.columns)}) SELECT * FROM new_events")
            con.unregister("new_events")
            con.register("event_map", mapping)
            con.execute(
                "UPDATE mentions SET event_id = event_map.event_id "
                "FROM event_map WHERE mentions.id = event_map.id"
            )
            con.unregister("event_map")
        con.execute("DELETE FROM store_state WHERE key = ?", [STALE])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(events)


def _event_row(c: Cluster, rows: dict[str, dict[str, Any]]) -> tuple[Any, ...]:
    """The event as its anchor mention, with counts over the documents that report it."""
    anchor = dict(rows[c.anchor.id])
    anchor["id"] = c.id
    if _missing(anchor.get("location_text")):
        for m in c.members:
            row = rows[m.id]
            if not _missing(row.get("location_text")):
                for key, value in row.items():
                    if key.startswith("location_"):
                        anchor[key] = value
                break
    members = [rows[m.id] for m in c.members]
    canonical = [r for r in members if _missing(r.get("duplicate_of"))] or members[:1]
    published = [r["published"] for r in members if not _missing(r.get("published"))]
    anchor["num_mentions"] = len(canonical)
    anchor["num_articles"] = len({r["doc_id"] for r in canonical})
    anchor["num_sources"] = len(
        {r["doc_source"] if not _missing(r.get("doc_source")) else r["doc_id"] for r in canonical}
    )
    anchor["first_seen"] = min(published) if published else None
    anchor["last_seen"] = max(published) if published else None
    anchor["block"] = block_key(c.anchor)
    return tuple(
        None if _missing(anchor.get(col)) else anchor.get(col) for col in (*EVENT_COLUMNS, *EXTRA_COLUMNS)
    )


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def link_near_duplicates(
    con: duckdb.DuckDBPyConnection, doc_id: str, text: str, *, threshold: float
) -> str | None:
    """Store the document's MinHash and link it and its near-copies to the earliest version.

    Returns the id of the canonical document when this one is a copy, else None.
    """
    sig = neardup.signature(text)
    con.execute("DELETE FROM doc_bands WHERE doc_id = ?", [doc_id])
    if sig is None:
        con.execute("UPDATE documents SET minhash = NULL WHERE id = ?", [doc_id])
        return None
    con.execute("UPDATE documents SET minhash = ? WHERE id = ?", [sig, doc_id])
    band_rows = neardup.bands(sig)
    con.executemany("INSERT INTO doc_bands VALUES (?, ?, ?)", [(b, h, doc_id) for b, h in band_rows])
    candidates = con.execute(
        """SELECT DISTINCT d.id, d.minhash, d.published, d.duplicate_of
           FROM doc_bands b JOIN documents d ON d.id = b.doc_id
           JOIN (SELECT unnest(?) AS band, unnest(?) AS bucket) q ON q.band = b.band AND q.bucket = b.bucket
           WHERE b.doc_id <> ?""",
        [[b for b, _ in band_rows], [h for _, h in band_rows], doc_id],
    ).fetchall()
    similar = [c for c in candidates if c[1] is not None and neardup.similarity(sig, list(c[1])) >= threshold]
    if not similar:
        con.execute("UPDATE documents SET duplicate_of = NULL WHERE id = ?", [doc_id])
        return None
    group = {doc_id} | {c[0] for c in similar} | {c[3] for c in similar if c[3]}
    rows = con.execute(
        "SELECT id, published FROM documents WHERE list_contains(?, id) OR list_contains(?, duplicate_of)",
        [sorted(group), sorted(group)],
    ).fetchall()
    members = {r[0]: r[1] for r in rows}
    canonical = min(members, key=lambda i: (members[i] or dt.date.max, i))
    con.execute(
        "UPDATE documents SET duplicate_of = CASE WHEN id = ? THEN NULL ELSE ? END "
        "WHERE list_contains(?, id)",
        [canonical, canonical, sorted(members)],
    )
    return None if canonical == doc_id else canonical
