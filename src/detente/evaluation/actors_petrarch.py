"""PETRARCH2's ACTOR, AGENT and COMPOUND unit-test records, scored on actors only.

``petrarch2_unittest`` passes a record only when the whole event set is right, so
its actor categories also measure the events coder.  This view asks just the
actors stage's question: does every actor code the record expects (source or
target) appear among the actor mentions found in the sentence?  Codes are
compared in full (``ARNGOV``), with PETRARCH's unknown-country prefix dropped
(``---GOV`` is detente's bare ``GOV``); expected values that are not codes
(quoted names, ``###``) are left out.  The validation dictionaries are loaded as
in ``petrarch2_unittest``, with PETRARCH's own conventions (see
:func:`petrarch_lexicon`): the dictionaries win over detente's entries for the same
words, agent codes stack on actor codes (``~MOP`` after, ``NGO~`` before), and a
former office holder is an elite (``ELI``), as PETRARCH's documentation and
CAMEO's codebook describe them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.evaluation import petrarch
from detente.evaluation.actors_plover import analyse_actors
from detente.evaluation.petr_dict import PetrActor, PetrAgent
from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import safe_ratio
from detente.model import Document

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "actors_petrarch"
CATEGORIES = frozenset({"ACTOR", "AGENT", "AGENTS", "COMPOUND", "COMPOUNDx"})
_SMALL = frozenset({"OF", "AND", "THE", "DE", "DU", "LA"})


def expected_codes(record: petrarch.UnitRecord) -> set[str]:
    out: set[str] = set()
    for source, target, _ in record.expected:
        for code in (source, target):
            if not code or (not code[:1].isalpha() and not code.startswith("---")):
                continue
            code = code.removeprefix("---")
            if code:
                out.add(code.upper())
    return out


def score(records: Sequence[petrarch.UnitRecord], found: Mapping[str, Iterable[str]]) -> EvalResult:
    by_cat: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for rec in records:
        want = expected_codes(rec)
        if not want:
            continue
        got = set(found.get(rec.id, ()))
        row = by_cat.setdefault(rec.category, Counter())
        for c in (row, total):
            c["records"] += 1
            c["passed"] += want <= got
            c["codes"] += len(want)
            c["codes_found"] += len(want & got)
    rows = [
        {
            "category": cat,
            "records": c["records"],
            "passed": c["passed"],
            "pass_rate": safe_ratio(c["passed"], c["records"]),
            "code_recall": safe_ratio(c["codes_found"], c["codes"]),
        }
        for cat, c in sorted(by_cat.items())
    ]
    return EvalResult(
        name=NAME,
        metrics={
            "pass_rate": safe_ratio(total["passed"], total["records"]),
            "code_recall": safe_ratio(total["codes_found"], total["codes"]),
        },
        counts={"records": total["records"], "passed": total["passed"], "codes": total["codes"]},
        rows=rows,
        columns=list(rows[0]) if rows else [],
        notes=("pass = every expected source/target code is among the codes of the sentence's mentions",),
    )


def _acronym_form(phrase: str) -> str | None:
    """ "THE KU" as written in text, "the KU": PETRARCH matches case-blind, detente
    case-sensitively, so a short word inside a phrase is also tried in capitals."""
    tokens = phrase.split()
    if len(tokens) < 2 or not any(len(t) <= 3 and t.isalpha() and t not in _SMALL for t in tokens):
        return None
    return " ".join(
        t.lower() if t in _SMALL else t if len(t) <= 3 and t.isalpha() else t.capitalize() for t in tokens
    )


def dictionary_entries(actors_module: Any, dict_actors: Iterable[PetrActor]) -> list[Any]:
    """The validation actors as actors-stage entries: short words also in capitals
    ("THE_KU" is "the KU"), several codes for one period joint ("[FRO/BIL/SAM]": the
    name is a mention of each), and an entry coded state + agent ("WHITE_HOUSE
    [USAGOV]") read as a seat of that state's power, like detente's "the White House"."""
    out = []
    for one in dict_actors:
        out.extend(_entries_of(actors_module, one))
    return out


def _entries_of(actors_module: Any, one: PetrActor) -> list[Any]:
    made = petrarch.actor_entries(actors_module, [one])
    periods = Counter((e.form, e.start, e.end) for e in made)
    out = []
    for entry in made:
        if periods[(entry.form, entry.start, entry.end)] > 1:  # "[FRO/BIL/SAM]": the name stands for all
            entry = replace(entry, joint=True)
        extra = [f for f in map(_acronym_form, (p.upper() for p in entry.patterns)) if f]
        if extra:
            entry = replace(entry, patterns=tuple(dict.fromkeys((*entry.patterns, *extra))))
        if entry.kind == "organisation" and entry.country and len(entry.code) == 6:
            entry = replace(entry, form="seat")
        out.append(entry)
    return out


def agent_grammar(actors_module: Any, agents: Iterable[PetrAgent], *, base: Any) -> Any:
    """PETRARCH's agents as a grammar that replaces detente's sector words: every
    agent phrase with its own code (``MOP``, ``GOVMED``), ``NGO~`` agents leading the
    code; a phrase detente already knows keeps detente's title/standalone flags.
    Codes stack and "former" means ``ELI``, as PETRARCH composes them."""
    known = {w.text.lower(): w for w in base.sector_words}
    words: dict[str, Any] = {}
    for agent in agents:
        for phrase in agent.phrases:
            text = phrase.lower()
            have = known.get(text)
            words[text] = actors_module.SectorWord(
                text,
                agent.code,
                title=have.title if have else False,
                standalone=have.standalone if have else False,
                before=not agent.country_first,
            )
    return actors_module.Grammar(sector_words=tuple(words.values()), former_sector="ELI", stack_codes=True)


def petrarch_lexicon(folder: Path, base: Any) -> Any:
    """detente's lexicon ``base`` with the validation dictionaries of ``folder`` on top."""
    from detente import actors

    dict_actors, dict_agents = petrarch.load_dictionaries(folder)
    grammar = agent_grammar(actors, dict_agents, base=base.grammar)
    # PETRARCH's agents are the whole role vocabulary: the records expect a role
    # PETRARCH lacks ("the information ministry of Gondor") to stay uncoded.
    entries = dictionary_entries(actors, dict_actors)
    return base.extended(entries, override=True, grammar=grammar, replace_sectors=True)


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    folder = data_dir / petrarch.FOLDER
    needed = (petrarch.RECORDS, petrarch.ACTORS, petrarch.AGENTS)
    missing = [f for f in needed if not (folder / f).is_file()]
    if missing:
        return EvalResult.skip(NAME, f"not found in {folder}: {', '.join(missing)}")
    from detente.pipeline import Pipeline

    lexicon = petrarch_lexicon(folder, pipeline.resources["actors"])
    coder = Pipeline(
        pipeline.config,
        language=pipeline.language,
        resources={**pipeline.resources, "actors": lexicon},
        stages=pipeline.stages,
    )
    records = [
        r
        for r in petrarch.read_records(folder / petrarch.RECORDS)
        if r.error is None and r.id not in petrarch.SENTINEL_IDS and r.category in CATEGORIES
    ]
    if limit is not None:
        records = records[:limit]
    docs = [Document(id=r.id, text=r.text, published=r.date) for r in records]
    mentions = analyse_actors(coder, docs)
    found = {rid: [m.actor.code for m in ms] for rid, ms in mentions.items()}
    return score(records, found)
