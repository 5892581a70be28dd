"""POST /documents with the real pipeline: analysed, stored, visible to reads, idempotent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import ApiSettings, create_app

API = "/api/v1"
TEXT = "Iran and Azerbaijan signed a trade agreement in Baku on Monday."


@pytest.fixture
def writer(tmp_path: Path, pipeline) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    app = create_app(tmp_path / "w.duckdb", settings=ApiSettings(token="tok"), pipeline=pipeline)
    with TestClient(app) as c:
        yield c


HEADERS = {"Authorization": "Bearer tok"}


def test_submitted_text_is_analysed_stored_and_served(writer: TestClient) -> None:
    body = {
        "id": "trade",
        "text": TEXT,
        "published": "2025-04-30",
        "title": "Trade",
        "url": "https://x.example/t",
    }
    r = writer.post(f"{API}/documents", json=body, headers=HEADERS)
    assert r.status_code == 201, r.text
    got = r.json()
    assert (
        got["status"] == "stored" and got["document"]["id"] == "trade" and got["document"]["title"] == "Trade"
    )
    pairs = {(e["source"]["country"], e["cameo"], e["target"]["country"]) for e in got["events"]}
    assert ("IRN", "057", "AZE") in pairs
    assert all(e["event_id"] and e["date"] == "2025-04-28" for e in got["events"])
    assert got["events"][0]["location"]["name"] == "Baku"

    stored = writer.get(f"{API}/events", params={"pair": "IRN,AZE", "type": "057"}).json()
    assert stored["total"] >= 1 and stored["items"][0]["doc_id"] == "trade"
    doc = writer.get(f"{API}/documents/trade").json()
    assert doc["text"] == TEXT and doc["url"] == "https://x.example/t"

    again = writer.post(f"{API}/documents", json=body, headers=HEADERS)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert again.json()["events"] == got["events"]

    changed = writer.post(
        f"{API}/documents", json={**body, "text": "Iran met Azerbaijan on Monday."}, headers=HEADERS
    )
    assert changed.status_code == 201 and changed.json()["status"] == "updated"
    assert writer.get(f"{API}/documents").json()["total"] == 1
