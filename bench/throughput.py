"""Throughput and memory of detente's whole pipeline against bare spaCy.

    python bench/throughput.py [--data PATH] [--limit N] [--workers 1 2] [--json]

Reads real news (``articles.jsonl``: id, set, date, title, url, text, license) and,
in one run, measures for each number of worker processes N in ``--workers``

- **detente**: ``detente.parallel.analyse(documents, workers=N)`` fully consumed,
  which is what ``detente extract --workers N`` does minus printing JSON (N = 1:
  ``Pipeline.analyse`` in the process itself; N > 1: a pool of N processes);
- **spaCy**: ``spacy.load(name)`` with its default components and
  ``nlp.pipe(texts, n_process=N)`` over the same texts, the floor any spaCy-based
  coder stands on.

Each measurement runs in its own child process, so model loading, peak memory and
caches of one never colour the other.  Reported: documents/s and words/s
(whitespace words) over wall time, words per CPU-second (user+system time of the
process and its workers; steadier than wall time on a shared machine), load time,
peak RSS per process, and events found.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path("..") / "shared" / "eval-data" / "news_unlabelled" / "articles.jsonl"
KINDS = ("detente", "spacy")


def read_articles(path: Path, *, limit: int | None) -> list[dict[str, Any]]:
    """Read the articles; with ``limit``, take documents spread evenly over the file
    so that every source in it (it is ordered by source) is represented."""
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if limit is None or limit >= len(rows):
        return rows
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def _published(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _rss_now_mb() -> float:
    """Current resident memory, from /proc (Linux); 0.0 where unavailable."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _cpu_s() -> float:
    """CPU time of this process and of its finished worker processes."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def _worker_peak_rss_mb() -> float:
    """The largest peak RSS among finished worker processes (0 with none)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _model_name(meta: dict[str, Any]) -> str:
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip()


def measure(
    kind: str,
    rows: Sequence[dict[str, Any]],
    *,
    model: str | None,
    batch_size: int | None = None,
    workers: int = 1,
) -> dict[str, Any]:
    """Load one system, run it over ``rows``, and return its counts and timings."""
    texts = [str(r.get("text") or "") for r in rows]
    out: dict[str, Any] = {
        "kind": kind,
        "documents": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "characters": sum(len(t) for t in texts),
        "workers": workers,
    }
    t0, c0 = time.perf_counter(), _cpu_s()
    if kind == "detente":
        from detente import parallel
        from detente.config import Config
        from detente.model import Analysis, Document
        from detente.pipeline import Pipeline

        pipeline = Pipeline(Config.build(model=model))
        _ = pipeline.language  # load spaCy now, so it counts as loading, not running
        out["model"] = _model_name(pipeline.language.meta)
        out["batch_size"] = pipeline.config.nlp.batch_size
        out["components"] = list(pipeline.language.pipe_names)
        docs = [
            Document(id=str(r.get("id")), text=t, published=_published(r.get("date")))
            for r, t in zip(rows, texts, strict=True)
        ]
        load_s, load_cpu = time.perf_counter() - t0, _cpu_s() - c0
        rss_loaded = _rss_now_mb()
        t1, c1 = time.perf_counter(), _cpu_s()
        events = sentences = rejected = 0
        # One worker: this process's pipeline; more: a pool whose workers load their own.
        for result in parallel.analyse(docs, pipeline=pipeline, workers=workers):
            if isinstance(result, Analysis):
                events += len(result.events)
                sentences += len(result.parsed.sentences)
            else:
                rejected += 1
        out.update(events=events, sentences=sentences, rejected=rejected)
    else:
        import spacy

        from detente.nlp import DEFAULT_MODELS

        names = (model,) if model else DEFAULT_MODELS
        nlp = None
        for name in names:
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
        if nlp is None:
            raise SystemExit(f"no spaCy pipeline found (tried {', '.join(names)})")
        out["model"] = _model_name(nlp.meta)
        if batch_size:
            nlp.batch_size = batch_size
        out["batch_size"] = nlp.batch_size
        out["components"] = list(nlp.pipe_names)
        load_s, load_cpu = time.perf_counter() - t0, _cpu_s() - c0
        rss_loaded = _rss_now_mb()
        t1, c1 = time.perf_counter(), _cpu_s()
        sentences = entities = 0
        for doc in nlp.pipe(texts, n_process=workers):
            sentences += sum(1 for _ in doc.sents)
            entities += len(doc.ents)
        out.update(events=None, sentences=sentences, entities=entities, rejected=0)
    out.update(
        load_s=load_s,
        load_cpu_s=load_cpu,
        run_s=time.perf_counter() - t1,
        run_cpu_s=_cpu_s() - c1,
        rss_after_load_mb=rss_loaded,
        peak_rss_mb=max(_peak_rss_mb(), _worker_peak_rss_mb()),
        main_peak_rss_mb=_peak_rss_mb(),
        worker_peak_rss_mb=_worker_peak_rss_mb(),
    )
    return out


def run_child(args: argparse.Namespace) -> int:
    rows = read_articles(args.data, limit=args.limit)
    result = measure(
        args.child, rows, model=args.model, batch_size=args.spacy_batch_size, workers=args.workers[0]
    )
    print(json.dumps(result))
    return 0


def spawn(kind: str, workers: int, args: argparse.Namespace) -> dict[str, Any]:
    """Run one measurement in a child process and return its row."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
    cmd += ["--data", str(args.data), "--workers", str(workers)]
    if args.limit is not None:
        cmd += ["--limit", str(args.limit)]
    if args.model:
        cmd += ["--model", args.model]
    if args.spacy_batch_size:
        cmd += ["--spacy-batch-size", str(args.spacy_batch_size)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} measurement with {workers} worker(s) failed (exit {proc.returncode})")
    return rates(json.loads(proc.stdout.strip().splitlines()[-1]))


def rates(row: dict[str, Any]) -> dict[str, Any]:
    """Add the per-second figures to a measured row."""
    run_s, cpu_s = row["run_s"], row["run_cpu_s"]
    sentences = row.get("sentences") or 0
    return row | {
        "docs_per_s": row["documents"] / run_s if run_s else 0.0,
        "words_per_s": row["words"] / run_s if run_s else 0.0,
        "sentences_per_s": sentences / run_s if run_s else 0.0,
        "words_per_cpu_s": row["words"] / cpu_s if cpu_s else 0.0,
    }


ROWS = (
    ("documents", "documents", "{:,}"),
    ("words (whitespace)", "words", "{:,}"),
    ("sentences", "sentences", "{:,}"),
    ("load time (s)", "load_s", "{:.2f}"),
    ("run time, wall (s)", "run_s", "{:.2f}"),
    ("run time, CPU (s)", "run_cpu_s", "{:.2f}"),
    ("documents / s", "docs_per_s", "{:.2f}"),
    ("words / s", "words_per_s", "{:,.0f}"),
    ("sentences / s", "sentences_per_s", "{:.1f}"),
    ("words / CPU-s", "words_per_cpu_s", "{:,.0f}"),
    ("RSS after load (MB)", "rss_after_load_mb", "{:.0f}"),
    ("peak RSS per process (MB)", "peak_rss_mb", "{:.0f}"),
    ("events found", "events", "{:,}"),
    ("documents rejected", "rejected", "{:,}"),
)
RATIO_KEYS = ("load_s", "run_s", "run_cpu_s", "docs_per_s", "words_per_s", "words_per_cpu_s")
RATIO_KEYS += ("rss_after_load_mb", "peak_rss_mb")


def report(results: dict[str, dict[str, Any]], workers: Sequence[int]) -> dict[int, dict[str, float]]:
    """detente / spaCy per measure, for each number of workers."""
    out: dict[int, dict[str, float]] = {}
    for n in workers:
        det, spa = results[f"detente/{n}"], results[f"spacy/{n}"]
        out[n] = {k: det[k] / spa[k] for k in RATIO_KEYS if spa.get(k)}
    return out


def print_table(
    results: dict[str, dict[str, Any]], ratios: dict[int, dict[str, float]], workers: Sequence[int]
) -> None:
    from rich.console import Console
    from rich.table import Table

    first = results[f"detente/{workers[0]}"]
    model = results[f"spacy/{workers[0]}"].get("model")
    table = Table(title=f"throughput: detente pipeline vs bare spaCy ({model})", title_justify="left")
    table.add_column("measure")
    for n in workers:
        table.add_column(f"detente x{n}", justify="right")
        table.add_column(f"spaCy x{n}", justify="right")
        table.add_column(f"ratio x{n}", justify="right")
    for label, key, fmt in ROWS:
        cells: list[str] = []
        for n in workers:
            for r in (results[f"detente/{n}"], results[f"spacy/{n}"]):
                cells.append(fmt.format(r[key]) if r.get(key) is not None else "-")
            cells.append(f"{ratios[n][key]:.2f}" if key in ratios[n] else "")
        table.add_row(label, *cells)
    console = Console(width=None if sys.stdout.isatty() else 140)
    console.print(table)
    spa = results[f"spacy/{workers[0]}"]
    console.print(
        f"components: detente {', '.join(first.get('components') or [])} (selective; see bench/README.md); "
        f"spaCy {', '.join(spa.get('components') or [])}; "
        f"batch size: detente {first.get('batch_size')}, spaCy {spa.get('batch_size')}; "
        f"xN = N worker processes (detente: detente.parallel pool; spaCy: nlp.pipe n_process=N); "
        f"CPU time and peak RSS include the workers; peak RSS is the largest single process; "
        f"CPUs: {os.cpu_count()}",
        style="dim",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="articles.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="use N documents (spread)")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="worker processes to measure (default: 1 2)"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path")
    parser.add_argument(
        "--spacy-batch-size", type=int, default=None, help="nlp.pipe batch size (default: spaCy's)"
    )
    parser.add_argument("--json", action="store_true", help="print results as JSON too")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args)
    if not args.data.is_file():
        print(f"skipped: benchmark input not found: {args.data}", file=sys.stderr)
        return 0
    if min(args.workers) < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--workers and --limit must be at least 1")
    results = {f"{kind}/{n}": spawn(kind, n, args) for n in args.workers for kind in KINDS}
    ratios = report(results, args.workers)
    print_table(results, ratios, args.workers)
    if args.json:
        print(json.dumps({"results": results, "detente_over_spacy": ratios}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
