"""PETRARCH2's ACTOR, AGENT and COMPOUND unit-test records, scored on actors only.

``petrarch2_unittest`` passes a record only when the whole event set is right, so
its actor categories also measure the events coder.  This view asks just the
actors stage's question: does every actor code the record expects (source or
target) appear among the actor mentions found in the sentence?  Codes are
compared in full (``ARNGOV``), with PETRARCH's unknown-country prefix dropped
(``---GOV`` is detente's bare ``GOV``); expected values that are not codes
(quoted names, ``###``) are left out.  The validation dictionaries are loaded as
in ``petrarch2_unittest``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from detente.evaluation import petrarch
from detente.evaluation.actors_plover import analyse_actors
from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import safe_ratio
from detente.model import Document

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "actors_petrarch"
CATEGORIES = frozenset({"ACTOR", "AGENT", "AGENTS", "COMPOUND", "COMPOUNDx"})


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


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    folder = data_dir / petrarch.FOLDER
    needed = (petrarch.RECORDS, petrarch.ACTORS, petrarch.AGENTS)
    missing = [f for f in needed if not (folder / f).is_file()]
    if missing:
        return EvalResult.skip(NAME, f"not found in {folder}: {', '.join(missing)}")
    from detente import actors
    from detente.actors.entries import ROLES
    from detente.pipeline import Pipeline

    dict_actors, dict_agents = petrarch.load_dictionaries(folder)
    base = pipeline.resources["actors"]
    extended = base.extended(petrarch.actor_entries(actors, dict_actors))
    known = [w.text for w in base.grammar.sector_words]
    words = petrarch.agent_words(actors, dict_agents, known=known, roles=ROLES)
    grammar = base.grammar.merged(actors.Grammar(sector_words=tuple(words)))
    lexicon = actors.ActorLexicon(extended.entries, grammar)
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
