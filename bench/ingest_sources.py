"""Ingestion throughput from real sources, with the pipeline: WARC archives and feeds.

    python bench/ingest_sources.py [--data PATH] [--limit 200] [--feed-items 60] [--large 0] [--json]
    python bench/ingest_sources.py --fuzz      # the fuzz test's summary (cases per kind, all accounted)

Builds its inputs in a temporary folder from real news texts
(``news_unlabelled/articles.jsonl`` of the evaluation data; nothing is copied into
the repository): a WARC of HTML responses (plus a few PDF records, which must be
skipped with a reason), and an RSS feed whose items are served with their
articles by a local HTTP server on 127.0.0.1.  Each measurement runs in its own
child process, so peak memory (``ru_maxrss``) is that source's alone:

- ``warc``: ``Store.ingest([archive])`` with the pipeline: read, extract (trafilatura),
  language check, analyse, store;
- ``feed``: ``Store.ingest(read_sources([feed_url]))``: poll, fetch every item
  (no per-host delay), extract, analyse, store;
- ``warc-read`` (with ``--large N``): only reading and extracting a WARC of N
  records (no pipeline): the memory of streaming a large archive.

Pipeline loading is excluded from the timings.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path("..") / "shared" / "eval-data" / "news_unlabelled" / "articles.jsonl"
ROOT = Path(__file__).resolve().parents[1]


def read_articles(path: Path, limit: int) -> list[dict[str, Any]]:
    """``limit`` articles spread evenly over the file (it is ordered by source)."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if limit and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    return rows


def page(article: dict[str, Any]) -> bytes:
    import html

    title = html.escape(article.get("title") or article["id"])
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n") if p.strip())
    date = article.get("date") or "2020-01-01"
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}T08:00:00Z"></head>'
        f"<body><nav>Home World</nav><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def write_warc(path: Path, articles: list[dict[str, Any]], *, pdf_every: int = 20) -> int:
    """A gzipped WARC (warcinfo, then request+response per article); returns the response count."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    n = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "detente bench"}))
        for i, article in enumerate(articles):
            uri = f"https://news.example.org/{i}/{article['id']}"
            kind, body = ("application/pdf", b"%PDF-1.4 ...") if i % pdf_every == pdf_every - 1 else (
                "text/html; charset=utf-8", page(article))  # fmt: skip
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
            n += 1
    return n


def serve_feed(articles: list[dict[str, Any]]) -> tuple[ThreadingHTTPServer, str]:
    pages = {f"/a/{i}": page(a) for i, a in enumerate(articles)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                items = "".join(
                    f"<item><guid>{base}{p}</guid><link>{base}{p}</link><title>{p}</title></item>"
                    for p in pages
                )
                body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel>'
                body += "</rss>"
                self._send(body.encode(), "application/rss+xml")
            elif self.path in pages:
                self._send(pages[self.path], "text/html; charset=utf-8")
            else:
                self.send_error(404)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


def child(kind: str, data: Path, limit: int, workdir: Path) -> dict[str, Any]:
    """One measurement, in this (child) process."""
    from detente.ingest.http import FetchConfig
    from detente.ingest.sources import read_sources
    from detente.ingest.warc import read_warc
    from detente.store import Store

    articles = read_articles(data, limit)
    out: dict[str, Any] = {"source": kind}
    if kind == "warc-read":
        archive = workdir / "large.warc.gz"
        records = write_warc(archive, articles)
        started, cpu = time.perf_counter(), _cpu()
        counts: dict[str, int] = {}
        for item in read_warc(archive):
            counts[type(item).__name__] = counts.get(type(item).__name__, 0) + 1
        seconds = time.perf_counter() - started
        out |= {"records": records, "documents": counts.get("Document", 0), "seconds": seconds,
                "archive_mb": archive.stat().st_size / 1e6}  # fmt: skip
    else:
        from detente.config import Config
        from detente.pipeline import Pipeline

        pipe = Pipeline(Config.build())
        _ = pipe.language  # load spaCy before the clock starts
        with Store(workdir / f"{kind}.duckdb") as store:
            if kind == "warc":
                archive = workdir / "bench.warc.gz"
                out["records"] = write_warc(archive, articles)
                started, cpu = time.perf_counter(), _cpu()
                report = store.ingest([archive], pipeline=pipe)
            else:
                server, url = serve_feed(articles)
                out["records"] = len(articles)
                config = FetchConfig(allow_private=True, min_interval=0.0)
                started, cpu = time.perf_counter(), _cpu()
                report = store.ingest(read_sources([url], config=config), pipeline=pipe)
                server.shutdown()
            seconds = time.perf_counter() - started
        out |= {
            "documents": report.read,
            "stored": report.stored + report.updated,
            "duplicates": report.unchanged,
            "quarantined": report.quarantined,
            "skipped": len(report.skipped),
            "balanced": report.balanced(),
            "events": report.events,
            "seconds": seconds,
        }
    out["cpu_seconds"] = _cpu() - cpu  # the feed's server thread included: it is part of the work
    out["docs_per_s"] = out["documents"] / out["seconds"] if out["seconds"] else 0.0
    out["docs_per_cpu_s"] = out["documents"] / out["cpu_seconds"] if out["cpu_seconds"] else 0.0
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_child(kind: str, args: argparse.Namespace, limit: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--data", str(args.data), "--limit", str(limit),
             "--workdir", tmp],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if proc.returncode != 0:
        return {
            "source": kind,
            "error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed",
        }
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict[str, Any]]) -> None:
    head = (
        "source",
        "records",
        "read",
        "stored",
        "dup",
        "quar.",
        "skipped",
        "events",
        "s",
        "docs/s",
        "docs/CPU-s",
        "peak RSS MB",
    )
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for r in rows:
        if "error" in r:
            print(f"{r['source']} | error: {r['error']}")
            continue
        cells = (
            r["source"], r["records"], r["documents"], r.get("stored", "-"), r.get("duplicates", "-"),
            r.get("quarantined", "-"), r.get("skipped", "-"), r.get("events", "-"), f"{r['seconds']:.1f}",
            f"{r['docs_per_s']:.2f}", f"{r['docs_per_cpu_s']:.2f}", f"{r['peak_rss_mb']:.0f}",
        )  # fmt: skip
        print(" | ".join(str(c) for c in cells))
    if any(r.get("balanced") is False for r in rows):
        print("ACCOUNTING DOES NOT BALANCE")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=200, help="articles in the WARC and in the feed")
    parser.add_argument("--feed-items", type=int, default=60, help="items of the feed")
    parser.add_argument("--large", type=int, default=0, help="also read a WARC of this many records (memory)")
    parser.add_argument("--fuzz", action="store_true", help="run the fuzz test and print its summary")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fuzz:
        test = ROOT / "tests" / "ingest" / "test_fuzz.py"
        return subprocess.call([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly", str(test)])
    if args.child:
        print(json.dumps(child(args.child, args.data, args.limit, args.workdir)))
        return 0
    if not args.data.exists():
        print(f"skipped: {args.data} not found (run from the repository root or give --data)")
        return 0
    rows = [run_child("warc", args, args.limit), run_child("feed", args, args.feed_items)]
    if args.large:
        rows.append(run_child("warc-read", args, args.large))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
