"""The same pipeline on every core of one machine.

:func:`analyse` is what the CLI (``--workers N``), the Python API and the tests
call.  With one worker it is :meth:`Pipeline.analyse` in this process.  With
more it starts a pool of processes, each of which builds the pipeline once (the
pool's initializer: spaCy and every stage's data are loaded once per process,
never per document), and feeds them small chunks of documents:

- **streaming, bounded memory**: input is read lazily and at most
  ``max_pending`` chunks are in flight, so a 10 GB JSONL file costs the memory of
  a few chunks, not of the file;
- **input order**: results come back in the order the documents went in (the
  oldest chunk is always waited for first), so output and store contents do not
  depend on which process was faster;
- **one writer**: workers only analyse; the caller (the store) writes, in its
  own batches, from the main process, which is what DuckDB wants;
- **isolation**: a document that fails inside a stage is a ``Rejected`` row, as
  in one process; a document that kills its worker process (a crash in native
  code, the OOM killer) is retried alone in a fresh pool and rejected with
  ``E502`` if it kills that one too, and the other documents go on.

Processes are started with ``spawn`` (not ``fork``): the main process may hold
DuckDB's threads and locks, which a forked child would inherit half-taken.  The
one exception is a pool given a pipeline whose model is already loaded
(``analyse(..., pipeline=p)``) in a process where forking is safe (Linux, no
DuckDB imported, no other thread): its workers are forked and share that
pipeline copy-on-write, as spaCy's own ``nlp.pipe(n_process=N)`` does, instead
of each loading spaCy and every stage's data again (seconds per worker).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from multiprocessing import get_context
from types import TracebackType

from detente.config import Config
from detente.errors import DetenteError
from detente.model import Analysis, Document, Rejected
from detente.pipeline import STAGES, Pipeline, Stage

log = logging.getLogger(__name__)

Result = Analysis | Rejected
Task = Callable[[list[Document]], list[Result]]

DEFAULT_CHUNK_SIZE = 8  # documents per task: small enough to balance, large enough for spaCy batching
E502 = "E502"  # the worker process died while analysing this document
MAX_DEATHS = 3  # documents in a row that kill a worker: then the fault is not theirs


def default_workers() -> int:
    """Every core this process may run on (cgroup/affinity aware where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int | None) -> int:
    """``None`` or 0 means all cores; anything else is taken as given (at least 1)."""
    return default_workers() if not workers else max(1, workers)


# The pipeline of a worker process.  It is set once by the pool's initializer and
# lives as long as the process: this is the "load once per process" that spaCy
# and the stage data need, and it is never touched in the main process.
_WORKER_PIPELINE: Pipeline | None = None
_WORKER_ERROR: str | None = None  # why this worker's initializer failed, reported by every task


class _StartFailed(RuntimeError):
    """Raised by a task in a worker whose initializer failed (travels back pickled)."""


def _start(initializer: Callable[..., None], *args: object) -> None:
    global _WORKER_ERROR
    try:
        initializer(*args)
    except Exception as exc:  # reported to the main process by the first task, not lost in a log
        _WORKER_ERROR = f"{type(exc).__name__}: {exc}"


def _call(task: Task, documents: list[Document]) -> list[Result]:
    if _WORKER_ERROR is not None:
        raise _StartFailed(_WORKER_ERROR)
    return task(documents)


def _init_worker(config: Config, stages: tuple[Stage, ...]) -> None:
    global _WORKER_PIPELINE
    pipeline = Pipeline(config, stages=stages)
    _ = pipeline.language  # load spaCy now, not inside the first task
    _WORKER_PIPELINE = pipeline


def _adopt_worker(pipeline: Pipeline) -> None:
    """The initializer of a forked worker: the parent's loaded pipeline is its own."""
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def fork_safe() -> bool:
    """Whether worker processes may be forked from this one: Linux (fork is the
    platform's own start method), DuckDB never imported (its native threads and
    locks would be copied half-taken) and no thread but this one."""
    return (
        sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
        and "duckdb" not in sys.modules
        and threading.active_count() == 1
    )


def _analyse_chunk(documents: list[Document]) -> list[Result]:
    if _WORKER_PIPELINE is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker pipeline not initialised")
    return list(_WORKER_PIPELINE.analyse(documents))


class PipelinePool:
    """A pool of worker processes, each holding one :class:`Pipeline`.

    It has the ``analyse(documents)`` method of a pipeline, so it can be passed
    wherever one is expected (``Store.ingest(..., pipeline=pool)``), and it can be
    reused for many calls: the processes and their models stay loaded until
    :meth:`close` (or the end of a ``with`` block).

    Processes start at the first call that has more than one chunk of
    documents; an input that fits in one chunk before that (``detente extract
    one.txt``) is analysed in this process, as starting N processes that each
    load spaCy would only make it wait longer.

    ``initializer``/``task`` replace what the workers run (tests use them to
    exercise the pool without loading spaCy).
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        workers: int | None = None,
        stages: tuple[Stage, ...] = STAGES,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        max_pending: int | None = None,
        initializer: Callable[..., None] | None = None,
        task: Task | None = None,
        local: Pipeline | None = None,
    ) -> None:
        self.config = config or Config()
        self.stages = stages
        self.workers = resolve_workers(workers)
        self.chunk_size = max(1, chunk_size)
        # Two chunks per worker keep every process busy while the main process
        # consumes results, without reading far ahead of what is written.
        self.max_pending = max(1, max_pending or 2 * self.workers)
        self._executor: ProcessPoolExecutor | None = None
        self._initializer: Callable[..., None] = initializer or _init_worker
        self._task: Task = task or _analyse_chunk
        self._local: Pipeline | None = local  # for inputs of one chunk; built when first needed
        self._deaths = 0  # documents in a row whose worker died

    # -- lifecycle -------------------------------------------------------
    def _shared(self) -> Pipeline | None:
        """The loaded pipeline forked workers may share, if any (see the module docstring)."""
        local = self._local
        default = self._initializer is _init_worker and self._task is _analyse_chunk
        if default and local is not None and local.language_loaded and fork_safe():
            return local
        return None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            shared = self._shared()
            if shared is not None:
                context, initargs = get_context("fork"), (_adopt_worker, shared)
            else:
                context, initargs = get_context("spawn"), (self._initializer, self.config, self.stages)
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_start, initargs=initargs
            )
        return self._executor

    def _restart(self) -> ProcessPoolExecutor:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        return self._pool()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> PipelinePool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- work ------------------------------------------------------------
    def analyse(self, documents: Iterable[Document]) -> Iterator[Result]:
        """Results for ``documents``, in input order, with bounded read-ahead."""
        it: Iterator[Document] = iter(documents)
        if self._executor is None and self._task is _analyse_chunk:
            head = list(islice(it, self.chunk_size + 1))
            if len(head) <= self.chunk_size:
                yield from self._in_process(head)
                return
            it = chain(head, it)
        pending: deque[tuple[list[Document], Future[list[Result]]]] = deque()

        def top_up() -> None:
            while len(pending) < self.max_pending:
                chunk = list(islice(it, self.chunk_size))
                if not chunk:
                    return
                pending.append((chunk, self._pool().submit(_call, self._task, chunk)))

        top_up()
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
                self._deaths = 0
            except _StartFailed as exc:
                self.close()
                raise DetenteError(
                    f"the worker processes could not load the pipeline: {exc}", code=E502
                ) from None
            except BrokenProcessPool:
                results = self._recover(chunk, pending)
            top_up()  # keep the workers busy while the caller handles these results
            yield from results

    def extract(self, documents: Iterable[Document]) -> Iterator[Result]:
        """Alias of :meth:`analyse`, as on :class:`Pipeline`."""
        return self.analyse(documents)

    def _recover(
        self, chunk: list[Document], pending: deque[tuple[list[Document], Future[list[Result]]]]
    ) -> list[Result]:
        """A worker died: find the document that kills it, reject it, go on with the rest.

        Every chunk still in flight failed with the pool, so they are submitted
        again to a fresh pool after the culprit is found.
        """
        log.warning("a worker process died; retrying %d documents one by one", len(chunk))
        waiting = [c for c, _ in pending]
        pending.clear()
        results: list[Result] = []
        for doc in chunk:
            try:
                results.extend(self._restart().submit(_call, self._task, [doc]).result())
                self._deaths = 0
            except BrokenProcessPool as exc:
                self._deaths += 1
                if self._deaths >= MAX_DEATHS:  # no document kills every process: the fault is elsewhere
                    self.close()
                    raise DetenteError(
                        f"worker processes died on {self._deaths} documents in a row: "
                        "run with --workers 1 to see the error",
                        code=E502,
                    ) from exc
                results.append(Rejected(doc.id, "nlp", E502, "the worker process died on this document"))
        pool = self._restart()
        pending.extend((c, pool.submit(_call, self._task, c)) for c in waiting)
        return results

    def _in_process(self, documents: list[Document]) -> list[Result]:
        if self._local is None:
            self._local = Pipeline(self.config, stages=self.stages)
        return list(self._local.analyse(documents))


def analyse(
    documents: Iterable[Document],
    *,
    config: Config | None = None,
    workers: int | None = 1,
    stages: tuple[Stage, ...] = STAGES,
    pipeline: Pipeline | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    max_pending: int | None = None,
) -> Iterator[Result]:
    """Analyse ``documents`` with ``workers`` processes (``None`` or 0: all cores).

    Results are the same, in the same order, whatever the number of workers:
    each worker runs :meth:`Pipeline.analyse`, the function every interface
    uses.  With one worker nothing is started and ``pipeline`` (or a new one
    built from ``config``) runs here; with more, ``pipeline``'s config is what the
    workers build theirs from.
    """
    n = resolve_workers(workers)
    if pipeline is not None:
        config, stages = pipeline.config, pipeline.stages
    if n == 1:
        yield from (pipeline or Pipeline(config, stages=stages)).analyse(documents)
        return
    with PipelinePool(
        config, workers=n, stages=stages, chunk_size=chunk_size, max_pending=max_pending, local=pipeline
    ) as pool:
        yield from pool.analyse(documents)


def open_pipeline(
    config: Config | None = None, *, workers: int | None = 1, stages: tuple[Stage, ...] = STAGES
) -> Pipeline | PipelinePool:
    """What an interface holds for a run: a pipeline for one worker, a pool for more.

    Both have ``analyse(documents)`` and work as context managers (closing a
    :class:`Pipeline` does nothing), so callers write one code path.
    """
    if resolve_workers(workers) == 1:
        return Pipeline(config, stages=stages)
    return PipelinePool(config, workers=workers, stages=stages)


__all__ = ["PipelinePool", "analyse", "default_workers", "fork_safe", "open_pipeline", "resolve_workers"]
