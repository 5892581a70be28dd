"""The dashboard's parts without a browser: highlighting, the map, the chart's data, names, demo --serve."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from detente.timeline import render_svg, turning_points, with_index
from detente.web.geo import MapPlace, render_map
from detente.web.highlight import pieces, sentence_start, spans
from detente.web.names import Names, country_name, load_names
from detente.web.spark import sparkline_svg

NS = "{http://www.w3.org/2000/svg}"
DOC = "Headline. Iran expelled four Azerbaijani diplomats last month in Baku. Iran expelled them."


def row(**extra: Any) -> dict[str, Any]:
    base = DOC.index("Iran expelled four")
    evidence = "Iran expelled four Azerbaijani diplomats last month in Baku."
    out = {
        "evidence": evidence,
        "trigger_text": "expelled",
        "trigger_start": base + 5,
        "trigger_end": base + 13,
        "source_text": "Iran",
        "source_start": base,
        "source_end": base + 4,
        "target_text": "Azerbaijani diplomats",
        "target_start": base + 19,
        "target_end": base + 40,
        "location_text": "Baku",
        "location_start": base + 55,
        "location_end": base + 59,
        "date_text": "last month",
        "date_basis": "text",
        "date_start": pd.Timestamp("2023-03-01"),
    }
    out.update(extra)
    return out


def test_spans_follow_document_offsets_into_the_right_sentence() -> None:
    assert sentence_start(DOC, "Iran expelled", anchor=DOC.rindex("Iran")) == DOC.rindex("Iran")
    got = [(row()["evidence"][s:e], kind) for s, e, kind in spans(row(), DOC)]
    assert got == [
        ("Iran", "source"),
        ("expelled", "trigger"),
        ("Azerbaijani diplomats", "target"),
        ("last month", "time"),
        ("Baku", "place"),
    ]
    assert "".join(p.text for p in pieces(row(), DOC)) == row()["evidence"]


def test_spans_fall_back_to_words_and_never_overlap() -> None:
    # no document text and offsets that do not fit: found by their words
    shifted = row(trigger_start=999, trigger_end=1007)
    assert ("expelled", "trigger") in [(shifted["evidence"][s:e], k) for s, e, k in spans(shifted, None)]
    # a trigger that contains the target wins; the target is not marked inside it
    wide = row(trigger_text="expelled four Azerbaijani diplomats", trigger_start=None, trigger_end=None)
    kinds = [k for _, _, k in spans(wide, None)]
    assert "trigger" in kinds and "target" not in kinds
    # a date taken from the publication date has no words in the sentence
    assert "time" not in [k for _, _, k in spans(row(date_basis="publication"), DOC)]


def test_map_has_a_labelled_graticule_and_escaped_places() -> None:
    svg = render_map(
        [MapPlace("Baku", "AZE", 40.4, 49.9, 5), MapPlace("Tabriz <&>", "IRN", 38.1, 46.3, 1)],
        title="Where",
        link=lambda p: f"/x?place={p.name}",
    )
    root = ET.fromstring(svg)
    assert root.find(f"{NS}title").text == "Where"
    lines = root.findall(f".//{NS}line")
    assert any(line.get("data-lat") for line in lines) and any(line.get("data-lon") for line in lines)
    labels = [t.text for t in root.iter(f"{NS}text")]
    assert any(label and label.endswith("°N") for label in labels)
    assert any(label and label.endswith("°E") for label in labels)
    assert "Tabriz <&>" in labels  # escaped in the SVG, parsed back here
    places = {c.get("data-place"): int(c.get("data-events")) for c in root.iter(f"{NS}circle")}
    assert places == {"Baku": 5, "Tabriz <&>": 1}


def monthly(months: list[list[float]]) -> pd.DataFrame:
    """A relations frame from each month's Goldstein values (one direction), from January 2022."""
    rows = []
    for i, values in enumerate(months):
        day = dt.date(2022 + i // 12, i % 12 + 1, 1)
        rows.append(
            {
                "period_label": f"{day:%Y-%m}",
                "period": day,
                "events": len(values),
                "goldstein_sum": sum(values),
                "goldstein_abs_sum": sum(abs(v) for v in values),
                "q1_verbal_coop": sum(0 < v < 5 for v in values),
                "q2_material_coop": sum(v >= 5 for v in values),
                "q3_verbal_conflict": sum(-5 < v < 0 for v in values),
                "q4_material_conflict": sum(v <= -5 for v in values),
            }
        )
    return pd.DataFrame(rows)


def test_chart_carries_its_numbers_and_stacks_quad_classes() -> None:
    frame = with_index(monthly([[3.0, 2.0]] * 8 + [[-7.0, -5.0, -8.0]] * 8))
    points = turning_points(frame)
    root = ET.fromstring(render_svg(frame, points, a="A", b="B", quads=True))
    values = {c.get("data-period"): float(c.get("data-index")) for c in root.iter(f"{NS}circle")}
    assert values["2022-01"] > 0 > values["2022-12"]
    lines = [line for line in root.iter(f"{NS}line") if line.get("class") == "turning-point"]
    assert [line.get("data-direction") for line in lines] == [p.direction for p in points]
    bars = [g for g in root.iter(f"{NS}g") if g.get("class") == "volume-bar"]
    assert len(bars) == 16
    assert all(int(g.get("data-events")) == sum(int(g.get(f"data-q{n}")) for n in range(1, 5)) for g in bars)
    assert "turning points" in root.find(f"{NS}desc").text


def test_names_and_sparkline() -> None:
    names = load_names()
    assert names.cameo_name("040") and names.cameo_name("0411") == names.cameo_name("041")
    assert Names.actor("AZEGOV") == "Azerbaijan government" and country_name("IRN") == "Iran"
    assert Names.actor("XYZABC") == "XYZABC" and Names.quad(4) == "material conflict"
    assert len(names.roots()) == 20
    svg = str(sparkline_svg([0.5, None, -0.5], "A – B"))
    assert "<title>A – B: index from +0.50 to -0.50 over 3 periods</title>" in svg
    assert str(sparkline_svg([None, None], "x")) == ""


def test_demo_serve_uses_the_serve_command_code(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from detente.api import cli as api_cli
    from detente.cli import stored

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(api_cli, "run_server", lambda db, **kw: calls.append({"db": db, **kw}))
    monkeypatch.setenv("DETENTE_API_TOKEN", "tok")
    stored.serve_demo(Path("demo.duckdb"), host="127.0.0.1", port=8123)
    assert calls and calls[0]["db"] == Path("demo.duckdb") and calls[0]["port"] == 8123
    assert calls[0]["settings"].token == "tok" and calls[0]["command"] == "detente demo --serve"
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out
