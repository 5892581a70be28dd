"""Watching feeds: poll, fetch each new item once, analyse, store; again every N minutes.

The loop keeps nothing that matters in memory.  A feed's validators (ETag,
Last-Modified) and every handled item live in the store (``feeds``,
``feed_items``), written only after the documents they describe are committed,
so a watcher killed at any moment and restarted fetches at most the items of
the interrupted pass again, and the store counts those as duplicates.  Network
trouble is a line in the pass report, never an exception: a feed that fails is
tried again next pass, and an article whose fetch failed transiently is retried
(up to :data:`detente.store.runs.MAX_ATTEMPTS` times) even if its feed then
answers 304.

:func:`watch` is the entry point for a background thread (``detente serve
--watch``) as well as for ``detente watch``: it returns when ``stop`` is set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from detente.errors import InputError
from detente.ingest.feeds import FeedEntry, poll_entries
from detente.ingest.http import Clock, FetchConfig, HostLimiter, Sleep
from detente.ingest.sources import fetch_entries
from detente.model import Document, Rejected
from detente.store.runs import IngestReport

if TYPE_CHECKING:
    from detente.pipeline import Pipeline
    from detente.store import Store

__all__ = ["FeedOutcome", "IngestRunReport", "parse_every", "read_feed_list", "watch", "watch_pass"]

log = logging.getLogger(__name__)
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """One feed in one pass: ``new`` (answered with entries), ``not-modified`` (304) or ``failed``."""

    url: str
    status: str
    new_items: int = 0
    retried: int = 0
    error: str | None = None


@dataclass(slots=True)
class IngestRunReport:
    """The accounting of one watch pass: feeds polled, and every item read (``documents``)."""

    run_id: str | None
    started: dt.datetime
    finished: dt.datetime | None = None
    feeds: list[FeedOutcome] = field(default_factory=list)
    documents: IngestReport = field(default_factory=IngestReport)
    error: str | None = None  # set when the pass itself failed (e.g. the store), not a feed

    @property
    def not_modified(self) -> int:
        return sum(f.status == "not-modified" for f in self.feeds)

    @property
    def failed(self) -> list[FeedOutcome]:
        return [f for f in self.feeds if f.status == "failed"]

    def summary(self) -> str:
        head = (
            f"watch pass {self.run_id or '-'}: {len(self.feeds)} feeds "
            f"({sum(f.status == 'new' for f in self.feeds)} answered, {self.not_modified} not modified, "
            f"{len(self.failed)} failed)"
        )
        lines = [head, self.documents.summary()]
        lines += [f"  feed failed: {f.url}: {f.error}" for f in self.failed]
        if self.error:
            lines.append(f"  pass failed: {self.error}")
        return "\n".join(lines)


def parse_every(text: str) -> float:
    """Seconds in ``"15m"``, ``"30s"``, ``"1h"``, ``"1d"`` or a bare number of seconds."""
    match = _EVERY.match(text)
    if not match:
        raise InputError(f"bad interval {text!r}: expected a number with s, m, h or d (e.g. 15m)")
    seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds <= 0:
        raise InputError(f"bad interval {text!r}: must be more than zero")
    return seconds


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs of a file: one per line; blank lines and ``#`` comments ignored, duplicates dropped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the feed list {path}: {exc}", code="E101") from None
    feeds: list[str] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if not line.lower().startswith(("http://", "https://")):
            raise InputError(f"{path}:{n}: not an http(s) URL: {line!r}", code="E104")
        if line not in feeds:
            feeds.append(line)
    return feeds


def watch(
    feeds: Sequence[str],
    *,
    store: Store,
    every: float,
    stop: threading.Event,
    pipeline: Pipeline | None = None,
    fetch_config: FetchConfig | None = None,
    on_pass: Callable[[IngestRunReport], None] | None = None,
) -> None:
    """Run :func:`watch_pass` every ``every`` seconds until ``stop`` is set.

    Safe to run in a background thread: nothing is printed, errors of a pass
    are logged and reported through ``on_pass``, and the wait between passes
    ends as soon as ``stop`` is set.  The store must not be used by another
    thread at the same time (DuckDB connections are not shared across threads).
    """
    from detente.pipeline import Pipeline

    pipe = pipeline or Pipeline()
    limiter = HostLimiter()
    with httpx.Client() as client:
        while not stop.is_set():
            try:
                report = watch_pass(
                    feeds,
                    store=store,
                    pipeline=pipe,
                    fetch_config=fetch_config,
                    client=client,
                    limiter=limiter,
                )
            except Exception as exc:  # a pass must not end the watcher; the next one may work
                log.error("watch pass failed: %s: %s", type(exc).__name__, exc)
                report = IngestRunReport(None, _now(), _now(), error=f"{type(exc).__name__}: {exc}")
            if on_pass is not None:
                on_pass(report)
            if stop.wait(every):
                break


def watch_pass(
    feeds: Sequence[str],
    *,
    store: Store,
    pipeline: Pipeline | None = None,
    fetch_config: FetchConfig | None = None,
    client: httpx.Client | None = None,
    limiter: HostLimiter | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> IngestRunReport:
    """Poll every feed once, fetch and store its new items; one ``ingest_runs`` row per pass."""
    config = fetch_config or FetchConfig()
    limiter = limiter or HostLimiter(clock=clock, sleep=sleep)
    report = IngestRunReport(run_id=store.begin_run("watch", list(feeds)), started=_now())
    report.documents.run_id = report.run_id
    status = "failed"
    http = client or httpx.Client()
    try:
        for url in feeds:
            report.feeds.append(
                _one_feed(
                    url,
                    store=store,
                    pipeline=pipeline,
                    config=config,
                    client=http,
                    limiter=limiter,
                    report=report.documents,
                    sleep=sleep,
                    clock=clock,
                )
            )
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if client is None:
            http.close()
        report.finished = _now()
        store.end_run(report.documents, status=status)
    return report


def _one_feed(
    url: str,
    *,
    store: Store,
    pipeline: Pipeline | None,
    config: FetchConfig,
    client: httpx.Client,
    limiter: HostLimiter,
    report: IngestReport,
    sleep: Sleep,
    clock: Clock,
) -> FeedOutcome:
    state = store.feed_state(url)
    feed_config = dataclasses.replace(config, max_bytes=max(config.max_bytes, 10 * 1024 * 1024))
    entries, new_state = poll_entries(
        url, client=client, state=state, config=feed_config, limiter=limiter, sleep=sleep, clock=clock
    )
    if new_state.last_error is not None:
        log.warning("feed %s: %s", url, new_state.last_error)
    fresh = {e.key for e in entries}
    retries = [
        FeedEntry(key, link, None, None) for key, link in store.pending_feed_items(url) if key not in fresh
    ]
    todo = [*entries, *retries]
    results: list[tuple[FeedEntry, Document | Rejected]] = []
    for entry in todo:
        (result,) = fetch_entries(
            [entry], client=client, config=config, limiter=limiter, sleep=sleep, clock=clock
        )
        results.append((entry, result))
    if results:
        store.ingest((r for _, r in results), pipeline=pipeline, report=report)
        store.mark_feed_items(
            url,
            [
                (
                    e.key,
                    e.link,
                    r.id if isinstance(r, Document) else None,
                    None if isinstance(r, Document) else f"[{r.code}] {r.detail}"[:500],
                )
                for e, r in results
            ],
        )
    store.save_feed_state(url, new_state)  # last: a crash before it repeats the poll, never loses items
    if new_state.last_error is not None:
        return FeedOutcome(url, "failed", 0, len(retries), new_state.last_error)
    # poll_entries keeps the validators on a 304; a 200 brings its own (or entries).
    conditional = bool(state.etag or state.last_modified)
    unchanged = (new_state.etag, new_state.last_modified) == (state.etag, state.last_modified)
    status = "not-modified" if conditional and unchanged and not entries else "new"
    return FeedOutcome(url, status, len(entries), len(retries))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
