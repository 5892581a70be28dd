"""Feed polling: new entries once, conditional GETs, failures that do not lose state."""

from __future__ import annotations

import datetime as dt

import httpx

from detente.ingest.feeds import FeedState, parse, poll
from detente.ingest.http import FetchConfig

FAST = FetchConfig(backoff=0.0, min_interval=0.0, retries=0)


def rss(*items: tuple[str, str]) -> bytes:
    body = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>Story {guid}</title>"
        "<pubDate>Mon, 28 Apr 2025 09:00:00 GMT</pubDate></item>"
        for guid, link in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'.encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>tag:example.org,2025:1</id><title>One</title><link href="/news/1"/>
<updated>2025-04-27T10:00:00Z</updated></entry>
<entry><id>tag:example.org,2025:1</id><title>One again</title><link href="/news/1"/></entry>
<entry><title>No id</title><link href="https://example.org/news/2"/></entry>
<entry><title>Nothing to fetch</title></entry>
</feed>"""


def test_parse_atom_resolves_relative_links_dedups_and_dates() -> None:
    feed = parse(ATOM, url="https://example.org/feed.atom")
    assert feed.problem is None
    assert [(e.key, e.link) for e in feed.entries] == [
        ("tag:example.org,2025:1", "https://example.org/news/1"),
        ("https://example.org/news/2", "https://example.org/news/2"),
    ]
    assert feed.entries[0].published == dt.date(2025, 4, 27) and feed.entries[0].title == "One"


def test_parse_never_opens_paths_or_urls_and_reports_garbage() -> None:
    assert parse(b"/etc/passwd").entries == ()
    broken = parse(b"\x00\xffnot a feed at all")
    assert broken.entries == () and broken.problem is not None


def test_poll_returns_each_entry_once_and_sends_conditional_headers() -> None:
    pages = [
        rss(("1", "https://example.org/a"), ("2", "https://example.org/b")),
        rss(("3", "https://example.org/c"), ("2", "https://example.org/b"), ("1", "https://example.org/a")),
    ]
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if request.headers.get("if-none-match") == '"v2"':
            return httpx.Response(304)
        body = pages[min(len(requests) - 1, 1)]
        tag = '"v1"' if len(requests) == 1 else '"v2"'
        headers = {
            "etag": tag,
            "last-modified": "Mon, 28 Apr 2025 09:00:00 GMT",
            "content-type": "application/rss+xml",
        }
        return httpx.Response(200, headers=headers, content=body)

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        first, state = poll("https://example.org/rss", client=client, state=FeedState(), config=FAST)
        second, state = poll("https://example.org/rss", client=client, state=state, config=FAST)
        third, state = poll("https://example.org/rss", client=client, state=state, config=FAST)
    assert first == ["https://example.org/a", "https://example.org/b"]
    assert second == ["https://example.org/c"]
    assert third == [] and state.last_error is None and state.etag == '"v2"'
    assert requests[1].headers["if-none-match"] == '"v1"'
    assert requests[1].headers["if-modified-since"] == "Mon, 28 Apr 2025 09:00:00 GMT"
    assert "if-none-match" not in requests[0].headers
    assert len(state.seen) == 3  # feedparser resolves a bare guid against the feed URL


def test_failed_poll_keeps_state_and_counts_failures() -> None:
    state = FeedState(etag='"x"', seen=("1",))

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("down", request=request)

    with httpx.Client(transport=httpx.MockTransport(down)) as client:
        links, after = poll("https://example.org/rss", client=client, state=state, config=FAST)
        links2, after2 = poll("https://example.org/rss", client=client, state=after, config=FAST)
    assert links == links2 == []
    assert after2.seen == ("1",) and after2.etag == '"x"' and after2.failures == 2
    assert after2.last_error is not None and "E111" in after2.last_error


def test_malformed_feed_is_a_failure_not_an_exception() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "text/xml"}, content=b"<rss><channel><item>")

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        links, state = poll("https://example.org/rss", client=client, state=FeedState(), config=FAST)
    assert links == [] and state.failures == 1


def test_private_feed_url_is_refused_without_a_request() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("network touched")

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        links, state = poll("http://127.0.0.1/rss", client=client, state=FeedState(), config=FAST)
    assert links == [] and state.last_error is not None and "E110" in state.last_error
