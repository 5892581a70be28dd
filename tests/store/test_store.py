"""The DuckDB store: idempotent writes, filters, migrations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from builders import analysis, event
from detente.errors import InputError, StoreError
from detente.store import MIGRATIONS, SCHEMA_VERSION, Migration, Store, migrate
from detente.store.rows import date_range, row_to_contract


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.duckdb")
    s.write(
        analysis(
            "d1",
            [event("AZE", "IRN", cameo="040"), event("IRN", "AZE", cameo="1711", quad=4, goldstein=-7.0)],
        )
    )
    s.write(
        analysis(
            "d2",
            [
                event(
                    "IRN",
                    "AZE",
                    cameo="0311",
                    goldstein=4.0,
                    date="2024-07",
                    precision="month",
                    hypothetical=True,
                )
            ],
        )
    )
    return s


def test_write_replaces_a_document_instead_of_duplicating(store: Store) -> None:
    assert store.counts() == {"documents": 2, "mentions": 3, "events": 3}
    store.write(analysis("d1", [event("AZE", "IRN")]))
    assert store.counts() == {"documents": 2, "mentions": 2, "events": 2}


def test_event_filters(store: Store) -> None:
    assert len(store.events(actor="AZE")) == 3
    assert len(store.events(source="IRN")) == 2
    assert len(store.events(pair=("IRN", "AZE"))) == 3
    assert len(store.events(quad_class=4)) == 1
    assert len(store.events(type="17")) == 1
    assert len(store.events(actor="AZEGOV")) == 3
    assert len(store.events(facts_only=True)) == 2
    assert len(store.events(start=dt.date(2025, 1, 1))) == 2
    assert len(store.events(end=dt.date(2024, 12, 31))) == 1


def test_bad_filters_are_input_errors(store: Store) -> None:
    with pytest.raises(InputError):
        store.events(type="bogus")
    with pytest.raises(InputError):
        store.events(quad_class=7)


def test_stored_row_round_trips_to_the_contract(store: Store) -> None:
    row = store.events(doc_id="d1", limit=1).to_dict(orient="records")[0]
    out = row_to_contract(row)
    assert out["source"]["country"] in {"AZE", "IRN"} and out["trigger"]["text"] == "met"
    assert set(out) >= {
        "doc_id",
        "evidence",
        "cameo",
        "quad_class",
        "goldstein",
        "date",
        "negated",
        "confidence",
    }


def test_date_range_follows_precision() -> None:
    assert date_range("2024-07", "month") == (dt.date(2024, 7, 1), dt.date(2024, 7, 31))
    assert date_range("2023", "year") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert date_range("1990", "decade") == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert date_range("2025-04-30", "week") == (dt.date(2025, 4, 28), dt.date(2025, 5, 4))
    assert date_range("2025-02-30", "day") == (None, None)
    assert date_range(None, None) == (None, None)


def test_migration_upgrades_an_older_database(tmp_path: Path) -> None:
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    assert migrate(con, path=path, migrations=MIGRATIONS[:1]) == 1
    con.execute("INSERT INTO documents VALUES ('k', NULL, NULL, NULL, NULL, 't', 'h', 0, now())")
    newer = (
        *MIGRATIONS,
        Migration(SCHEMA_VERSION + 1, "add a column", ("ALTER TABLE documents ADD COLUMN future VARCHAR",)),
    )
    assert migrate(con, path=path, migrations=newer) == SCHEMA_VERSION + 1
    assert con.execute("SELECT id, future FROM documents").fetchall() == [("k", None)]
    # A database from the future is refused, not damaged.
    with pytest.raises(StoreError) as info:
        migrate(con, path=path, migrations=MIGRATIONS)
    assert info.value.code == "E401"


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    path = str(tmp_path / "bad.duckdb")
    con = duckdb.connect(path)
    broken = (Migration(1, "broken", ("CREATE TABLE a (x INTEGER)", "THIS IS NOT SQL")),)
    with pytest.raises(duckdb.Error):
        migrate(con, path=path, migrations=broken)
    assert con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'a'"
    ).fetchone() == (0,)


def test_schema_snapshot(tmp_path: Path) -> None:
    """The stored columns are a contract with users' SQL: adding is fine, renaming is not."""
    s = Store(tmp_path / "s.duckdb")
    cols = [
        r[0]
        for r in s.con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name='events' ORDER BY ordinal_position"
        ).fetchall()
    ]
    for name in (
        "id",
        "doc_id",
        "sentence",
        "evidence",
        "trigger_text",
        "source_code",
        "target_country",
        "cameo",
        "cameo_root",
        "plover",
        "quad_class",
        "goldstein",
        "date",
        "date_precision",
        "date_basis",
        "location_name",
        "location_lat",
        "negated",
        "hypothetical",
        "future",
        "historical",
        "confidence",
    ):
        assert name in cols
