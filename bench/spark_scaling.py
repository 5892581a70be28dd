"""Throughput of ``detente spark`` with one and two local cores, on the same input.

    python bench/spark_scaling.py [--data PATH] [--limit 300] [--masters local[1] local[2]] [--warm] [--json]

Takes ``--limit`` articles spread evenly over ``news_unlabelled/articles.jsonl``
(the evaluation folder; never copied into the repository), writes them to a
temporary JSONL file, and runs :func:`detente.scale.spark.run` once per master,
each in its own child process (its own JVM and Python workers, so one run's
loaded models and caches never help the next).  The timed span is the job
itself: reading, analysing (spaCy and every stage, model loading in each Python
worker included, as on a cluster), writing Parquet; JVM start-up is reported
apart.  With ``--warm`` a small job on other articles runs first in the same
session, so the timed job finds the JVM compiled and the model loaded in every
Python worker: the steady state of a long job.  Each run also reports where
the CPU went during the job (Linux /proc): Spark's JVM, the Python workers and
the driver, with the load average, because on a shared machine the wall times
say little.  The scaling ratio is documents/s of the last master over the
first.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
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


def _proc_cpu(pid: int) -> tuple[float, int] | None:
    """(user + system CPU seconds, parent pid) of a process, from /proc; None where it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), int(fields[1])


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (found := _proc_cpu(int(entry))) is not None:
            parents.setdefault(found[1], []).append(int(entry))
    out, todo = [], [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class CpuWatch:
    """CPU seconds of Spark's JVM and of its Python workers (its descendants) over a span.

    Workers are sampled twice a second and their highest reading kept, so a
    worker that exits during the span still counts (up to its last sample).
    """

    def __init__(self) -> None:
        me = os.getpid()
        javas = [p for p in _descendants(me) if "java" in Path(f"/proc/{p}/comm").read_text()]
        self.jvm = javas[0] if javas else None
        self.start: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _read(self) -> dict[int, float]:
        if self.jvm is None:
            return {}
        pids = [self.jvm, *_descendants(self.jvm)]
        return {p: found[0] for p in pids if (found := _proc_cpu(p)) is not None}

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            for pid, cpu in self._read().items():
                self.last[pid] = max(cpu, self.last.get(pid, 0.0))

    def __enter__(self) -> CpuWatch:
        self.start = self._read()
        self.last = dict(self.start)
        self.driver0 = sum(os.times()[:2])
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        for pid, cpu in self._read().items():
            self.last[pid] = max(cpu, self.last.get(pid, 0.0))
        self.driver = sum(os.times()[:2]) - self.driver0

    def summary(self) -> dict[str, float | None]:
        if self.jvm is None:
            return {"jvm_cpu_s": None, "workers_cpu_s": None, "driver_cpu_s": round(self.driver, 1)}
        used = {pid: cpu - self.start.get(pid, 0.0) for pid, cpu in self.last.items()}
        jvm = used.pop(self.jvm, 0.0)
        return {
            "jvm_cpu_s": round(jvm, 1),
            "workers_cpu_s": round(sum(used.values()), 1),
            "driver_cpu_s": round(self.driver, 1),
        }


def run_child(args: argparse.Namespace) -> int:
    """One master, one job: print a JSON line with the measurement."""
    from detente.config import Config
    from detente.scale.spark import run, session

    started = time.perf_counter()
    spark = session(args.child, app_name="detente-bench")
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - started
    cores = spark.sparkContext.defaultParallelism
    config = Config.build(model=args.model)
    warm = None
    if args.warm_input:
        warm = run([args.warm_input], out=args.out + "-warm", spark=spark, config=config).seconds
    load = os.getloadavg()[0]
    with CpuWatch() as cpu:
        report = run([args.input], out=args.out, spark=spark, config=config)
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
                "analyse_s": round(report.analyse_seconds, 2),
                "write_s": round(report.write_seconds, 2),
                "startup_s": round(startup, 2),
                "warm_up_s": round(warm, 2) if warm is not None else None,
                **cpu.summary(),
                "load_before": round(load, 2),
                "load_after": round(os.getloadavg()[0], 2),
            }
        )
    )
    return 0


def spawn(master: str, args: argparse.Namespace, data: Path, out: Path, warm: Path | None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", master, "--input", str(data), "--out", str(out)]
    if warm is not None:
        cmd += ["--warm-input", str(warm)]
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
    parser.add_argument(
        "--warm", action="store_true", help="run a small job first in each session (steady state)"
    )
    parser.add_argument("--warm-input", help=argparse.SUPPRESS)
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
        warm = None
        if args.warm:  # other articles than the timed ones, a few per task of each master
            taken = {a["id"] for a in articles}
            spare = [a for a in read_articles(args.data, limit=None) if a["id"] not in taken]
            warm = Path(tmp) / "warm.jsonl"
            write_input(spare[:: max(1, len(spare) // 16)][:16], warm)
        for master in args.masters:
            row = spawn(master, args, data, Path(tmp) / f"out-{len(rows)}", warm)
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
    print(f"{'master':<10} {'docs':>5} {'mentions':>8} {'job s':>7} {'analyse':>7} {'write':>6} "
          f"{'docs/s':>7} {'words/s':>8} {'/core':>6} {'JVM start':>9} "
          f"{'JVM cpu':>7} {'Py cpu':>7} {'load':>10}")  # fmt: skip
    for r in rows:
        print(
            f"{r['master']:<10} {r['documents']:>5} {r['mentions']:>8} {r['seconds']:>7.1f} "
            f"{r['analyse_s']:>7.1f} {r['write_s']:>6.1f} {r['docs_per_s']:>7.2f} {r['words_per_s']:>8.0f} "
            f"{r['docs_per_s_per_core']:>6.2f} {r['startup_s']:>9.1f} {r['jvm_cpu_s'] or 0:>7.1f} "
            f"{r['workers_cpu_s'] or 0:>7.1f} {r['load_before']:>4.1f}-{r['load_after']:<4.1f}"
        )
    print("job s = analyse (read, group by id, pipeline) + write (Parquet); JVM cpu / Py cpu: CPU seconds")
    print("of Spark's JVM and of the Python workers during the job; load: 1-min load average before-after")
    if len(rows) > 1:
        print(f"scaling {rows[-1]['master']} / {rows[0]['master']}: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
