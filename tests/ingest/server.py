"""A local HTTP server on 127.0.0.1 serving fixture pages and feeds written by these tests.

Routes are a dict the test edits while the server runs; every request is logged
with its conditional headers, so tests can check that a poll sent If-None-Match
and got a 304.  Nothing here touches the internet.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Mon, 28 Apr 2025 08:00:00 GMT"


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    conditional: bool = False  # answer with ETag / Last-Modified, and 304 when they match


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, str | None, int]] = field(default_factory=list)  # path, If-None-Match, status
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[tuple[str, str | None, int]]:
        return [entry for entry in self.log if entry[0] == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = site.routes.get(self.path)
            tag = self.headers.get("If-None-Match")
            if route is None:
                self._answer(404, b"not found", "text/plain", {})
                return
            headers: dict[str, str] = {}
            if route.conditional:
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
                if tag == etag:
                    site.log.append((self.path, tag, 304))
                    self.send_response(304)
                    self.end_headers()
                    return
            site.log.append((self.path, tag, route.status))
            self._answer(route.status, route.body, route.content_type, headers)

        def _answer(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def rss(base: str, items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, path) items."""
    entries = "".join(
        f"<item><title>{guid}</title><guid>{guid}</guid><link>{base}{path}</link>"
        f"<pubDate>Mon, 28 Apr 2025 08:00:00 GMT</pubDate></item>"
        for guid, path in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test news</title>'
        f"<link>{base}/</link><description>fixture</description>{entries}</channel></rss>"
    ).encode()
