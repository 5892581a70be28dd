"""detente: news in; dated, placed, sourced international events and relationship timelines out.

Notebook use::

    import detente
    events = detente.extract("Iran and Azerbaijan held talks in Baku on Monday.", published="2025-04-30")
    store = detente.Store("news.duckdb")
    store.ingest("articles.jsonl")
    store.relations("Azerbaijan", "Iran", by="month")
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from detente.model import Document, Event

if TYPE_CHECKING:
    from detente.pipeline import Pipeline
    from detente.store import Store

try:
    __version__ = version("detente")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = ["Document", "Event", "Store", "__version__", "default_pipeline", "extract"]


@cache
def default_pipeline(model: str | None = None) -> Pipeline:
    """The pipeline with default settings, loaded once per process and model name.

    Caching a loaded model changes no result; it only spares notebooks a reload.
    """
    from detente.config import Config
    from detente.pipeline import Pipeline

    return Pipeline(Config.build(model=model, environ={}))


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    doc_id: str = "text",
    pipeline: Pipeline | None = None,
) -> list[Event]:
    """Events of one text, dated against ``published`` (``YYYY-MM-DD`` or a date)."""
    from detente.ingest import parse_published

    doc = Document(id=doc_id, text=text, published=parse_published(published))
    return (pipeline or default_pipeline()).events([doc])


def __getattr__(name: str) -> Any:
    # Store pulls in DuckDB and pandas: import it only when asked for.
    if name == "Store":
        from detente.store import Store

        return Store
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
