"""Recall of the actors stage on CoNLL-2003 named entities (dev split, IOB2).

CoNLL marks people, organisations and locations, not actors, so no precision is
measured here.  The question is narrower: of the gold PER, ORG and LOC entities
whose text *is* a name in detente's actor data (a state's name, an
organisation's pattern, an office holder's variant; matched exactly, case
included, so "LEICESTERSHIRE" in a headline does not count), how many does the
actors stage find in running text (an emitted mention overlaps the entity), and
how many does it code as that entry's country or body?

Each CoNLL document becomes one detente document (sentences on their own lines,
tokens joined by spaces), dated 1996-09-01: the texts are Reuters news of
1996-97, and the date only decides the role of an office holder, never whether
the name is found.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from detente.evaluation.actors_plover import analyse_actors
from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import safe_ratio
from detente.model import ActorMention, Document

if TYPE_CHECKING:
    from detente.actors import ActorLexicon
    from detente.pipeline import Pipeline

NAME = "actors_conll"
FILE = Path("conll2003") / "eng.testa.iob2.txt"
PUBLISHED = dt.date(1996, 9, 1)
TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    doc: str
    label: str
    text: str
    start: int
    end: int


def read_conll(path: Path) -> Iterator[tuple[Document, list[GoldEntity]]]:
    """Documents and their gold entities (character offsets in the rebuilt text)."""
    n = 0
    lines: list[list[str]] = []

    def flush() -> tuple[Document, list[GoldEntity]] | None:
        nonlocal n
        if not any(lines):
            return None
        n += 1
        doc_id = f"conll-dev-{n:04d}"
        text_parts: list[str] = []
        ents: list[GoldEntity] = []
        pos = 0
        for sent in _sentences(lines):
            cur: list[object] | None = None  # [label, start, end]
            for k, (tok, tag) in enumerate(sent):
                start = pos
                text_parts.append(tok)
                pos += len(tok)
                if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[0] != tag[2:])):
                    if cur is not None:
                        ents.append(_entity(doc_id, cur, text_parts))
                    cur = [tag[2:], start, pos]
                elif tag.startswith("I-") and cur is not None:
                    cur[2] = pos
                else:
                    if cur is not None:
                        ents.append(_entity(doc_id, cur, text_parts))
                    cur = None
                sep = " " if k + 1 < len(sent) else "\n"
                text_parts.append(sep)
                pos += 1
            if cur is not None:
                ents.append(_entity(doc_id, cur, text_parts))
        return Document(id=doc_id, text="".join(text_parts), published=PUBLISHED), ents

    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            if raw.startswith("-DOCSTART-"):
                got = flush()
                if got:
                    yield got
                lines = []
                continue
            lines.append(raw.split())
    got = flush()
    if got:
        yield got


def _sentences(lines: list[list[str]]) -> Iterator[list[tuple[str, str]]]:
    sent: list[tuple[str, str]] = []
    for cols in lines:
        if not cols:
            if sent:
                yield sent
            sent = []
        else:
            sent.append((cols[0], cols[-1]))
    if sent:
        yield sent


def _entity(doc_id: str, cur: list[object], parts: list[str]) -> GoldEntity:
    label, start, end = str(cur[0]), int(cur[1]), int(cur[2])  # type: ignore[call-overload]
    return GoldEntity(doc_id, label, "".join(parts)[start:end], start, end)


def _expected(entity: GoldEntity, lexicon: ActorLexicon) -> set[str] | None:
    """Country / body keys the entity's text names in the data, or None if it names nothing."""
    entries = lexicon.entries_for(entity.text)
    entries = tuple(e for e in entries if e.pattern_form in ("name", "seat", "org", "person"))
    if not entries:
        return None
    return {e.country or e.code[:3] for e in entries}


def score(
    gold: Sequence[tuple[GoldEntity, set[str]]], found: dict[str, Sequence[ActorMention]]
) -> EvalResult:
    c: Counter[str] = Counter()
    for ent, keys in gold:
        overlapping = [m for m in found.get(ent.doc, ()) if m.start < ent.end and ent.start < m.end]
        hit = bool(overlapping)
        right = any((m.actor.country or m.actor.code[:3]) in keys for m in overlapping)
        for scope in ("all", ent.label):
            c[f"{scope}_gold"] += 1
            c[f"{scope}_found"] += hit
            c[f"{scope}_coded"] += right
    metrics = {"recall": safe_ratio(c["all_found"], c["all_gold"])}
    metrics["recall_coded"] = safe_ratio(c["all_coded"], c["all_gold"])
    rows = []
    for label in TYPES:
        metrics[f"recall_{label}"] = safe_ratio(c[f"{label}_found"], c[f"{label}_gold"])
        rows.append(
            {
                "type": label,
                "in_data": c[f"{label}_gold"],
                "found": c[f"{label}_found"],
                "coded": c[f"{label}_coded"],
                "recall": safe_ratio(c[f"{label}_found"], c[f"{label}_gold"]),
                "recall_coded": safe_ratio(c[f"{label}_coded"], c[f"{label}_gold"]),
            }
        )
    return EvalResult(
        name=NAME,
        metrics=metrics,
        counts={"entities_in_data": c["all_gold"], "found": c["all_found"], "coded": c["all_coded"]},
        rows=rows,
        columns=list(rows[0]),
        notes=(
            "only gold PER/ORG/LOC entities whose exact text is a name in the actor data are scored",
            "found = an actor mention overlaps the entity; coded = and has that entry's country/body",
        ),
    )


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    path = data_dir / FILE
    if not path.is_file():
        return EvalResult.skip(NAME, f"file not found: {path}")
    lexicon = pipeline.resources["actors"]
    docs: list[Document] = []
    gold: list[tuple[GoldEntity, set[str]]] = []
    for doc, ents in read_conll(path):
        if limit is not None and len(docs) >= limit:
            break
        docs.append(doc)
        for ent in ents:
            if ent.label in TYPES:
                keys = _expected(ent, lexicon)
                if keys is not None:
                    gold.append((ent, keys))
    found = analyse_actors(pipeline, docs)
    return score(gold, found)
