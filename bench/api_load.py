"""Load on the API's pair endpoint: many concurrent clients against ``detente serve`` on loopback.

    python bench/api_load.py [--events 100000] [--db /tmp/detente-api-load.duckdb] [--reuse]
                             [--clients 50] [--duration 30] [--pairs 40] [--by month] [--json]

Fills a store with synthetic events (the generator of ``bench/store_queries.py``:
60 countries with skewed activity over ten years), starts ``detente serve`` on
127.0.0.1 in a child process, then runs ``--clients`` concurrent clients
(asyncio, one keep-alive HTTP/1.1 connection each, a closed loop: each sends
its next request when the last one answered) for ``--duration`` seconds.  Each request
asks ``GET /api/v1/relations`` for one of the ``--pairs`` most active pairs
(random, either order, by ``--by``), so the server sees varied pairs.  Prints
throughput and latency percentiles; ``--json`` prints them as one JSON object.

The clients share the machine with the server: on a small box the numbers
include the client's own CPU time, so they are a floor on what a separate
client machine would see.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
from rich.console import Console
from rich.table import Table

from detente import relations
from detente.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_queries import fill  # the sibling benchmark's generator, not a copy

SERVE = "from detente.cli import main; import sys; sys.argv[0] = 'detente'; main()"
ENDPOINT = "/api/v1/relations"


def build(db: Path, events: int, *, reuse: bool) -> tuple[int, float]:
    """The store at ``db`` with at least ``events`` events; (count, seconds spent filling)."""
    if reuse and db.exists():
        with Store(db) as store:
            count = store.counts()["events"]
        if count >= events:
            return count, 0.0
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    with Store(db) as store:
        seconds = fill(store, events)
        return store.counts()["events"], seconds


def top_pairs(db: Path, n: int) -> list[tuple[str, str]]:
    with Store(db, read_only=True) as store:
        top = relations.top_pairs(store.con, limit=n)
    return list(zip(top["country_a"], top["country_b"], strict=True))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DETENTE_API_TOKEN": ""}
    cmd = [sys.executable, "-c", SERVE, "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"detente serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/api/v1/documents?limit=1", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("detente serve did not answer within 120 s")


class Connection:
    """A bare HTTP/1.1 keep-alive connection: the load generator must cost less than the server.

    httpx costs a few milliseconds of CPU a request, more than the server spends
    on a cached answer; on a small machine the clients would measure themselves.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


async def client(
    conn: Connection, pairs: list[tuple[str, str]], by: str, until: float, seed: int
) -> tuple[list[float], int]:
    rng = random.Random(seed)
    latencies: list[float] = []
    errors = 0
    while time.perf_counter() < until:
        a, b = rng.choice(pairs)
        if rng.random() < 0.5:
            a, b = b, a
        started = time.perf_counter()
        try:
            ok = await conn.get(f"{ENDPOINT}?{urlencode({'a': a, 'b': b, 'by': by})}") == 200
        except (OSError, asyncio.IncompleteReadError, ValueError):
            ok = False
            await conn.close()
            conn.writer = None
        latencies.append(time.perf_counter() - started)
        errors += not ok
    return latencies, errors


async def load(
    url: str, pairs: list[tuple[str, str]], *, clients: int, duration: float, by: str
) -> tuple[list[float], int, float]:
    parts = urlsplit(url)
    conns = [Connection(parts.hostname or "127.0.0.1", parts.port or 80) for _ in range(clients)]
    try:
        started = time.perf_counter()
        until = started + duration
        done = await asyncio.gather(*(client(c, pairs, by, until, n) for n, c in enumerate(conns)))
        elapsed = time.perf_counter() - started
    finally:
        for c in conns:
            await c.close()
    latencies = [x for lat, _ in done for x in lat]
    return latencies, sum(e for _, e in done), elapsed


def prime(url: str, pairs: list[tuple[str, str]], by: str) -> list[float]:
    """Ask every pair in both orders once, one at a time: the cold (uncached) latency of each."""
    cold: list[float] = []
    with httpx.Client(base_url=url, timeout=120) as http:
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                started = time.perf_counter()
                http.get(ENDPOINT, params={"a": x, "b": y, "by": by}).raise_for_status()
                cold.append(time.perf_counter() - started)
    return cold


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc), for CPU per request."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/detente-api-load.duckdb"))
    parser.add_argument("--reuse", action="store_true", help="Keep an existing --db with enough events.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="Seconds of load.")
    parser.add_argument("--pairs", type=int, default=40, help="Query the N most active pairs.")
    parser.add_argument("--by", default="month", choices=["day", "week", "month", "quarter", "year"])
    parser.add_argument("--warmup", type=float, default=3.0, help="Seconds of load not measured.")
    parser.add_argument(
        "--no-prime", action="store_true", help="Skip asking each pair once (cold) before the load."
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    count, fill_s = build(args.db, args.events, reuse=args.reuse)
    pairs = top_pairs(args.db, args.pairs)
    port = free_port()
    server = start_server(args.db, port)
    url = f"http://127.0.0.1:{port}"
    try:
        cold = [] if args.no_prime else sorted(prime(url, pairs, args.by))
        if args.warmup > 0:
            asyncio.run(load(url, pairs, clients=args.clients, duration=args.warmup, by=args.by))
        server_cpu, client_cpu = cpu_seconds(server.pid), cpu_seconds(os.getpid())
        latencies, errors, elapsed = asyncio.run(
            load(url, pairs, clients=args.clients, duration=args.duration, by=args.by)
        )
        server_cpu = cpu_seconds(server.pid) - server_cpu
        client_cpu = cpu_seconds(os.getpid()) - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    ordered = sorted(latencies)
    result = {
        "events": count,
        "fill_s": round(fill_s, 2),
        "pairs": len(pairs),
        "clients": args.clients,
        "seconds": round(elapsed, 2),
        "requests": len(latencies),
        "errors": errors,
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(ordered, 50), 1),
        "p95_ms": round(1000 * percentile(ordered, 95), 1),
        "p99_ms": round(1000 * percentile(ordered, 99), 1),
        "max_ms": round(1000 * ordered[-1], 1) if ordered else None,
        "mean_ms": round(1000 * statistics.fmean(ordered), 1) if ordered else None,
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, len(latencies)), 2),
        "client_cpu_ms_per_request": round(1000 * client_cpu / max(1, len(latencies)), 2),
        "cold_requests": len(cold),
        "cold_p50_ms": round(1000 * percentile(cold, 50), 1) if cold else None,
        "cold_max_ms": round(1000 * cold[-1], 1) if cold else None,
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 1),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    table = Table(
        title=f"GET {ENDPOINT} (by {args.by}): {args.clients} clients, {args.duration:.0f} s, "
        f"{count:,} events, {len(pairs)} pairs"
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key in (
        "requests", "errors", "throughput_rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms",
        "server_cpu_ms_per_request", "client_cpu_ms_per_request", "cold_requests", "cold_p50_ms",
        "cold_max_ms", "fill_s", "cpus", "load_average_1m",
    ):  # fmt: skip
        table.add_row(key, str(result[key]))
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
