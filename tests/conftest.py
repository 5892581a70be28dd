"""Shared fixtures: the spaCy pipeline and the full detente pipeline load once per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from detente.config import Config
from detente.model import Analysis, Document, ParsedDocument

EVAL_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval-data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="run slow tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow test: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def language():  # type: ignore[no-untyped-def]
    from detente import nlp

    return nlp.load(Config().nlp)


@pytest.fixture(scope="session")
def pipeline(language):  # type: ignore[no-untyped-def]
    from detente.pipeline import Pipeline

    return Pipeline(Config(), language=language)


@pytest.fixture(scope="session")
def parse(language) -> Callable[..., ParsedDocument]:  # type: ignore[no-untyped-def]
    """Parse one text into the plain data model: ``parse(text, published=date)``."""
    from detente import nlp

    def _parse(
        text: str, published: dt.date | None = dt.date(2025, 4, 30), doc_id: str = "t"
    ) -> ParsedDocument:
        doc = Document(id=doc_id, text=text, published=published)
        return next(nlp.parse([doc], config=Config().nlp, nlp=language))

    return _parse


@pytest.fixture(scope="session")
def analyse(pipeline) -> Callable[..., Analysis]:  # type: ignore[no-untyped-def]
    """Run the whole pipeline over one text: ``analyse(text, published=date)``."""

    def _analyse(text: str, published: dt.date | None = dt.date(2025, 4, 30), doc_id: str = "t") -> Analysis:
        doc = Document(id=doc_id, text=text, published=published)
        (result,) = list(pipeline.analyse([doc]))
        assert isinstance(result, Analysis), result
        return result

    return _analyse
