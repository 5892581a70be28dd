"""URL fetching: SSRF refusals, redirects, caps, retries, politeness and extraction (no network)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest

from detente.ingest.http import FetchConfig, FetchError, HostLimiter, check_url
from detente.ingest.web import Page, fetch, fetch_page, url_id
from detente.model import Document, Rejected

ARTICLE = """<html><head><title>Talks in Baku | Caspian Courier</title>
<link rel="canonical" href="https://news.example.org/2025/04/talks-in-baku">
<meta property="og:site_name" content="Caspian Courier">
<meta property="article:published_time" content="2025-04-28T09:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Talks in Baku</h1>
<p>Iran and Azerbaijan held talks in Baku on Monday about the border and trade routes.</p>
<p>The two foreign ministers agreed to meet again in Tehran next month, officials said.</p>
</article><footer>All rights reserved</footer></body></html>"""

FAST = FetchConfig(backoff=0.0, min_interval=0.0)


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def html_response(body: str = ARTICLE, **kwargs: object) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, text=body, **kwargs)


def test_fetch_extracts_title_text_date_outlet_and_canonical_url() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return html_response()

    with client_for(handler) as client:
        page = fetch_page("https://news.example.org/a?utm_source=x", client=client, config=FAST)
    assert isinstance(page, Page)
    doc = page.document
    assert doc.title == "Talks in Baku"
    assert "held talks in Baku" in doc.text and "All rights reserved" not in doc.text
    assert doc.published == dt.date(2025, 4, 28)
    assert doc.source == "Caspian Courier"
    assert doc.url == page.canonical_url == "https://news.example.org/2025/04/talks-in-baku"
    assert doc.id == url_id("https://news.example.org/2025/04/talks-in-baku")
    assert page.requested_url == page.final_url == "https://news.example.org/a?utm_source=x"
    assert page.fetched_at.tzinfo is not None
    assert "detente" in seen[0].headers["user-agent"]


def test_url_id_is_stable_and_ignores_fragment_and_host_case() -> None:
    assert url_id("https://Example.org/a#top") == url_id("https://example.org/a")
    assert url_id("https://example.org/a") != url_id("https://example.org/b")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/x",
        "http://user:secret@example.org/",
        "http://127.0.0.1/",
        "http://2130706433/",
        "http://[::1]:8000/",
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/",
        "http://localhost/",
        "not a url",
        "http://exa mple.org/",
        "http://example.org/\x00",
        "https://xn--/",
        "http://%31%32%37.0.0.1/",
    ],
)
def test_refused_urls_never_reach_the_network(url: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("network touched")

    with client_for(handler) as client:
        result = fetch(url, client=client, config=FAST)
    assert isinstance(result, Rejected) and result.code == "E110"


def test_allow_private_is_an_explicit_option() -> None:
    assert check_url("http://127.0.0.1:8000/x", allow_private=True) == "http://127.0.0.1:8000/x"
    with pytest.raises(FetchError):
        check_url("http://127.0.0.1:8000/x")


def test_redirect_into_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "http://192.168.0.1/admin"})

    with client_for(handler) as client:
        result = fetch("https://example.org/r", client=client, config=FAST)
    assert isinstance(result, Rejected) and result.code == "E110"


def test_relative_redirects_are_followed_up_to_the_limit() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        step = int(request.url.path.strip("/") or 0)
        if step < 2:
            return httpx.Response(301, headers={"location": f"/{step + 1}"})
        return html_response()

    with client_for(handler) as client:
        page = fetch_page("https://example.org/", client=client, config=FAST)
        assert isinstance(page, Page) and page.final_url == "https://example.org/2"
        limited = fetch("https://example.org/", client=client, config=FetchConfig(max_redirects=1))
    assert isinstance(limited, Rejected) and limited.code == "E113"


def test_body_over_the_cap_is_cut_and_rejected() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        # A streamed body with no Content-Length: only counting while reading catches it.
        return httpx.Response(
            200, headers={"content-type": "text/html"}, content=iter([b"<p>" + b"x" * 1000] * 100)
        )

    with client_for(handler) as client:
        result = fetch("https://example.org/big", client=client, config=FetchConfig(max_bytes=10_000))
    assert isinstance(result, Rejected) and result.code == "E114"


def test_declared_length_over_the_cap_is_refused_before_reading() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/html", "content-length": "99999999"})

    with client_for(handler) as client:
        result = fetch("https://example.org/big", client=client, config=FAST)
    assert isinstance(result, Rejected) and result.code == "E114"


@pytest.mark.parametrize("ctype", ["application/pdf", "image/png", "application/json", ""])
def test_non_html_content_types_are_rejected(ctype: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": ctype}, content=b"%PDF-1.4")

    with client_for(handler) as client:
        result = fetch("https://example.org/file", client=client, config=FAST)
    assert isinstance(result, Rejected) and result.code == "E115"


def test_plain_text_is_taken_as_is() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "text/plain; charset=latin-1"},
            content="Café talks.".encode("latin-1"),
        )

    with client_for(handler) as client:
        result = fetch("https://example.org/t.txt", client=client, config=FAST)
    assert isinstance(result, Document) and result.text == "Café talks." and result.source == "example.org"


def test_5xx_and_timeouts_are_retried_with_backoff_then_succeed() -> None:
    calls = {"n": 0}
    sleeps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(503)
        if calls["n"] == 2:
            raise httpx.ReadTimeout("slow", request=request)
        return html_response()

    with client_for(handler) as client:
        result = fetch(
            "https://example.org/a",
            client=client,
            config=FetchConfig(retries=2, backoff=0.5),
            sleep=sleeps.append,
        )
    assert isinstance(result, Document)
    assert calls["n"] == 3 and sleeps == [0.5, 1.0]


def test_persistent_failure_gives_up_with_e111_and_4xx_is_not_retried() -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if request.url.path == "/gone":
            return httpx.Response(404)
        raise httpx.ConnectError("refused", request=request)

    with client_for(handler) as client:
        failed = fetch(
            "https://example.org/a", client=client, config=FetchConfig(retries=2), sleep=lambda s: None
        )
        assert isinstance(failed, Rejected) and failed.code == "E111" and calls["n"] == 3
        gone = fetch("https://example.org/gone", client=client, config=FAST)
    assert isinstance(gone, Rejected) and gone.code == "E112" and calls["n"] == 4


def test_host_limiter_spaces_requests_to_one_host_only() -> None:
    now = {"t": 100.0}
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now["t"] += seconds

    limiter = HostLimiter(clock=lambda: now["t"], sleep=sleep)
    with client_for(lambda request: html_response()) as client:
        config = FetchConfig(min_interval=2.0)
        for url in ("https://a.example/1", "https://a.example/2", "https://b.example/1"):
            assert isinstance(fetch(url, client=client, config=config, limiter=limiter), Document)
            now["t"] += 0.5
    assert sleeps == [1.5]


def test_page_without_text_is_rejected() -> None:
    with client_for(lambda request: html_response("<html><body></body></html>")) as client:
        result = fetch("https://example.org/empty", client=client, config=FAST)
    assert isinstance(result, Rejected) and result.code == "E116"


def test_untrusted_canonical_falls_back_to_final_url() -> None:
    body = ARTICLE.replace("https://news.example.org/2025/04/talks-in-baku", "http://127.0.0.1/internal")
    with client_for(lambda request: html_response(body)) as client:
        result = fetch("https://news.example.org/x", client=client, config=FAST)
    assert isinstance(result, Document) and result.url == "https://news.example.org/x"


def test_corrupt_content_encoding_is_rejected_not_raised() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-type": "text/html", "content-encoding": "gzip"}, content=b"not gzip at all"
        )

    with client_for(handler) as client:
        result = fetch("https://example.org/z", client=client, config=FAST)
    assert isinstance(result, Rejected) and result.code == "E112"
