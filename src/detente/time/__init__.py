"""The time stage (placeholder interface; filled by its implementation)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from detente.model import Analysis


@dataclass(frozen=True, slots=True)
class TimeConfig:
    pass


def load(config: TimeConfig) -> Any:
    return None


def run(items: Iterable[Analysis], *, config: TimeConfig, resources: Any) -> Iterator[Analysis]:
    yield from items


def date_events(items: Iterable[Analysis], *, config: TimeConfig, resources: Any) -> Iterator[Analysis]:
    yield from items
