"""Throughput and memory of detente's whole pipeline against bare spaCy.

    python bench/throughput.py [--data PATH] [--limit N] [--workers 1] [--json]

Reads real news (``articles.jsonl``: id, set, date, title, url, text, license) and,
in one run, measures

- **detente**: ``Pipeline(config).analyse(documents)`` fully consumed, which is what
  ``detente extract`` does minus printing JSON;
- **spaCy**: ``spacy.load(name)`` with its default components and ``nlp.pipe`` over
  the same texts, the floor any spaCy-based coder stands on.

Each measurement runs in its own child process (``--workers N`` starts N per
measurement, each on a shard, all at once), so model loading, peak memory and
caches of one never colour the other.  Reported: documents/s and words/s
(whitespace words) over wall time, words per CPU-second (steadier than wall time on
a shared machine), load time, peak RSS, and events found.  See bench/README.md.
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
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _model_name(meta: dict[str, Any]) -> str:
    return f"{meta.get('lang', '')}_{meta.get('name', '')} {meta.get('version', '')}".strip()


def measure(
    kind: str, rows: Sequence[dict[str, Any]], *, model: str | None, batch_size: int | None = None
) -> dict[str, Any]:
    """Load one system, run it over ``rows``, and return its counts and timings."""
    texts = [str(r.get("text") or "") for r in rows]
    out: dict[str, Any] = {
        "kind": kind,
        "documents": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "characters": sum(len(t) for t in texts),
    }
    t0, c0 = time.perf_counter(), _cpu_s()
    if kind == "detente":
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
        for result in pipeline.analyse(docs):
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
        for doc in nlp.pipe(texts):
            sentences += sum(1 for _ in doc.sents)
            entities += len(doc.ents)
        out.update(events=None, sentences=sentences, entities=entities, rejected=0)
    out.update(
        load_s=load_s,
        load_cpu_s=load_cpu,
        run_s=time.perf_counter() - t1,
        run_cpu_s=_cpu_s() - c1,
        rss_after_load_mb=rss_loaded,
        peak_rss_mb=_peak_rss_mb(),
    )
    return out


def run_child(args: argparse.Namespace) -> int:
    rows = read_articles(args.data, limit=args.limit)
    index, total = (int(x) for x in args.shard.split("/"))
    result = measure(args.child, rows[index::total], model=args.model, batch_size=args.spacy_batch_size)
    print(json.dumps(result))
    return 0


def spawn(kind: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Start ``args.workers`` children for one measurement, at once, and collect them."""
    procs = []
    for i in range(args.workers):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind]
        cmd += ["--data", str(args.data), "--shard", f"{i}/{args.workers}"]
        if args.limit is not None:
            cmd += ["--limit", str(args.limit)]
        if args.model:
            cmd += ["--model", args.model]
        if args.spacy_batch_size:
            cmd += ["--spacy-batch-size", str(args.spacy_batch_size)]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True))
    results = []
    for proc in procs:
        stdout, _ = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"{kind} measurement failed (exit {proc.returncode})")
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    return results


def combine(kind: str, parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One row per measurement: shards run side by side, so wall time is the slowest
    shard's, memory is the sum of the processes' peaks."""
    run_s = max(p["run_s"] for p in parts)
    cpu_s = sum(p["run_cpu_s"] for p in parts)

    def total(key: str) -> Any:
        values = [p.get(key) for p in parts]
        return None if any(v is None for v in values) else sum(values)

    docs, words = total("documents"), total("words")
    return {
        "kind": kind,
        "model": parts[0].get("model"),
        "components": parts[0].get("components"),
        "batch_size": parts[0].get("batch_size"),
        "workers": len(parts),
        "documents": docs,
        "words": words,
        "characters": total("characters"),
        "sentences": total("sentences"),
        "events": total("events"),
        "rejected": total("rejected"),
        "load_s": max(p["load_s"] for p in parts),
        "run_s": run_s,
        "run_cpu_s": cpu_s,
        "docs_per_s": docs / run_s if run_s else 0.0,
        "words_per_s": words / run_s if run_s else 0.0,
        "sentences_per_s": total("sentences") / run_s if run_s else 0.0,
        "words_per_cpu_s": words / cpu_s if cpu_s else 0.0,
        "rss_after_load_mb": sum(p["rss_after_load_mb"] for p in parts),
        "peak_rss_mb": sum(p["peak_rss_mb"] for p in parts),
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
    ("peak RSS (MB)", "peak_rss_mb", "{:.0f}"),
    ("events found", "events", "{:,}"),
    ("documents rejected", "rejected", "{:,}"),
)
RATIO_KEYS = ("load_s", "run_s", "run_cpu_s", "docs_per_s", "words_per_s", "words_per_cpu_s")
RATIO_KEYS += ("rss_after_load_mb", "peak_rss_mb")


def report(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    det, spa = results["detente"], results["spacy"]
    return {k: det[k] / spa[k] for k in RATIO_KEYS if spa.get(k)}


def print_table(results: dict[str, dict[str, Any]], ratios: dict[str, float]) -> None:
    from rich.console import Console
    from rich.table import Table

    det, spa = results["detente"], results["spacy"]
    table = Table(title="throughput: detente pipeline vs bare spaCy", title_justify="left")
    table.add_column("measure")
    table.add_column("detente", justify="right")
    table.add_column(f"spaCy ({spa.get('model')})", justify="right")
    table.add_column("detente / spaCy", justify="right")
    for label, key, fmt in ROWS:
        cells = [fmt.format(r[key]) if r.get(key) is not None else "-" for r in (det, spa)]
        ratio = f"{ratios[key]:.2f}" if key in ratios else ""
        table.add_row(label, *cells, ratio)
    console = Console(width=None if sys.stdout.isatty() else 110)
    console.print(table)
    console.print(
        f"components: detente {', '.join(det.get('components') or [])}; "
        f"spaCy {', '.join(spa.get('components') or [])}; "
        f"batch size: detente {det.get('batch_size')}, spaCy {spa.get('batch_size')}; "
        f"workers per measurement: {det['workers']}; CPUs: {os.cpu_count()}",
        style="dim",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="articles.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="use N documents (spread)")
    parser.add_argument("--workers", type=int, default=1, help="processes per measurement")
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path")
    parser.add_argument(
        "--spacy-batch-size", type=int, default=None, help="nlp.pipe batch size (default: spaCy's)"
    )
    parser.add_argument("--json", action="store_true", help="print results as JSON too")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--shard", default="0/1", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args)
    if not args.data.is_file():
        print(f"skipped: benchmark input not found: {args.data}", file=sys.stderr)
        return 0
    if args.workers < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--workers and --limit must be at least 1")
    results = {kind: combine(kind, spawn(kind, args)) for kind in KINDS}
    ratios = report(results)
    print_table(results, ratios)
    if args.json:
        print(json.dumps({"results": results, "detente_over_spacy": ratios}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
