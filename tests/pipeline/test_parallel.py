"""The process pool: input order, bounded read-ahead, isolation, and equal results.

The pool's own machinery is tested with a stand-in task (no spaCy, so fast);
one test runs the real pipeline on two processes and compares with one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

from detente import parallel
from detente.config import Config
from detente.errors import DetenteError
from detente.model import Analysis, Document, ParsedDocument, Rejected
from detente.parallel import PipelinePool


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spawned workers unpickle the stand-in task by module name (tests.pipeline.test_parallel):
    with pytest's importlib mode the repository root must be on their sys.path."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))


def _no_init(*_args: object) -> None:
    return None


def _stand_in(docs: list[Document]) -> list[Analysis | Rejected]:
    """Runs in the worker processes: "crash" kills the process, "bad" is rejected."""
    out: list[Analysis | Rejected] = []
    for d in docs:
        if d.text == "crash":
            os._exit(3)
        if d.text == "bad":
            out.append(Rejected(d.id, "nlp", "E500", "bad document"))
        else:
            out.append(Analysis(parsed=ParsedDocument(document=d, tokens=(), sentences=())))
    return out


def _pool(**kw: object) -> PipelinePool:
    return PipelinePool(Config(), workers=2, initializer=_no_init, task=_stand_in, **kw)  # type: ignore[arg-type]


def _ids(results: list[Analysis | Rejected]) -> list[str]:
    return [r.document.id if isinstance(r, Analysis) else r.doc_id for r in results]


def test_resolve_workers() -> None:
    assert parallel.resolve_workers(3) == 3
    assert parallel.resolve_workers(None) == parallel.default_workers() >= 1
    assert parallel.resolve_workers(0) == parallel.default_workers()


def test_results_come_back_in_input_order_with_rejections_in_place() -> None:
    docs = [Document(id=f"d{i}", text="bad" if i == 4 else f"text {i}") for i in range(11)]
    with _pool(chunk_size=2, max_pending=3) as pool:
        results = list(pool.analyse(docs))
        again = list(pool.analyse(docs[:3]))  # the pool is reusable
    assert _ids(results) == [d.id for d in docs]
    assert isinstance(results[4], Rejected) and results[4].code == "E500"
    assert sum(isinstance(r, Analysis) for r in results) == 10
    assert _ids(again) == ["d0", "d1", "d2"]


def test_input_is_read_lazily() -> None:
    pulled: list[int] = []

    def source() -> Iterator[Document]:
        for i in range(40):
            pulled.append(i)
            yield Document(id=f"d{i}", text="x")

    with _pool(chunk_size=2, max_pending=2) as pool:
        it = pool.analyse(source())
        next(it)
        # two chunks in flight, plus the chunk topped up after the first came back
        assert len(pulled) <= 3 * 2
        assert len(list(it)) == 39


def _failing_init(*_args: object) -> None:
    raise RuntimeError("no model here")


def test_a_pool_that_cannot_start_is_one_error_not_a_rejection_per_document() -> None:
    docs = [Document(id=f"d{i}", text="x") for i in range(6)]
    pool = PipelinePool(Config(), workers=2, initializer=_failing_init, task=_stand_in, chunk_size=2)
    with pool, pytest.raises(DetenteError) as err:
        list(pool.analyse(docs))
    assert err.value.code == "E502" and "no model here" in str(err.value)


def test_a_document_that_kills_its_worker_is_rejected_and_the_rest_go_on() -> None:
    texts = ["a", "b", "crash", "c", "d", "e", "f"]
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(texts)]
    with _pool(chunk_size=2) as pool:
        results = list(pool.analyse(docs))
    assert _ids(results) == [d.id for d in docs]
    crashed = results[2]
    assert isinstance(crashed, Rejected) and crashed.code == "E502"
    assert all(isinstance(r, Analysis) for n, r in enumerate(results) if n != 2)


def _sample(n: int) -> list[Document]:
    lines = files("detente").joinpath("data/sample/corpus.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines[:n]]
    return [
        Document(id=r["id"], text=r["text"], published=dt.date.fromisoformat(r["published"])) for r in rows
    ]


def test_two_workers_give_what_one_process_gives(pipeline) -> None:  # type: ignore[no-untyped-def]
    docs = [*_sample(3), Document(id="empty", text=""), Document(id="short", text="Iran protested.")]
    expected = list(pipeline.analyse(docs))
    got = list(parallel.analyse(docs, config=pipeline.config, workers=2, chunk_size=1))
    assert got == expected
    assert sum(len(r.events) for r in got if isinstance(r, Analysis)) > 0


def test_a_loaded_pipeline_is_shared_with_forked_workers_where_safe(pipeline) -> None:  # type: ignore[no-untyped-def]
    docs = [*_sample(3), Document(id="short", text="Iran protested.")]
    expected = list(pipeline.analyse(docs))
    assert pipeline.language_loaded
    forks = parallel.fork_safe()  # False once DuckDB is imported or threads run (whole-suite runs)
    with PipelinePool(pipeline.config, workers=2, chunk_size=1, local=pipeline) as pool:
        got = list(pool.analyse(docs))
        assert pool._executor is not None
        method = pool._executor._mp_context.get_start_method()  # type: ignore[attr-defined]
    assert got == expected
    assert method == ("fork" if forks else "spawn")
