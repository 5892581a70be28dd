"""The evaluation sets, listed by name, and the one function that runs them.

The registry is a plain dict written out here (no decorators that register on
import), so what ``detente eval`` can run is visible in one place.  To add a set,
write a module with ``run(data_dir, *, pipeline, limit) -> EvalResult`` that
returns :meth:`EvalResult.skip` when its files are absent, and add one line to
:data:`REGISTRY`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from detente.errors import InputError
from detente.evaluation import (
    actors_conll,
    actors_petrarch,
    actors_plover,
    adapters,
    cameo_multicoder,
    event_dates,
    event_location,
    indiapoliceevents,
    petrarch,
    plover_gsr,
)
from detente.evaluation.result import EvalResult

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

# Relative to the current directory: /work/shared/eval-data when run from /work/main.
DEFAULT_DATA_DIR = Path("..") / "shared" / "eval-data"


class Runner(Protocol):
    def __call__(self, data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult: ...


REGISTRY: dict[str, Runner] = {
    # events
    "plover_gsr": plover_gsr.run,
    "petrarch2_unittest": petrarch.run,
    "cameo_multicoder": cameo_multicoder.run,
    "indiapoliceevents": indiapoliceevents.run,
    # actors
    "actors_plover": actors_plover.run,
    "actors_petrarch": actors_petrarch.run,
    "actors_conll": actors_conll.run,
    # time
    "tempeval3": adapters.run_tempeval3,
    "event_dates": event_dates.run,
    # places
    "geoparsing": adapters.run_geoparsing,
    "event_location": event_location.run,
}


def run_evaluation(
    names: Sequence[str],
    *,
    data_dir: Path,
    pipeline: Pipeline,
    limit: int | None = None,
) -> list[EvalResult]:
    """Run the named evaluation sets (all of them when ``names`` is empty), in order.

    A set whose data folder or files are absent comes back skipped, with the
    reason, rather than raising: the data lives outside the package and most
    users' machines do not have it.  An unknown name is an :class:`InputError`.
    """
    chosen = list(names) or list(REGISTRY)
    unknown = [n for n in chosen if n not in REGISTRY]
    if unknown:
        raise InputError(f"unknown evaluation set {', '.join(unknown)}: choose from {', '.join(REGISTRY)}")
    if not data_dir.is_dir():
        return [EvalResult.skip(n, f"evaluation data folder not found: {data_dir}") for n in chosen]
    return [REGISTRY[n](data_dir, pipeline=pipeline, limit=limit) for n in chosen]
