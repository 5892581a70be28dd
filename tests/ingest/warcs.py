"""Builders for WARC archives written by the tests themselves (no downloaded data)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

# (target URI, content type, payload bytes)
Record = tuple[str, str, bytes]


def build_warc(records: Sequence[Record], *, gzip: bool = True) -> bytes:
    """A WARC with one ``warcinfo`` record, then a ``request``+``response`` pair per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "detente tests"}))
    for uri, content_type, payload in records:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
        )
    return buffer.getvalue()


def write_warc(
    folder: Path, records: Sequence[Record], *, name: str = "news.warc.gz", gzip: bool = True
) -> Path:
    path = folder / name
    path.write_bytes(build_warc(records, gzip=gzip))
    return path


def article_html(title: str, body: str, *, date: str = "2025-04-28") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}T08:00:00Z"></head>'
        f"<body><nav>Home World</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()
