"""Running the pipeline over an evaluation set's documents, shared by the event runners."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from detente.model import Analysis, Document, Event, Rejected

if TYPE_CHECKING:
    from detente.pipeline import Pipeline


def events_by_document(
    pipeline: Pipeline, documents: Iterable[Document]
) -> tuple[dict[str, tuple[Event, ...]], int]:
    """Each analysed document's events by id, and how many documents the pipeline rejected."""
    predicted: dict[str, tuple[Event, ...]] = {}
    rejected = 0
    for result in pipeline.analyse(documents):
        if isinstance(result, Rejected):
            rejected += 1
            continue
        assert isinstance(result, Analysis)
        predicted[result.document.id] = result.events
    return predicted, rejected
