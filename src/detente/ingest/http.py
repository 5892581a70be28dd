"""A careful HTTP GET for untrusted URLs: the network half of URL and feed ingestion.

Why not ``client.get(url)``: a URL typed by a user or found in a feed may point
at the machine itself or the local network (SSRF), redirect there, serve a
gigabyte, hang, or flap with 5xx errors.  Every hop of a redirect chain is
checked here, the body is streamed and cut at a size cap, failures are retried
with backoff, and each host is contacted no more often than the configured
interval.  Clocks and sleeps are injected so tests run instantly and offline.
"""

from __future__ import annotations

import ipaddress
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from detente import __version__

Clock = Callable[[], float]
Sleep = Callable[[float], None]

# Codes of a failed fetch, kept stable for logs and the ingest summary.
E110 = "E110"  # URL refused (scheme, credentials, private address)
E111 = "E111"  # network failure or timeout after retries
E112 = "E112"  # HTTP error status
E113 = "E113"  # too many redirects
E114 = "E114"  # body over the size cap or took too long
E115 = "E115"  # content type not HTML or plain text
E116 = "E116"  # nothing extractable

_UNSAFE = re.compile(r"[\x00-\x20\x7f]")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
DEFAULT_USER_AGENT = f"detente/{__version__} (news event coding; polite: one request per host per second)"


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """Limits for one fetch; the defaults suit a news article page."""

    timeout: float = 20.0  # seconds per network operation (connect, read)
    total_timeout: float = 60.0  # seconds for the whole body, against slow-drip servers
    max_redirects: int = 5
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 2  # extra attempts after a 5xx, 429 or timeout
    backoff: float = 1.0  # seconds; doubled at each retry
    min_interval: float = 1.0  # seconds between two requests to one host
    allow_private: bool = False  # allow loopback/private/link-local hosts (local testing only)
    user_agent: str = DEFAULT_USER_AGENT
    accept: tuple[str, ...] = HTML_TYPES + TEXT_TYPES


class FetchError(Exception):
    """A fetch that failed for a reason worth reporting; ``code`` is one of E110-E116."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(slots=True)
class HostLimiter:
    """Per-host politeness: remembers when each host was last contacted.

    The caller owns it (one per crawl), so there is no process-wide state and
    two crawls in one process do not slow each other down.
    """

    clock: Clock = time.monotonic
    sleep: Sleep = time.sleep
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str, *, interval: float) -> None:
        now = self.clock()
        previous = self.last.get(host)
        if previous is not None and now - previous < interval:
            self.sleep(interval - (now - previous))
            now = self.clock()
        self.last[host] = now


@dataclass(frozen=True, slots=True)
class Response:
    """What a successful GET returns: enough to extract and to record provenance."""

    requested_url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    content_type: str  # media type only, lower case, e.g. "text/html"
    charset: str | None


def check_url(url: str, *, allow_private: bool = False) -> str:
    """Return the URL without its fragment, or raise :class:`FetchError` (E110).

    DNS is not consulted (that needs the network and can change between the
    check and the request); what can be judged from the text is: the scheme,
    credentials, and hosts that are IP literals or ``localhost``.
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
        host = parts.hostname
        _ = parts.port  # raises ValueError for a bad port
    except ValueError as exc:
        raise FetchError(E110, f"malformed URL {url!r}: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(E110, f"refused scheme {parts.scheme or '(none)'!r}: only http and https")
    if not host:
        raise FetchError(E110, f"URL {url!r} has no host")
    if parts.username is not None or parts.password is not None:
        raise FetchError(E110, "refused URL with credentials")
    if _UNSAFE.search(url.strip()) or "%" in host:
        raise FetchError(E110, f"refused URL with spaces, control characters or an encoded host: {url!r}")
    cleaned = urllib.parse.urlunsplit(parts._replace(fragment=""))
    try:
        normal_host = httpx.URL(cleaned).host  # what httpx will connect to (IDNA-encoded)
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise FetchError(E110, f"malformed URL {url!r}: {exc}") from None
    if not allow_private and (_is_private_host(host) or _is_private_host(normal_host)):
        raise FetchError(E110, f"refused private, loopback or link-local host {host!r}")
    return cleaned


def _is_private_host(host: str) -> bool:
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    address = _ip_literal(name)
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def _ip_literal(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host name denotes literally, including the integer forms resolvers accept."""
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    # "2130706433", "0x7f000001" and "127.1" all reach 127.0.0.1 through inet_aton.
    pieces = name.split(".")
    if not 1 <= len(pieces) <= 4:
        return None
    try:
        values = [_inet_part(p) for p in pieces]
    except ValueError:
        return None
    *front, last = values
    if any(not 0 <= v <= 255 for v in front) or last < 0 or last >= 256 ** (5 - len(values)):
        return None
    number = 0
    for v in front:
        number = number << 8 | v
    number = number << (8 * (5 - len(values))) | last
    return ipaddress.IPv4Address(number) if number < 2**32 else None


def _inet_part(piece: str) -> int:
    """One dotted piece as inet_aton reads it: ``0x`` hex, leading-zero octal, else decimal."""
    if piece.lower().startswith("0x"):
        return int(piece[2:], 16)
    if len(piece) > 1 and piece.startswith("0"):
        return int(piece[1:], 8)
    if not piece.isdigit():
        raise ValueError(piece)
    return int(piece)


def get(
    url: str,
    *,
    client: httpx.Client,
    config: FetchConfig,
    limiter: HostLimiter | None = None,
    headers: Mapping[str, str] | None = None,
    sleep: Sleep = time.sleep,
    clock: Clock = time.monotonic,
) -> Response:
    """GET ``url`` within ``config``'s limits; raise :class:`FetchError` on any failure.

    A 304 is returned as a response (conditional GETs for feeds); other
    non-2xx statuses raise E112.
    """
    current = check_url(url, allow_private=config.allow_private)
    for _hop in range(config.max_redirects + 1):
        response = _with_retries(
            current, client=client, config=config, limiter=limiter, headers=headers, sleep=sleep, clock=clock
        )
        if isinstance(response, str):  # a redirect target
            current = check_url(response, allow_private=config.allow_private)
            continue
        return Response(
            requested_url=url,
            final_url=current,
            status=response[0],
            headers=response[1],
            content=response[2],
            content_type=_media_type(response[1]),
            charset=_charset(response[1]),
        )
    raise FetchError(E113, f"more than {config.max_redirects} redirects from {url}")


def _with_retries(
    url: str,
    *,
    client: httpx.Client,
    config: FetchConfig,
    limiter: HostLimiter | None,
    headers: Mapping[str, str] | None,
    sleep: Sleep,
    clock: Clock,
) -> str | tuple[int, dict[str, str], bytes]:
    host = urllib.parse.urlsplit(url).hostname or ""
    last_problem = ""
    for attempt in range(config.retries + 1):
        if attempt:
            sleep(config.backoff * 2 ** (attempt - 1))
        if limiter is not None:
            limiter.wait(host, interval=config.min_interval)
        try:
            result = _once(url, client=client, config=config, headers=headers, clock=clock)
        except (httpx.TimeoutException, httpx.TransportError) as exc:
            last_problem = f"{type(exc).__name__}: {exc}"
            continue
        except (
            httpx.DecodingError,
            httpx.InvalidURL,
        ) as exc:  # corrupt encoding: retrying won't help
            raise FetchError(E112, f"{url}: {type(exc).__name__}: {exc}") from None
        if isinstance(result, int):  # retryable status
            last_problem = f"HTTP {result}"
            continue
        return result
    raise FetchError(E111, f"{url}: gave up after {config.retries + 1} attempts ({last_problem})")


def _once(
    url: str,
    *,
    client: httpx.Client,
    config: FetchConfig,
    headers: Mapping[str, str] | None,
    clock: Clock,
) -> int | str | tuple[int, dict[str, str], bytes]:
    request = client.build_request(
        "GET",
        url,
        headers={"User-Agent": config.user_agent, "Accept": ", ".join(config.accept), **(headers or {})},
        timeout=config.timeout,
    )
    response = client.send(request, stream=True, follow_redirects=False)
    try:
        status = response.status_code
        if status in (301, 302, 303, 307, 308):
            location = response.headers.get("location")
            if not location:
                raise FetchError(E112, f"{url}: redirect {status} without a Location")
            return urllib.parse.urljoin(url, location)
        if status == 429 or status >= 500:
            return status
        if status != 304 and not 200 <= status < 300:
            raise FetchError(E112, f"{url}: HTTP {status}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > config.max_bytes:
            raise FetchError(E114, f"{url}: {declared} bytes declared, over the {config.max_bytes} cap")
        started = clock()
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > config.max_bytes:
                raise FetchError(E114, f"{url}: body over the {config.max_bytes}-byte cap")
            if clock() - started > config.total_timeout:
                raise FetchError(E114, f"{url}: body took over {config.total_timeout} s")
            chunks.append(chunk)
        return status, {k.lower(): v for k, v in response.headers.items()}, b"".join(chunks)
    finally:
        response.close()


def _media_type(headers: Mapping[str, str]) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


def _charset(headers: Mapping[str, str]) -> str | None:
    for param in headers.get("content-type", "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
