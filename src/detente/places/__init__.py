"""The places stage (placeholder interface; filled by its implementation)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from detente.model import Analysis


@dataclass(frozen=True, slots=True)
class PlacesConfig:
    pass


def load(config: PlacesConfig) -> Any:
    return None


def run(items: Iterable[Analysis], *, config: PlacesConfig, resources: Any) -> Iterator[Analysis]:
    yield from items


def locate_events(items: Iterable[Analysis], *, config: PlacesConfig, resources: Any) -> Iterator[Analysis]:
    yield from items
