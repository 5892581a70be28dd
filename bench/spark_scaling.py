"""Throughput of ``detente spark`` with one and two local cores, on the same input.

    python bench/spark_scaling.py [--data PATH] [--limit 300] [--masters local[1] local[2]] [--json]

Takes ``--limit`` articles spread evenly over ``news_unlabelled/articles.jsonl``
(the evaluation folder; never copied into the repository), writes them to a
temporary JSONL file, and runs :func:`detente.scale.spark.run` once per master,
each in its own child process (its own JVM and Python workers, so one run's
loaded models and caches never help the next).  The timed span is the job
itself: reading, analysing (spaCy and every stage, model loading in each Python
worker included, as on a cluster), writing Parquet; JVM start-up is reported
apart.  The scaling ratio is documents/s of the last master over the first.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_DATA, read_articles  # the same sample as throughput.py


def write_input(articles: list[dict[str, Any]], path: Path) -> int:
    """The articles as detente JSONL; returns their number of whitespace words."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            date = str(a.get("date") or "")[:10] or None
            row = {"id": a["id"], "text": a["text"], "title": a.get("title"), "url": a.get("url")}
            fh.write(json.dumps({**row, "published": date}, ensure_ascii=False) + "\n")
            words += len(str(a["text"]).split())
    return words


def run_child(args: argparse.Namespace) -> int:
    """One master, one job: print a JSON line with the measurement."""
    from detente.config import Config
    from detente.scale.spark import run, session

    started = time.perf_counter()
    spark = session(args.child, app_name="detente-bench")
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - started
    cores = spark.sparkContext.defaultParallelism
    report = run([args.input], out=args.out, spark=spark, config=Config.build(model=args.model))
    spark.stop()
    print(
        json.dumps(
            {
                "master": args.child,
                "cores": cores,
                "documents": report.documents,
                "mentions": report.mentions,
                "rejected": report.rejected,
                "partitions": report.partitions,
                "seconds": round(report.seconds, 2),
                "startup_s": round(startup, 2),
            }
        )
    )
    return 0


def spawn(master: str, args: argparse.Namespace, data: Path, out: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", master, "--input", str(data), "--out", str(out)]
    if args.model:
        cmd += ["--model", args.model]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"spark_scaling: the {master} run failed (exit {done.returncode})")
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--masters", nargs="+", default=["local[1]", "local[2]"])
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args)
    if not args.data.exists():
        print(f"skipped: {args.data} not found")
        return 0
    articles = read_articles(args.data, limit=args.limit)
    rows = []
    with tempfile.TemporaryDirectory(prefix="detente-spark-bench-") as tmp:
        data = Path(tmp) / "articles.jsonl"
        words = write_input(articles, data)
        for master in args.masters:
            row = spawn(master, args, data, Path(tmp) / f"out-{len(rows)}")
            row["words"] = words
            row["docs_per_s"] = round(row["documents"] / row["seconds"], 3)
            row["words_per_s"] = round(words / row["seconds"], 1)
            row["docs_per_s_per_core"] = round(row["docs_per_s"] / row["cores"], 3)
            rows.append(row)
    ratio = rows[-1]["docs_per_s"] / rows[0]["docs_per_s"] if len(rows) > 1 else 1.0
    if args.json:
        print(json.dumps({"runs": rows, "ratio": round(ratio, 2)}))
        return 0
    print(f"detente spark on {len(articles)} articles ({words:,} words) from {args.data}")
    print(f"{'master':<10} {'docs':>5} {'mentions':>8} {'job s':>8} {'docs/s':>8} {'words/s':>9} "
          f"{'docs/s/core':>11} {'JVM start s':>11}")  # fmt: skip
    for r in rows:
        print(
            f"{r['master']:<10} {r['documents']:>5} {r['mentions']:>8} {r['seconds']:>8.1f} "
            f"{r['docs_per_s']:>8.2f} {r['words_per_s']:>9.0f} {r['docs_per_s_per_core']:>11.2f} "
            f"{r['startup_s']:>11.1f}"
        )
    if len(rows) > 1:
        print(f"scaling {rows[-1]['master']} / {rows[0]['master']}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
