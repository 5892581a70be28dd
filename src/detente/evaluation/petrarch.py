"""PETRARCH2's unit-test records: CAMEO coding logic on fictional states.

Each record is one sentence with the events PETRARCH2 must code from it
(source code, target code, CAMEO code), grouped by the feature it tests
(compounds, agents, verbs, dates ...); some expect no event.  The actors are
fictional (Arnor=ARN, Gondor=GON ...) and come from the validation dictionaries
next to the records, which are read here, at evaluation time only, and replace
detente's own actor lexicon for this run (the records test a coder given its
dictionaries; detente's grammar of names and roles is kept).  The verbs likewise: the records are graded
against the validation verb dictionary (mostly WEIS-era codes), so it replaces
detente's event lexicon for this run (see :mod:`detente.evaluation.petr_verbs`).
PETRARCH's ``---`` (unknown country, or no actor) is read in detente's notation.

Two kinds of record are left out, and counted: those marked ``error`` (they test
PETRARCH's handling of broken parse trees, datelines and its discard list, inputs
detente never sees) and the closing sentinel record.  Records whose expected codes
lie outside CAMEO's roots 01-20 (the validation verb file invents some, such as
``903``) are kept but also reported separately, since no CAMEO coder can match them.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.evaluation.petr_dict import PetrActor, PetrAgent, parse_actors, parse_agents
from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import prf_multisets, safe_ratio
from detente.model import Analysis, Document, Event, Rejected

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "petrarch2_unittest"
FOLDER = Path("petrarch2_unittest")
RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"
AGENTS = "PETR.Validate.agents.txt"
VERBS = "PETR.Validate.verbs.txt"
SENTINEL_IDS = frozenset({"FINAL-RECORD"})
NON_STATE = ("IGO", "NGO", "IMG", "NGM", "MNC")
_SMALL_WORDS = frozenset({"OF", "AND", "THE", "DE", "DU", "LA"})

Coded = tuple[str | None, str | None, str | None]  # (source code, target code, event code)


@dataclass(frozen=True, slots=True)
class UnitRecord:
    id: str
    category: str
    date: dt.date | None
    text: str
    expected: tuple[Coded, ...]  # empty when the record expects no event
    error: str | None = None  # PETRARCH-specific input-error test

    @property
    def cameo_only(self) -> bool:
        """True when every expected code is a real CAMEO root (01-20)."""
        return all(_is_cameo(code) for _, _, code in self.expected)


def _is_cameo(code: str | None) -> bool:
    return bool(code) and code[:2].isdigit() and 1 <= int(code[:2]) <= 20  # type: ignore[index]


def root(code: str | None) -> str | None:
    return code[:2] if code else None


def _date(value: str | None) -> dt.date | None:
    if not value or not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def actor_code(value: str | None) -> str | None:
    """A PETRARCH actor code in detente's notation: the unknown country ``---`` is
    left out (``---GOV`` is detente's bare ``GOV``) and ``---`` alone is no actor."""
    if value is None:
        return None
    return value.removeprefix("---") or None


def read_records(path: Path) -> list[UnitRecord]:
    """Read every ``<Sentence>`` of the unit-test file; a repeated id gets a ``~n``
    suffix, since results are matched to records by id."""
    root_el = ET.parse(path).getroot()
    out: list[UnitRecord] = []
    seen: Counter[str] = Counter()
    for s in root_el.iter("Sentence"):
        rid = s.get("id", "")
        seen[rid] += 1
        if seen[rid] > 1:
            rid = f"{rid}~{seen[rid]}"
        text_el = s.find("Text")
        text = " ".join((text_el.text or "").split()) if text_el is not None else ""
        expected: list[Coded] = []
        error = None
        for ec in s.findall("EventCoding"):
            if ec.get("error"):
                error = ec.get("error")
            if ec.get("noevents") or ec.get("error"):
                continue
            expected.append(
                (actor_code(ec.get("sourcecode")), actor_code(ec.get("targetcode")), ec.get("eventcode"))
            )
        out.append(
            UnitRecord(
                id=rid,
                category=s.get("category", ""),
                date=_date(s.get("date")),
                text=text,
                expected=tuple(dict.fromkeys(expected)),
                error=error,
            )
        )
    return out


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a PETRARCH actor code: ``ARNGOV`` -> (ARN, GOV);
    non-state roots and the unknown-country code ``---`` have no country."""
    code = code.upper()
    head, rest = code[:3], code[3:6] or None
    if head in NON_STATE:
        return None, head
    if head == "---":
        return None, rest
    return head, rest


def surface_forms(phrase: str) -> tuple[str, ...]:
    """How a dictionary phrase (upper case, ``THE SHIRE``) appears in running text:
    title case with small words lowered (``the Shire``, ``Prince of Dol Amroth``),
    and as written when it may be an acronym (``U.N.``, ``UN``, ``USA``)."""
    tokens = phrase.split()
    titled = [
        t.lower() if i and t in _SMALL_WORDS else "-".join(p.capitalize() for p in t.split("-"))
        for i, t in enumerate(tokens)
    ]
    forms = [" ".join(titled)]
    if tokens and tokens[0] == "THE":
        forms.append(" ".join(["the", *titled[1:]]))
    if len(tokens) == 1 and ("." in phrase or len(phrase) <= 4):
        forms.append(phrase)
    return tuple(dict.fromkeys(forms))


_DEMONYM = re.compile(r"^[A-Z]{2,}(IANS?|ISH|ESE|I|CH)$")


def is_demonym(phrase: str) -> bool:
    """Whether a dictionary phrase reads as a people's adjective ("ERIADORIAN",
    "DANISH", "PAKISTANI"): PETRARCH's format does not say, but detente's matcher
    treats demonyms differently ("Arnorian and Gondorian troops" share a sector)."""
    return " " not in phrase and len(phrase) >= 5 and bool(_DEMONYM.match(phrase))


def actor_entries(actors_module: Any, entries: Iterable[PetrActor]) -> list[Any]:
    """Turn parsed dictionary entries into the actors stage's ``ActorEntry`` objects,
    one per code (date-restricted codes keep their validity dates); a state's
    demonym-like phrases become a second entry with ``form="demonym"``."""
    out = []
    for entry in entries:
        name = surface_forms(entry.name)[0]
        for span in entry.codes:
            country, sector = split_code(span.code)
            state = len(span.code) == 3 and country is not None
            groups: dict[str | None, list[str]] = {}
            for phrase in entry.phrases:
                form = "demonym" if state and is_demonym(phrase) else None
                groups.setdefault(form, []).extend(surface_forms(phrase))
            for form, patterns in groups.items():
                out.append(
                    actors_module.ActorEntry(
                        name,
                        span.code,
                        country,
                        sector,
                        tuple(dict.fromkeys(patterns)),
                        kind="state" if state else "organisation",
                        start=span.start,
                        end=span.end,
                        form=form,
                    )
                )
    return out


def agent_words(
    actors_module: Any, agents: Iterable[PetrAgent], *, known: Iterable[str], roles: frozenset[str]
) -> list[Any]:
    """PETRARCH agents as the actors stage's sector words, for the words its own
    grammar lacks; an agent whose role is not a detente sector, or that puts its code
    before the country (``NGO~``), cannot be expressed and is left out."""
    have = {w.lower() for w in known}
    out = []
    for agent in agents:
        role = agent.code[:3]
        if not agent.country_first or role not in roles:
            continue
        for phrase in agent.phrases:
            text = phrase.lower()
            if text not in have:
                have.add(text)
                out.append(actors_module.SectorWord(text, role, title=False))
    return out


def load_dictionaries(folder: Path) -> tuple[list[PetrActor], list[PetrAgent]]:
    actors_path, agents_path = folder / ACTORS, folder / AGENTS
    found_actors = parse_actors(actors_path.read_text(encoding="utf-8"), path=str(actors_path))
    found_agents = parse_agents(agents_path.read_text(encoding="utf-8"), path=str(agents_path))
    return found_actors, found_agents


def predicted_codes(events: Iterable[Event]) -> list[Coded]:
    return [
        (
            ev.source.actor.code if ev.source else None,
            ev.target.actor.code if ev.target else None,
            ev.cameo,
        )
        for ev in events
    ]


def _at_root(triples: Iterable[Coded]) -> list[Coded]:
    return [(s, t, root(c)) for s, t, c in triples]


def _country_root(triples: Iterable[Coded]) -> list[Coded]:
    return [(s[:3] if s else s, t[:3] if t else t, root(c)) for s, t, c in triples]


def score(records: Sequence[UnitRecord], predicted: Mapping[str, Sequence[Coded]]) -> EvalResult:
    """Pass rates and triple scores from expected and emitted codes (pure)."""
    by_cat: dict[str, Counter[str]] = {}
    gold: dict[str, list[tuple[str, Coded]]] = {"root": [], "full": [], "country": []}
    pred: dict[str, list[tuple[str, Coded]]] = {"root": [], "full": [], "country": []}
    passed = passed_cameo = n_cameo = silent_ok = n_silent = emitted = 0
    for rec in records:
        got = list(predicted.get(rec.id, ()))
        ok = set(_at_root(got)) == set(_at_root(rec.expected))
        passed += ok
        emitted += len(got)
        if rec.cameo_only:
            n_cameo += 1
            passed_cameo += ok
        if not rec.expected:
            n_silent += 1
            silent_ok += not got
        row = by_cat.setdefault(rec.category, Counter())
        row["records"] += 1
        row["passed"] += ok
        row["expected_events"] += len(rec.expected)
        row["emitted_events"] += len(got)
        for level, fn in (("root", _at_root), ("full", list), ("country", _country_root)):
            gold[level].extend((rec.id, t) for t in dict.fromkeys(fn(rec.expected)))
            pred[level].extend((rec.id, t) for t in fn(got))
    scores = {level: prf_multisets(gold[level], pred[level]) for level in gold}
    n_expected = sum(len(r.expected) for r in records)
    rows = [
        {
            "category": cat,
            "records": c["records"],
            "passed": c["passed"],
            "pass_rate": safe_ratio(c["passed"], c["records"]),
            "expected_events": c["expected_events"],
            "emitted_events": c["emitted_events"],
        }
        for cat, c in sorted(by_cat.items())
    ]
    metrics = {
        "pass_rate": safe_ratio(passed, len(records)),
        "pass_rate_cameo_codes": safe_ratio(passed_cameo, n_cameo),
        "no_event_records_silent": safe_ratio(silent_ok, n_silent),
        "triple_root_precision": scores["root"].precision,
        "triple_root_recall": scores["root"].recall,
        "triple_root_f1": scores["root"].f1,
        "triple_full_precision": scores["full"].precision,
        "triple_full_recall": scores["full"].recall,
        "triple_full_f1": scores["full"].f1,
        "triple_country_root_f1": scores["country"].f1,
        "events_emitted_per_expected": safe_ratio(emitted, n_expected),
    }
    counts = {
        "records": len(records),
        "passed": passed,
        "records_cameo_codes": n_cameo,
        "records_expecting_no_event": n_silent,
        "expected_events": n_expected,
        "events_emitted": emitted,
    }
    return EvalResult(
        name=NAME,
        metrics=metrics,
        counts=counts,
        rows=rows,
        columns=list(rows[0]) if rows else [],
        notes=(
            "pass = set of emitted (source code, target code, CAMEO root) equals the expected set",
            "pass_rate_cameo_codes: only records whose expected codes are CAMEO roots 01-20",
            "triple_country_root_f1 compares actor codes on their first three letters only",
        ),
    )


def petrarch_events(path: Path, base: Any) -> tuple[Any, Any]:
    """detente's event lexicon ``base`` with its verbs replaced by those of PETRARCH's
    verb dictionary at ``path`` (event nouns dropped: PETRARCH codes verbs only)."""
    from detente.evaluation import petr_verbs

    conversion = petr_verbs.to_patterns(petr_verbs.read_dictionary(path), path=path.name)
    used = {p.code for p in conversion.patterns} | {p.joint for p in conversion.patterns if p.joint}
    used |= {p.reverse for p in conversion.patterns if p.reverse}
    extra = petr_verbs.code_table_additions(used, base.codes)
    # PETRARCH codes every verb on its own: a reported statement does not hide the
    # event it reports, whatever the codes' roots would mean in CAMEO.
    lexicon = base.extended(
        conversion.patterns, codes=extra, override=True, keep_nouns=False, absorbing_roots=frozenset()
    )
    return conversion, lexicon


def dictionary_actors(folder: Path, base: Any) -> Any:
    """An actor lexicon holding PETRARCH's actor and agent dictionaries of ``folder``
    *only*: none of detente's own actors or places, just ``base``'s grammar (how
    names, titles and roles combine).  The records test a coder given these
    dictionaries: a person or city detente knows and the dictionaries do not
    ("President Ilham Aliyev ... held a meeting") must stay uncoded, as it does for
    PETRARCH.  (The actors evaluation, :mod:`detente.evaluation.actors_petrarch`,
    keeps detente's entries underneath, as it measures detente's actor coding.)"""
    from detente.actors import ActorLexicon
    from detente.evaluation.actors_petrarch import petrarch_lexicon

    # The actor conventions of PETRARCH's dictionaries (their codes win, agent codes
    # stack, "former" is ELI) are applied as in the actors evaluation.
    return petrarch_lexicon(folder, ActorLexicon((), base.grammar))


def petrarch_coder(folder: Path, pipeline: Pipeline) -> tuple[Pipeline, Any]:
    """``pipeline`` set up to code as the records expect: PETRARCH's actor and agent
    dictionaries of ``folder`` in place of detente's actors (see
    :func:`dictionary_actors`), and, when the folder has one, its verb dictionary in
    place of detente's event lexicon.  Returns the coder and the verb conversion
    (None without a verb file)."""
    from detente.pipeline import Pipeline

    resources: dict[str, Any] = {
        **pipeline.resources,
        "actors": dictionary_actors(folder, pipeline.resources["actors"]),
    }
    conversion = None
    if (folder / VERBS).is_file():
        # The records are graded against PETRARCH's own verb dictionary (mostly WEIS
        # codes): code them with that dictionary in place of detente's lexicon.
        conversion, resources["events"] = petrarch_events(folder / VERBS, pipeline.resources["events"])
    # CAMEO's recoding of announced acts (a promised 07x is a 03x intention) would
    # turn the dictionary's own codes into others.
    config = replace(pipeline.config, events=replace(pipeline.config.events, announced_codes=False))
    return Pipeline(
        config, language=pipeline.language, resources=resources, stages=pipeline.stages
    ), conversion


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    """Code the unit-test sentences with the validation dictionaries, and score them."""
    folder = data_dir / FOLDER
    missing = [f for f in (RECORDS, ACTORS, AGENTS) if not (folder / f).is_file()]
    if missing:
        return EvalResult.skip(NAME, f"not found in {folder}: {', '.join(missing)}")
    dict_actors, dict_agents = load_dictionaries(folder)
    coder, conversion = petrarch_coder(folder, pipeline)
    lexicon = coder.resources["actors"]
    everything = read_records(folder / RECORDS)
    records = [r for r in everything if r.error is None and r.id not in SENTINEL_IDS]
    if limit is not None:
        records = records[:limit]
    docs = [Document(id=r.id, text=r.text, published=r.date) for r in records]
    predicted: dict[str, list[Coded]] = {}
    rejected = sourceless = 0
    for result in coder.analyse(docs):
        if isinstance(result, Rejected):
            rejected += 1
            continue
        assert isinstance(result, Analysis)
        # PETRARCH's output has no form for an event without a source (an agentless
        # passive): such events are set aside, and counted, rather than compared.
        events = [e for e in result.events if e.source is not None]
        sourceless += len(result.events) - len(events)
        predicted[result.document.id] = predicted_codes(events)
    scored = score(records, predicted)
    return EvalResult(
        name=scored.name,
        metrics=scored.metrics,
        counts={
            **scored.counts,
            "excluded_petrarch_input_tests": sum(1 for r in everything if r.error or r.id in SENTINEL_IDS),
            "dictionary_actors": len(dict_actors),
            "dictionary_agents": len(dict_agents),
            "agent_roles": len(lexicon.grammar.sector_words),
            "dictionary_verb_patterns": len(conversion.patterns) if conversion else 0,
            **{
                f"verb_entries_left_out_{k}": v
                for k, v in sorted((conversion.skipped if conversion else {}).items())
            },
            "rejected": rejected,
            "events_without_source_set_aside": sourceless,
        },
        rows=scored.rows,
        columns=scored.columns,
        notes=scored.notes,
    )
