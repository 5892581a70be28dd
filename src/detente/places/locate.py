"""Where an event happened: the place its trigger's clause puts it *in* or *at*.

A sentence often names several places ("officials from Moscow held talks with Iran
in Baku"); only one of them is where the event took place.  The rule: a place
mention in the event's sentence whose head is the object of a locative preposition
("in", "at", "near", "off" ...) that hangs, through nouns and prepositions only, off
the trigger ("held talks in Baku", "drills in the Caspian Sea", "the attack on the
embassy in Tehran", "met at a summit in Riyadh").  Origins and destinations ("from
Moscow", "to Paris") are not locations, nor is a place that is the event's source or
target actor unless a locative preposition introduces it.  A visit's direct object
("visited Baku") is where the visit happened.  When no place qualifies the event
keeps ``location=None``: a wrong place is worse than none.
"""

from __future__ import annotations

from detente.model import Event, ParsedDocument, PlaceMention, Token

LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "off",
        "within",
        "across",
        "throughout",
        "around",
        "along",
        "over",
        "aboard",
        "onboard",
        "into",
    ]
)
NOT_LOCATIVE = frozenset({"from", "to", "toward", "towards"})
VISIT_VERBS = frozenset({"visit", "tour"})
VERBAL = frozenset({"VERB", "AUX"})


def _head_token(parsed: ParsedDocument, mention: PlaceMention) -> Token | None:
    inside = [t for t in parsed.tokens if mention.start <= t.start < mention.end]
    if not inside:
        return None
    idx = {t.i for t in inside}
    for t in inside:
        if t.head not in idx or t.head == t.i:
            return t
    return inside[-1]


def _reaches(parsed: ParsedDocument, start: Token, trigger: set[int], limit: int = 8) -> bool:
    """Climb from ``start`` towards the root; True when the trigger is reached before
    another clause's verb, or an origin/destination preposition, is passed."""
    tok = start
    for _ in range(limit):
        if tok.i in trigger:
            return True
        if tok.pos in VERBAL and tok.dep != "xcomp":
            return False  # the phrase belongs to another clause
        if tok.dep == "prep" and tok.text.lower() in NOT_LOCATIVE:
            return False  # "officials from the embassy in Tehran"
        if tok.head == tok.i:
            return False
        tok = parsed.tokens[tok.head]
    return False


def _locative(parsed: ParsedDocument, head: Token, trigger: set[int]) -> bool:
    """Is this place introduced by a locative preposition attached to the trigger?"""
    if head.dep != "pobj":
        return False
    prep = parsed.tokens[head.head]
    if prep.text.lower() not in LOCATIVE:
        return False
    if prep.text.lower() == "into" and parsed.tokens[prep.head].lemma not in ("fire", "launch"):
        return False
    return _reaches(parsed, parsed.tokens[prep.head], trigger)


def _visited(parsed: ParsedDocument, head: Token, trigger: set[int]) -> bool:
    if head.dep != "dobj" or head.head not in trigger:
        return False
    return parsed.tokens[head.head].lemma.lower() in VISIT_VERBS


def _overlaps(mention: PlaceMention, other: object) -> bool:
    start = getattr(other, "start", None)
    end = getattr(other, "end", None)
    return start is not None and end is not None and mention.start < end and start < mention.end


def event_location(
    parsed: ParsedDocument, places: tuple[PlaceMention, ...], event: Event
) -> PlaceMention | None:
    """The place the event happened at, or None."""
    trig = {
        t.i
        for t in parsed.tokens
        if event.trigger.start <= t.start < event.trigger.end and t.sent == event.sentence
    }
    if not trig:
        return None
    best: tuple[int, PlaceMention] | None = None
    for m in places:
        if m.sent != event.sentence:
            continue
        head = _head_token(parsed, m)
        if head is None:
            continue
        if _locative(parsed, head, trig):
            rank = 0
        elif _visited(parsed, head, trig) and not _overlaps(m, event.source):
            rank = 1
        else:
            continue
        distance = min(abs(head.i - i) for i in trig)
        key = rank * 1000 + distance
        if best is None or key < best[0]:
            best = (key, m)
    return best[1] if best else None
