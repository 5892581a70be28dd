"""`ingest URL|FEED` and `watch` against a local server: accounting, 304s, restarts, network errors."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.errors import InputError
from detente.ingest.http import FetchConfig
from detente.ingest.sources import read_sources
from detente.ingest.watch import IngestRunReport, parse_every, read_feed_list, watch, watch_pass
from detente.model import Document, Rejected
from detente.store import Store
from ingest.server import Route, Site, rss, serve
from ingest.warcs import article_html

runner = CliRunner()
LOCAL = FetchConfig(allow_private=True, min_interval=0.0, retries=0, timeout=5.0)

TEXTS = {
    "/news/talks": (
        "Ministers meet in Baku",
        "Iran and Azerbaijan held talks in Baku on Monday about the border and the trade routes that run "
        "through the region.\nThe two foreign ministers said they would meet again in Tehran next month.",
    ),
    "/news/sanctions": (
        "Sanctions announced",
        "The European Union imposed new sanctions on Russia on Tuesday over the war in Ukraine, officials "
        "in Brussels said.\nMoscow condemned the decision and promised a response within days.",
    ),
    "/news/visit": (
        "State visit",
        "The president of France visited China on Wednesday and signed a trade agreement with the Chinese "
        "government in Beijing.\nThe two leaders said they would cooperate on climate policy.",
    ),
}
FRENCH = (
    "Le ministre des affaires étrangères a rencontré son homologue lundi à Bakou pour discuter de la "
    "frontière.\nLes deux pays ont convenu de se revoir le mois prochain à Téhéran, selon un communiqué "
    "publié par les deux gouvernements après une longue réunion."
)


@pytest.fixture
def site() -> Iterator[Site]:
    routes = {path: Route(article_html(title, body)) for path, (title, body) in TEXTS.items()}
    routes["/news/fr"] = Route(article_html("Rencontre", FRENCH))
    with serve(Site(routes=routes)) as s:
        s.routes["/feed.xml"] = Route(
            rss(
                s.base,
                [("g1", "/news/talks"), ("g2", "/news/sanctions"), ("g3", "/news/fr"), ("g4", "/gone")],
            ),
            content_type="application/rss+xml",
            conditional=True,
        )
        yield s


@pytest.fixture
def cli_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: object) -> None:
    """The CLI builds its pipeline once per command; the tests reuse the session's."""
    import detente.cli.common as common
    import detente.cli.sources as sources

    monkeypatch.setattr(common, "build_pipeline", lambda *a, **k: pipeline)
    monkeypatch.setattr(sources, "build_pipeline", lambda *a, **k: pipeline)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_read_sources_mixes_urls_feeds_and_files(site: Site, tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"id": "f1", "text": "Talks.", "published": "2025-04-28"}) + "\n")
    items = list(read_sources([site.url("/news/visit"), str(jsonl), site.url("/feed.xml")], config=LOCAL))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Document", "Document", "Document", "Document", "Document", "Rejected"]
    visit = items[0]
    assert (
        isinstance(visit, Document) and visit.title == "State visit" and visit.url == site.url("/news/visit")
    )
    assert items[1].id == "f1"  # the file stays in its place between the URLs
    gone = items[-1]
    assert isinstance(gone, Rejected) and gone.code == "E112" and "404" in gone.detail


def test_private_addresses_are_refused_without_the_option(site: Site) -> None:
    (item,) = read_sources([site.url("/news/visit")], config=FetchConfig(retries=0))
    assert isinstance(item, Rejected) and item.code == "E110"
    assert site.log == []  # refused before any request


def test_ingest_feed_accounts_for_every_item(site: Site, tmp_path: Path, cli_pipeline: None) -> None:
    db = tmp_path / "s.duckdb"
    args = ["ingest", site.url("/feed.xml"), site.url("/news/visit"), "--db", str(db), "--allow-private"]
    result = runner.invoke(app, [*args, "--host-interval", "0"])
    assert result.exit_code == 1, result.stderr  # the 404 item is quarantined
    assert (
        "5 read = 3 stored (3 new, 0 updated) + 0 already stored (duplicates) + 1 quarantined"
        in result.stderr
    )
    assert "1 skipped" in result.stderr and "E132 not English" in result.stderr
    with Store(db, read_only=True) as store:
        langs = dict(store.con.execute("SELECT title, language FROM documents").fetchall())
        assert langs == {"Ministers meet in Baku": "en", "Sanctions announced": "en", "State visit": "en",
                         "Rencontre": "fr"}  # fmt: skip
        assert store.con.execute("SELECT n_events FROM documents WHERE language = 'fr'").fetchone() == (0,)
        run = store.ingest_runs().to_dict("records")[0]
        assert (run["status"], run["command"], run["n_read"], run["n_stored"]) == ("done", "ingest", 5, 3)
        assert (run["n_quarantined"], run["n_skipped"], run["n_duplicates"]) == (1, 1, 0)
        reasons = json.loads(run["reasons"])
        assert reasons["quarantined"] == {"E112 HTTP 404": 1} and list(reasons["skipped"]) == [
            "E132 not English"
        ]
    again = runner.invoke(app, [*args, "--host-interval", "0"])
    assert "5 read = 0 stored" in again.stderr and "4 already stored (duplicates)" in again.stderr


def test_watch_once_twice_uses_304_and_adds_nothing(site: Site, tmp_path: Path, cli_pipeline: None) -> None:
    db, feeds = tmp_path / "w.duckdb", tmp_path / "feeds.txt"
    feeds.write_text(f"# news\n{site.url('/feed.xml')}  # the test feed\n\n")
    args = ["watch", str(feeds), "--db", str(db), "--once", "--allow-private", "--host-interval", "0"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert "1 answered" in first.stderr and "4 read = 2 stored" in first.stderr
    second = runner.invoke(app, args)  # a new process would do the same: all state is in the store
    assert second.exit_code == 0, second.stderr
    assert "1 not modified" in second.stderr and "0 read = 0 stored" in second.stderr
    assert [status for _, _, status in site.hits("/feed.xml")] == [200, 304]
    assert site.hits("/feed.xml")[1][1] is not None  # sent If-None-Match
    assert len(site.hits("/news/talks")) == 1  # each item fetched once
    # A new item: only it is fetched on the next pass.
    site.routes["/feed.xml"] = Route(
        rss(site.base, [("g5", "/news/visit"), ("g1", "/news/talks")]),
        "application/rss+xml",
        conditional=True,
    )
    third = runner.invoke(app, args)
    assert "1 read = 1 stored" in third.stderr, third.stderr
    assert len(site.hits("/news/talks")) == 1 and len(site.hits("/news/visit")) == 1
    with Store(db, read_only=True) as store:
        runs = store.ingest_runs()
        assert list(runs["command"]) == ["watch"] * 3 and set(runs["status"]) == {"done"}
        assert store.counts()["documents"] == 4  # 3 English + the French one, kept with its language


def test_restart_mid_stream_and_network_errors(site: Site, tmp_path: Path, pipeline: object) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/feed.xml"
    site.routes["/news/sanctions"] = Route(b"busy", "text/plain", status=503)
    feeds = [dead, site.url("/feed.xml")]
    with Store(tmp_path / "r.duckdb") as store:
        first = watch_pass(feeds, store=store, pipeline=pipeline, fetch_config=LOCAL)  # type: ignore[arg-type]
        assert [f.status for f in first.feeds] == ["failed", "new"]
        assert "E111" in (first.failed[0].error or "") and "feed failed" in first.summary()
        assert first.documents.balanced() and first.documents.read == 4
        assert store.con.execute("SELECT failures FROM feeds WHERE url = ?", [dead]).fetchone() == (1,)
        pending = store.pending_feed_items(site.url("/feed.xml"))
        assert [key.rsplit("/", 1)[-1] for key, _ in pending] == ["g2"]  # the 503: retried; the 404: done
    # The server recovers; a restarted watcher (new Store) retries the pending item despite the 304.
    site.routes["/news/sanctions"] = Route(article_html(*TEXTS["/news/sanctions"]))
    with Store(tmp_path / "r.duckdb") as store:
        second = watch_pass(feeds, store=store, pipeline=pipeline, fetch_config=LOCAL)  # type: ignore[arg-type]
        assert second.feeds[1].status == "not-modified" and second.feeds[1].retried == 1
        assert (second.documents.read, second.documents.stored) == (1, 1)
        assert store.pending_feed_items(site.url("/feed.xml")) == []
        assert store.con.execute("SELECT failures FROM feeds WHERE url = ?", [dead]).fetchone() == (2,)
    assert len(site.hits("/news/talks")) == 1


def test_watch_runs_in_a_thread_until_stopped(site: Site, tmp_path: Path, pipeline: object) -> None:
    reports: list[IngestRunReport] = []
    stop = threading.Event()
    with Store(tmp_path / "t.duckdb") as store:

        def on_pass(report: IngestRunReport) -> None:
            reports.append(report)
            if len(reports) == 2:
                stop.set()

        thread = threading.Thread(
            target=watch,
            args=([site.url("/feed.xml")],),
            kwargs={"store": store, "every": 0.05, "stop": stop, "pipeline": pipeline, "fetch_config": LOCAL,
                    "on_pass": on_pass},
        )  # fmt: skip
        started = time.monotonic()
        thread.start()
        thread.join(timeout=60)
        assert not thread.is_alive() and time.monotonic() - started < 60
    assert [r.documents.read for r in reports] == [4, 0]
    assert reports[1].not_modified == 1 and all(r.run_id for r in reports)


def test_every_and_feed_list_parsing(tmp_path: Path) -> None:
    assert (parse_every("15m"), parse_every("30s"), parse_every("1h"), parse_every("90")) == (
        900,
        30,
        3600,
        90,
    )
    for bad in ("", "0m", "fast", "-5m"):
        with pytest.raises(InputError):
            parse_every(bad)
    path = tmp_path / "feeds.txt"
    path.write_text("# mine\nhttps://a.example/rss\n\nhttps://a.example/rss\nhttps://b.example/atom # b\n")
    assert read_feed_list(path) == ["https://a.example/rss", "https://b.example/atom"]
    path.write_text("ftp://nope\n")
    with pytest.raises(InputError):
        read_feed_list(path)
