"""Actor coding alone, on the PLOVER gold-standard records.

``plover_gsr`` scores whole events, so an actor error and an event error look the
same there.  This set scores only the actors stage: every gold source and target
actor is located in its sentence (its ``actorText``, or each piece of a gapped
text such as "Bosnian Serbs ... forces"), the emitted actor mention that overlaps
it most is taken, and its country and sector are compared with the gold ones.
A gold actor that no mention overlaps counts as wrong (a miss), so the accuracies
are also recalls.

Gold codes are CAMEO-era: the country is the code's first three letters, with the
records' evident typos of ISO codes read as meant (``ITL`` Italy, ``JAP`` Japan,
``VTN`` Vietnam) and ``CIV`` as Côte d'Ivoire.  Sectors are the first three letters
of ``sector`` (``CVLkur`` -> CVL; the old ``CIV`` spelling of civilians -> CVL);
``***`` (not coded) is left out of the sector score.  A gold actor with no sector
is a bare state or body: the right answer is "no sector", and an emitted body
keeps no sub-sector either (its IGO/NGO/IMG root is its country key).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import safe_ratio
from detente.model import ActorMention, Analysis, Document, ParsedDocument

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "actors_plover"
FILE = Path("plover_gsr") / "PLOVER_GSR_CAMEO.dev.json"
PUBLISHED = dt.date(2000, 1, 1)  # the records' own (placeholder) date
_GOLD_ALIASES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM"}
_SECTOR_ALIASES = {"CIV": "CVL"}
_NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC"})


@dataclass(frozen=True, slots=True)
class GoldActor:
    record: str
    role: str  # source | target
    text: str
    country: str
    sector: str | None  # None: no sector; "***": not coded
    spans: tuple[tuple[int, int], ...]  # character spans in the sentence; empty if not found


def _locate(text: str, actor_text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of a gold actor text; a gapped text gives one span per piece."""
    spans: list[tuple[int, int]] = []
    for piece in (p.strip() for p in actor_text.split("...")):
        piece = " ".join(piece.split())
        if not piece:
            continue
        at = text.find(piece)
        if at < 0:  # a paraphrased text ("US forces" for "US and British forces"): its first word
            first = piece.split()[0]
            m = re.search(rf"(?<!\w){re.escape(first)}(?!\w)", text)
            if m is None:
                continue
            spans.append((m.start(), m.end()))
        else:
            spans.append((at, at + len(piece)))
    return tuple(spans)


def read_gold(path: Path) -> list[tuple[str, str, list[GoldActor]]]:
    """(record id, sentence, gold actors) per record; the DOCUMENT record is skipped."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[tuple[str, str, list[GoldActor]]] = []
    for rec in data:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        text = str(rec["text"])
        actors: list[GoldActor] = []
        for role in ("source", "target"):
            value = rec.get(role)
            if not isinstance(value, list):
                continue
            for a in value:
                if not isinstance(a, dict) or not a.get("code"):
                    continue
                code = str(a["code"]).upper()[:3]
                raw = a.get("sector")
                sector = None if not raw else str(raw)[:3].upper()
                if sector is not None and sector != "***":
                    sector = _SECTOR_ALIASES.get(sector, sector)
                actors.append(
                    GoldActor(
                        record=str(rec["id"]),
                        role=role,
                        text=str(a.get("actorText", "")),
                        country=_GOLD_ALIASES.get(code, code),
                        sector=sector,
                        spans=_locate(text, str(a.get("actorText", ""))),
                    )
                )
        out.append((str(rec["id"]), text, actors))
    return out


def mention_key(mention: ActorMention) -> str | None:
    """Country of a mention, or the non-state root of a body (IGO, NGO, IMG)."""
    actor = mention.actor
    if actor.country:
        return actor.country
    root = actor.code[:3] if actor.code else ""
    return root if root in _NON_STATE else None


def mention_sector(mention: ActorMention) -> str | None:
    sector = mention.actor.sector
    return None if sector in _NON_STATE else sector


def best_overlap(gold: GoldActor, mentions: Iterable[ActorMention]) -> ActorMention | None:
    """The mention sharing the most characters with the gold spans (first on ties)."""
    best: tuple[int, ActorMention] | None = None
    for m in mentions:
        shared = sum(max(0, min(m.end, e) - max(m.start, s)) for s, e in gold.spans)
        if shared > 0 and (best is None or shared > best[0]):
            best = (shared, m)
    return best[1] if best else None


def score(gold: Sequence[GoldActor], found: dict[str, Sequence[ActorMention]]) -> EvalResult:
    """Country and sector accuracy of the overlapping mentions (pure: no pipeline)."""
    c: Counter[str] = Counter()
    for g in gold:
        m = best_overlap(g, found.get(g.record, ()))
        c[f"{g.role}_actors"] += 1
        c["gold_actors"] += 1
        c["located"] += bool(g.spans)
        c["matched"] += m is not None
        country_ok = m is not None and mention_key(m) == g.country
        c[f"{g.role}_country_correct"] += country_ok
        c["country_correct"] += country_ok
        if g.sector == "***":
            continue
        sector_ok = m is not None and mention_sector(m) == g.sector
        c["sector_scored"] += 1
        c["sector_correct"] += sector_ok
        if g.sector is not None:
            c["sector_given"] += 1
            c["sector_given_correct"] += sector_ok
    metrics = {
        "country_accuracy": safe_ratio(c["country_correct"], c["gold_actors"]),
        "source_country_accuracy": safe_ratio(c["source_country_correct"], c["source_actors"]),
        "target_country_accuracy": safe_ratio(c["target_country_correct"], c["target_actors"]),
        "sector_accuracy": safe_ratio(c["sector_correct"], c["sector_scored"]),
        "sector_accuracy_when_gold_has_sector": safe_ratio(c["sector_given_correct"], c["sector_given"]),
        "mention_recall": safe_ratio(c["matched"], c["gold_actors"]),
    }
    counts = {
        k: c[k]
        for k in (
            "gold_actors",
            "source_actors",
            "target_actors",
            "located",
            "matched",
            "sector_scored",
            "sector_given",
        )
    }
    return EvalResult(
        name=NAME,
        metrics=metrics,
        counts=counts,
        notes=(
            "each gold actor is matched to the emitted mention overlapping its text most; no overlap = wrong",
            "country = ISO3 or IGO/NGO/IMG root; sector_accuracy counts 'no sector' (bare state or body) "
            "as a sector, sector_accuracy_when_gold_has_sector only the actors the gold gives one",
        ),
    )


def analyse_actors(pipeline: Pipeline, docs: Sequence[Document]) -> dict[str, tuple[ActorMention, ...]]:
    """Run the NLP and actors stages only (the rest does not change the actors)."""
    from detente import actors

    config, lexicon = pipeline.config.actors, pipeline.resources["actors"]
    out: dict[str, tuple[ActorMention, ...]] = {}
    for parsed in pipeline.parse(docs):
        if not isinstance(parsed, ParsedDocument):
            continue
        for item in actors.run([Analysis(parsed=parsed)], config=config, resources=lexicon):
            out[item.document.id] = item.actors
    return out


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    path = data_dir / FILE
    if not path.is_file():
        return EvalResult.skip(NAME, f"file not found: {path}")
    records = read_gold(path)
    if limit is not None:
        records = records[:limit]
    docs = [Document(id=rid, text=text, published=PUBLISHED) for rid, text, _ in records]
    found = analyse_actors(pipeline, docs)
    gold = [g for _, _, actors in records for g in actors]
    return score(gold, found)


def explain(records: Sequence[tuple[str, str, list[GoldActor]]], found: dict[str, Any]) -> list[str]:
    """One line per wrongly coded gold actor, for reading errors by hand (not used in scoring)."""
    lines = []
    for rid, text, gold in records:
        for g in gold:
            m = best_overlap(g, found.get(rid, ()))
            got = f"{m.text!r}={m.actor.code}" if m else "-"
            want = f"{g.country}/{g.sector}"
            sector_wrong = g.sector != "***" and (m is None or mention_sector(m) != g.sector)
            if m is None or mention_key(m) != g.country or sector_wrong:
                lines.append(f"{rid} {g.role} {g.text!r} want {want} got {got} | {text[:120]}")
    return lines
