"""The event-location runner: reading records and scoring choices (no data files needed)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from detente.evaluation import event_location as el
from detente.model import PlaceMention


def record(text: str, verb: str, places: list[str], *, source: str = "RELABEL") -> dict[str, object]:
    tokens, pos = [], 0
    for i, word in enumerate(text.split()):
        start = text.index(word, pos)
        tokens.append({"id": i, "start": start, "end": start + len(word), "text": word})
        pos = start + len(word)
    index = {t["text"]: t["id"] for t in tokens}
    # Character offsets in the file are sometimes wrong; token indices are trusted.
    spans = [{"label": "VERB", "start": 0, "end": 0, "token_start": index[verb], "token_end": index[verb]}]
    spans += [
        {"label": "LOCATION", "start": 0, "end": 0, "token_start": index[p], "token_end": index[p]}
        for p in places
    ]
    return {"text": text, "tokens": tokens, "spans": spans, "source": source, "answer": "accept", "_id": "x"}


def mention(text: str, word: str) -> PlaceMention:
    start = text.index(word)
    return PlaceMention(word, start, start + len(word), 0, None)


def test_only_gold_records_are_read_by_token_offsets() -> None:
    raw = [
        record("Troops shelled Grozny on Monday", "shelled", ["Grozny"]),
        record("Troops shelled Grozny on Monday", "shelled", ["Grozny"], source="AP"),
        record("Talks ended", "ended", []),
    ]
    recs = el.parse_records(raw)
    assert len(recs) == 2 and recs[0].id != recs[1].id
    first = recs[0]
    assert first.text[slice(*first.verb)] == "shelled"
    assert [first.text[slice(*loc)] for loc in first.locations] == ["Grozny"]
    assert recs[1].locations == ()


def test_a_choice_is_right_when_it_overlaps_gold_or_abstains_correctly() -> None:
    (with_place, without) = el.parse_records(
        [
            record("Troops shelled Grozny from Kizlyar", "shelled", ["Grozny"]),
            record("Talks ended", "ended", []),
        ]
    )
    assert el.correct(with_place, mention(with_place.text, "Grozny"))
    assert not el.correct(with_place, mention(with_place.text, "Kizlyar"))
    assert not el.correct(with_place, None)
    assert el.correct(without, None)


def test_missing_data_is_skipped(tmp_path: Path) -> None:
    result = el.run(tmp_path, pipeline=None, limit=1)  # type: ignore[arg-type]
    assert result.skipped is not None


def test_read_records_from_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "labeled_text.jsonl", json.dumps([record("Troops shelled Grozny", "shelled", ["Grozny"])])
        )
    (rec,) = el.read_records(path)
    assert rec.locations
