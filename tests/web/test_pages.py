"""The dashboard's pages over HTTP without a browser: status codes, escaping, filters, headers."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

from builders import analysis, event
from detente.api import ApiSettings, create_app
from detente.store import Store

EVIL = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("web-pages") / "pages.duckdb"
    with Store(path) as store:
        for year, quad, gold in ((2022, 4, -8.0), (2024, 1, 3.0)):
            for month in (1, 4, 7, 10):
                day = f"{year}-{month:02d}-10"
                result = analysis(
                    f"d{year}{month}",
                    [
                        event("AZE", "IRN", cameo="190" if quad == 4 else "040", quad=quad, goldstein=gold,
                              date=day, evidence=f"AZE met IRN {EVIL}.", location="Baku"),
                        event("IRN", "AZE", cameo="036", quad=1, goldstein=4.0, date=day, hypothetical=True,
                              evidence="IRN may meet AZE."),
                    ],
                    text=f"AZE met IRN {EVIL}. IRN may meet AZE.",
                    published=dt.date.fromisoformat(day),
                )  # fmt: skip
                doc = replace(result.document, title=f"T {EVIL}", url="javascript:x()")
                store.write(replace(result, parsed=replace(result.parsed, document=doc)))
    app = create_app(path, settings=ApiSettings(token="t"))
    with TestClient(app) as c:
        yield c


def test_pages_render_and_escape_stored_text(client: TestClient) -> None:
    for url in ("/", "/pair/AZE/IRN", "/actor/AZE", "/submit"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert EVIL not in page.text and '<script src="/static/dashboard.js" defer></script>' in page.text
    pair = client.get("/pair/AZE/IRN").text
    assert "&lt;script&gt;" in pair
    event_id = re.search(r'href="/event/([^"]+)"', pair).group(1)
    shown = client.get(f"/event/{event_id}").text
    assert EVIL not in shown and "javascript:" not in shown and '<mark class="hl hl-' in shown
    doc = client.get("/document/d20221").text
    assert "javascript:" not in doc and "&lt;script&gt;" in doc


def test_pair_filters_and_bad_input(client: TestClient) -> None:
    def count(url: str) -> int:
        return int(re.search(r'id="events-count">(\d+) event', client.get(url).text).group(1))

    assert count("/pair/AZE/IRN") == 16
    assert count("/pair/AZE/IRN?quad=4") == 4
    assert count("/pair/AZE/IRN?modality=hypothetical") == 8
    assert count("/pair/AZE/IRN?modality=facts&type=19") == 4
    assert count("/pair/AZE/IRN?place=baku") == 8
    assert client.get("/pair/AZE/IRN?quad=7").status_code == 400
    assert client.get("/pair/AZE/IRN?modality=maybe").status_code == 400
    assert client.get("/pair/AZE/IRN?type=NOPE").status_code == 400
    assert client.get("/pair/AZE/IRN?by=century").status_code == 400
    chart = client.get("/pair/AZE/IRN?by=year").text
    assert 'data-period="2022" data-index="-' in chart.replace("'", '"')


def test_unknown_things_are_html_404s_and_the_picker_redirects(client: TestClient) -> None:
    for url in ("/event/nope", "/document/nope", "/actor/Nowhereland", "/static/../app.py", "/static/x.css"):
        got = client.get(url)
        assert got.status_code == 404, url
    assert "text/html" in client.get("/event/nope").headers["content-type"]
    moved = client.get("/pair", params={"a": "AZE", "b": "IRN"}, follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == "/pair/AZE/IRN"
    assert client.get("/pair", params={"a": "AZE"}).status_code == 400
    assert client.get("/static/dashboard.css").headers["content-type"].startswith("text/css")


def test_dashboard_is_off_when_reads_need_the_token(tmp_path: Path) -> None:
    app = create_app(tmp_path / "closed.duckdb", settings=ApiSettings(token="t", read_open=False))
    with TestClient(app) as c:
        assert c.get("/").status_code == 404
        assert c.get("/api/v1/events", headers={"Authorization": "Bearer t"}).status_code == 200


def test_overview_of_an_empty_store(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "empty.duckdb")) as c:
        page: Any = c.get("/")
        assert page.status_code == 200 and "0 events" in page.text
        assert c.get("/pair/AZE/IRN").status_code == 200
