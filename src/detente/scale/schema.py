"""Parquet column types of the Spark output, taken from the store's own schema.

``detente export --format parquet`` copies the DuckDB tables as they are, so
the column types of record are the store's (:mod:`detente.store.schema`).
Rather than restate them, they are read from a freshly migrated in-memory
DuckDB, mapped to Spark types, and every value is coerced to its column's type
before it reaches Spark (Spark refuses an ``int`` in a ``DOUBLE`` column).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from detente.errors import DetenteError
from detente.scale import records

# Which store table gives each output its types; rejections are plain text.
TABLES = {records.DOCUMENT: "documents", records.MENTION: "mentions"}

_SPARK_TYPES = {
    "VARCHAR": "StringType",
    "INTEGER": "IntegerType",
    "TINYINT": "ByteType",
    "SMALLINT": "ShortType",
    "BIGINT": "LongType",
    "DOUBLE": "DoubleType",
    "BOOLEAN": "BooleanType",
    "DATE": "DateType",
    "TIMESTAMP": "TimestampNTZType",
}


def store_types(table: str) -> dict[str, str]:
    """Column name to DuckDB type name of a store table, from the migrations."""
    import duckdb

    from detente.store.schema import migrate

    con = duckdb.connect(":memory:")
    try:
        migrate(con, path=":memory:")
        rows = con.execute(f"DESCRIBE {table}").fetchall()
    finally:
        con.close()
    return {str(r[0]): str(r[1]) for r in rows}


def column_types(kind: str) -> tuple[str, ...]:
    """DuckDB type names of the columns written for ``kind`` (``month`` last where partitioned)."""
    if kind == records.REJECTED:
        return tuple("VARCHAR" for _ in records.REJECTED_COLUMNS)
    names = records.SPARK_DOCUMENT_COLUMNS if kind == records.DOCUMENT else records.MENTION_COLUMNS
    types = store_types(TABLES[kind])
    return (*(types[c] for c in names), "VARCHAR")


def column_names(kind: str) -> tuple[str, ...]:
    if kind == records.REJECTED:
        return records.REJECTED_COLUMNS
    names = records.SPARK_DOCUMENT_COLUMNS if kind == records.DOCUMENT else records.MENTION_COLUMNS
    return (*names, "month")


def spark_schema(kind: str, types: Sequence[str]) -> Any:
    """The Spark StructType of an output (every column nullable, as Parquet from DuckDB is)."""
    from pyspark.sql import types as T

    fields = []
    for name, duck in zip(column_names(kind), types, strict=True):
        spark_type = _SPARK_TYPES.get(duck)
        if spark_type is None:
            raise DetenteError(f"no Spark type for store column {name} ({duck})", code="E151")
        fields.append(T.StructField(name, getattr(T, spark_type)(), True))
    return T.StructType(fields)


def coerce(value: Any, duck: str) -> Any:
    """One value as the Python type Spark expects for a DuckDB column type."""
    if value is None:
        return None
    if duck == "DOUBLE":
        return float(value)
    if duck in ("INTEGER", "TINYINT", "SMALLINT", "BIGINT"):
        return int(value)
    if duck == "BOOLEAN":
        return bool(value)
    if duck == "VARCHAR":
        return str(value)
    if duck == "DATE" and isinstance(value, dt.datetime):
        return value.date()
    return value


def coerce_row(row: Sequence[Any], types: Sequence[str]) -> tuple[Any, ...]:
    return tuple(coerce(v, t) for v, t in zip(row, types, strict=True))


def all_types() -> Mapping[str, tuple[str, ...]]:
    """Column types of every output kind, computed once on the driver and shipped to the tasks."""
    return {kind: column_types(kind) for kind in records.KINDS}


def tagged_schema(types: Mapping[str, Sequence[str]]) -> Any:
    """One row type for all three outputs: ``kind`` plus one struct per kind, the others null.

    The analysed rows cross from Python to the JVM once, as a single cached
    DataFrame; each output is then a ``where(kind = ...)`` over that cache,
    which the JVM writes without sending the rows through Python again.
    """
    from pyspark.sql import types as T

    fields = [T.StructField("kind", T.StringType(), False)]
    for kind in records.KINDS:
        fields.append(T.StructField(kind, spark_schema(kind, types[kind]), True))
    return T.StructType(fields)


def tagged_row(kind: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """``row`` in its kind's slot of :func:`tagged_schema`."""
    return (kind, *(row if slot == kind else None for slot in records.KINDS))
