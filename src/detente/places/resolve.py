"""Choosing which place a name means (first version: features, population, context).

Rules, in the order they weigh:
- a "Town, Qualifier" pattern ("Paris, Texas", "Paris, Tenn.", "Paris, France") keeps
  the candidates in the named state or country, and later bare mentions of the same
  name in the document inherit that choice;
- a country name is a country.  The one clash with a US state ("Georgia") is decided
  by the document: the country unless the other places of the document are in the
  United States rather than in Georgia (Tbilisi, Batumi ...);
- otherwise each candidate scores by feature (US state, continent, authored sea or
  region above any city) and, for cities, by log10(population); a candidate in a
  country that other unambiguous places of the document lie in gains, once more if
  it is also in their US state, and the dateline's country gains twice as much;
  GeoNames alternate names (often foreign spellings) lose.  The boosts are flat, not
  per mention, so five mentions of the United States do not send "Paris" to Texas;
  a Texas town in the same text does.
The mention's ``score`` is the recognition trust times the softmax share of the
winning candidate, so a lone clear name scores high and a toss-up scores low.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from detente.model import ParsedDocument, PlaceMention
from detente.places.gazetteer import ALIAS, ALTERNATE, Candidate, Gazetteer
from detente.places.recognize import Found

FEATURE_BASE = {"country": 10.0, "admin1": 6.5, "continent": 6.5}
AUTHORED_BASE = 6.5
KIND_PENALTY = {ALIAS: 0.3, ALTERNATE: 2.5}
UNRESOLVED_FACTOR = 0.3


@dataclass(frozen=True, slots=True)
class Weights:
    context: float = 1.5
    dateline: float = 3.0
    qualifier: float = 6.0
    margin: float = 1.0  # base-score lead that makes a name count as document context


def _base(c: Candidate, *, state_clash: bool) -> float:
    feature = c.entry.place.feature or ""
    if feature == "country" and state_clash:
        base = FEATURE_BASE["admin1"] + 0.1  # Georgia: context decides, country on a tie
    elif feature in FEATURE_BASE:
        base = FEATURE_BASE[feature]
    elif feature == "city":
        base = math.log10(max(c.entry.population, 10))
    else:
        base = AUTHORED_BASE
    return base - KIND_PENALTY.get(c.kind, 0.0)


def _candidates(gaz: Gazetteer, text: str) -> tuple[Candidate, ...]:
    cands = gaz.lookup(text)
    if not cands:
        low = text.lower()
        for short, full in (("st. ", "saint "), ("st ", "saint "), ("mt. ", "mount ")):
            if low.startswith(short):
                cands = gaz.lookup(full + text[len(short) :])
                break
    if not cands and ("." in text or len(text) <= 5):
        # A state abbreviation NER already called a place ("Springfield, Ill.", "W.Va").
        q = gaz.qualifier(text)
        if q is not None and q[1] is not None and q[1] in gaz.states:
            index = gaz.states[q[1]]
            cands = (Candidate(index, ALIAS, gaz.entry(index)),)
    return tuple(c for c in cands if c.entry.place.lat is not None)


def _qualifier(parsed: ParsedDocument, found: Found, gaz: Gazetteer) -> tuple[str, str | None] | None:
    """The state/country named right after "X," ("Paris, Texas", "Paris, Tenn.")."""
    toks = parsed.tokens
    i = found.token_end
    if i + 1 >= len(toks) or toks[i].text != "," or toks[i].sent != toks[found.token_start].sent:
        return None
    first = toks[i + 1]
    for width in (3, 2, 1):
        j = i + 1 + width
        if j > len(toks):
            continue
        text = parsed.document.text[first.start : toks[j - 1].end]
        if not text[:1].isupper():
            return None
        q = gaz.qualifier(text)
        if q is not None:
            return q
    return None


def _matches(c: Candidate, q: tuple[str, str | None]) -> bool:
    country, state = q
    place = c.entry.place
    if place.country != country:
        return False
    return state is None or c.entry.admin1 == state


def _clash(cands: tuple[Candidate, ...]) -> bool:
    feats = {c.entry.place.feature for c in cands if c.kind != ALTERNATE}
    return "country" in feats and "admin1" in feats


def _unambiguous(cands: tuple[Candidate, ...], *, margin: float) -> Candidate | None:
    """The candidate a name means whatever the context, if there is one: a country,
    the only candidate, or one that beats the runner-up by ``margin`` on its own
    (Atlanta, Georgia beats any other Atlanta by two orders of magnitude)."""
    if not cands or _clash(cands):
        return None
    ranked = sorted(cands, key=lambda c: _base(c, state_clash=False), reverse=True)
    if len(ranked) == 1 or ranked[0].entry.place.feature == "country":
        return ranked[0]
    gap = _base(ranked[0], state_clash=False) - _base(ranked[1], state_clash=False)
    return ranked[0] if gap >= margin else None


def resolve(
    parsed: ParsedDocument, found: list[Found], gaz: Gazetteer, *, weights: Weights
) -> tuple[PlaceMention, ...]:
    cands = [_candidates(gaz, f.text) for f in found]
    quals = [_qualifier(parsed, f, gaz) for f in found]

    # Pass 1: what the document says about where it is.
    countries: Counter[str] = Counter()
    states: Counter[str] = Counter()
    dateline_country: str | None = None
    fixed: dict[str, int] = {}  # lower-cased name -> entry chosen by a qualifier
    sure: list[Candidate | None] = []
    for f, cs, q in zip(found, cands, quals, strict=True):
        pick = _unambiguous(cs, margin=weights.margin)
        if q is not None:
            inside = [c for c in cs if _matches(c, q)]
            if inside:
                pick = max(inside, key=lambda c: _base(c, state_clash=False))
                fixed.setdefault(f.text.lower(), pick.index)
        sure.append(pick)
        if pick is None:
            continue
        if pick.entry.place.country:
            countries[pick.entry.place.country] += 1
        if pick.entry.admin1:
            states[pick.entry.admin1] += 1
        if f.origin == "dateline":
            dateline_country = pick.entry.place.country

    # Pass 2: score every candidate of every mention against that context.
    out: list[PlaceMention] = []
    for f, cs, q, pick in zip(found, cands, quals, sure, strict=True):
        if not cs:
            out.append(
                PlaceMention(f.text, f.start, f.end, f.sent, None, round(f.trust * UNRESOLVED_FACTOR, 3))
            )
            continue
        own_country = pick.entry.place.country if pick else None
        own_state = pick.entry.admin1 if pick else None
        clash = _clash(cs)
        scores: list[float] = []
        for c in cs:
            s = _base(c, state_clash=clash)
            place = c.entry.place
            n_country = countries[place.country] - (place.country == own_country)
            if place.country and n_country > 0:
                s += weights.context
            n_state = states[c.entry.admin1] - (c.entry.admin1 == own_state)
            if c.entry.admin1 and n_state > 0:
                s += weights.context
            if dateline_country and place.country == dateline_country and f.origin != "dateline":
                s += weights.dateline
            if q is not None:
                s += weights.qualifier if _matches(c, q) else -weights.qualifier
            elif fixed.get(f.text.lower()) == c.index:
                s += weights.qualifier
            scores.append(s)
        top = max(range(len(cs)), key=lambda k: scores[k])
        z = sum(math.exp(s - scores[top]) for s in scores)
        out.append(PlaceMention(f.text, f.start, f.end, f.sent, cs[top].entry.place, round(f.trust / z, 3)))
    return tuple(sorted(out, key=lambda m: (m.start, m.end)))
