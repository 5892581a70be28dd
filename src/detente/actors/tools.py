"""Library functions behind ``detente actors lookup`` and ``detente actors unknown``.

Both help a curator: *lookup* shows how a name resolves (and every dictionary
entry that could have answered, with its dates and the file:line it came
from); *unknown* lists the people and organisations that spaCy finds in stored
documents but that resolved to no actor, most frequent first, so the data can
be extended where it matters.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.actors.document import find_mentions
from detente.actors.lexicon import ActorLexicon
from detente.model import Document

if TYPE_CHECKING:
    from spacy.language import Language

    from detente.nlp import NlpConfig
    from detente.store import Store

UNKNOWN_LABELS = frozenset({"PERSON", "ORG"})


@dataclass(frozen=True, slots=True)
class LookupRow:
    """One dictionary entry a name may stand for; ``chosen`` marks the one used on the date."""

    name: str
    code: str
    country: str | None
    sector: str | None
    office: str | None
    start: dt.date | None
    end: dt.date | None
    wikidata: str | None
    origin: str
    chosen: bool


def lookup_rows(lexicon: ActorLexicon, text: str, *, on: dt.date | None = None) -> list[LookupRow]:
    """Every entry ``text`` names (exact pattern, else a code or case-insensitive match)."""
    got = lexicon.resolve_text(text, on=on)
    entries = lexicon.entries_for(text)
    if got is None:
        actor = lexicon.lookup(text, on=on)
        if actor is None:
            return []
        return [
            LookupRow(
                actor.name,
                actor.code,
                actor.country,
                actor.sector,
                None,
                None,
                None,
                actor.wikidata,
                "",
                True,
            )
        ]
    chosen_entry, actor = got
    rows = []
    for e in entries:
        chosen = e is chosen_entry
        rows.append(
            LookupRow(
                e.name,
                actor.code if chosen else e.code,
                e.country,
                actor.sector if chosen else e.sector,
                e.office,
                e.start,
                e.end,
                e.wikidata,
                lexicon.origin(e),
                chosen,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class UnknownName:
    text: str
    label: str
    count: int
    example: str  # the first sentence it was seen in
    doc_id: str


def unknown_names(
    documents: Iterable[Document],
    *,
    lexicon: ActorLexicon,
    language: Language,
    nlp_config: NlpConfig,
    limit: int | None = 50,
) -> list[UnknownName]:
    """PERSON/ORG entities that no actor mention overlaps, by frequency (then text).

    Documents are parsed in the NLP stage's batches as they stream in, so a
    store of any size is read in constant memory (plus one counter per name).
    """
    from detente import nlp

    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for parsed in nlp.parse(documents, config=nlp_config, nlp=language):
        mentions = find_mentions(parsed, lexicon=lexicon, on=parsed.document.published)
        spans = [(m.start, m.end) for m in mentions]
        for ent in parsed.entities:
            if ent.label not in UNKNOWN_LABELS:
                continue
            if any(s < ent.end and ent.start < e for s, e in spans):
                continue
            key = (" ".join(ent.text.split()), ent.label)
            counts[key] += 1
            if key not in first:
                first[key] = (parsed.sentences[ent.sent].text.strip(), parsed.document.id)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if limit is not None:
        ranked = ranked[:limit]
    return [UnknownName(t, label, n, first[(t, label)][0], first[(t, label)][1]) for (t, label), n in ranked]


def stored_documents(path: str, *, batch: int = 256) -> Iterator[Document]:
    """Documents of a detente store, streamed in id order (read-only).

    The store is opened at the call, not at the first document: a store held by
    another process is reported at once, before the caller loads a language model."""
    from detente.store import Store

    return _stream(Store(path, read_only=True), batch)


def _stream(store: Store, batch: int) -> Iterator[Document]:
    try:
        cur = store.con.execute("SELECT id, text, published FROM documents ORDER BY id")
        while rows := cur.fetchmany(batch):
            for doc_id, text, published in rows:
                yield Document(id=str(doc_id), text=str(text), published=published)
    finally:
        store.close()


__all__ = ["LookupRow", "UnknownName", "lookup_rows", "stored_documents", "unknown_names"]
