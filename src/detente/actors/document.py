"""All actor mentions of one document: sentences first, then the document passes.

Each sentence is matched on its own (``matcher.py``); what needs the whole
document comes after, in this order: a country for roles found without one
(``context.py``), then coreference of bare names and titles (``coref.py``), so
that "the president" copies an antecedent whose country context supplied.
Everything is per document and deterministic: no state survives the call.
"""

from __future__ import annotations

import datetime as dt

from detente.actors.context import assign_countries
from detente.actors.coref import corefer
from detente.actors.found import Found
from detente.actors.lexicon import ActorLexicon, norm
from detente.actors.matcher import SentenceMatcher
from detente.actors.names import span_head
from detente.actors.placenames import place_spans
from detente.model import ActorMention, ParsedDocument


def _mention(doc: ParsedDocument, f: Found) -> ActorMention:
    toks = doc.tokens
    start, end = toks[f.start].start, toks[f.end - 1].end
    return ActorMention(
        text=doc.document.text[start:end],
        start=start,
        end=end,
        sent=toks[f.start].sent,
        token_start=f.start,
        token_end=f.end,
        head=span_head(toks, f.start, f.end),
        actor=f.actor,
    )


def token_key(text: str) -> str:
    """A token's index key: folded, and with underscores dropped where they join
    words of pre-tokenised text ("Dol_Amroth" meets the name "Dol Amroth")."""
    key = norm(text)
    if "_" in key and key.strip("_"):
        key = key.replace("_", "")
    return key


def find_found(doc: ParsedDocument, *, lexicon: ActorLexicon, on: dt.date | None = None) -> list[Found]:
    """The composed mentions of ``doc`` before they become ActorMentions (for tools and tests)."""
    tokens = doc.tokens
    keys = [token_key(t.text) for t in tokens]
    lowers = [k.lower() for k in keys]
    ents = [-1] * len(tokens)
    for n, e in enumerate(doc.entities):
        for t in range(e.token_start, min(e.token_end, len(tokens))):
            ents[t] = n
    places = place_spans(doc, keys, lexicon=lexicon)
    found: list[Found] = []
    for n, sent in enumerate(doc.sentences):
        if sent.token_end > sent.token_start:
            found.extend(SentenceMatcher(doc, keys, lowers, ents, lexicon, on, n, places=places).compose())
    found = assign_countries(doc, found, lexicon=lexicon)
    return corefer(doc, keys, found)


def find_mentions(
    doc: ParsedDocument, *, lexicon: ActorLexicon, on: dt.date | None = None
) -> tuple[ActorMention, ...]:
    """All actor mentions of ``doc``, in text order, resolved at date ``on``."""
    found = find_found(doc, lexicon=lexicon, on=on)
    out = [_mention(doc, f) for f in found if not f.anaphor]
    out.sort(key=lambda m: m.start)
    return tuple(out)


__all__ = ["find_found", "find_mentions", "token_key"]
