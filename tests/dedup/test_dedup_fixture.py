"""The deduplication test set is internally consistent.

The gold clusters score the deduplicator, so a typo in a doc id, a substring
that no longer matches its report, or a weekday that disagrees with the event
date would silently distort precision and recall.  These checks catch that.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "src/detente/data/sample/corpus.jsonl"
FIXTURES = ROOT / "tests/fixtures/dedup"
FIELDS = {"id", "published", "title", "source", "url", "text", "facts"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ABBREV = re.compile(r"(?:\b[A-Z]|U\.S|Gen|Maj|Mr|Mrs|Dr|St|No)\.$")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def corpus() -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in _jsonl(CORPUS)}


@cache
def reports() -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in _jsonl(FIXTURES / "reports.jsonl")}


@cache
def gold() -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / "clusters.yaml").read_text(encoding="utf-8"))


def documents() -> dict[str, dict[str, Any]]:
    return {**corpus(), **reports()}


def sentences(text: str) -> list[str]:
    """Split on '. ' before a capital, but not after initials or 'U.S.'-style abbreviations."""
    out: list[str] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"'])", text):
        if _ABBREV.search(text[start : m.start()]):
            continue
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return out


def _date(value: str) -> tuple[dt.date, str]:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value), "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.date.fromisoformat(value + "-01"), "month"
    raise AssertionError(f"bad date {value!r}")


def _mentions() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(c, m) for c in gold()["clusters"] for m in c["mentions"]]


def test_reports_schema_and_ids() -> None:
    rows = _jsonl(FIXTURES / "reports.jsonl")
    assert 25 <= len(rows) <= 40
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert not set(ids) & set(corpus())
    for r in rows:
        assert set(r) == FIELDS, r["id"]
        assert r["url"] is None
        assert r["source"] != "detente sample desk"
        published = dt.date.fromisoformat(r["published"])
        assert r["id"][8:18] == published.isoformat(), r["id"]
        words = len(r["text"].split())
        assert 80 <= words <= 200, (r["id"], words)


def test_reports_are_ordered_by_publication_date() -> None:
    dates = [r["published"] for r in _jsonl(FIXTURES / "reports.jsonl")]
    assert dates == sorted(dates)


def test_cluster_fields() -> None:
    data = gold()
    assert data["version"] == 1
    ids = [c["id"] for c in data["clusters"]]
    assert len(ids) == len(set(ids))
    for c in data["clusters"]:
        for key in ("source_country", "target_country"):
            assert pycountry.countries.get(alpha_3=c[key]) is not None, (c["id"], key)
        for root in (c["cameo_root"], *c.get("also_roots", [])):
            assert re.fullmatch(r"\d{2}", root) and 1 <= int(root) <= 20, c["id"]
        assert isinstance(c["symmetric"], bool)
        _date(c["date"])
        assert c["mentions"], c["id"]
        assert c["id"].startswith(f"ev-{c['date']}-"), c["id"]


@pytest.mark.parametrize(("cluster", "mention"), _mentions(), ids=lambda x: str(x.get("id", "")))
def test_mention_is_one_sentence_of_its_document(cluster: dict[str, Any], mention: dict[str, Any]) -> None:
    docs = documents()
    doc = docs.get(mention["doc_id"])
    assert doc is not None, mention["doc_id"]
    needle = mention["sentence_contains"]
    assert doc["text"].count(needle) == 1, (mention["doc_id"], needle)
    assert sum(needle in s for s in sentences(doc["text"])) == 1, (mention["doc_id"], needle)
    assert mention["kind"] in {"report", "recap", "copy"}
    published = dt.date.fromisoformat(doc["published"])
    when, precision = _date(cluster["date"])
    assert when <= published, (cluster["id"], mention["doc_id"])
    if mention["kind"] in {"report", "copy"} and precision == "day":
        assert (published - when).days <= 7, (cluster["id"], mention["doc_id"])


@pytest.mark.parametrize(("cluster", "mention"), _mentions(), ids=lambda x: str(x.get("id", "")))
def test_weekday_in_a_mention_agrees_with_the_event_date(
    cluster: dict[str, Any], mention: dict[str, Any]
) -> None:
    doc = documents()[mention["doc_id"]]
    sentence = next(s for s in sentences(doc["text"]) if mention["sentence_contains"] in s)
    named = {d for d in WEEKDAYS if re.search(rf"\bon {d}\b", sentence)}
    when, precision = _date(cluster["date"])
    # Recap sentences may name the weekday of the report's own event, not of the recalled one.
    if len(named) != 1 or precision != "day" or mention["kind"] == "recap":
        return
    (day,) = named
    assert WEEKDAYS[when.weekday()] == day, (cluster["id"], mention["doc_id"], sentence)


def test_every_weekday_in_new_reports_is_within_the_past_week() -> None:
    # "on Friday" in a report published on a Friday means that day; otherwise the last one before it.
    for r in reports().values():
        published = dt.date.fromisoformat(r["published"])
        for day in re.findall(rf"\bon ({'|'.join(WEEKDAYS)})\b", r["text"]):
            back = (published.weekday() - WEEKDAYS.index(day)) % 7
            assert back <= 6, (r["id"], day)


def test_every_new_report_is_used() -> None:
    used = {m["doc_id"] for _c, m in _mentions()}
    assert set(reports()) <= used


def test_near_duplicates_are_near_copies() -> None:
    docs = documents()

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    pairs = gold()["near_duplicates"]
    assert len(pairs) >= 2
    for copy_id, original_id in pairs:
        assert copy_id in reports() and original_id in corpus()
        a, b = shingles(docs[copy_id]["text"]), shingles(docs[original_id]["text"])
        assert len(a & b) / len(a | b) >= 0.8, (copy_id, original_id)
        assert docs[copy_id]["title"] != docs[original_id]["title"]
        assert docs[copy_id]["text"] != docs[original_id]["text"]


def test_differently_worded_reports_are_not_near_copies() -> None:
    # Only the two syndicated copies may share long word runs with a corpus report.
    copies = {c for c, _o in gold()["near_duplicates"]}

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    for rid, r in reports().items():
        if rid in copies:
            continue
        mine = shingles(r["text"])
        for other in corpus().values():
            theirs = shingles(other["text"])
            assert len(mine & theirs) / len(mine | theirs) < 0.3, (rid, other["id"])


def test_distinct_pairs_name_existing_clusters() -> None:
    ids = {c["id"] for c in gold()["clusters"]}
    pairs = gold()["distinct"]
    assert len(pairs) >= 10
    for a, b in pairs:
        assert a in ids and b in ids and a != b
