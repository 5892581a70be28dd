"""The pipeline's shape and its isolation of failing documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from detente.config import Config
from detente.model import Analysis, Document, Rejected
from detente.nlp import chunk_text
from detente.pipeline import STAGES, Pipeline, Stage


def test_stage_list_snapshot() -> None:
    assert [s.name for s in STAGES] == ["actors", "time", "places", "events", "dating", "locating"]
    assert [s.fills for s in STAGES] == ["actors", "times", "places", "events", "events", "events"]


def _explode(items: Iterable[Analysis], *, config: Any, resources: Any) -> Iterator[Analysis]:
    for item in items:
        if "boom" in item.document.text:
            raise ValueError("cannot handle boom")
        yield replace(item, events=())


def _nothing(_config: Any) -> None:
    return None


def test_a_failing_document_is_rejected_and_the_batch_goes_on(language: Any) -> None:
    stage = Stage("explode", "events", _nothing, _explode, "events")
    pipe = Pipeline(Config(), language=language, stages=(stage,))
    docs = [Document("a", "Calm text."), Document("b", "boom here"), Document("c", "More calm text.")]
    results = list(pipe.analyse(docs))
    assert [type(r).__name__ for r in results] == ["Analysis", "Rejected", "Analysis"]
    bad = results[1]
    assert isinstance(bad, Rejected) and (bad.doc_id, bad.stage, bad.code) == ("b", "explode", "E500")
    assert "cannot handle boom" in bad.detail


def _two(items: Iterable[Analysis], *, config: Any, resources: Any) -> Iterator[Analysis]:
    for item in items:
        yield item
        yield item


def test_a_stage_returning_the_wrong_shape_is_caught(language: Any) -> None:
    pipe = Pipeline(Config(), language=language, stages=(Stage("two", "events", _nothing, _two, "events"),))
    (result,) = pipe.analyse([Document("a", "Text.")])
    assert isinstance(result, Rejected) and result.code == "E501"


def test_offsets_survive_chunking(language: Any) -> None:
    """A document longer than one chunk keeps document-level offsets and sentence order."""
    sentence = "Iran and Azerbaijan held talks in Baku. "
    text = sentence * 200
    cfg = replace(Config(), nlp=replace(Config().nlp, max_chunk_chars=1000))
    pipe = Pipeline(cfg, language=language, stages=())
    (parsed,) = pipe.parse([Document("long", text, dt.date(2025, 4, 30))])
    assert not isinstance(parsed, Rejected)
    assert all(text[t.start : t.end] == t.text for t in parsed.tokens)
    assert all(text[s.start : s.end] == s.text for s in parsed.sentences)
    assert [s.index for s in parsed.sentences] == list(range(len(parsed.sentences)))
    assert all(parsed.tokens[t.head].sent == t.sent for t in parsed.tokens)


def test_chunk_text_prefers_breaks() -> None:
    text = ("word " * 30 + ".\n\n") * 10
    chunks = chunk_text(text, 200)
    assert "".join(p for _, p in chunks) == text
    assert all(len(p) <= 200 for _, p in chunks)
    assert all(text[o : o + len(p)] == p for o, p in chunks)


def test_actors_read_the_places_stage_gazetteer(pipeline: Pipeline) -> None:
    # One place index in memory, not one per stage (about 50 MB each).
    assert pipeline.resources["actors"].places.gazetteer is pipeline.resources["places"]


def test_a_stage_uses_another_only_when_the_pipeline_has_it(language: Any) -> None:
    only_actors = tuple(s for s in STAGES if s.name == "actors")
    pipeline = Pipeline(Config(), language=language, stages=only_actors)
    assert list(pipeline.resources) == ["actors"]
    assert pipeline.resources["actors"].places is not None  # it loads its own gazetteer
