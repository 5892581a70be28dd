"""Any mix of sources as one stream of documents: files, folders, stdin, article URLs, feed URLs.

An http(s) argument is fetched once and judged by what comes back: a feed
(RSS, Atom, RDF or JSON Feed, recognised by its content, not its URL) becomes
one document per entry, each entry's article fetched in turn; anything else is
one article.  Every failure is a :class:`~detente.model.Rejected` in the
stream, so a run's accounting covers URLs exactly like lines of a file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

import httpx

from detente.ingest.feeds import FEED_TYPES, FeedEntry, looks_like_feed, parse
from detente.ingest.files import NoticeSink, read_inputs
from detente.ingest.http import (
    HTML_TYPES,
    TEXT_TYPES,
    Clock,
    FetchConfig,
    FetchError,
    HostLimiter,
    Sleep,
    get,
)
from detente.ingest.web import Page, fetch_page, page_from_response
from detente.model import Document, Rejected

__all__ = ["E117", "E118", "fetch_entries", "fetch_source", "is_url", "read_sources"]

E117 = "E117"  # feed entry without a usable link (skipped)
E118 = "E118"  # feed unreadable or malformed (quarantined)
ACCEPT = (*HTML_TYPES, *FEED_TYPES, *TEXT_TYPES)


def is_url(arg: str) -> bool:
    return arg.strip().lower().startswith(("http://", "https://"))


def read_sources(
    args: Sequence[str],
    *,
    config: FetchConfig | None = None,
    client: httpx.Client | None = None,
    published: dt.date | None = None,
    stdin: IO[str] | None = None,
    on_notice: NoticeSink | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> Iterator[Document | Rejected]:
    """Documents of every argument, in order; paths go to :func:`read_inputs`, URLs are fetched.

    One HTTP client and one per-host limiter serve the whole run, so politeness
    holds across arguments (a feed and its articles on one host are spaced).
    """
    config = config or FetchConfig()
    limiter = HostLimiter(clock=clock, sleep=sleep)
    own = client is None
    http = client or httpx.Client(http2=False)
    try:
        paths: list[str] = []
        for arg in args:
            if not is_url(arg):
                paths.append(arg)
                continue
            if paths:
                yield from read_inputs(paths, published=published, stdin=stdin, on_notice=on_notice)
                paths = []
            yield from fetch_source(
                arg.strip(), client=http, config=config, limiter=limiter, sleep=sleep, clock=clock
            )
        if paths:
            yield from read_inputs(paths, published=published, stdin=stdin, on_notice=on_notice)
    finally:
        if own:
            http.close()


def fetch_source(
    url: str,
    *,
    client: httpx.Client,
    config: FetchConfig,
    limiter: HostLimiter | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> Iterator[Document | Rejected]:
    """One URL: a feed's entries (each fetched) or one article; never raises."""
    fetched_at = dt.datetime.now(dt.UTC)
    feed_config = _feed_config(config)
    try:
        response = get(
            url,
            client=client,
            config=feed_config,
            limiter=limiter,
            headers={"Accept": ", ".join((*ACCEPT, "*/*;q=0.1"))},
            sleep=sleep,
            clock=clock,
        )
    except FetchError as exc:
        yield Rejected(url, "ingest", exc.code, exc.detail, {"url": url})
        return
    if response.status != 304 and looks_like_feed(response.content_type, response.content):
        feed = parse(response.content, url=response.final_url)
        if feed.problem is not None:
            yield Rejected(url, "ingest", E118, feed.problem, {"url": url, "disposition": "quarantined"})
            return
        yield from fetch_entries(
            feed.entries, client=client, config=config, limiter=limiter, sleep=sleep, clock=clock
        )
        return
    if len(response.content) > config.max_bytes:
        yield Rejected(
            url, "ingest", "E114", f"{url}: body over the {config.max_bytes}-byte cap", {"url": url}
        )
        return
    page = page_from_response(url, response, config=config, fetched_at=fetched_at)
    yield page.document if isinstance(page, Page) else page


def fetch_entries(
    entries: Iterable[FeedEntry],
    *,
    client: httpx.Client,
    config: FetchConfig,
    limiter: HostLimiter | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> Iterator[Document | Rejected]:
    """The article of each entry; the feed's date stands in when the page has none."""
    for entry in entries:
        if entry.link is None:
            yield Rejected(
                entry.key, "ingest", E117, "feed entry without an http(s) link", {"disposition": "skipped"}
            )
            continue
        page = fetch_page(entry.link, client=client, config=config, limiter=limiter, sleep=sleep, clock=clock)
        if isinstance(page, Rejected):
            yield page
            continue
        doc = page.document
        if doc.published is None and entry.published is not None:
            doc = dataclasses.replace(doc, published=entry.published, title=doc.title or entry.title)
        yield doc


def _feed_config(config: FetchConfig) -> FetchConfig:
    """Feeds are larger than articles: allow twice the article cap for the first response."""
    from dataclasses import replace

    return replace(config, max_bytes=max(config.max_bytes, 10 * 1024 * 1024))
