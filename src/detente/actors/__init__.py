"""The actors stage (placeholder interface; filled by its implementation)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from detente.model import Analysis


@dataclass(frozen=True, slots=True)
class ActorsConfig:
    pass


def load(config: ActorsConfig) -> Any:
    return None


def run(items: Iterable[Analysis], *, config: ActorsConfig, resources: Any) -> Iterator[Analysis]:
    yield from items
