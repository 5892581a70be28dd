"""Property-based fuzzing of every API operation against its own OpenAPI schema (schemathesis).

The app runs in-process (ASGI transport, no network) over a private copy of the
test store, with a stand-in pipeline so ``POST /documents`` needs no spaCy.
Every response must be a documented status with the documented body, and no
request, however odd, may produce a server error (5xx).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import positive_data_acceptance
from schemathesis.generation.modes import GenerationMode
from schemathesis.python import asgi

from builders import analysis, event
from detente.api import ApiSettings, create_app
from detente.model import Analysis, Document

API = "/api/v1"
TOKEN = "fuzz-token"
EXAMPLES = 10
# Actor names and PLOVER type names are checked against data no JSON schema can hold; they are
# answered 400 with a code (documented under 4XX), so "schema-valid means accepted" does not apply.
EXCLUDED = [positive_data_acceptance]


class StubPipeline:
    """Codes one cooperation event per document: enough to exercise the write path."""

    def analyse(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        for doc in docs:
            made = analysis(doc.id, [event("AZE", "IRN", evidence=doc.text[:200])], text=doc.text)
            yield Analysis(parsed=made.parsed.__class__(doc, (), made.parsed.sentences), events=made.events)


@pytest.fixture
def api_schema(filled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    shutil.copy(filled_db, path)  # writes stay out of the shared store
    app = create_app(path, settings=ApiSettings(token=TOKEN), pipeline=StubPipeline())  # type: ignore[arg-type]
    yield schemathesis.openapi.from_asgi(f"{API}/openapi.json", app)
    asgi.shutdown_lifespans()  # closes the store


def _fuzz(schema: Any, mode: GenerationMode) -> list[str]:
    """Run every operation's strategy; the failures, one report each (empty when all conform)."""
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=EXCLUDED)

        try:
            check()
        except Unsatisfiable:
            continue  # no invalid value exists (a free-form string in the path): nothing to send
        except BaseException as exc:  # a FailureGroup, or an exception the app raised in-process
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.append(f"{mode.value} {operation.label}: {type(exc).__name__}: {exc}")
    return failures


def test_valid_requests_conform_and_never_fail_the_server(api_schema: Any) -> None:
    failures = _fuzz(api_schema, GenerationMode.POSITIVE)
    assert not failures, "\n\n".join(failures)


def test_invalid_requests_are_rejected_with_4xx(api_schema: Any) -> None:
    failures = _fuzz(api_schema, GenerationMode.NEGATIVE)
    assert not failures, "\n\n".join(failures)
