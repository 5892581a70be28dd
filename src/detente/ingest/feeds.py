"""RSS/Atom polling: which entries are new since the last poll, with conditional GETs.

The poll state is a plain value the caller saves (in the store, a file...) and
hands back next time; nothing is remembered here, so a restarted watcher picks
up exactly where the saved state says and never re-announces an entry.
Network fetching goes through :mod:`detente.ingest.http`, so feeds get the
same SSRF checks, size caps, retries and politeness as article URLs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import urllib.parse
from dataclasses import dataclass

import httpx

from detente.ingest.http import Clock, FetchConfig, FetchError, HostLimiter, Sleep, check_url, get

__all__ = ["FeedEntry", "FeedState", "ParsedFeed", "looks_like_feed", "parse", "poll", "poll_entries"]

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
# Enough to remember every entry a news feed shows for weeks, small enough to store as a row.
MAX_SEEN = 5000


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the caller persists between polls of one feed."""

    etag: str | None = None
    last_modified: str | None = None
    seen: tuple[str, ...] = ()  # entry keys (id, else link), oldest first, at most MAX_SEEN
    last_polled: str | None = None  # ISO time of the last poll, for the caller's schedule
    last_error: str | None = None  # why the last poll failed, None when it worked
    failures: int = 0  # consecutive failed polls, for the caller's backoff


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str  # the entry's id (guid), else its link
    link: str | None
    title: str | None
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    entries: tuple[FeedEntry, ...]
    problem: str | None  # set when the feed is malformed; entries may still be partial


def parse(data: bytes, *, url: str = "") -> ParsedFeed:
    """Entries of a feed document; never raises, malformed feeds report a ``problem``.

    Takes bytes only: ``feedparser.parse`` given a string would treat it as a
    path or URL and open it, which untrusted input must never trigger.
    """
    import feedparser  # imported when used: keeps `import detente` light

    try:
        result = feedparser.parse(bytes(data), response_headers={"content-location": url} if url else None)
    except Exception as exc:  # a third-party parser on hostile bytes; report, never crash
        return ParsedFeed((), f"unreadable feed ({type(exc).__name__})")
    entries: list[FeedEntry] = []
    keys: set[str] = set()
    for item in result.get("entries", []):
        link = _link(item.get("link"), base=url)
        raw_id = item.get("id")
        key = raw_id.strip() if isinstance(raw_id, str) and raw_id.strip() else link
        if not key or key in keys:
            continue
        keys.add(key)
        title = item.get("title")
        entries.append(
            FeedEntry(
                key=key,
                link=link,
                title=title.strip() if isinstance(title, str) and title.strip() else None,
                published=_entry_date(item),
            )
        )
    problem = None
    if result.get("bozo") and not entries:
        problem = f"malformed feed: {result.get('bozo_exception')}"
    return ParsedFeed(tuple(entries), problem)


def poll(
    feed_url: str,
    *,
    client: httpx.Client,
    state: FeedState,
    config: FetchConfig | None = None,
    limiter: HostLimiter | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    now: dt.datetime | None = None,
) -> tuple[list[str], FeedState]:
    """Links of the entries not seen before, and the state to save for the next poll.

    A failed poll returns no links and the old state with ``last_error`` and
    ``failures`` updated; it never raises, so a watcher survives a bad network.
    """
    entries, new_state = poll_entries(
        feed_url,
        client=client,
        state=state,
        config=config,
        limiter=limiter,
        sleep=sleep,
        clock=clock,
        now=now,
    )
    return [e.link for e in entries if e.link is not None], new_state


def poll_entries(
    feed_url: str,
    *,
    client: httpx.Client,
    state: FeedState,
    config: FetchConfig | None = None,
    limiter: HostLimiter | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    now: dt.datetime | None = None,
) -> tuple[list[FeedEntry], FeedState]:
    """Like :func:`poll`, with whole entries (key, link, title, date): a watcher records each by key."""
    config = config or FetchConfig(max_bytes=10 * 1024 * 1024)
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    headers: dict[str, str] = {"Accept": ", ".join((*FEED_TYPES, "*/*;q=0.1"))}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        response = get(
            feed_url, client=client, config=config, limiter=limiter, headers=headers, sleep=sleep, clock=clock
        )
    except FetchError as exc:
        return [], _failed(state, f"[{exc.code}] {exc.detail}", stamp)
    if response.status == 304:
        return [], dataclasses.replace(state, last_polled=stamp, last_error=None, failures=0)
    feed = parse(response.content, url=response.final_url)
    if feed.problem is not None:
        return [], _failed(state, feed.problem, stamp)
    seen = set(state.seen)
    new = [e for e in feed.entries if e.key not in seen]
    remembered = (state.seen + tuple(e.key for e in new))[-MAX_SEEN:]
    return new, FeedState(
        etag=response.headers.get("etag") or state.etag,
        last_modified=response.headers.get("last-modified") or state.last_modified,
        seen=remembered,
        last_polled=stamp,
        last_error=None,
        failures=0,
    )


def looks_like_feed(content_type: str, content: bytes) -> bool:
    """Whether a response is a feed: by its declared type, else by its first element.

    Servers often label feeds ``text/html`` or ``text/plain``, and label HTML
    ``application/xml``, so the body decides when the root element is visible.
    """
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return True
    if content_type == "application/feed+json" or (content_type == "application/json" and b'"items"' in head):
        return True
    if b"<html" in head or b"<!doctype html" in head:
        return False
    return content_type in FEED_TYPES[:3]


def _failed(state: FeedState, problem: str, stamp: str) -> FeedState:
    return dataclasses.replace(state, last_polled=stamp, last_error=problem, failures=state.failures + 1)


def _link(value: object, *, base: str) -> str | None:
    """An entry link worth fetching later: absolute http(s), otherwise None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return check_url(urllib.parse.urljoin(base, value.strip()), allow_private=True)
    except FetchError:
        return None


def _entry_date(item: dict[str, object]) -> dt.date | None:
    # dict.get, not item.get: feedparser's own mapping warns when it aliases one key to the other.
    for name in ("published_parsed", "updated_parsed"):
        value = dict.get(item, name)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                return None
    return None
