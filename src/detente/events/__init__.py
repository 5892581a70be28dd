"""The events stage (placeholder interface; filled by its implementation)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from detente.model import Analysis


@dataclass(frozen=True, slots=True)
class EventsConfig:
    pass


def load(config: EventsConfig) -> Any:
    return None


def run(items: Iterable[Analysis], *, config: EventsConfig, resources: Any) -> Iterator[Analysis]:
    yield from items
