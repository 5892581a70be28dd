"""The events stage: who did what to whom, coded as CAMEO/PLOVER events.

It reads the dependency parse and the actor mentions, matches trigger words
against an authored pattern lexicon (``data/cameo_verbs.v1.yaml``), finds source
and target in the places each pattern names, flags negated, future and
hypothetical events, and fills :attr:`Analysis.events`.  Dates and locations
are left to the later ``dating`` and ``locating`` stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources as importlib_resources
from pathlib import Path

from detente.errors import E101, InputError
from detente.events.assemble import CoderOptions, code_document
from detente.events.codes import CodeInfo, parse_code_table
from detente.events.explain import Explanation
from detente.events.explain import explain as _explain
from detente.events.lexicon import EventLexicon, Pattern, build_lexicon
from detente.model import Analysis

__all__ = ["CodeInfo", "EventLexicon", "EventsConfig", "Explanation", "Pattern", "explain", "load", "run"]

CODES_FILE = "cameo_codes.v1.csv"
VERBS_FILE = "cameo_verbs.v1.yaml"


@dataclass(frozen=True, slots=True)
class EventsConfig:
    """Options of the events stage.

    ``min_confidence`` drops weaker events (nominal, source-less); ``symmetric_consult``
    codes joint meetings and drills in both directions (A->B and B->A);
    ``extra_verb_files`` adds user pattern files in the same YAML format;
    ``intent_codes`` recodes stated future actions the CAMEO way ("will meet" ->
    036 express intent to meet, "will attack" -> 138 threaten), keeping ``future``;
    off by default, which keeps the act's own type plus the flag, the PLOVER way.
    ``announced_codes`` (on by default) recodes announced acts: hostile ones ("said they
    would boycott", "vowed to strike", "will withdraw unless ...") as threats (CAMEO
    13), promised cooperative ones ("will give a grant", "promised to release") as
    intentions (CAMEO 03, PLOVER AGREE), since the statement itself is the event of the
    day; acts only planned ("plans to visit") keep their code and the ``future`` flag.
    """

    min_confidence: float = 0.0
    symmetric_consult: bool = True
    extra_verb_files: tuple[str, ...] = ()
    intent_codes: bool = False
    announced_codes: bool = True


def _packaged(name: str) -> tuple[str, str]:
    res = importlib_resources.files("detente.events").joinpath("data", name)
    return f"detente/events/data/{name}", res.read_text(encoding="utf-8")


def load(config: EventsConfig) -> EventLexicon:
    """Read and check the code table and the pattern lexicon (once per process)."""
    path, text = _packaged(CODES_FILE)
    codes = parse_code_table(text, path=path)
    files = [_packaged(VERBS_FILE)]
    for extra in config.extra_verb_files:
        p = Path(extra)
        if not p.is_file():
            raise InputError(E101.format(path=extra), code="E101")
        files.append((str(p), p.read_text(encoding="utf-8")))
    return build_lexicon(files, codes=codes)


def run(items: Iterable[Analysis], *, config: EventsConfig, resources: EventLexicon) -> Iterator[Analysis]:
    """Fill ``events`` of each analysis; other fields are passed through unchanged."""
    options = CoderOptions(
        min_confidence=config.min_confidence,
        symmetric_consult=config.symmetric_consult,
        intent_codes=config.intent_codes,
        announced_codes=config.announced_codes,
    )
    for item in items:
        events = tuple(code_document(item, lexicon=resources, options=options))
        yield replace(item, events=events)


def explain(analysis: Analysis, *, config: EventsConfig, resources: EventLexicon) -> list[Explanation]:
    """Each candidate trigger of ``analysis`` (after the actors stage) with what the
    coder did with it: emitted, or dropped and why (see :mod:`detente.events.explain`)."""
    return _explain(analysis, config=config, resources=resources)
