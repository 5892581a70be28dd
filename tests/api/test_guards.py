"""Tokens, read access, body limits, CORS and the error shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente.api import ApiSettings, create_app
from detente.api.cli import serve_cli
from detente.store import Store

API = "/api/v1"
SUBMISSION = {"id": "new", "text": "Iran met Azerbaijan.", "published": "2025-04-28"}


@pytest.fixture
def make_client(filled_db: Path) -> Iterator:
    opened: list[TestClient] = []

    def make(**settings: object) -> TestClient:
        c = TestClient(create_app(filled_db, settings=ApiSettings(**settings)))  # type: ignore[arg-type]
        c.__enter__()
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)


def test_writes_need_the_token(client: TestClient) -> None:
    r = client.post(f"{API}/documents", json=SUBMISSION)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["code"] == "E602"
    r = client.post(f"{API}/documents", json=SUBMISSION, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403 and r.json() == {"error": {"code": "E603", "message": "wrong API token"}}
    r = client.post(f"{API}/documents", json=SUBMISSION, headers={"Authorization": "Basic abc"})
    assert r.status_code == 401


def test_without_a_configured_token_writes_are_refused(make_client) -> None:
    c = make_client(token=None)
    r = c.post(f"{API}/documents", json=SUBMISSION, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert "DETENTE_API_TOKEN" in r.json()["error"]["message"]
    assert c.get(f"{API}/documents").status_code == 200  # reads stay open


def test_closed_reads_need_the_token(make_client) -> None:
    c = make_client(token="tok", read_open=False)
    assert c.get(f"{API}/events").status_code == 401
    assert c.get(f"{API}/events", headers={"Authorization": "Bearer nope"}).status_code == 403
    ok = c.get(f"{API}/events", headers={"Authorization": "Bearer tok"})
    assert ok.status_code == 200 and ok.json()["total"] == 35
    assert c.get(f"{API}/openapi.json").status_code == 200  # the schema is public


def test_body_over_the_limit_is_413(client: TestClient, auth: dict[str, str]) -> None:
    big = {**SUBMISSION, "text": "x" * 30_000}
    r = client.post(f"{API}/documents", json=big, headers=auth)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "E604" and "20000 bytes" in r.json()["error"]["message"]


def test_streamed_body_over_the_limit_is_413(client: TestClient, auth: dict[str, str]) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"id": "s", "text": "'
        for _ in range(30):
            yield b"y" * 1000
        yield b'"}'

    r = client.post(
        f"{API}/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["error"]["code"] == "E604"


def test_invalid_bodies_are_400(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post(f"{API}/documents", json={"text": "no id"}, headers=auth)
    assert (
        r.status_code == 400 and r.json()["error"]["code"] == "E605" and "id" in r.json()["error"]["message"]
    )
    r = client.post(
        f"{API}/documents", content=b"{not json", headers={**auth, "Content-Type": "application/json"}
    )
    assert r.status_code == 400
    r = client.post(f"{API}/documents", json={"id": "e", "text": "  "}, headers=auth)
    assert r.status_code == 400 and "text" in r.json()["error"]["message"]
    r = client.post(f"{API}/documents", json={"id": "u", "url": "https://example.org/a"}, headers=auth)
    assert r.status_code == 501
    assert r.json()["error"] == {
        "code": "E606",
        "message": "fetching URLs is not available yet: send the document's text",
    }


def test_unknown_route_has_the_error_shape(client: TestClient) -> None:
    r = client.get(f"{API}/nothing-here")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E601"
    r = client.delete(f"{API}/documents")
    assert r.status_code == 405 and r.json()["error"]["code"] == "E699"


def test_cors_is_off_by_default_and_lists_only_configured_origins(client: TestClient, make_client) -> None:
    r = client.get(f"{API}/documents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    c = make_client(cors_origins=("https://dash.example",))
    ok = c.get(f"{API}/documents", headers={"Origin": "https://dash.example"})
    assert ok.headers["access-control-allow-origin"] == "https://dash.example"
    other = c.get(f"{API}/documents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_serve_reports_a_locked_store_in_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    import typer

    from detente.errors import StoreError

    def locked(*args: object, **kwargs: object) -> None:
        raise StoreError("x.duckdb is in use by another process (pid 7): wait for it", code="E403")

    monkeypatch.setattr("detente.api.create_app", locked)
    with pytest.raises(typer.Exit) as exit_info:
        serve_cli(db=tmp_path / "x.duckdb")
    assert exit_info.value.exit_code == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "E403" in err and "in use by another process" in err
    assert not (tmp_path / "x.duckdb.owner.json").exists()  # never claims a store it could not open


def test_serve_runs_uvicorn_on_the_app(tmp_path: Path, monkeypatch) -> None:
    seen: dict[str, object] = {}

    def fake_run(app: object, **kwargs: object) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setenv("MY_TOKEN", "abc")
    monkeypatch.setattr("uvicorn.run", fake_run)
    serve_cli(db=tmp_path / "s.duckdb", host="127.0.0.1", port=8765, token_env="MY_TOKEN")
    assert seen["port"] == 8765 and seen["host"] == "127.0.0.1"
    assert seen["app"].state.detente.settings.token == "abc"  # type: ignore[attr-defined]
    seen["app"].state.detente.close()  # type: ignore[attr-defined]
    assert Store(tmp_path / "s.duckdb", read_only=True).counts()["documents"] == 0
