"""Schema 3: ingest runs, document language, feed state; batch writes are all or nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from builders import analysis, event
from detente.ingest.feeds import FeedState
from detente.model import Document, Rejected
from detente.store import MIGRATIONS, Store, migrate
from detente.store.runs import IngestReport, disposition

FRENCH = (
    "Le ministre des affaires étrangères a rencontré son homologue lundi à Bakou pour discuter de la "
    "frontière. Les deux pays ont convenu de se revoir le mois prochain à Téhéran, selon un communiqué."
)


def test_v2_database_upgrades_to_v3(tmp_path: Path) -> None:
    path = str(tmp_path / "v2.duckdb")
    con = duckdb.connect(path)
    assert migrate(con, path=path, migrations=MIGRATIONS[:2]) == 2
    con.execute(
        "INSERT INTO documents (id, text, content_hash, n_events, ingested_at) "
        "VALUES ('k', 't', 'h', 0, now())"
    )
    con.close()
    with Store(path) as store:
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchone() == (3,)
        assert store.con.execute("SELECT id, language FROM documents").fetchall() == [("k", None)]
        tables = {
            r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        assert {"ingest_runs", "feeds", "feed_items"} <= tables


def test_a_new_store_killed_before_its_first_checkpoint_still_opens(tmp_path: Path) -> None:
    """Regression: migrations 1+2 in one WAL transaction could not be replayed by DuckDB."""
    path = tmp_path / "new.duckdb"
    code = (
        "import os, duckdb\nfrom detente.store.schema import migrate\n"
        f"con = duckdb.connect({str(path)!r}); migrate(con, path='x')\n"
        "con.execute(\"INSERT INTO store_state VALUES ('probe', '1')\")\n"
        "os._exit(0)  # like kill -9: no checkpoint at close\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    with Store(path) as store:
        assert store.con.execute("SELECT value FROM store_state WHERE key = 'probe'").fetchone() == ("1",)


def test_ingest_accounts_for_every_input_and_records_the_run(tmp_path: Path) -> None:
    class Pipe:
        def analyse(self, docs):  # type: ignore[no-untyped-def]
            for doc in docs:
                if doc.id == "bad":
                    yield Rejected(doc.id, "events", "E500", "boom")
                else:
                    yield analysis(doc.id, [event("AZE", "IRN")], text=doc.text)

    items = [
        Document("a", "Iran and Azerbaijan met."),
        Document("a", "Iran and Azerbaijan met."),  # repeated in the input
        Document("fr", FRENCH),
        Document("empty", "  \n"),
        Document("bad", "This one breaks the pipeline."),
        Rejected("x.jsonl:3", "ingest", "E104", "invalid JSON (Expecting value)"),
        Rejected(
            "https://e.org/a.pdf", "ingest", "E131", "not HTML (application/pdf)", {"disposition": "skipped"}
        ),
    ]
    with Store(tmp_path / "a.duckdb") as store:
        report = store.ingest(items, pipeline=Pipe(), command="test")  # type: ignore[arg-type]
        assert report.balanced()
        assert (report.read, report.stored, report.unchanged, report.quarantined, len(report.skipped)) == (
            7, 1, 1, 2, 3,
        )  # fmt: skip
        assert "7 read = 1 stored" in report.summary() and "E132 not English" in report.summary()
        languages = dict(store.con.execute("SELECT id, language FROM documents").fetchall())
        assert languages == {"a": "en", "fr": "fr"}  # the French one kept, unanalysed
        row = store.ingest_runs().to_dict("records")[0]
        assert (row["status"], row["command"], row["n_read"], row["n_skipped"]) == ("done", "test", 7, 3)
        reasons = json.loads(row["reasons"])
        assert reasons["quarantined"] == {"E104 invalid JSON": 1, "E500 boom": 1}
        assert set(reasons["skipped"]) == {
            "E108 empty or whitespace-only text",
            "E131 not HTML",
            "E132 not English",
        }
        again = store.ingest(items[:3], pipeline=Pipe())  # type: ignore[arg-type]
        assert (again.read, again.unchanged, again.stored) == (3, 3, 0)


def test_interrupted_runs_are_marked_by_the_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "i.duckdb"
    with Store(path) as store:
        store.begin_run("ingest", ["x.jsonl"])  # never ended: the process "died"
    with Store(path) as store:
        report = store.ingest([], pipeline=object())  # type: ignore[arg-type]
        statuses = [r["status"] for r in store.ingest_runs().to_dict("records")]
        assert statuses == ["done", "interrupted"] and report.read == 0


def test_a_failing_batch_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from detente.store import events_table

    with Store(tmp_path / "b.duckdb") as store:
        store.write_many([(analysis("ok", [event("AZE", "IRN")]), "h0")])
        calls = {"n": 0}
        real = events_table.link_near_duplicates

        def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("disk full")
            return real(*args, **kwargs)

        monkeypatch.setattr(events_table, "link_near_duplicates", flaky)
        batch = [
            (analysis(f"d{i}", [event("IRN", "AZE")], text=f"Text number {i}."), f"h{i}") for i in range(3)
        ]
        with pytest.raises(RuntimeError):
            store.write_many(batch)
        assert store.counts() == {"documents": 1, "mentions": 1, "events": 1}


def test_feed_state_round_trip_and_pending_items(tmp_path: Path) -> None:
    url = "https://news.example.org/rss"
    with Store(tmp_path / "f.duckdb") as store:
        assert store.feed_state(url) == FeedState()
        store.save_feed_state(url, FeedState(etag='"v1"', last_modified="Mon", last_polled="t", failures=0))
        store.mark_feed_items(
            url,
            [("k1", "https://n/1", "u1", None), ("k2", "https://n/2", None, "[E111] timeout"),
             ("k3", "https://n/3", None, "[E112] HTTP 404")],
        )  # fmt: skip
        state = store.feed_state(url)
        assert (state.etag, state.last_modified, set(state.seen)) == ('"v1"', "Mon", {"k1", "k2", "k3"})
        assert store.pending_feed_items(url) == [("k2", "https://n/2")]
        for _ in range(2):  # a transient failure is retried until MAX_ATTEMPTS, then given up
            store.mark_feed_items(url, [("k2", "https://n/2", None, "[E111] timeout")])
        assert store.pending_feed_items(url) == []


def test_disposition_defaults() -> None:
    assert disposition(Rejected("a", "ingest", "E131", "x")) == "skipped"
    assert disposition(Rejected("a", "ingest", "E104", "x")) == "quarantined"
    assert disposition(Rejected("a", "ingest", "E104", "x", {"disposition": "skipped"})) == "skipped"
    report = IngestReport(read=1)
    report.add(Rejected("a", "ingest", "E111", "https://x/y: gave up after 3 attempts (ConnectError)"))
    assert report.balanced() and report.reasons()["quarantined"] == {"E111 gave up after 3 attempts": 1}
