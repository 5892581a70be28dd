"""Ingestion accounting and watched-feed state, kept in the store itself.

Why in the store: the counts of a run and the memory of which feed items were
handled must survive exactly as long as the documents they describe; a
separate state file could disagree with the database after a crash.  Every
write here is one short transaction, made *after* the documents it refers to
are committed, so a crash at any point leaves at worst work to redo, which the
idempotent document writes turn into counted duplicates.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from detente.model import Rejected

if TYPE_CHECKING:
    from detente.ingest.feeds import FeedState

# Codes of inputs left out on purpose (policy), as opposed to broken ones (quarantined).
SKIP_CODES = frozenset({"E115", "E131", "E132", "E134", "E108"})
E108 = "E108"  # empty or whitespace-only text
E132 = "E132"  # not English: stored with its language, not analysed
# Fetch failures worth retrying on the next pass (network, timeouts, 5xx after retries).
TRANSIENT_CODES = frozenset({"E111"})
MAX_ATTEMPTS = 3
MAX_EXAMPLES = 5


def disposition(rejected: Rejected) -> str:
    """``"skipped"`` (left out by policy) or ``"quarantined"`` (broken, kept aside with its reason)."""
    given = rejected.extra.get("disposition") if rejected.extra else None
    if given in ("skipped", "quarantined"):
        return str(given)
    return "skipped" if rejected.code in SKIP_CODES else "quarantined"


@dataclass(slots=True)
class IngestReport:
    """What happened to every input of a run.

    The invariant (checked by :meth:`balanced`): ``read = stored + updated +
    unchanged + len(rejected) + len(skipped)``, where ``unchanged`` are the
    duplicates (same id and content already stored, or repeated in the input),
    ``rejected`` the quarantined inputs and ``skipped`` those left out by policy
    (not HTML, not English, empty).  Non-English documents are stored with
    their language but not analysed, so they count as skipped.
    """

    read: int = 0
    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[Rejected] = field(default_factory=list)
    run_id: str | None = None

    @property
    def duplicates(self) -> int:
        return self.unchanged

    @property
    def quarantined(self) -> int:
        return len(self.rejected)

    def add(self, item: Rejected) -> None:
        """Count a rejection under its disposition."""
        (self.skipped if disposition(item) == "skipped" else self.rejected).append(item)

    def balanced(self) -> bool:
        return self.read == self.stored + self.updated + self.unchanged + self.quarantined + len(self.skipped)

    def reasons(self) -> dict[str, Any]:
        """Counts by code and reason, with a few examples: what the ``reasons`` column holds."""
        out: dict[str, Any] = {}
        for name, items in (("quarantined", self.rejected), ("skipped", self.skipped)):
            counts = Counter(f"{r.code} {_reason(r)}" for r in items)
            out[name] = dict(counts.most_common())
            out[f"{name}_examples"] = [r.message()[:300] for r in items[:MAX_EXAMPLES]]
        return out

    def summary(self) -> str:
        lines = [
            f"{self.read} read = {self.stored + self.updated} stored "
            f"({self.stored} new, {self.updated} updated)"
            f" + {self.unchanged} already stored (duplicates) + {self.quarantined} quarantined"
            f" + {len(self.skipped)} skipped;"
            f" {self.events} event mentions extracted"
        ]
        for name, items in (("quarantined", self.rejected), ("skipped", self.skipped)):
            counts = Counter(f"{r.code} {_reason(r)}" for r in items)
            if counts:
                parts = ", ".join(f"{reason} ×{n}" for reason, n in counts.most_common(6))
                more = f", {len(counts) - 6} more reasons" if len(counts) > 6 else ""
                lines.append(f"  {name}: {parts}{more}")
        return "\n".join(lines)


def _reason(rejected: Rejected) -> str:
    """The stable part of a rejection's detail, so reasons group (no ids, URLs or numbers)."""
    reason = rejected.extra.get("reason") if rejected.extra else None
    if isinstance(reason, str):
        return reason
    detail = rejected.detail
    if rejected.code == E132:
        return "not English"
    for cut in (" (", ": "):
        head, sep, tail = detail.partition(cut)
        if sep and cut == ": " and ("/" in head or head.startswith("http")):
            detail = tail  # "https://x/y: HTTP 404" -> "HTTP 404"
            continue
        if sep and cut == " (":
            detail = head
    return detail[:80]


# -- runs ---------------------------------------------------------------


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def begin_run(con: duckdb.DuckDBPyConnection, *, command: str, sources: Sequence[str]) -> str:
    """Open a run row; rows left ``running`` by a killed process are marked ``interrupted``.

    DuckDB lets one process write a file at a time, so a ``running`` row seen by
    a writer that is starting belongs to a process that died.
    """
    run_id = uuid.uuid4().hex[:16]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")
        con.execute(
            "INSERT INTO ingest_runs (id, started, status, command, sources) VALUES (?, ?, 'running', ?, ?)",
            [run_id, now(), command, json.dumps(list(sources))[:10_000]],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return run_id


def update_run(
    con: duckdb.DuckDBPyConnection, run_id: str, report: IngestReport, *, status: str | None = None
) -> None:
    """Write the counts so far (after each batch) or, with a status, close the run."""
    con.execute(
        """UPDATE ingest_runs SET n_read = ?, n_stored = ?, n_updated = ?, n_duplicates = ?,
               n_quarantined = ?, n_skipped = ?, n_events = ?, reasons = ?,
               status = coalesce(?, status), finished = CASE WHEN ? IS NULL THEN finished ELSE ? END
           WHERE id = ?""",
        [
            report.read,
            report.stored,
            report.updated,
            report.unchanged,
            report.quarantined,
            len(report.skipped),
            report.events,
            json.dumps(report.reasons(), ensure_ascii=False),
            status,
            status,
            now(),
            run_id,
        ],
    )


# -- feeds ----------------------------------------------------------------


def load_feed_state(con: duckdb.DuckDBPyConnection, url: str) -> FeedState:
    """The saved state of one feed, with every handled item key as ``seen``."""
    from detente.ingest.feeds import FeedState  # network code: imported by whoever watches feeds

    row = con.execute(
        "SELECT etag, last_modified, last_polled, last_error, failures FROM feeds WHERE url = ?", [url]
    ).fetchone()
    keys = con.execute(
        "SELECT key FROM feed_items WHERE feed_url = ? ORDER BY seen_at, key", [url]
    ).fetchall()
    seen = tuple(k[0] for k in keys)
    if row is None:
        return FeedState(seen=seen)
    return FeedState(
        etag=row[0], last_modified=row[1], seen=seen, last_polled=row[2], last_error=row[3], failures=row[4]
    )


def save_feed_state(con: duckdb.DuckDBPyConnection, url: str, state: FeedState) -> None:
    con.execute(
        "INSERT OR REPLACE INTO feeds (url, etag, last_modified, last_polled, last_error, failures) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [url, state.etag, state.last_modified, state.last_polled, state.last_error, state.failures],
    )


def pending_items(con: duckdb.DuckDBPyConnection, url: str) -> list[tuple[str, str]]:
    """(key, link) of items whose fetch failed transiently and should be tried again."""
    rows = con.execute(
        "SELECT key, link FROM feed_items WHERE feed_url = ? AND status = 'pending' ORDER BY seen_at, key",
        [url],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


ItemOutcome = tuple[str, str | None, str | None, str | None]  # key, link, doc_id, error


def mark_items(con: duckdb.DuckDBPyConnection, url: str, outcomes: Sequence[ItemOutcome]) -> None:
    """Record (key, link, doc_id, error) per handled item in one transaction.

    An item with a transient error stays ``pending`` until it has failed
    :data:`MAX_ATTEMPTS` times; everything else is ``done`` and never fetched again.
    """
    if not outcomes:
        return
    stamp = now()
    con.execute("BEGIN TRANSACTION")
    try:
        for key, link, doc_id, error in outcomes:
            row = con.execute(
                "SELECT attempts FROM feed_items WHERE feed_url = ? AND key = ?", [url, key]
            ).fetchone()
            attempts = (row[0] if row else 0) + 1
            transient = error is not None and error.split(" ", 1)[0].strip("[]") in TRANSIENT_CODES
            status = "pending" if transient and attempts < MAX_ATTEMPTS else "done"
            con.execute(
                "INSERT OR REPLACE INTO feed_items "
                "(feed_url, key, link, status, attempts, doc_id, last_error, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [url, key, link, status, attempts, doc_id, error, stamp],
            )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def describe_inputs(inputs: object) -> list[str]:
    """What a run read, for its ``ingest_runs`` row."""
    if isinstance(inputs, (str, Path)):
        return [str(inputs)]
    if isinstance(inputs, (list, tuple)) and all(isinstance(i, (str, Path)) for i in inputs):
        return [str(i) for i in inputs]
    return ["<documents>"]
