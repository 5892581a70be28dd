"""``detente serve --watch``: the feed watcher runs inside the server, writing through its store.

A loopback HTTP server plays the news site (an RSS feed and one article); the
pipeline is a stand-in, so no spaCy is needed.  The watcher and the API write
to the same store from two threads, serialised by the store's write lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient

from builders import analysis, event
from detente.api import ApiSettings, WatchSpec, create_app
from detente.api.cli import serve_cli
from detente.ingest.http import FetchConfig
from detente.model import Analysis, Document

API = "/api/v1"
ARTICLE = (
    "<html><head><title>Baku and Tehran sign a transit deal</title></head><body><article>"
    "<h1>Baku and Tehran sign a transit deal</h1>"
    + "".join(
        f"<p>Officials from Azerbaijan and Iran met in Baku on Monday and signed agreement number {n} "
        "on road and rail transit, according to statements from both governments.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
).encode()


def _rss(base: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test news</title>'
        f"<link>{base}/</link><description>t</description>"
        f"<item><title>Transit deal</title><link>{base}/a1</link><guid>{base}/a1</guid>"
        "<pubDate>Mon, 28 Apr 2025 08:00:00 GMT</pubDate></item>"
        "</channel></rss>"
    ).encode()


@pytest.fixture
def site() -> Iterator[str]:
    routes: dict[str, tuple[bytes, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's name
            body, kind = routes.get(self.path, (b"not found", "text/plain"))
            self.send_response(200 if self.path in routes else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    routes["/feed.xml"] = (_rss(base), "application/rss+xml")
    routes["/a1"] = (ARTICLE, "text/html; charset=utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


class StubPipeline:
    """One AZE–IRN cooperation event per document, on whichever thread calls it."""

    def __init__(self) -> None:
        self.threads: set[str] = set()

    def analyse(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        for doc in docs:
            self.threads.add(threading.current_thread().name)
            made = analysis(doc.id, [event("AZE", "IRN", cameo="057", evidence="Baku and Tehran signed.")])
            yield replace(made, parsed=replace(made.parsed, document=doc))


def _until(check: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_the_server_watches_feeds_and_serves_what_they_bring(tmp_path: Path, site: str) -> None:
    passes: list[object] = []
    spec = WatchSpec(
        (f"{site}/feed.xml",),
        every=0.2,
        fetch_config=FetchConfig(allow_private=True, min_interval=0.0, retries=0, timeout=5.0),
        on_pass=passes.append,
    )
    pipe = StubPipeline()
    app = create_app(tmp_path / "w.duckdb", settings=ApiSettings(token="tok"), pipeline=pipe, watch=spec)  # type: ignore[arg-type]
    state = app.state.detente
    with TestClient(app) as client:
        # Documents commit first, then their events are rebuilt: wait for the events.
        _until(lambda: client.get(f"{API}/events", params={"pair": "AZE,IRN"}).json()["total"] == 1)
        doc = client.get(f"{API}/documents").json()["items"][0]
        assert doc["url"] == f"{site}/a1" and doc["n_events"] == 1
        events = client.get(f"{API}/events", params={"pair": "AZE,IRN"}).json()
        assert events["total"] == 1 and events["items"][0]["cameo"] == "057"
        # A submission through the API while the watcher runs: same store, same lock.
        r = client.post(
            f"{API}/documents",
            json={"id": "posted", "text": "Iran met Azerbaijan.", "published": "2025-04-29"},
            headers={"Authorization": "Bearer tok"},
        )
        assert r.status_code == 201, r.text
        _until(lambda: len(passes) >= 2)  # later passes find nothing new, and fail nothing
        assert client.get(f"{API}/documents").json()["total"] == 2
        assert "detente-watch" in pipe.threads
        watcher = state._watcher
        assert watcher is not None and watcher.is_alive()
    # Shutdown (the lifespan's end) stops the thread and closes the store.
    assert not watcher.is_alive()
    last = passes[-1]
    assert last.error is None and not last.failed  # type: ignore[attr-defined]


def test_shutdown_ends_the_wait_between_passes(tmp_path: Path) -> None:
    spec = WatchSpec(("http://feeds.invalid/rss",), every=3600)
    app = create_app(tmp_path / "s.duckdb", pipeline=StubPipeline(), watch=spec)  # type: ignore[arg-type]
    state = app.state.detente
    with TestClient(app):
        _until(lambda: state._watcher is not None)
        watcher = state._watcher
    # every=3600 s: only the stop event can end the wait, and it did, within the shutdown.
    assert not watcher.is_alive()


def test_serve_rejects_a_bad_feed_list_or_interval_in_one_line(tmp_path: Path, capsys) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/rss\nnot a url\n", encoding="utf-8")
    with pytest.raises(typer.Exit):
        serve_cli(db=tmp_path / "x.duckdb", watch=feeds)
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "feeds.txt:2" in err
    feeds.write_text("https://example.org/rss\n", encoding="utf-8")
    with pytest.raises(typer.Exit):
        serve_cli(db=tmp_path / "x.duckdb", watch=feeds, every="soon")
    assert "bad interval" in capsys.readouterr().err


def test_serve_passes_the_watch_to_the_app(tmp_path: Path, monkeypatch) -> None:
    seen: dict[str, object] = {}
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: seen.update(kw, app=app))
    real = create_app

    def spy(db: Path, **kw: object) -> object:
        seen["watch"] = kw["watch"]
        return real(db, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr("detente.api.create_app", spy)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("# news\nhttps://example.org/rss\nhttps://example.org/rss\n", encoding="utf-8")
    serve_cli(db=tmp_path / "w.duckdb", port=8123, watch=feeds, every="30s")
    app = seen["app"]
    assert seen["port"] == 8123
    spec = seen["watch"]
    assert isinstance(spec, WatchSpec) and spec.feeds == ("https://example.org/rss",) and spec.every == 30
    assert not (tmp_path / "w.duckdb.owner.json").exists()  # removed when uvicorn returned
    app.state.detente.close()  # type: ignore[attr-defined]
