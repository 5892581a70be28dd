"""``python -m detente.evaluation [--data DIR] [--set NAME ...] [--limit N] [--json]``.

A thin interface over :func:`run_evaluation` until ``detente eval`` takes its place:
it translates arguments, prints the tables and maps errors to exit codes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from detente.errors import DetenteError
from detente.evaluation.registry import DEFAULT_DATA_DIR, REGISTRY, run_evaluation


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m detente.evaluation", description="Score detente on evaluation sets."
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="eval-data folder")
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        choices=sorted(REGISTRY),
        help="a set to run (repeatable; default: all)",
    )
    parser.add_argument("--limit", type=int, default=None, help="at most N records per set")
    parser.add_argument("--model", default=None, help="spaCy pipeline name or path")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)

    from rich.console import Console

    from detente.config import Config
    from detente.pipeline import Pipeline

    err = Console(stderr=True)
    try:
        pipeline = Pipeline(Config.build(model=args.model))
        started = time.perf_counter()
        results = run_evaluation(args.sets, data_dir=args.data, pipeline=pipeline, limit=args.limit)
    except DetenteError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        return 1
    elapsed = time.perf_counter() - started
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=2))
        return 0
    # Piped output would otherwise wrap at 80 columns and cut column headers.
    out = Console(width=None if sys.stdout.isatty() else 120)
    for result in results:
        out.print(result)
        out.print()
    err.print(f"{len(results)} set(s) in {elapsed:.1f} s", style="dim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
