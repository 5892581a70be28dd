"""Where an event happened: the place its trigger's clause puts it *in* or *at*.

A sentence often names several places ("officials from Moscow held talks with Iran
in Baku"); only one of them is where the event took place.  The rule: a place
mention in the event's sentence whose head is the object of a locative preposition
("in", "at", "near", "off" ...) that hangs, through nouns and prepositions only, off
the trigger ("held talks in Baku", "drills in the Caspian Sea", "the attack on the
embassy in Tehran", "met at a summit in Riyadh"), directly or as the name of the
noun there ("in the city of Fallujah", "in al-Tijara neighbourhood").  Origins and destinations ("from
Moscow", "to Paris") are not locations, nor is a place that is the event's source or
target actor unless a locative preposition introduces it.  The direct object of a
place-taking verb ("visited Baku", "captured the town of Huddur", "shelled Grozny")
is where the event happened.  When no place qualifies the event
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
# Verbs whose direct object is where the event happens ("visited Baku", "captured
# the town of Huddur", "shelled Grozny").
PLACE_OBJECT_VERBS = frozenset(
    [
        *("visit", "tour", "capture", "seize", "take", "retake", "recapture", "liberate", "enter"),
        *("storm", "overrun", "invade", "occupy", "besiege", "bomb", "shell", "attack", "raid"),
        *("strike", "hit", "destroy", "patrol", "control", "encircle", "surround", "evacuate"),
    ]
)
# Links from a place name to the noun it describes: "the town of Huddur", "the San
# Carlos municipality", "Lebanon's southern border", "the regional capital, Grozny".
ANCHOR_DEPS = frozenset({"compound", "poss", "appos", "nmod"})
PLACE_NOUNS = frozenset(
    [
        *("town", "city", "village", "hamlet", "neighbourhood", "neighborhood", "district", "quarter"),
        *("province", "governorate", "region", "area", "municipality", "county", "state", "territory"),
        *("capital", "port", "outskirts", "edge", "suburb", "suburbs", "countryside", "street", "square"),
        *("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"),
        *("centre", "center", "heart", "border", "camp", "island", "coast", "zone", "enclave", "valley"),
    ]
)
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


def _anchor(parsed: ParsedDocument, head: Token) -> tuple[Token, int]:
    """The place noun a place name describes, and how many links away: the "town" of
    "the town of Huddur", the "neighbourhood" of "al-Tijara neighbourhood", "Minsk" of
    "the Belarus capital Minsk".  The locative test is then made on that noun.  A
    possessive ("Syria's Aleppo province") counts as a further link, so that the
    container loses to the place inside it."""
    tok, steps = head, 0
    for _ in range(4):
        gov = parsed.tokens[tok.head]
        if tok.head == tok.i or gov.pos in VERBAL:
            break
        if tok.dep in ANCHOR_DEPS and (gov.pos == "PROPN" or gov.lemma.lower() in PLACE_NOUNS):
            steps += 2 if tok.dep == "poss" else 1
            tok = gov
        elif tok.dep == "pobj" and gov.text.lower() == "of" and gov.head != gov.i:
            noun = parsed.tokens[gov.head]
            if noun.lemma.lower() not in PLACE_NOUNS:
                break
            tok, steps = noun, steps + 1
        else:
            break
    return tok, steps


def _reaches(parsed: ParsedDocument, start: Token, trigger: set[int], limit: int = 8) -> int | None:
    """Climb from ``start`` towards the root; the number of steps when the trigger is
    reached before another clause's verb, or an origin/destination preposition, is
    passed, else None.  A verb coordinated with the trigger shares its place ("shot
    one and wounded five in Fallujah")."""
    tok = start
    for step in range(limit):
        if tok.i in trigger:
            return step
        if tok.pos in VERBAL and tok.dep != "xcomp":
            # Another clause's verb ends the climb, unless it is coordinated with the trigger.
            return step + 1 if tok.dep == "conj" and tok.head in trigger else None
        if tok.dep == "prep" and tok.text.lower() in NOT_LOCATIVE:
            return None  # "officials from the embassy in Tehran"
        if tok.head == tok.i:
            return None
        tok = parsed.tokens[tok.head]
    return None


def _locative(parsed: ParsedDocument, head: Token, trigger: set[int]) -> int | None:
    """Steps from the trigger when a locative preposition attached to it introduces
    this place, else None."""
    if head.dep != "pobj":
        return None
    prep = parsed.tokens[head.head]
    if prep.text.lower() not in LOCATIVE:
        return None
    if prep.text.lower() == "into" and parsed.tokens[prep.head].lemma not in ("fire", "launch"):
        return None
    return _reaches(parsed, parsed.tokens[prep.head], trigger)


def _visited(parsed: ParsedDocument, head: Token, trigger: set[int]) -> bool:
    """The direct object (or passive subject) of a place-taking trigger."""
    if head.dep not in ("dobj", "nsubjpass") or head.head not in trigger:
        return False
    return parsed.tokens[head.head].lemma.lower() in PLACE_OBJECT_VERBS


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
    best: tuple[tuple[int, ...], PlaceMention] | None = None
    for m in places:
        if m.sent != event.sentence:
            continue
        head = _head_token(parsed, m)
        if head is None or head.pos == "ADJ" or head.dep == "amod":
            continue  # a demonym ("Turkish") describes, it does not locate
        anchor, links = _anchor(parsed, head)
        steps = _locative(parsed, anchor, trig)
        if steps is not None:
            rank = 0
        elif _visited(parsed, anchor, trig) and not _overlaps(m, event.source):
            rank, steps = 1, 0
        else:
            continue
        distance = min(abs(head.i - i) for i in trig)
        key = (rank, _breadth(m), steps, links, distance)
        if best is None or key < best[0]:
            best = (key, m)
    return best[1] if best else None


def _breadth(m: PlaceMention) -> int:
    """Towns (and names too small for the gazetteer) before provinces, before
    countries and seas: "in the village of Ashmi ... in northern Syria" is Ashmi."""
    feature = m.place.feature if m.place else None
    if feature in (None, "city"):
        return 0
    if feature in ("country", "continent", "ocean", "sea", "region"):
        return 2
    return 1
