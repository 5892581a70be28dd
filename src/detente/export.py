"""Standard exports of events: GDELT 2.0 event records, Parquet, CSV and JSON lines.

GDELT users have loaders, dashboards and habits built on its 61 event columns;
emitting them lets detente drop into those tools.  Differences from GDELT,
stated so nobody is surprised: ``GlobalEventID`` is detente's string id;
``Day`` is the date the event happened (GDELT: the report date); actor country
codes are ISO 3166-1 alpha-3 (CAMEO's country codes are nearly the same);
geography country codes are FIPS 10-4, as in GDELT, when the export is made
with a FIPS table (``detente export`` always is); fields detente does not
produce (ethnic, religion, tone, actor geography) are empty.

Parquet exports write two datasets, ``events/`` (one row per deduplicated
event) and ``mentions/`` (one row per extraction, with ``event_id``), each
partitioned by ``month=YYYY-MM`` of the event date (``month=unknown`` when the
event has no date); their columns are those of the store's tables
(``detente.store.rows.EVENT_COLUMNS`` plus the counts of events), documented in
``docs/export.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
        "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )),
    *(f"Actor2{c}" for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
        "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# GDELT geographic resolution codes.
_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "town": 4, "capital": 4}


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).replace("\t", " ").replace("\n", " ")


def _day(date: str | None) -> dt.date | None:
    if not date:
        return None
    parts = date.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def gdelt_row(
    event: Mapping[str, Any],
    *,
    event_id: str,
    url: str | None = None,
    added: dt.datetime | None = None,
    fips: Callable[[str], str | None] | None = None,
) -> list[str]:
    """One event (the ``detente extract`` JSON object) as GDELT 2.0 column values."""
    day = _day(event.get("date"))
    src = event.get("source") or {}
    tgt = event.get("target") or {}
    loc = event.get("location") or {}
    cameo = str(event.get("cameo") or "")
    values: dict[str, Any] = {
        "GlobalEventID": event_id,
        "Day": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else None,
        "Actor1Code": src.get("code"),
        "Actor1Name": (src.get("name") or "").upper() or None,
        "Actor1CountryCode": src.get("country"),
        "Actor1Type1Code": src.get("sector"),
        "Actor2Code": tgt.get("code"),
        "Actor2Name": (tgt.get("name") or "").upper() or None,
        "Actor2CountryCode": tgt.get("country"),
        "Actor2Type1Code": tgt.get("sector"),
        "IsRootEvent": 1 if event.get("sentence") == 0 else 0,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": event.get("cameo_root"),
        "QuadClass": event.get("quad_class"),
        "GoldsteinScale": event.get("goldstein"),
        "NumMentions": event.get("num_mentions", 1),
        "NumSources": event.get("num_sources", 1),
        "NumArticles": event.get("num_articles", 1),
        "ActionGeo_Type": _GEO_TYPE.get(
            str(loc.get("feature") or ""), 4 if loc.get("lat") is not None else None
        )
        if loc
        else None,
        "ActionGeo_FullName": loc.get("name"),
        "ActionGeo_CountryCode": (
            fips(loc["country"]) if fips and loc.get("country") else loc.get("country")
        ),
        "ActionGeo_Lat": loc.get("lat"),
        "ActionGeo_Long": loc.get("lon"),
        "ActionGeo_FeatureID": loc.get("geonameid"),
        "DATEADDED": (added or dt.datetime.now(dt.UTC)).strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": url or event.get("doc_id"),
    }
    return [_clean(values.get(c)) for c in GDELT_COLUMNS]


EXPORT_FORMATS = ("gdelt", "parquet", "csv", "jsonl")


def export_store(
    con: Any, fmt: str, out: str | Path, *, where: str = "TRUE", params: list[Any] | None = None
) -> int:
    """Write the store's events (filtered by ``where``) in ``fmt`` to ``out``; returns the number of events.

    ``out`` is a file for ``gdelt``, ``csv`` and ``jsonl`` and a folder for ``parquet``.
    """
    from detente.errors import InputError

    params = list(params or [])
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}: one of {', '.join(EXPORT_FORMATS)}", code="E109")
    path = Path(out)
    count_row = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
    count = int(count_row[0]) if count_row else 0
    if fmt == "parquet":
        path.mkdir(parents=True, exist_ok=True)
        month = "coalesce(strftime(date_start, '%Y-%m'), 'unknown') AS month"
        con.execute(
            f"COPY (SELECT *, {month} FROM events WHERE {where}) TO '{_sql_path(path / 'events')}' "
            "(FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE TRUE)",
            params,
        )
        con.execute(
            f"COPY (SELECT *, {month} FROM mentions WHERE event_id IN (SELECT id FROM events WHERE {where})) "
            f"TO '{_sql_path(path / 'mentions')}' "
            "(FORMAT PARQUET, PARTITION_BY (month), OVERWRITE_OR_IGNORE TRUE)",
            params,
        )
        return count
    if fmt == "csv":
        con.execute(
            f"COPY (SELECT * FROM events WHERE {where} ORDER BY date_start, id) TO '{_sql_path(path)}' "
            "(FORMAT CSV, HEADER TRUE)",
            params,
        )
        return count
    from detente.export_data import fips_for
    from detente.store.rows import row_to_contract

    frame = con.execute(
        f"""SELECT e.*, d.url AS doc_url FROM events e LEFT JOIN documents d ON d.id = e.doc_id
            WHERE {where} ORDER BY e.date_start, e.id""",
        params,
    ).df()
    added = dt.datetime.now(dt.UTC)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "gdelt":
            for row in frame.to_dict(orient="records"):
                contract = with_counts(row_to_contract(row), row)
                fh.write(
                    "\t".join(
                        gdelt_row(
                            contract,
                            event_id=row["id"],
                            url=_text(row.get("doc_url")),
                            added=added,
                            fips=fips_for,
                        )
                    )
                    + "\n"
                )
        else:
            import json

            for row in frame.to_dict(orient="records"):
                fh.write(
                    json.dumps(with_counts(row_to_contract(row), row), ensure_ascii=False, default=str) + "\n"
                )
    return count


def with_counts(contract: dict[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    for key in ("num_mentions", "num_articles", "num_sources"):
        value = row.get(key)
        if value is not None and value == value:
            contract[key] = int(value)
    for key in ("first_seen", "last_seen"):
        value = row.get(key)
        contract[key] = None if value is None or value != value else str(value)[:10]
    return contract


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _sql_path(path: Path) -> str:
    """A path inside a single-quoted SQL literal (COPY takes no parameters for it)."""
    return str(path).replace("'", "''")
