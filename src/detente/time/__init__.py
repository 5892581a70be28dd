"""The time stage: time expressions in, TIMEX3 values and event dates out.

Two entry points run in the pipeline: :func:`run` fills ``Analysis.times``
with normalised :class:`~detente.model.TimeMention` objects (after the NLP
stage), and :func:`date_events` gives each coded event its own date (after the
events stage).  :func:`normalise` reads one expression on its own, without
spaCy.  The work lives in submodules: ``patterns``/``lexicon`` (what time
words look like), ``handlers``/``normalise`` (text -> TIMEX3), ``tense``,
``recognise`` (finding expressions in a parsed document) and ``dating``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from detente.model import Analysis
from detente.time.dating import DatingSettings, date_analysis
from detente.time.handlers import Normalised
from detente.time.normalise import normalise
from detente.time.recognise import Recogniser, Settings, compile_recogniser, find

__all__ = [
    "Normalised",
    "TimeConfig",
    "TimeResources",
    "date_events",
    "load",
    "normalise",
    "run",
]

WEEKDAY_RULES = ("tense", "tense_strict", "nearest", "past")


@dataclass(frozen=True, slots=True)
class TimeConfig:
    """Options of the time stage (defaults measured on TempEval-3, see docs).

    ``weekday_rule``: how a bare weekday is placed against the publication
    date. ``"tense"`` (default): in past or present tense the most recent such
    day *including the publication day itself* ("bombs exploded Friday" in a
    Friday report means that Friday), in future tense the next one including
    today; ``"tense_strict"`` excludes the publication day; ``"nearest"``
    ignores tense; ``"past"`` always looks back.
    ``numeric_order``: "mdy" or "dmy" for ambiguous dates like 04/05/2025
    (unambiguous ones such as 28/04/2025 resolve either way).
    """

    historical_days: int = 60
    weekday_rule: str = "tense"
    numeric_order: str = "mdy"
    keep_unresolved: bool = False  # keep spaCy DATE/TIME spans we cannot normalise (value None)
    use_ner: bool = True  # merge spaCy DATE/TIME entities with our patterns
    relative_confidence: float = 0.85  # event confidence factor when only relative words date it

    def __post_init__(self) -> None:
        if self.weekday_rule not in WEEKDAY_RULES:
            raise ValueError(f"weekday_rule must be one of {WEEKDAY_RULES}")
        if self.numeric_order not in ("mdy", "dmy"):
            raise ValueError("numeric_order must be 'mdy' or 'dmy'")


@dataclass(frozen=True, slots=True)
class TimeResources:
    """Compiled patterns and settings, built once by :func:`load`."""

    recogniser: Recogniser
    settings: Settings
    dating: DatingSettings


def load(config: TimeConfig) -> TimeResources:
    return TimeResources(
        recogniser=compile_recogniser(),
        settings=Settings(
            weekday_rule=config.weekday_rule,
            numeric_order=config.numeric_order,
            keep_unresolved=config.keep_unresolved,
            use_ner=config.use_ner,
        ),
        dating=_dating(config),
    )


def _dating(config: TimeConfig) -> DatingSettings:
    return DatingSettings(
        historical_days=config.historical_days, relative_confidence=config.relative_confidence
    )


def run(
    items: Iterable[Analysis], *, config: TimeConfig, resources: TimeResources | None
) -> Iterator[Analysis]:
    """Fill ``Analysis.times`` with the document's time expressions, sorted by start."""
    res = resources if resources is not None else load(config)
    for item in items:
        mentions = find(item.parsed, recogniser=res.recogniser, settings=res.settings)
        yield replace(item, times=tuple(mentions))


def date_events(
    items: Iterable[Analysis], *, config: TimeConfig, resources: Any = None
) -> Iterator[Analysis]:
    """Date each event from its own time expression, else the publication date.

    Needs no resources (the pipeline's dating step loads nothing): everything
    it reads is in the analysis and the config.
    """
    settings = resources.dating if isinstance(resources, TimeResources) else _dating(config)
    for item in items:
        yield date_analysis(item, settings=settings)
