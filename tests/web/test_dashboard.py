"""The dashboard in a real browser, on the demo store: what an analyst sees and does.

Numbers are read from the ``data-*`` attributes the charts carry, not from
pixels.  Every page visited is also saved to ``docs/screenshots/`` (see
docs/dashboard.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from statistics import mean
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")
from playwright.sync_api import expect

Server = Any  # tests/web/conftest.py's Server: url and db

INDEX_POINTS = "#timeline svg circle.index-point"
TURNING = "#timeline svg line.turning-point"


def shot(page: Any, folder: Path, name: str, *, full: bool = True) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full)


def series(page: Any) -> dict[str, float]:
    pairs = page.eval_on_selector_all(
        INDEX_POINTS, "els => els.map(e => [e.dataset.period, e.dataset.index])"
    )
    return {p: float(v) for p, v in pairs}


def test_pair_page_shows_the_2023_drop_and_the_2024_2025_rise(
    page: Any, server: Server, screenshots: Path
) -> None:
    page.goto(f"{server.url}/pair/AZE/IRN")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Azerbaijan – Iran")
    index = series(page)
    assert index, "the chart has no index points"
    drop = [v for p, v in index.items() if p in ("2023-Q1", "2023-Q2")]
    before = [v for p, v in index.items() if p <= "2022-Q3"]
    rise = [v for p, v in index.items() if "2024-Q1" <= p <= "2025-Q4"]
    assert drop and max(drop) < -0.2, index  # the 2023 rupture: conflict dominates
    assert before and mean(drop) < mean(before) - 0.3, index
    assert len(rise) >= 3 and min(rise) > 0 and mean(rise) > mean(drop) + 0.5, index  # 2024-2025
    turning = page.eval_on_selector_all(
        TURNING, "els => els.map(e => [e.dataset.period, e.dataset.direction, parseFloat(e.dataset.after)])"
    )
    better = [t for t in turning if t[1] in ("thaw", "improvement")]
    assert any("2023-Q2" <= t[0] <= "2024-Q2" and t[2] > 0 for t in better), turning  # the thaw is marked
    for period, _, after in (t for t in turning if t[1] in ("rupture", "deterioration")):
        assert "2022-Q3" <= period <= "2023-Q2" and after < 0, turning  # a worsening point is the drop
    # quad-class counts are drawn too, and add up to each period's events
    bars = page.eval_on_selector_all(
        "#timeline svg g.volume-bar",
        "els => els.map(e => [+e.dataset.events, [1, 2, 3, 4].reduce((n, q) => n + +e.dataset['q' + q], 0)])",
    )
    assert bars and all(total == parts for total, parts in bars)
    # the chart is readable: a title, a text alternative, axis labels
    assert page.locator("#timeline svg > title").text_content().startswith("Azerbaijan – Iran")
    assert "turning points" in page.locator("#timeline svg > desc").text_content()
    labels = page.eval_on_selector_all("#timeline svg text", "els => els.map(e => e.textContent)")
    assert {"2022", "2023", "2024", "2025"} <= set(labels) and "cooperation–conflict index" in labels
    # the map places events on a labelled graticule
    places = page.eval_on_selector_all("svg.event-map circle.place", "els => els.map(e => e.dataset.place)")
    assert "Baku" in places or "Tehran" in places, places
    assert page.locator("svg.event-map line.graticule").count() >= 2
    expect(page.locator("#turning-points > li")).to_have_count(len(turning))
    shot(page, screenshots, "pair")


def test_filter_by_quad_class_then_open_an_event_with_its_evidence_highlighted(
    page: Any, server: Server, screenshots: Path
) -> None:
    page.goto(f"{server.url}/pair/AZE/IRN")
    all_text = page.locator("#events-count").inner_text()
    total = int(re.match(r"\d+", all_text).group())
    page.get_by_label("Quad class").select_option("4")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"quad=4"))
    rows = page.locator("#events-table tbody tr[data-event-id]")
    assert rows.count() >= 2
    quads = rows.evaluate_all("rows => rows.map(r => r.dataset.quad)")
    assert set(quads) == {"4"}
    filtered = int(re.match(r"\d+", page.locator("#events-count").inner_text()).group())
    assert 0 < filtered < total
    assert page.get_by_label("Quad class").input_value() == "4"
    # open the embassy attack (or the first material-conflict event)
    link = page.locator("#events-table a.evidence-link", has_text="embassy").first
    if not link.count():
        link = page.locator("#events-table a.evidence-link").first
    link.click()
    page.wait_for_url(re.compile(r"/event/"))
    expect(page.get_by_role("heading", level=2, name=re.compile("Evidence"))).to_be_visible()
    quote = page.locator("blockquote.evidence").first
    trigger = quote.locator("mark.hl-trigger")
    expect(trigger).to_have_count(1)
    kinds = set(quote.locator("mark").evaluate_all("ms => ms.map(m => m.dataset.kind)"))
    assert {"trigger", "source"} <= kinds or {"trigger", "target"} <= kinds, kinds
    # the highlighted words are the sentence's own words, in place
    plain = quote.inner_text()
    assert trigger.inner_text() in plain
    expect(page.locator("#highlight-legend mark")).to_have_count(5)
    expect(page.locator("article.mention h3 a").first).to_have_attribute(
        "href", re.compile(r"^/document/|^https?://")
    )
    shot(page, screenshots, "event")
    page.locator("article.mention h3 a").first.click()
    expect(page.locator("#document-mentions")).to_be_visible()
    shot(page, screenshots, "document")


def test_overview_lists_pairs_turning_points_and_links(page: Any, server: Server, screenshots: Path) -> None:
    page.goto(server.url + "/")
    expect(page).to_have_title(re.compile("Overview"))
    expect(page.locator("#active-pairs")).to_contain_text("AZE – IRN")
    expect(page.locator("#active-pairs svg.sparkline").first).to_be_visible()
    expect(page.locator("#changing-pairs tbody tr").first).to_be_visible()
    expect(page.locator("#recent-turning-points")).to_contain_text("AZE – IRN")
    shot(page, screenshots, "overview")
    page.locator("#active-pairs a", has_text="AZE – IRN").click()
    page.wait_for_url(re.compile(r"/pair/AZE/IRN$"))


def test_actor_page_says_who_and_lists_partners(page: Any, server: Server, screenshots: Path) -> None:
    page.goto(f"{server.url}/actor/IRN")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iran")
    expect(page.locator("#actor-lookup")).to_contain_text("IRN")
    partners = page.locator("#partners tbody th a").all_inner_texts()
    assert "AZE" in partners[:3], partners
    assert page.locator("#actor-events tbody tr[data-event-id]").count() > 0
    shot(page, screenshots, "actor")
    missing = page.goto(f"{server.url}/actor/Nowhereland")
    assert missing is not None and missing.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Unknown actor")


def test_keyboard_skip_link_pair_picker_and_focus(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "pick-a"
    # focus is visible: the outline is drawn
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.type("AZE")
    page.keyboard.press("Tab")
    page.keyboard.type("IRN")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/pair/AZE/IRN$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Azerbaijan")


@pytest.mark.parametrize("path", ["/", "/pair/AZE/IRN", "/actor/AZE", "/submit"])
def test_pages_are_labelled_for_assistive_technology(page: Any, server: Server, path: str) -> None:
    page.goto(server.url + path)
    problems = page.evaluate(
        """() => {
        const out = [];
        for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
          if (!el.labels || !el.labels.length) out.push('no label: ' + (el.id || el.name));
        }
        for (const t of document.querySelectorAll('table')) if (!t.caption) out.push('no caption: ' + t.id);
        for (const s of document.querySelectorAll('svg[role=img]'))
          if (!s.querySelector(':scope > title')) out.push('svg without title');
        if (document.querySelectorAll('h1').length !== 1) out.push('not one h1');
        if (!document.documentElement.lang) out.push('no lang');
        return out;
    }"""
    )
    assert problems == []


def test_phone_sized_viewport_has_no_sideways_scroll(page: Any, server: Server, screenshots: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for path, name in (("/pair/AZE/IRN", "pair-phone"), ("/", None)):
        page.goto(server.url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 391, f"{path} is {width}px wide on a 390px screen"
        box = page.locator("#main svg").first.bounding_box()
        assert box is not None and box["width"] > 100
        if path.startswith("/pair"):  # the chart keeps readable text and scrolls inside its own region
            region = page.locator("#timeline .chart-scroll").bounding_box()
            assert region is not None and region["width"] <= 390 and box["width"] >= 600
        if name:
            shot(page, screenshots, name, full=False)
    expect(page.get_by_role("link", name="Submit a document")).to_be_visible()


def test_submit_a_document_with_the_token_and_see_its_events(
    page: Any, write_server: Server, screenshots: Path, token: str
) -> None:
    page.goto(write_server.url + "/submit")
    page.get_by_label("Document id").fill("web-test-1")
    page.get_by_label("Published").fill("2025-07-08")
    page.get_by_label("Text").fill(
        "Iranian Foreign Minister Abbas Araghchi held talks with Azerbaijani Foreign Minister "
        "Jeyhun Bayramov in Baku on Monday. Azerbaijan and Iran signed an agreement on a new "
        "railway link on Tuesday."
    )
    page.get_by_label("API token").fill("wrong-token")
    page.get_by_role("button", name="Analyse and store").click()
    expect(page.locator("#submit-status")).to_contain_text("403")
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Analyse and store").click()
    expect(page.locator("#submit-status")).to_contain_text("stored", timeout=60_000)
    rows = page.locator("#submitted-events tbody tr[data-event-id]")
    expect(rows.first).to_be_visible()
    assert "AZE" in rows.first.inner_text() or "IRN" in rows.first.inner_text()
    shot(page, screenshots, "submit")
    # the new events are in the store: their event page shows the evidence
    rows.first.locator("a").click()
    page.wait_for_url(re.compile(r"/event/"))
    expect(page.locator("blockquote.evidence mark.hl-trigger").first).to_be_visible()
    expect(page.locator("article.mention h3")).to_contain_text("web-test-1")
