"""What the words around a place name say about which place it is.

Two readings that the name alone cannot give:
- a list: "Mexico, China, Japan and Brazil" or "Oregon, Washington and Idaho" is a
  list of countries or states, not "the town of China in Japan" or "the town of
  Oregon in Washington", so the "Town, Qualifier" pattern does not apply there
  (:func:`listed`);
- a US state said to be one: "Washington state", "the state of Washington", or a
  state's name among other states' names in a list ("Utah, Washington and
  Wisconsin") is the state, even where the bare name would be its great namesake
  city (:func:`state_reading`).
"""

from __future__ import annotations

from collections.abc import Sequence

from detente.model import ParsedDocument
from detente.places.gazetteer import ALTERNATE, PRIMARY, Candidate, Gazetteer
from detente.places.recognize import Found

LIST_WORDS = frozenset({",", "and", "or", "&"})


def _continues(parsed: ParsedDocument, end: int) -> bool:
    """Whether the text after token ``end`` goes on with a list: "and"/"or", or a
    comma and a capitalised word ("Oregon, Washington, Idaho")."""
    toks = parsed.tokens
    if end >= len(toks):
        return False
    if toks[end].text.lower() in ("and", "or", "&"):
        return True
    return toks[end].text == "," and end + 1 < len(toks) and toks[end + 1].text[:1].isupper()


def _is_us_state(c: Candidate) -> bool:
    return c.kind == PRIMARY and c.entry.place.feature == "admin1" and c.entry.place.country == "USA"


def listed(parsed: ParsedDocument, found: Found, end: int, gaz: Gazetteer, q: tuple[str, str | None]) -> bool:
    """Whether "X, Y" after a country's or US state's name X is a list, not a town
    X in Y (``end``: the token just past Y): another country after a country's name
    ("Mexico, China, Japan"), or a state the list goes on after ("Oregon, Washington
    and Idaho").  "Lebanon, Pa." and "California, Pa., police" stay towns."""
    names = gaz.lookup(found.text)
    countries = {
        c.entry.place.country for c in names if c.kind != ALTERNATE and c.entry.place.feature == "country"
    }
    state = any(_is_us_state(c) for c in names)
    if countries and q[1] is None and q[0] not in countries:
        return True
    return (bool(countries) or state) and q[1] is not None and _continues(parsed, end)


def _said_state(parsed: ParsedDocument, found: Found) -> bool:
    """ "Washington state", "the state of Washington" (or a span NER made of them)."""
    if found.text.endswith(" state") or found.text.lower().startswith("state of "):
        return True
    toks = parsed.tokens
    after = toks[found.token_end].text if found.token_end < len(toks) else ""
    before = [t.text.lower() for t in toks[max(0, found.token_start - 2) : found.token_start]]
    return after == "state" or before == ["state", "of"]


def _list_neighbour(parsed: ParsedDocument, a: Found, b: Found) -> bool:
    """Whether ``a`` and then ``b`` are next to each other in a list ("A, B", "A and B")."""
    if a.sent != b.sent or a.token_end >= b.token_start:
        return False
    between = parsed.tokens[a.token_end : b.token_start]
    return all(t.text.lower() in LIST_WORDS for t in between)


def state_reading(
    parsed: ParsedDocument,
    found: Sequence[Found],
    k: int,
    cands: tuple[Candidate, ...],
    looked: Sequence[tuple[tuple[Candidate, ...], bool]],
) -> tuple[Candidate, ...]:
    """The candidates of ``found[k]``, narrowed to its US state when the words say
    it is the state: "Washington state", "the state of Washington", or a list whose
    neighbouring item is another US state."""
    states = tuple(c for c in cands if _is_us_state(c))
    if not states or len(states) == len(cands):
        return cands
    f = found[k]
    if _said_state(parsed, f):
        return states
    for j in (k - 1, k + 1):
        if not 0 <= j < len(found) or found[j].text == f.text:
            continue
        a, b = (found[j], f) if j < k else (f, found[j])
        if _list_neighbour(parsed, a, b) and any(_is_us_state(c) for c in looked[j][0]):
            return states
    return cands
