"""Standard exports of events: GDELT 2.0 event columns (TSV).

GDELT users have loaders, dashboards and habits built on its 61 event columns;
emitting them lets detente drop into those tools.  Differences from GDELT,
stated so nobody is surprised: ``GlobalEventID`` is detente's string id;
``Day`` is the date the event happened (GDELT: the report date); country codes
are ISO 3166-1 alpha-3 everywhere (GDELT uses FIPS for geography); fields
detente does not produce (ethnic, religion, tone, actor geography) are empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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
    event: Mapping[str, Any], *, event_id: str, url: str | None = None, added: dt.datetime | None = None
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
        "ActionGeo_CountryCode": loc.get("country"),
        "ActionGeo_Lat": loc.get("lat"),
        "ActionGeo_Long": loc.get("lon"),
        "ActionGeo_FeatureID": loc.get("geonameid"),
        "DATEADDED": (added or dt.datetime.now(dt.UTC)).strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": url or event.get("doc_id"),
    }
    return [_clean(values.get(c)) for c in GDELT_COLUMNS]
