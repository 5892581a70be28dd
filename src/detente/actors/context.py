"""A country for actors whose role the text gives but not their state.

"Police fired tear gas", "President Abdelaziz Bouteflika said": the sentence
matcher knows the role (COP, GOV) but no state is attached to the words.  The
country is taken from context, precision first; the first rule that applies
decides, and an undecided actor keeps ``country: null`` and code = its sector:

1. the sentence: if the other mentions of the sentence name exactly one
   country, that one, unless that mention is the generic actor's opponent in
   the same clause ("Israeli troops killed three militants": the subject and
   the object of one verb, or of verbs joined by ``advcl``/``xcomp``/``conj``,
   are not the same side). A sentence that names two or more countries, or only
   an opponent, decides "unknown": a wider context would only guess;
2. the dateline ("TEHRAN, Iran (AP) --", "BAKU (Reuters) -"), when the
   sentence names no country;
3. the document's dominant country, when the sentence names no country: the
   country of at least two mentions and of at least twice as many as any other.

Whether a mention was already coded with a state ("Iranian police" -> IRNCOP,
"police in Iran" -> IRNCOP) is the matcher's business; this pass only fills
what it left open (``Found.needs_country``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from detente.actors.found import Found
from detente.actors.lexicon import ActorLexicon
from detente.actors.names import span_head
from detente.actors.placenames import place_country
from detente.model import ParsedDocument, Token

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLAUSE_LINKS = frozenset({"advcl", "xcomp", "conj", "pcomp"})
_VERBS = frozenset({"VERB", "AUX"})
_MAX_UP = 6
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'\- ]{2,30}?)\s*(?:,\s*(?P<country>[A-Z][A-Za-z.' ]{2,30}?)\s*)?"
    r"(?:\(|,|\u2014|\u2013|--| - |:)"
)
_DATELINE_FORMS = frozenset({"capital", "name"})
_ARMED = frozenset({"MIL", "REB", "UAF", "IMG"})
_FORCES = frozenset({"MIL", "UAF"})
_WHERE = frozenset({"in", "at", "near", "throughout", "across", "inside", "outside", "around"})


def _side(toks: tuple[Token, ...], head: int) -> tuple[int, str] | None:
    """(governing verb, "s" or "o"): which side of which clause a mention's head is on,
    judged by the dependent that attaches the mention's phrase to its verb."""
    t = toks[head]
    for _ in range(_MAX_UP):
        if t.head == t.i:
            return None
        parent = toks[t.head]
        if t.dep == "pobj" and parent.text.lower() in _WHERE:
            return None  # "demonstrated in Serbia": where it happened, not a side
        if parent.pos in _VERBS:
            side = "s" if t.dep in _SUBJ or t.dep == "agent" else "o"
            verb = parent
            while verb.dep in _CLAUSE_LINKS and verb.head != verb.i and toks[verb.head].pos in _VERBS:
                verb = toks[verb.head]
            return verb.i, side
        t = parent
    return None


def _opposed(toks: tuple[Token, ...], a: Found, b: Found) -> bool:
    sa = _side(toks, span_head(toks, a.start, a.end))
    sb = _side(toks, span_head(toks, b.start, b.end))
    return sa is not None and sb is not None and sa[0] == sb[0] and sa[1] != sb[1]


def _adversary(f: Found, g: Found) -> bool:
    """Whether ``g``, on the other side of ``f``'s clause, says ``f`` is foreign to it.

    Armed actors and whole states act across borders ("Israeli troops killed three
    militants", "Israel killed three militants": the militants are not Israeli),
    so opposing them says nothing of ``f``'s country.  A government, police, court
    or parliament mostly deals with its own people ("the Mozambique government
    accepted demands from rebels", "Egyptian police dispersed demonstrators").  A
    titled person ("President X") is opposed only by armed forces of a state: a
    president named beside one country in a sentence is that country's, and rebels
    mostly rise against their own president.
    """
    sector = g.actor.sector
    if f.actor.kind == "person":
        return sector in _FORCES
    return sector is None or sector in _ARMED


def dateline_country(doc: ParsedDocument, lexicon: ActorLexicon) -> str | None:
    """The country of a wire-style dateline at the start of the text, if any."""
    m = _DATELINE.match(doc.document.text[:80])
    if m is None:
        return None
    for part in (m.group("city"), m.group("country")):
        if not part:
            continue
        for text in (part.strip(), part.strip().title()):
            for entry in lexicon.entries_for(text):
                if entry.pattern_form in _DATELINE_FORMS and entry.country:
                    return entry.country
        got = place_country(part.strip().title().split(), lexicon)  # "KIRKUK (AP) --": any city
        if got is not None:
            return got
    return None


def _dominant(found: list[Found]) -> str | None:
    counts = Counter(f.actor.country for f in found if f.actor.country and not f.needs_country)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if n >= 2 and (not rest or n >= 2 * rest[0][1]):
        return top
    return None


def assign_countries(doc: ParsedDocument, found: list[Found], *, lexicon: ActorLexicon) -> list[Found]:
    """``found`` with a country given, where context allows, to actors that need one."""
    if not any(f.needs_country for f in found):
        return found
    toks = doc.tokens
    by_sent: dict[int, list[Found]] = {}
    for f in found:
        if f.actor.country and not f.needs_country and not f.anaphor:
            by_sent.setdefault(f.sent, []).append(f)
    wider: str | None = dateline_country(doc, lexicon) or _dominant(found)
    out = []
    for f in found:
        if not f.needs_country:
            out.append(f)
            continue
        named = by_sent.get(f.sent, [])
        countries = {g.actor.country for g in named}
        country: str | None = None
        if not named:
            country = wider
        elif len(countries) == 1 and not any(_opposed(toks, f, g) and _adversary(f, g) for g in named):
            country = next(iter(countries))
        if country is None:
            out.append(f)
            continue
        actor = replace(f.actor, country=country, code=country + (f.actor.sector or ""))
        out.append(replace(f, actor=actor, needs_country=False))
    return out


__all__ = ["assign_countries", "dateline_country"]
