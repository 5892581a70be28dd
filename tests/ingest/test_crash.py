"""kill -9 at different moments of `detente ingest`, then rerun: nothing lost, nothing duplicated.

The command runs in a subprocess with the real readers, store and accounting and
a fast stand-in pipeline (``crashfake``), so it can be started four times within
the test's budget.  Kill moments: during start-up, in the middle of the first
batch, and right after the first batch is committed (the WAL grows).  The final
rerun must leave the same documents, mentions and events as one clean run, with
no duplicate ids.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from detente.store import Store
from ingest.crashfake import FakePipeline, write_corpus

TESTS = Path(__file__).resolve().parents[1]
DOCUMENTS = 100  # two batches of the CLI's 64


def start(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS / "ingest")]))
    return subprocess.Popen(
        [sys.executable, "-c", "import crashfake; crashfake.main()", "ingest", str(corpus), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def wal_size(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    try:
        return wal.stat().st_size
    except OSError:
        return -1


def kill_when(proc: subprocess.Popen[bytes], ready: Any, *, timeout: float = 120.0) -> bool:
    """SIGKILL the process once ``ready()`` is true; False if it finished first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    proc.wait(timeout=timeout)
    return False


def after_delay(seconds: float) -> Any:
    def arm() -> Any:
        t0 = time.monotonic()
        return lambda: time.monotonic() - t0 > seconds

    return arm


def wal_grows(db: Path, *, by: int) -> Any:
    """Ready once the WAL is ``by`` bytes above its lowest size since the process started.

    The WAL grows only at commits, so ``by=0`` fires at the process's first commit
    (its ingest_runs row, the first batch being read) and 20 kB after a batch of documents.
    """

    def arm() -> Any:
        low: list[int] = []

        def ready() -> bool:
            size = wal_size(db)
            low.append(min([size, *low[-1:]]))
            return size - low[-1] > by

        return ready

    return arm


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else 0
    except duckdb.CatalogException:
        return 0
    finally:
        con.close()


def snapshot(db: Path) -> dict[str, Any]:
    with Store(db) as store:  # opening for writing repairs what a kill left (stale events)
        con = store.con
        out = {
            "documents": con.execute(
                "SELECT id, content_hash, language, n_events, duplicate_of FROM documents ORDER BY id"
            ).fetchall(),
            "mentions": con.execute(
                "SELECT id, doc_id, cameo, source_code, target_code, date, event_id FROM mentions ORDER BY id"
            ).fetchall(),
            "events": con.execute(
                "SELECT id, cameo, source_code, target_code, num_mentions, num_articles "
                "FROM events ORDER BY id"
            ).fetchall(),
        }
        for table in ("documents", "mentions", "events"):
            total, distinct = con.execute(f"SELECT count(*), count(DISTINCT id) FROM {table}").fetchone() or (
                0,
                0,
            )
            assert total == distinct, f"duplicate ids in {table}"
        out["runs"] = con.execute("SELECT status FROM ingest_runs ORDER BY started").fetchall()
    return out


def test_kill_minus_nine_and_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, DOCUMENTS)
    clean = tmp_path / "clean.duckdb"
    with Store(clean) as store:
        report = store.ingest(str(corpus), pipeline=FakePipeline())  # type: ignore[arg-type]
    assert report.balanced() and report.stored == DOCUMENTS and report.quarantined == 3
    expected = snapshot(clean)

    db = tmp_path / "crash.duckdb"
    rng = random.Random(8)
    moments = [
        ("start-up", after_delay(rng.uniform(0.2, 1.0))),
        ("first commit (run row), batch in flight", wal_grows(db, by=0)),
        ("a batch committed", wal_grows(db, by=20_000)),
    ]
    stored_at_kill = []
    for name, ready in moments:
        proc = start(corpus, db)
        if kill_when(proc, ready()):
            stored_at_kill.append((name, stored(db)))
    assert stored_at_kill, "the ingestion finished before any kill"
    assert any(0 < n < DOCUMENTS for _, n in stored_at_kill), stored_at_kill  # killed half-way at least once
    final = start(corpus, db)
    _, stderr = final.communicate(timeout=180)
    assert final.returncode == 1, stderr.decode()  # the broken lines and the poisoned document
    assert b"Traceback" not in stderr

    got = snapshot(db)
    assert got["documents"] == expected["documents"]  # nothing lost, nothing twice, same languages
    assert got["mentions"] == expected["mentions"]
    assert got["events"] == expected["events"]
    statuses = [s for (s,) in got["runs"]]
    assert statuses[-1] == "done" and set(statuses[:-1]) <= {"interrupted"}, statuses
