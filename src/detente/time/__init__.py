"""The time stage: time expressions in, TIMEX3 values and event dates out.

Two entry points run in the pipeline: :func:`run` fills ``Analysis.times``
with normalised :class:`~detente.model.TimeMention` objects (after the NLP
stage), and :func:`date_events` gives each coded event its own date (after the
events stage).  :func:`normalise` reads one expression on its own, without
spaCy.  The work lives in submodules: ``patterns``/``lexicon`` (what time
words look like), ``handlers``/``periods``/``normalise`` (text -> TIMEX3), ``tense``,
``story`` (expressions counted from the story's own time: "the next day"),
``recognise`` (finding expressions in a parsed document), ``attach`` and
``dating`` (which expression dates each event).
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
    In the present tense ("meet separately Monday"), the nearest such day
    either way: news uses the present for what is scheduled.
    ``historical_days``: an event whose date's whole period ends more than this
    many days before publication is ``historical`` (a recap, not the news).
    """

    historical_days: int = 28  # an event whose period ends earlier than this before publication
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
    """Date each event from the expression that governs it (:mod:`detente.time.attach`).

    Its clause's expression first, then the sentence's, the paragraph's
    narrative time, the date of a verb of saying above it, and the publication
    date only for news of the day; plans, hypotheses and undated recaps keep
    ``date=None``.  Its resources, if any, are the actors stage's lexicon
    (shared by the pipeline), used to re-resolve roles at the event's date.
    """
    from detente.actors import ActorLexicon

    settings = resources.dating if isinstance(resources, TimeResources) else _dating(config)
    # Given the actor lexicon (the pipeline shares the actors stage's), office holders named in
    # an event dated far from publication are re-resolved at the event's date.
    lexicon = resources if isinstance(resources, ActorLexicon) else None
    for item in items:
        yield date_analysis(item, settings=settings, lexicon=lexicon)
