"""Cross-article deduplication: recaps join their event, distinct events stay apart."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from pathlib import Path

import duckdb

from builders import analysis, event
from detente.model import Event, Place, PlaceMention
from detente.store import MIGRATIONS, Store, migrate
from detente.store.dedup import DedupConfig, pairwise_scores
from detente.store.rows import EVENT_COLUMNS, event_row

ATTACK = "A gunman attacked the embassy of Azerbaijan in Tehran on Friday, killing a guard."
LONG = (
    "Azerbaijan expelled four Iranian diplomats on Thursday over what it called provocative actions, "
    "the foreign ministry in Baku said in a statement that gave the envoys forty eight hours to leave, "
    "deepening a rift that began with the deadly January attack on its embassy in Tehran and that has "
    "also been fed by arguments over Israel, over the Zangezur corridor and over a string of arrests."
)


def _docs() -> list:
    return [
        analysis(
            "wire-2023",
            [event("IRN", "AZE", cameo="180", quad=4, goldstein=-9.0, date="2023-01-27", location="Tehran")],
            published=dt.date(2023, 1, 27),
        ),
        analysis(
            "other-outlet",
            [event("IRN", "AZE", cameo="183", quad=4, goldstein=-10.0, date="2023-01-28")],
            published=dt.date(2023, 1, 28),
        ),
        analysis(
            "recap-2025",
            [
                event(None, "AZE", cameo="180", quad=4, goldstein=-9.0, date="2023-01", precision="month"),
                event("AZE", "IRN", cameo="040", date="2025-04-28", location="Baku"),
                event("IRN", "AZE", cameo="040", date="2025-04-28", location="Baku"),
            ],
            published=dt.date(2025, 4, 30),
        ),
        analysis(
            "later-talks",
            [event("IRN", "AZE", cameo="040", date="2025-06-13")],
            published=dt.date(2025, 6, 13),
        ),
        analysis(
            "threat",
            [event("IRN", "AZE", cameo="180", quad=4, date="2023-01-27", hypothetical=True)],
            published=dt.date(2023, 1, 27),
        ),
    ]


def _events(store: Store) -> set[tuple[str, int, int]]:
    rows = store.con.execute("SELECT id, num_mentions, num_articles FROM events").fetchall()
    return {(r[0], r[1], r[2]) for r in rows}


def test_recap_joins_the_original_event_and_distinct_events_stay_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "d.duckdb") as store:
        for a in _docs():
            store.write(a)
        attack = store.events(type="18", facts_only=True)
        assert len(attack) == 1
        row = attack.iloc[0]
        assert (row["num_mentions"], row["num_articles"], row["date"]) == (3, 3, "2023-01-27")
        assert row["location_name"] == "Tehran"
        assert str(row["first_seen"])[:10] == "2023-01-27" and str(row["last_seen"])[:10] == "2025-04-30"
        talks = store.events(type="04")
        assert sorted(talks["date"]) == ["2025-04-28", "2025-06-13"]  # two meetings, not one, not three
        assert len(store.events(type="18")) == 2  # the hypothetical attack is its own event
        mentions = store.mentions(row["id"])
        assert sorted(mentions["doc_id"]) == ["other-outlet", "recap-2025", "wire-2023"]


def test_merge_is_the_same_whatever_the_order_of_arrival(tmp_path: Path) -> None:
    results = []
    for n, order in enumerate(itertools.permutations(_docs()[:4])):
        if n % 5:  # a sample of the 24 orders keeps the test fast
            continue
        with Store(tmp_path / f"o{n}.duckdb") as store:
            for a in order:
                store.write(a)
            results.append(_events(store))
    assert all(r == results[0] for r in results)


def test_reingesting_changes_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "r.duckdb") as store:
        for a in _docs():
            store.write(a)
        before = (store.counts(), _events(store))
        for a in _docs():
            store.write(a)
        assert (store.counts(), _events(store)) == before


def test_thresholds_are_options(tmp_path: Path) -> None:
    strict = DedupConfig(date_tolerance_days=0)
    with Store(tmp_path / "s.duckdb", dedup=strict) as store:
        for a in _docs():
            store.write(a)
        assert len(store.events(type="18", facts_only=True)) == 2  # 27 and 28 January no longer merge
    with Store(tmp_path / "s.duckdb") as store:  # the store remembers its thresholds
        assert store.dedup == strict
        assert len(store.events(type="18", facts_only=True)) == 2
    with Store(tmp_path / "s.duckdb", dedup=DedupConfig()) as store:  # new thresholds rebuild every event
        assert len(store.events(type="18", facts_only=True)) == 1


def _located(name: str, lat: float, lon: float, **kw: object) -> Event:
    ev = event("RUS", "UKR", cameo="190", quad=4, goldstein=-10.0, date="2024-07-08", **kw)  # type: ignore[arg-type]
    place = Place(name, "UKR", lat, lon, None, "city")
    return replace(ev, location=PlaceMention(name, 0, len(name), 0, place, 0.9))


def test_places_far_apart_do_not_merge(tmp_path: Path) -> None:
    with Store(tmp_path / "p.duckdb") as store:
        store.write(analysis("kyiv", [_located("Kyiv", 50.45, 30.52)]))
        store.write(analysis("kharkiv", [_located("Kharkiv", 49.99, 36.23)]))  # about 410 km away
        store.write(analysis("kyiv-again", [_located("Kyiv", 50.45, 30.52)]))
        assert sorted(store.events(type="19")["num_mentions"]) == [1, 2]


def test_near_duplicate_documents_are_linked_to_the_earliest(tmp_path: Path) -> None:
    ev = event("AZE", "IRN", cameo="161", quad=4, goldstein=-4.0, date="2023-04-06")
    copy_text = LONG.replace("on Thursday", "on Thursday evening") + " Iran did not respond at once."
    original = analysis("orig", [ev], text=LONG, published=dt.date(2023, 4, 6))
    copy = analysis("copy", [ev], text=copy_text, published=dt.date(2023, 4, 7))
    other = analysis("other", [ev], text=ATTACK + " " + ATTACK.upper(), published=dt.date(2023, 4, 7))
    for order in ((original, copy, other), (copy, other, original)):
        with Store(tmp_path / f"n{order[0].document.id}.duckdb") as store:
            for a in order:
                store.write(a)
            links = dict(store.con.execute("SELECT id, duplicate_of FROM documents").fetchall())
            assert links == {"orig": None, "copy": "orig", "other": None}
            row = store.events(type="16").iloc[0]
            assert (row["num_mentions"], row["num_articles"]) == (2, 2)  # the copy is not counted again


def test_migration_from_schema_1_moves_events_to_mentions_and_rebuilds(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, path=str(path), migrations=MIGRATIONS[:1])
    con.execute("INSERT INTO documents VALUES ('d', NULL, NULL, NULL, DATE '2025-04-30', 't', 'h', 2, now())")
    rows = [
        event_row(event("AZE", "IRN", cameo="040", doc_id="d"), event_id="d#0"),
        event_row(event("IRN", "AZE", cameo="040", doc_id="d"), event_id="d#1"),
    ]
    con.executemany(f"INSERT INTO events VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})", rows)
    con.close()
    with Store(path) as store:
        assert store.counts() == {"documents": 1, "mentions": 2, "events": 1}
        assert store.con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchone() == (0,)


def test_an_interrupted_write_is_repaired_on_open(tmp_path: Path) -> None:
    path = tmp_path / "c.duckdb"
    with Store(path) as store:
        store.write(_docs()[0])
        store.con.execute("DELETE FROM events")
        store.con.execute("INSERT OR REPLACE INTO store_state VALUES ('rebuild_events', '1')")
    with Store(path) as store:
        assert store.counts()["events"] == 1


def test_pairwise_scores() -> None:
    assert pairwise_scores([["a", "b", "c"]], [["a", "b"], ["c"]]) == (1 / 3, 1.0, 0.5)
    assert pairwise_scores([["a"], ["b"]], [["a"], ["b"]]) == (1.0, 1.0, 1.0)
