"""`detente ingest` with a fast, deterministic stand-in for the NLP pipeline, for the crash test.

Run as ``python -c "import crashfake; crashfake.main()" ingest FILE --db DB`` with
``tests/`` and ``tests/ingest`` on PYTHONPATH: the command line, readers, store
and accounting are the real ones; only the pipeline is replaced, so a process
starts in a second or two and can be killed many times within the test's budget.
Texts of the corpus are lines ``SRC TGT CAMEO`` (one event each), e.g.
``AZE IRN 040``; the events are a pure function of the text.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from builders import analysis, event
from detente.model import Analysis, Document, Rejected

COUNTRIES = ("AZE", "IRN", "TUR", "RUS", "CHN", "FRA", "DEU", "JPN", "IND", "BRA", "EGY", "KEN")
CODES = ("040", "0311", "1711", "190", "057", "112")


class FakePipeline:
    """``analyse`` like :class:`detente.pipeline.Pipeline`: one result per document, in order."""

    def close(self) -> None:
        return None

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejected]:
        for doc in documents:
            if "POISON" in doc.text:
                yield Rejected(doc.id, "events", "E500", "RuntimeError: poisoned document")
                continue
            found = []
            for line in doc.text.splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[0] in COUNTRIES and parts[1] in COUNTRIES:
                    day = 1 + sum(map(ord, line)) % 27
                    found.append(
                        event(parts[0], parts[1], cameo=parts[2], date=f"2025-04-{day:02d}", evidence=line)
                    )
            result = analysis(doc.id, found, text=doc.text, published=doc.published)
            yield dataclasses.replace(result, parsed=dataclasses.replace(result.parsed, document=doc))


def write_corpus(path: Path, n: int) -> int:
    """``n`` English documents plus French ones, repeats, a poisoned one and broken lines; returns lines."""
    lines = []
    for i in range(n):
        rows = []
        for k in range(1 + i % 3):
            a = COUNTRIES[(i + k) % len(COUNTRIES)]
            b = COUNTRIES[(i * 5 + k + 1) % len(COUNTRIES)]
            if a == b:
                b = COUNTRIES[(i + k + 3) % len(COUNTRIES)]
            rows.append(f"{a} {b} {CODES[(i + k) % len(CODES)]}")
        text = "\n".join(rows) + f"\nDispatch {i} was filed by the news desk in the capital."
        lines.append(json.dumps({"id": f"d{i:04d}", "text": text, "published": f"2025-04-{1 + i % 28:02d}"}))
        if i % 40 == 7:
            french = f"Le ministre a rencontré son homologue {i} lundi pour discuter de la frontière " * 4
            lines.append(json.dumps({"id": f"fr{i}", "text": french, "published": "2025-04-02"}))
        if i % 50 == 3:
            lines.append("{broken json line")
            lines.append(
                json.dumps({"id": f"d{i:04d}", "text": text, "published": f"2025-04-{1 + i % 28:02d}"})
            )
        if i == n // 2:
            lines.append(json.dumps({"id": "poison", "text": "POISON", "published": "2025-04-02"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> None:
    import detente.cli.common as common
    from detente.cli import main as cli_main

    common.build_pipeline = lambda *args, **kwargs: FakePipeline()  # type: ignore[assignment]
    cli_main()
