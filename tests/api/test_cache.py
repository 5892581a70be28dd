"""The aggregate endpoints are cached per store version: fast on repeats, never stale after a write."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from builders import analysis, event
from detente.api import create_app
from detente.api.cache import ResponseCache

API = "/api/v1"


def test_a_write_changes_the_version_and_the_answer(filled_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    shutil.copy(filled_db, db)
    app = create_app(db)
    state = app.state.detente
    with TestClient(app) as client:
        params = {"a": "AZE", "b": "IRN", "by": "year"}
        first = client.get(f"{API}/relations", params=params).json()
        again = client.get(f"{API}/relations", params=params).json()
        assert again == first and state.cache.hits >= 1
        dyads = client.get(f"{API}/dyads").json()
        version = state.store.version
        # A 2026 event written by another thread's view, as the feed watcher does.
        with state.store.reader() as view:
            view.write(analysis("late", [event("AZE", "IRN", date="2026-02-01")], published=None))
        assert state.store.version == version + 1
        after = client.get(f"{API}/relations", params=params).json()
        assert [p["period"] for p in after["periods"]][-1] == "2026-01-01"
        assert len(after["periods"]) == len(first["periods"]) + 1
        assert client.get(f"{API}/dyads").json() != dyads
        tp = client.get(f"{API}/relations/turning-points", params={"a": "AZE", "b": "IRN"})
        assert tp.status_code == 200 and tp.json()["turning_points"]


def test_errors_are_not_cached_and_reach_every_waiter(filled_db: Path) -> None:
    app = create_app(filled_db)
    with TestClient(app) as client:
        for _ in range(2):
            r = client.get(f"{API}/relations", params={"a": "Nowhereland Republic", "b": "IRN"})
            assert r.status_code == 400 and r.json()["error"]["code"] == "E108"
        assert app.state.detente.cache.misses == 2


def test_concurrent_misses_compute_once() -> None:
    cache = ResponseCache()
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"n": 1}

    async def burst() -> list[bytes]:
        responses = await asyncio.gather(*(cache.json(("k",), 0, compute) for _ in range(20)))
        return [r.body for r in responses]

    bodies = asyncio.run(burst())
    assert bodies == [b'{"n":1}'] * 20 and len(calls) == 1
    assert cache.get((1, "k")) is None  # another version is another key


def test_the_cache_stays_within_its_size() -> None:
    cache = ResponseCache(max_bytes=4000)
    for n in range(100):
        cache.put((n,), b"x" * 500)
    assert cache.get((99,)) is not None and cache.get((0,)) is None
    assert sum(len(b) for b in cache._bodies.values()) <= 4000


def test_a_timeline_of_millions_of_periods_is_refused(client: TestClient) -> None:
    for path in ("relations", "relations/turning-points"):
        r = client.get(f"{API}/{path}", params={"a": "AZE", "b": "IRN", "by": "day", "from": "0001-01-01"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "E605"
        assert "coarser by" in r.json()["error"]["message"]
    assert client.get(f"{API}/dyads", params={"by": "week", "to": "9999-12-31"}).status_code == 400
    # The same span by year is fine: the bound is on periods, not on dates.
    ok = client.get(f"{API}/relations", params={"a": "AZE", "b": "IRN", "by": "year", "from": "1990-01-01"})
    assert ok.status_code == 200 and len(ok.json()["periods"]) == 36
