"""Article URLs to documents: a safe GET, then trafilatura for the main text and metadata.

The document id is a hash of the *canonical* URL, so the same article reached
through a tracking link, a feed redirect or a WARC record is stored once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import urllib.parse
from dataclasses import dataclass

import httpx

from detente.ingest.http import (
    E115,
    E116,
    HTML_TYPES,
    TEXT_TYPES,
    Clock,
    FetchConfig,
    FetchError,
    HostLimiter,
    Response,
    Sleep,
    check_url,
    get,
)
from detente.model import Document, Rejected

# Extraction time grows faster than linearly with markup (100,000 tags took 8 s); news pages
# carry a few thousand ("<" counted, closing tags included), so a page with more is a bomb or not an article.
MAX_TAGS = 60_000

__all__ = [
    "FetchConfig",
    "HostLimiter",
    "Page",
    "document_from_html",
    "fetch",
    "fetch_page",
    "page_from_response",
    "url_id",
]


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched article with its provenance (what :class:`Document` has no field for)."""

    document: Document
    requested_url: str
    final_url: str  # after redirects
    canonical_url: str  # rel=canonical / og:url when valid, else final_url
    fetched_at: dt.datetime  # UTC
    status: int
    content_type: str


def url_id(url: str) -> str:
    """A stable id for an article URL: ``u`` + 20 hex digits of SHA-256 of the normalised URL."""
    parts = urllib.parse.urlsplit(url.strip())
    normal = urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )
    return "u" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


def fetch(
    url: str,
    *,
    client: httpx.Client,
    config: FetchConfig,
    limiter: HostLimiter | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> Document | Rejected:
    """Fetch one article; any failure is a :class:`Rejected` naming the URL, never an exception."""
    page = fetch_page(url, client=client, config=config, limiter=limiter, sleep=sleep, clock=clock)
    return page.document if isinstance(page, Page) else page


def fetch_page(
    url: str,
    *,
    client: httpx.Client,
    config: FetchConfig,
    limiter: HostLimiter | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
    now: dt.datetime | None = None,
) -> Page | Rejected:
    """Like :func:`fetch` but keeps the provenance: requested, final and canonical URL, fetch time."""
    fetched_at = now or dt.datetime.now(dt.UTC)
    try:
        response = get(url, client=client, config=config, limiter=limiter, sleep=sleep, clock=clock)
    except FetchError as exc:
        return Rejected(url, "ingest", exc.code, exc.detail, {"url": url})
    return page_from_response(url, response, config=config, fetched_at=fetched_at)


def page_from_response(
    url: str, response: Response, *, config: FetchConfig, fetched_at: dt.datetime
) -> Page | Rejected:
    """The article in a fetched response (shared with :mod:`.sources`, which sniffs feeds first)."""
    try:
        if response.status == 304:
            raise FetchError(E116, f"{url}: 304 Not Modified to an unconditional request")
        if response.content_type not in HTML_TYPES + TEXT_TYPES:
            raise FetchError(
                E115, f"{url}: content type {response.content_type or '(none)'!r} is not HTML or text"
            )
        text = _decode(response.content, response.charset)
        if response.content_type in TEXT_TYPES:
            canonical = response.final_url
            document = Document(
                id=url_id(canonical),
                text=text.strip(),
                url=canonical,
                source=urllib.parse.urlsplit(canonical).hostname,
            )
        else:
            document = document_from_html(
                text, url=response.final_url, allow_private=config.allow_private, where=url
            )
            canonical = document.url or response.final_url
        if not document.text.strip():
            raise FetchError(E116, f"{url}: no text found")
    except FetchError as exc:
        return Rejected(url, "ingest", exc.code, exc.detail, {"url": url})
    return Page(
        document=document,
        requested_url=url,
        final_url=response.final_url,
        canonical_url=canonical,
        fetched_at=fetched_at,
        status=response.status,
        content_type=response.content_type,
    )


def document_from_html(
    html: str,
    *,
    url: str,
    allow_private: bool = False,
    fallback_date: dt.date | None = None,
    where: str | None = None,
) -> Document:
    """Main text, title, date and outlet of one HTML page; raises FetchError (E116) if none.

    Shared by URL fetching and WARC reading so both give the same id for the same article.
    """
    import trafilatura  # heavy import (lxml, dateparser): only when a page is extracted

    tags = html.count("<")
    if tags > MAX_TAGS:
        raise FetchError(E116, f"{where or url}: {tags} tags, over the {MAX_TAGS} limit (markup bomb?)")
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise FetchError(E116, f"{where or url}: cannot extract ({type(exc).__name__})") from None
    if result is None:
        raise FetchError(E116, f"{where or url}: no main text found")
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (meta.get("text") or "").strip()
    if not text:
        raise FetchError(E116, f"{where or url}: no main text found")
    canonical = _valid_canonical(meta.get("url"), base=url, allow_private=allow_private) or url
    return Document(
        id=url_id(canonical),
        text=text,
        published=_date(meta.get("date")) or fallback_date,
        title=(meta.get("title") or None),
        url=canonical,
        source=meta.get("sitename") or meta.get("hostname") or urllib.parse.urlsplit(canonical).hostname,
    )


def _valid_canonical(value: object, *, base: str, allow_private: bool) -> str | None:
    """A page may declare any canonical URL; trust it only if it is a fetchable http(s) URL."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return check_url(urllib.parse.urljoin(base, value.strip()), allow_private=allow_private)
    except FetchError:
        return None


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _decode(content: bytes, charset: str | None) -> str:
    """The declared charset, else UTF-8; undecodable bytes become U+FFFD rather than a failure."""
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return content.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace")
