"""Every read route over a store of hand-built events: shapes, filters, pagination, numbers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from detente.store import Store
from detente.timeline import with_index

API = "/api/v1"


def test_openapi_lists_every_route(client: TestClient) -> None:
    schema = client.get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/documents",
        "/documents/{doc_id}",
        "/events",
        "/events/{event_id}",
        "/events/{event_id}/mentions",
        "/relations",
        "/relations/turning-points",
        "/dyads",
        "/actors/lookup",
    ):
        assert "get" in paths[f"{API}{path}"], path
    assert "post" in paths[f"{API}/documents"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_documents_are_paginated_with_a_total(client: TestClient) -> None:
    first = client.get(f"{API}/documents", params={"limit": 5}).json()
    assert first["total"] == 17 and first["limit"] == 5 and len(first["items"]) == 5
    rest = client.get(f"{API}/documents", params={"limit": 100, "offset": 5}).json()
    ids = [d["id"] for d in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 17
    assert first["items"][0] == {
        **first["items"][0],
        "id": "c202201",
        "published": "2022-01-10",
        "n_events": 2,
    }
    assert "text" not in first["items"][0]


def test_one_document_has_its_text_and_unknown_is_404(client: TestClient) -> None:
    doc = client.get(f"{API}/documents/odd").json()
    assert doc["text"] == "Three sentences about the USA and Russia." and doc["n_events"] == 3
    r = client.get(f"{API}/documents/nope")
    assert r.status_code == 404
    assert r.json() == {"error": {"code": "E601", "message": "document 'nope' not found"}}


def events(client: TestClient, **params: object) -> dict:
    r = client.get(f"{API}/events", params={"limit": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_events_pagination_is_stable_and_newest_first(client: TestClient) -> None:
    everything = events(client)
    assert everything["total"] == len(everything["items"]) == 35
    dates = [e["date_start"] for e in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    page = client.get(f"{API}/events", params={"limit": 10, "offset": 10}).json()
    assert page["total"] == 35
    assert [e["id"] for e in page["items"]] == [e["id"] for e in everything["items"][10:20]]


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"actor": "RUS"}, 3),
        ({"actor": "Russia"}, 3),  # a name, resolved by the lexicon
        ({"pair": "IRN,AZE"}, 32),
        ({"pair": "AZE, IRN", "quad": 4}, 8),
        ({"source": "AZE", "target": "IRN"}, 16),
        ({"source": "AZEGOV"}, 16),
        ({"type": "05"}, 8),
        ({"type": "057"}, 8),
        ({"quad": 3}, 9),
        ({"negated": True}, 1),
        ({"hypothetical": True}, 1),
        ({"future": True}, 1),
        ({"future": False, "actor": "USA"}, 2),
        ({"facts": True}, 32),
        ({"from": "2024-01-01"}, 19),
        ({"from": "2023-01-01", "to": "2023-12-31"}, 8),
        ({"place": "Baku"}, 8),
        ({"place": "baku"}, 8),
        ({"q": "signed a deal"}, 8),
        ({"q": "100%"}, 1),  # the % is literal, not a wildcard
        ({"q": "talks_now"}, 1),
        ({"q": "%"}, 1),
        ({"q": "nothing says this"}, 0),
    ],
)
def test_event_filters(client: TestClient, params: dict, total: int) -> None:
    got = events(client, **params)
    assert got["total"] == total == len(got["items"])


def test_event_filter_results_match_their_filter(client: TestClient) -> None:
    for e in events(client, type="057", pair="AZE,IRN")["items"]:
        assert e["cameo"].startswith("057") and {e["source"]["country"], e["target"]["country"]} == {
            "AZE",
            "IRN",
        }
    for e in events(client, place="Baku")["items"]:
        assert e["location"]["name"] == "Baku" and e["location"]["lat"] == 40.0


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"type": "XYZ"}, "E109"),
        ({"quad": 7}, "E605"),
        ({"from": "yesterday"}, "E605"),
        ({"pair": "IRN"}, "E605"),
        ({"actor": "Nowhereland Republic"}, "E108"),
        ({"limit": 0}, "E605"),
        ({"offset": -1}, "E605"),
    ],
)
def test_bad_event_queries_are_400_with_a_code(client: TestClient, params: dict, code: str) -> None:
    r = client.get(f"{API}/events", params=params)
    assert r.status_code == 400
    body = r.json()
    assert body["error"]["code"] == code and body["error"]["message"]


def test_one_event_and_its_mentions(client: TestClient) -> None:
    listed = events(client, hypothetical=True)["items"][0]
    one = client.get(f"{API}/events/{listed['id']}").json()
    assert one == listed
    assert one["source"]["code"] == "USAGOV" and one["num_mentions"] == 1
    mentions = client.get(f"{API}/events/{listed['id']}/mentions").json()
    assert mentions["total"] == 1
    m = mentions["items"][0]
    assert m["event_id"] == listed["id"] and m["doc_id"] == "odd" and m["evidence"].startswith("Washington")
    assert m["published"] == "2025-03-04" and "title" in m and "url" in m
    for path in ("/events/E000", "/events/E000/mentions"):
        r = client.get(f"{API}{path}")
        assert r.status_code == 404 and r.json()["error"]["code"] == "E601"


def test_relations_are_the_cli_numbers(client: TestClient) -> None:
    got = client.get(f"{API}/relations", params={"a": "AZE", "b": "IRN", "by": "quarter"}).json()
    store: Store = client.app.state.detente.store  # type: ignore[attr-defined]
    expected = with_index(store.relations("AZE", "IRN", by="quarter"))
    assert [p["period_label"] for p in got["periods"]] == list(expected["period_label"])
    assert [p["events"] for p in got["periods"]] == list(expected["events"])
    assert [p["index"] for p in got["periods"]] == pytest.approx(list(expected["index"]))
    assert got["periods"][0]["period_label"] == "2022-Q1" and got["periods"][0]["index"] < 0
    assert got["periods"][-1]["index"] > 0


def test_relations_window_names_and_bad_period(client: TestClient) -> None:
    got = client.get(
        f"{API}/relations", params={"a": "Azerbaijan", "b": "Iran", "by": "year", "from": "2024-01-01"}
    ).json()
    assert [p["period_label"] for p in got["periods"]] == ["2024", "2025"]
    assert all(p["events"] == 8 for p in got["periods"])
    r = client.get(f"{API}/relations", params={"a": "AZE", "b": "IRN", "by": "fortnight"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E605"
    assert client.get(f"{API}/relations", params={"a": "AZE"}).status_code == 400
    empty = client.get(f"{API}/relations", params={"a": "FRA", "b": "DEU"}).json()
    assert empty["periods"] == []


def test_turning_points_with_drivers(client: TestClient) -> None:
    got = client.get(f"{API}/relations/turning-points", params={"a": "AZE", "b": "IRN"}).json()
    assert got["by"] == "quarter"
    (point,) = got["turning_points"]
    assert point["period_label"] == "2024-Q1" and point["direction"] == "thaw" and point["worsening"] is False
    assert point["before_mean"] < 0 < point["after_mean"]
    assert 1 <= len(point["drivers"]) <= 3
    assert all(d["goldstein"] > 0 for d in point["drivers"])
    assert point["drivers"][0]["evidence"] == "Iran signed a deal with Azerbaijan."
    none = client.get(f"{API}/relations/turning-points", params={"a": "USA", "b": "RUS"}).json()
    assert none["turning_points"] == []


def test_dyads_active_and_changing(client: TestClient) -> None:
    got = client.get(f"{API}/dyads").json()
    (active,) = got["active"]  # the USA-RUS events are not facts
    assert (active["country_a"], active["country_b"], active["events"]) == ("AZE", "IRN", 32)
    (changing,) = got["changing"]
    assert changing["direction"] == "thaw" and changing["change"] > 0.5
    window = client.get(f"{API}/dyads", params={"from": "2024-01-01", "limit": 1}).json()
    assert window["active"][0]["events"] == 16


def test_actor_lookup(client: TestClient) -> None:
    got = client.get(f"{API}/actors/lookup", params={"name": "Iran"}).json()
    chosen = [r for r in got["items"] if r["chosen"]]
    assert chosen and chosen[0]["country"] == "IRN"
    dated = client.get(f"{API}/actors/lookup", params={"name": "Iran", "date": "2020-01-01"})
    assert dated.status_code == 200 and dated.json()["date"] == "2020-01-01"
    r = client.get(f"{API}/actors/lookup", params={"name": "Zzyzx Qqq"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "E601"
    assert client.get(f"{API}/actors/lookup").status_code == 400


def test_concurrent_reads_each_get_their_own_cursor(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    urls = [f"{API}/relations?a=AZE&b=IRN&by=quarter", f"{API}/events?pair=AZE,IRN&limit=5"] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(client.get, urls))
    assert all(r.status_code == 200 for r in responses)
    assert len({r.text for r in responses[0::2]}) == 1 and len({r.text for r in responses[1::2]}) == 1
