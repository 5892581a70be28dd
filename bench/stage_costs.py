"""CPU cost of each pipeline stage per document, on real news.

    python bench/stage_costs.py [--data PATH] [--limit 150]

Takes ``--limit`` articles spread over ``news_unlabelled/articles.jsonl``, parses
them as ``Pipeline.analyse`` does (selective parsing included), then runs every
stage after the NLP one document at a time, timing each with CPU time (fair on a
shared machine).  Prints CPU milliseconds per document and each stage's share of
the whole pipeline: the issues ask for each stage's cost, and this is where a
slow rule shows first.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from detente.ingest import read_jsonl_lines
from detente.model import Analysis, Document, ParsedDocument
from detente.pipeline import Pipeline

EVAL_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data"
DEFAULT_DATA = EVAL_DATA / "news_unlabelled" / "articles.jsonl"


def sample(path: Path, limit: int) -> list[Document]:
    lines = path.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // limit)
    return [d for d in read_jsonl_lines(lines[::step][:limit], where=str(path)) if isinstance(d, Document)]


def measure(pipeline: Pipeline, docs: list[Document]) -> tuple[int, float, Counter[str]]:
    list(pipeline.analyse(docs[:2]))  # load the model and every stage's data first
    start = time.process_time()
    parsed = [p for p in pipeline.parse(docs, selective=pipeline.selects) if isinstance(p, ParsedDocument)]
    nlp_seconds = time.process_time() - start
    cost: Counter[str] = Counter()
    for doc in parsed:
        item = Analysis(parsed=doc)
        for stage in pipeline.stages:
            start = time.process_time()
            config = getattr(pipeline.config, stage.config)
            (item,) = stage.run((item,), config=config, resources=pipeline.resources[stage.name])
            cost[stage.name] += time.process_time() - start
    return len(parsed), nlp_seconds, cost


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=150)
    args = parser.parse_args()
    n, nlp_seconds, cost = measure(Pipeline(), sample(args.data, args.limit))
    total = nlp_seconds + sum(cost.values())
    print(f"{n} documents; CPU ms per document and share of the pipeline's CPU time")
    print(f"  {'nlp':10s} {1000 * nlp_seconds / n:8.1f}  {nlp_seconds / total:5.0%}")
    for name, seconds in cost.items():
        print(f"  {name:10s} {1000 * seconds / n:8.1f}  {seconds / total:5.0%}")


if __name__ == "__main__":
    main()
