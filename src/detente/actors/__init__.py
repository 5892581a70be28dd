"""The actors stage: who is named in a document, as CAMEO-style coded actors.

``load`` reads the packaged dictionaries (states, sectors, organisations,
office holders: every ``data/*.v1.yaml``, see ``README.md`` beside this file)
once into an immutable :class:`ActorLexicon`; ``run`` fills
:attr:`Analysis.actors` with the mentions of each document, resolving people's
roles at its publication date.  :func:`reresolve` lets the dating stage move a
mention to the event's own date once it is known.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from detente.actors.checks import check_all
from detente.actors.dated import reresolve
from detente.actors.document import find_mentions
from detente.actors.entries import ActorEntry, Grammar, SectorWord
from detente.actors.lexicon import ActorLexicon
from detente.actors.placenames import PlaceCountries
from detente.actors.schema import Loaded, check_collisions, parse_file
from detente.errors import E101, InputError
from detente.model import Analysis

if TYPE_CHECKING:
    from detente.places.gazetteer import Gazetteer

DATA_SUFFIX = ".v1.yaml"


@dataclass(frozen=True, slots=True)
class ActorsConfig:
    extra_files: tuple[str, ...] = ()  # extra YAML files in the same schema, loaded after the packaged ones
    # Cities and provinces of the places gazetteer as evidence of a country ("officials in Mashhad").
    place_evidence: bool = True
    min_place_population: int = 10_000  # smallest city taken as evidence


def packaged_files() -> tuple[str, ...]:
    """Names of the packaged data files, sorted: every ``*.v1.yaml`` in ``data/``.

    Listing the folder (rather than naming files here) lets curators add a file
    of office holders without touching code; sorting keeps the load order, and
    so the result, the same on every machine.
    """
    folder = importlib.resources.files("detente.actors") / "data"
    return tuple(sorted(p.name for p in folder.iterdir() if p.name.endswith(DATA_SUFFIX)))


def load(config: ActorsConfig, *, gazetteer: Gazetteer | None = None) -> ActorLexicon:
    """Read and check the packaged dictionaries, then ``config.extra_files``.

    ``gazetteer`` is the places stage's, when the caller has loaded it already
    (the pipeline does): one copy of the place index serves both stages.
    """
    extras: list[tuple[str, str]] = []
    for extra in config.extra_files:
        path = Path(extra)
        if not path.is_file():
            raise InputError(E101.format(path=extra), code="E101")
        text = path.read_text(encoding="utf-8")
        parse_file(text, path=str(path), into=Loaded())  # a user's file fails fast, on its own
        extras.append((text, str(path)))
    loaded = Loaded()
    folder = importlib.resources.files("detente.actors") / "data"
    for name in packaged_files():
        parse_file(
            (folder / name).read_text(encoding="utf-8"), path=f"detente/actors/data/{name}", into=loaded
        )
    for text, where in extras:
        parse_file(text, path=where, into=loaded)
    check_collisions(loaded)
    check_all(loaded)
    places = None
    if config.place_evidence:
        if gazetteer is None:
            from detente import places as places_stage  # read-only use of its gazetteer

            gazetteer = places_stage.load(places_stage.PlacesConfig())
        places = PlaceCountries(gazetteer, min_population=config.min_place_population)
    return ActorLexicon(loaded.entries, loaded.grammar, origins=loaded.origins, places=places)


def _date(value: dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def run(items: Iterable[Analysis], *, config: ActorsConfig, resources: ActorLexicon) -> Iterator[Analysis]:
    """Fill ``Analysis.actors`` (sorted by start offset) for each item."""
    for item in items:
        on = _date(item.parsed.document.published)
        yield replace(item, actors=find_mentions(item.parsed, lexicon=resources, on=on))


__all__ = [
    "ActorEntry",
    "ActorLexicon",
    "ActorsConfig",
    "Grammar",
    "SectorWord",
    "find_mentions",
    "load",
    "packaged_files",
    "reresolve",
    "run",
]
