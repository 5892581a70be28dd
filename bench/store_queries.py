"""Query speed of the store at scale: relationship timelines and dyads over synthetic events.

    python bench/store_queries.py [--events 10000000] [--db /tmp/detente-bench.duckdb] [--repeat 5]

Fills a fresh store with synthetic deduplicated events (60 countries with a
skewed activity distribution, all CAMEO roots, dates over ten years) using
DuckDB's own generator, then times the queries behind ``detente relations A B
--by month`` and ``detente dyads`` over one year.  Prints a table of the median
of ``--repeat`` runs, the database size on disk and the peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from detente.store import ActorRef, Store
from detente.store.rows import EVENT_COLUMNS

COUNTRIES = tuple(
    [
        "AZE",
        "IRN",
        "ARM",
        "RUS",
        "UKR",
        "USA",
        "CHN",
        "PHL",
        "SAU",
        "ISR",
        "TUR",
        "GEO",
        "SYR",
        "IRQ",
        "LBN",
        "YEM",
        "EGY",
        "QAT",
        "ARE",
        "PAK",
        "AFG",
        "IND",
        "JPN",
        "KOR",
        "PRK",
        "DEU",
        "FRA",
        "GBR",
        "ITA",
        "ESP",
        "POL",
        "BLR",
        "KAZ",
        "UZB",
        "SDN",
        "SSD",
        "ETH",
        "SOM",
        "KEN",
        "NGA",
        "MLI",
        "NER",
        "BFA",
        "COD",
        "RWA",
        "VEN",
        "COL",
        "MEX",
        "BRA",
        "ARG",
        "CAN",
        "AUS",
        "IDN",
        "MMR",
        "THA",
        "VNM",
        "TWN",
        "LBY",
        "TUN",
        "DZA",
    ]
)


def fill(store: Store, n: int) -> float:
    """Insert ``n`` synthetic events; returns seconds taken."""
    values = {c: "NULL" for c in EVENT_COLUMNS}
    k = len(COUNTRIES)
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    # Zipf-like skew: low indices are far more active, like real news coverage.
    values.update(
        {
            "id": "'S' || i",
            "doc_id": "'doc' || (i // 3)",
            "sentence": "0",
            "evidence": "'synthetic event'",
            "trigger_text": "'met'",
            "source_country": f"{countries}[1 + CAST(floor({k} * pow(random(), 2.5)) AS INTEGER)]",
            "target_country": f"{countries}[1 + CAST(floor({k} * pow(random(), 2.5)) AS INTEGER)]",
            "cameo_root": "lpad(CAST(1 + i % 20 AS VARCHAR), 2, '0')",
            "quad_class": (
                "CASE WHEN i % 20 < 5 THEN 1 WHEN i % 20 < 8 THEN 2 WHEN i % 20 < 13 THEN 3 ELSE 4 END"
            ),
            "goldstein": "round(20 * random() - 10, 1)",
            "date_precision": "'day'",
            "date_start": "DATE '2016-01-01' + CAST(floor(3650 * random()) AS INTEGER)",
            "negated": "random() < 0.02",
            "hypothetical": "random() < 0.05",
            "future": "random() < 0.03",
            "historical": "false",
            "confidence": "0.8",
        }
    )
    values["source_code"] = "source_country || 'GOV'"
    values["target_code"] = "target_country || 'GOV'"
    values["cameo"] = "cameo_root || '0'"
    values["date"] = "strftime(date_start, '%Y-%m-%d')"
    values["date_end"] = "date_start"
    base = [c for c in EVENT_COLUMNS if c not in ("source_code", "target_code", "cameo", "date", "date_end")]
    started = time.perf_counter()
    store.con.execute(
        f"""INSERT INTO events ({", ".join(EVENT_COLUMNS)}, num_mentions, num_articles, num_sources)
            SELECT {", ".join(EVENT_COLUMNS)}, 1, 1, 1 FROM (
                SELECT *, {values["source_code"]} AS source_code, {values["target_code"]} AS target_code,
                       {values["cameo"]} AS cameo, {values["date"]} AS date, {values["date_end"]} AS date_end
                FROM (SELECT {", ".join(f"{values[c]} AS {c}" for c in base)} FROM range({n}) t(i))
            )"""
    )
    store.con.execute("CHECKPOINT")
    return time.perf_counter() - started


def timed(fn: object, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/detente-bench.duckdb"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="Query an existing --db instead of refilling it."
    )
    args = parser.parse_args(argv)
    reuse = args.reuse and args.db.exists()
    if not reuse:
        for suffix in ("", ".wal"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
    import datetime as dt

    from detente import relations

    with Store(args.db) as store:
        fill_s = 0.0 if reuse else fill(store, args.events)
        a, b = ActorRef("AZE", country="AZE"), ActorRef("IRN", country="IRN")
        year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        top = relations.top_pairs(store.con, limit=20, start=year[0], end=year[1])
        pairs = list(zip(top["country_a"], top["country_b"], strict=True))
        rows = [
            ("fill (s)", fill_s),
            (
                "relations AZE IRN by month, 10 years (s)",
                timed(lambda: relations.relations(store.con, a, b, by="month"), args.repeat),
            ),
            (
                "relations AZE IRN by week, one year (s)",
                timed(
                    lambda: relations.relations(store.con, a, b, by="week", start=year[0], end=year[1]),
                    args.repeat,
                ),
            ),
            (
                "dyads: top 20 pairs over one year (s)",
                timed(
                    lambda: relations.top_pairs(store.con, limit=20, start=year[0], end=year[1]), args.repeat
                ),
            ),
            (
                "dyads: monthly timelines of those 20 pairs (s)",
                timed(
                    lambda: relations.pair_timelines(
                        store.con, pairs, by="month", start=year[0], end=year[1]
                    ),
                    args.repeat,
                ),
            ),
        ]
        count = store.counts()["events"]
    size_mb = args.db.stat().st_size / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table = Table(title=f"store queries over {count:,} synthetic events (median of {args.repeat})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in rows:
        table.add_row(name, f"{value:.3f}")
    table.add_row("database size (MB)", f"{size_mb:.0f}")
    table.add_row("peak RSS of this process (MB)", f"{peak_mb:.0f}")
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
