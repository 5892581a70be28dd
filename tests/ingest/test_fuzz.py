"""Fuzz: 10,000+ generated bad inputs through every reader; zero crashes, every item accounted for.

Seeded, so a failure replays exactly: the failing case's category and index are in
the assertion message.  Kinds of damage: random and binary bytes, NUL bytes,
invalid and mixed encodings (Latin-1, UTF-16), empty and whitespace-only
texts, huge lines, JSONL with broken lines and out-of-range dates, truncated
and bit-flipped gzip/WARC, malformed RSS/Atom, deeply nested markup.
"""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from pathlib import Path

import httpx

from detente.ingest import read_inputs
from detente.ingest.feeds import ParsedFeed, parse
from detente.ingest.http import FetchConfig
from detente.ingest.warc import read_warc
from detente.ingest.web import fetch
from detente.model import Document, Rejected
from ingest.warcs import article_html, build_warc

SEED = 20251128
ENGLISH = (
    "The foreign ministers of the two countries met on Monday and said that they would continue the talks "
    "about the border, which has been closed since the spring, and that trade would resume."
)


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random byte-level injuries."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(out))
        if op == 0 and out:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                out[rng.randrange(len(out))] = rng.randrange(256)
        elif op == 1:  # insert random bytes
            out[pos:pos] = rng.randbytes(rng.randint(1, 64))
        elif op == 2:  # delete a range
            del out[pos : pos + rng.randint(1, 200)]
        elif op == 3:  # truncate
            del out[pos:]
        elif op == 4:  # invalid UTF-8 or NUL
            out[pos:pos] = rng.choice([b"\xff\xfe", b"\xc3", b"\x00", b"\xed\xa0\x80", b"\xe2\x82"])
        elif op == 5:  # duplicate a chunk
            out[pos:pos] = out[pos : pos + rng.randint(1, 300)]
        else:  # another encoding
            out[pos:pos] = rng.choice(["Café Zürich".encode("latin-1"), "Москва".encode("utf-16")])
    return bytes(out)


def bad_text(rng: random.Random) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return rng.randbytes(rng.randint(0, 2000))
    if kind == 1:
        return b""
    if kind == 2:
        return rng.choice([b" ", b"\n\n\t ", "\u00a0\u2003\n".encode()]) * rng.randint(1, 50)
    if kind == 3:
        return ENGLISH.encode("utf-16")
    if kind == 4:
        return (ENGLISH + " Café ").encode("latin-1") + "Zürich".encode()
    if kind == 5:
        return b"x" * rng.randint(100_000, 400_000)  # one huge line
    return mutate(ENGLISH.encode(), rng)


def bad_jsonl(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randint(0, 8)):
        record: object = {"id": f"d{rng.randrange(99)}", "text": ENGLISH, "published": "2024-07-15"}
        kind = rng.randrange(9)
        if kind == 0:
            record = {
                "id": "x",
                "text": "t",
                "published": rng.choice(
                    ["0001-01-01", "9999-12-31", "2024-13-45", "1799-12-31", "yesterday", "", "2024-02-30"]
                ),
            }
        elif kind == 1:
            record = rng.choice(
                [[], 3, None, "s", {"id": None}, {"id": "", "text": ""}, {"id": True, "text": 1}]
            )
        elif kind == 2:
            record = {"id": "x", "text": "t", "title": 5, "url": [], "published": 20240715}
        line = json.dumps(record).encode()
        if kind >= 6:
            line = mutate(line, rng)
        if kind == 3:
            line = line[: rng.randint(0, len(line))]
        lines.append(line.replace(b"\n", b" "))
    if rng.random() < 0.1:
        lines.append(b'{"id": "big", "text": "' + b"y" * 300_000 + b'"}')
    return b"\n".join(lines) + rng.choice([b"", b"\n", b"\n\n  \n"])


def bad_csv(rng: random.Random) -> bytes:
    rows = [
        "id,text,published,title",
        f'a,"{ENGLISH}",2024-07-15,T',
        'b,"unclosed,2024-07-15,T',
        "c,x,0000-00-00,",
        ",,,",
        '"d","q""uoted",,',
    ]
    data = "\n".join(rng.sample(rows[1:], rng.randint(0, 5)))
    raw = (rows[0] + "\n" + data).encode() if rng.random() < 0.8 else data.encode()
    return mutate(raw, rng) if rng.random() < 0.7 else raw


def bad_feed(rng: random.Random) -> bytes:
    items = "".join(
        f"<item><guid>g{i}</guid><link>https://example.org/{i}</link><title>T{i}</title>"
        f"<pubDate>{rng.choice(['Mon, 28 Apr 2025 09:00:00 GMT', 'Feb 30 9999', 'x'])}</pubDate></item>"
        for i in range(rng.randint(0, 4))
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link href="javascript:alert(1)"/>'
        b"</entry><entry><link href='file:///etc/passwd'/></entry></feed>"
    )
    base = rng.choice(
        [
            rss,
            atom,
            b"",
            b"<rss>" * 60,
            rng.randbytes(300),
            b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><rss>&a;&a;</rss>",
        ]
    )
    return mutate(base, rng) if rng.random() < 0.7 else base


def check_items(items: list[object], label: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for item in items:
        assert isinstance(item, Document | Rejected), f"{label}: {item!r}"
        counts[type(item).__name__] += 1
    return counts


def expected_jsonl_items(data: bytes) -> int:
    """Each non-blank line is one item: a document or a rejection naming the line."""
    total = 0
    for n, raw in enumerate(
        data.splitlines(keepends=True) if b"\r" not in data else io.BytesIO(data), start=1
    ):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            total += bool(raw.decode("utf-8").strip())
        except UnicodeDecodeError:
            total += 1
    return total


def print_summary(per_kind: dict[str, Counter[str]]) -> None:
    """The fuzz summary (``pytest -s`` or ``bench/ingest_sources.py --fuzz``): cases and items per kind."""
    print("\nfuzz summary: kind | cases | documents (feed: entries) | rejected (code + reason) | crashes")
    for kind, c in per_kind.items():
        print(f"  {kind:6} | {c['cases']:5} | {c['Document']:9} | {c['Rejected']:8} | 0")
    total = sum((c for c in per_kind.values()), Counter())
    print(
        f"  {'all':6} | {total['cases']:5} | {total['Document']:9} | {total['Rejected']:8} | 0 "
        "(all accounted)"
    )


def test_fuzz_ten_thousand_bad_inputs(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    totals: Counter[str] = Counter()
    cases = 0
    per_kind: dict[str, Counter[str]] = {}

    def tally(kind: str, counts: Counter[str]) -> Counter[str]:
        per_kind.setdefault(kind, Counter()).update(counts + Counter(cases=1))
        return counts

    for i in range(3220):
        path = tmp_path / "t.txt"
        path.write_bytes(bad_text(rng))
        items = list(read_inputs([path], published=None))
        assert len(items) == 1, f"txt {i}"
        totals += tally("txt", check_items(items, f"txt {i}"))
        cases += 1

    for i in range(3000):
        path = tmp_path / ("j.jsonl" if i % 2 else "j.ndjson")
        data = bad_jsonl(rng)
        path.write_bytes(data)
        items = list(read_inputs([path]))
        assert len(items) == expected_jsonl_items(data), f"jsonl {i}"
        totals += tally("jsonl", check_items(items, f"jsonl {i}"))
        cases += 1

    for i in range(400):
        text = bad_jsonl(rng).decode("utf-8", errors="replace")
        items = list(read_inputs(["-"], stdin=io.StringIO(text)))
        totals += tally("stdin", check_items(items, f"stdin {i}"))
        cases += 1

    for i in range(1500):
        path = tmp_path / "c.csv"
        path.write_bytes(bad_csv(rng))
        totals += tally("csv", check_items(list(read_inputs([path])), f"csv {i}"))
        cases += 1

    for i in range(1000):
        feed = parse(bad_feed(rng), url="https://example.org/feed")
        assert isinstance(feed, ParsedFeed), f"feed {i}"
        for entry in feed.entries:
            assert entry.link is None or entry.link.startswith(("http://", "https://")), f"feed {i}: {entry}"
        totals["feed"] += 1
        tally("feed", Counter(Document=len(feed.entries)))  # entries parsed
        cases += 1

    def server(request: httpx.Request) -> httpx.Response:
        kind = len(str(request.url)) % 4
        if kind == 0:
            return httpx.Response(302, headers={"location": "http://10.0.0.1/"})
        if kind == 1:
            return httpx.Response(200, headers={"content-type": "text/html"}, content=rng.randbytes(200))
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=rng.randbytes(100))

    with httpx.Client(transport=httpx.MockTransport(server)) as client:
        for i in range(500):
            base = b"https://example.org/news/2025/04/28/talks?id=7#top"
            url = mutate(base, rng).decode("utf-8", errors="replace")
            result = fetch(url, client=client, config=FetchConfig(retries=0, min_interval=0.0))
            totals += tally("url", check_items([result], f"url {i}: {url!r}"))
            cases += 1

    records = [
        ("https://example.org/a", "text/html", article_html("A", ENGLISH)),
        ("https://example.org/b", "application/pdf", b"%PDF"),
    ]
    whole_gz = build_warc(records)
    whole_plain = build_warc(records, gzip=False)
    nested = b"<html><body>" + b"<div>" * 5000 + ENGLISH.encode() + b"</div>" * 5000 + b"</body></html>"
    bombs = build_warc(
        [
            ("https://example.org/deep", "text/html", nested),
            ("https://example.org/wide", "text/html", b"<p>" + b"<b>x</b>" * 100_000),
            ("https://example.org/bad-charset", "text/html; charset=klingon", article_html("K", ENGLISH)),
            ("", "text/html", article_html("no uri", ENGLISH)),
        ]
    )
    for i in range(400):
        gz = i % 2 == 0
        path = tmp_path / ("w.warc.gz" if gz else "w.warc")
        base = whole_gz if gz else whole_plain
        if i < 4:
            data = bombs
            path = tmp_path / "w.warc.gz"
        elif i % 5 == 0:
            data = base[: rng.randint(0, len(base))]
        else:
            data = mutate(base, rng)
        path.write_bytes(data)
        items = list(read_warc(path)) if i % 3 else list(read_inputs([path]))
        totals += tally("warc", check_items(items, f"warc {i}"))
        cases += 1

    print_summary(per_kind)
    assert cases >= 10_000 and sum(c["cases"] for c in per_kind.values()) == cases
    assert totals["Rejected"] > 3000 and totals["Document"] > 1000, totals
