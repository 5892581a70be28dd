"""The actors stage: who is named in a document, as CAMEO-style coded actors.

``load`` reads the packaged dictionaries (states, sectors, organisations,
office holders; see ``data/`` and ``README.md`` beside this file) once into an
immutable :class:`ActorLexicon`; ``run`` fills :attr:`Analysis.actors` with the
mentions of each document, resolving people's roles at its publication date.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from detente.actors.entries import ActorEntry, Grammar, SectorWord
from detente.actors.lexicon import ActorLexicon
from detente.actors.matcher import find_mentions
from detente.actors.schema import Loaded, check_collisions, parse_file
from detente.errors import E101, InputError
from detente.model import Analysis

PACKAGED_FILES = (
    "countries.v1.yaml",
    "sectors.v1.yaml",
    "organisations.v1.yaml",
    "office_holders.v1.yaml",
)


@dataclass(frozen=True, slots=True)
class ActorsConfig:
    extra_files: tuple[str, ...] = ()  # extra YAML files in the same schema, loaded after the packaged ones


def load(config: ActorsConfig) -> ActorLexicon:
    """Read and check the packaged dictionaries, then ``config.extra_files``."""
    loaded = Loaded()
    folder = importlib.resources.files("detente.actors") / "data"
    for name in PACKAGED_FILES:
        parse_file(
            (folder / name).read_text(encoding="utf-8"), path=f"detente/actors/data/{name}", into=loaded
        )
    for extra in config.extra_files:
        path = Path(extra)
        if not path.is_file():
            raise InputError(E101.format(path=extra), code="E101")
        parse_file(path.read_text(encoding="utf-8"), path=str(path), into=loaded)
    check_collisions(loaded)
    return ActorLexicon(loaded.entries, loaded.grammar)


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
    "run",
]
