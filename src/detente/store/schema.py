"""The DuckDB schema, as an ordered list of migrations.

A database records the migrations applied to it in ``schema_version``.  Opening
a database made by an older detente applies the missing migrations, each in its
own transaction followed by a checkpoint; opening one made by a newer detente is
refused (E401) instead of being silently damaged.  To change the schema, append
a migration; never edit one that has shipped.

Why one transaction per migration, not one for all: DuckDB (2.0) cannot replay a
write-ahead log holding migrations 1 and 2 in one transaction (the table created
and then renamed), so a process killed before its first checkpoint left a new
database that could not be opened.  The crash test of ``detente ingest`` found it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from detente.errors import E401, StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_ACTOR_COLUMNS = """
    {p}_text VARCHAR, {p}_start INTEGER, {p}_end INTEGER, {p}_name VARCHAR,
    {p}_country VARCHAR, {p}_sector VARCHAR, {p}_code VARCHAR, {p}_wikidata VARCHAR"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents and events",
        (
            """CREATE TABLE documents (
                id VARCHAR PRIMARY KEY,
                title VARCHAR,
                url VARCHAR,
                source VARCHAR,
                published DATE,
                text VARCHAR NOT NULL,
                content_hash VARCHAR NOT NULL,
                n_events INTEGER NOT NULL,
                ingested_at TIMESTAMP NOT NULL
            )""",
            f"""CREATE TABLE events (
                id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                sentence INTEGER NOT NULL,
                evidence VARCHAR NOT NULL,
                trigger_text VARCHAR NOT NULL, trigger_start INTEGER, trigger_end INTEGER,
                {_ACTOR_COLUMNS.format(p="source")},
                {_ACTOR_COLUMNS.format(p="target")},
                cameo VARCHAR NOT NULL,
                cameo_root VARCHAR NOT NULL,
                plover VARCHAR,
                plover_mode VARCHAR,
                quad_class TINYINT NOT NULL,
                goldstein DOUBLE NOT NULL,
                date VARCHAR,
                date_precision VARCHAR,
                date_text VARCHAR,
                date_basis VARCHAR,
                date_start DATE,
                date_end DATE,
                location_text VARCHAR, location_start INTEGER, location_end INTEGER,
                location_name VARCHAR, location_country VARCHAR,
                location_lat DOUBLE, location_lon DOUBLE,
                location_geonameid BIGINT, location_feature VARCHAR,
                negated BOOLEAN NOT NULL,
                hypothetical BOOLEAN NOT NULL,
                future BOOLEAN NOT NULL,
                historical BOOLEAN NOT NULL,
                confidence DOUBLE NOT NULL
            )""",
            "CREATE INDEX events_doc ON events (doc_id)",
            "CREATE INDEX events_date ON events (date_start)",
        ),
    ),
)

# Version 2 splits extractions from real events (GDELT's mentions/events split):
# every extraction becomes a row of ``mentions``; ``events`` holds one row per
# deduplicated event, rebuilt from the mentions (``store_state.rebuild_events``
# tells the store to do so on first open after the migration).
_EVENT_EXTRA = (
    "num_mentions INTEGER",
    "num_articles INTEGER",
    "num_sources INTEGER",
    "first_seen DATE",
    "last_seen DATE",
    "block VARCHAR",
)
MIGRATIONS = (
    *MIGRATIONS,
    Migration(
        2,
        "mentions and deduplicated events; near-duplicate documents",
        (
            "DROP INDEX events_doc",
            "DROP INDEX events_date",
            "ALTER TABLE events RENAME TO mentions",
            "ALTER TABLE mentions ADD COLUMN event_id VARCHAR",
            "CREATE INDEX mentions_doc ON mentions (doc_id)",
            "CREATE INDEX mentions_event ON mentions (event_id)",
            "CREATE TABLE events AS SELECT * EXCLUDE (event_id) FROM mentions LIMIT 0",
            *(f"ALTER TABLE events ADD COLUMN {c}" for c in _EVENT_EXTRA),
            "CREATE INDEX events_date ON events (date_start)",
            "ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR",
            "ALTER TABLE documents ADD COLUMN minhash INTEGER[]",
            "CREATE TABLE doc_bands (band SMALLINT NOT NULL, bucket UBIGINT NOT NULL, "
            "doc_id VARCHAR NOT NULL)",
            "CREATE INDEX doc_bands_bucket ON doc_bands (bucket)",
            "CREATE TABLE store_state (key VARCHAR PRIMARY KEY, value VARCHAR)",
            "INSERT INTO store_state VALUES ('rebuild_events', '1')",
        ),
    ),
)

# Version 3 makes ingestion accountable and resumable: every run's counts and
# reasons (``ingest_runs``), each document's language (non-English ones are
# stored but not analysed), and the state of watched feeds (``feeds``: conditional
# GET validators and the last error; ``feed_items``: every entry handled, so a
# restarted watcher never fetches an item twice and retries only transient failures).
MIGRATIONS = (
    *MIGRATIONS,
    Migration(
        3,
        "ingest runs, document language, watched feed state",
        (
            "ALTER TABLE documents ADD COLUMN language VARCHAR",
            """CREATE TABLE ingest_runs (
                id VARCHAR PRIMARY KEY,
                started TIMESTAMP NOT NULL,
                finished TIMESTAMP,
                status VARCHAR NOT NULL,
                command VARCHAR NOT NULL,
                sources VARCHAR,
                n_read INTEGER NOT NULL DEFAULT 0,
                n_stored INTEGER NOT NULL DEFAULT 0,
                n_updated INTEGER NOT NULL DEFAULT 0,
                n_duplicates INTEGER NOT NULL DEFAULT 0,
                n_quarantined INTEGER NOT NULL DEFAULT 0,
                n_skipped INTEGER NOT NULL DEFAULT 0,
                n_events INTEGER NOT NULL DEFAULT 0,
                reasons VARCHAR
            )""",
            """CREATE TABLE feeds (
                url VARCHAR PRIMARY KEY,
                etag VARCHAR,
                last_modified VARCHAR,
                last_polled VARCHAR,
                last_error VARCHAR,
                failures INTEGER NOT NULL DEFAULT 0
            )""",
            """CREATE TABLE feed_items (
                feed_url VARCHAR NOT NULL,
                key VARCHAR NOT NULL,
                link VARCHAR,
                status VARCHAR NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                doc_id VARCHAR,
                last_error VARCHAR,
                seen_at TIMESTAMP NOT NULL,
                PRIMARY KEY (feed_url, key)
            )""",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not row or not row[0]:
        return 0
    found = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(found[0]) if found and found[0] is not None else 0


def migrate(
    con: duckdb.DuckDBPyConnection,
    *,
    path: str,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> int:
    """Bring the database up to the newest migration; returns the version it is at."""
    newest = migrations[-1].version
    found = current_version(con)
    if found > newest:
        raise StoreError(E401.format(path=path, found=found, supported=newest), code="E401")
    if found == newest:
        return found
    for m in migrations:
        if m.version <= found:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
            )
            for statement in m.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                [m.version, m.description],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        con.execute("CHECKPOINT")  # the schema change leaves the WAL at once
    return newest
